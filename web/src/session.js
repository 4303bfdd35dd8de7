// session.js — who is logged in (GET /api/v1/session), what the role may do
// (the server's "may", from src/core/access.c: the UI keeps no matrix), the
// roles, the units, and the periods the screens open on (GET /api/v1/periods).
import { reactive } from 'vue';
import { del, get, post, setCsrf } from './api.js';

export const session = reactive({
  ready: false,
  user: null,
  roles: [],
  periods: null,
  units: [],
});

function signedIn(r) {
  session.user = r.user;
  session.roles = r.roles || [];
  setCsrf(r.csrf);
}

async function loadContext() {
  const [periods, units] = await Promise.all([get('/periods'), get('/units')]);
  session.periods = periods;
  session.units = units.items;
}

/** Restore the session from the cookie, once per page load. */
const HINT = 'ballast.session';
function hint(on) {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    /* storage blocked */
  }
}
function hinted() {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}

/** Restore the session from the cookie, once per page load. The cookie is
 * HttpOnly, so a hint in localStorage says whether to ask at all (a browser
 * that never logged in would only log a 401 to its console). */
export async function restore() {
  if (!hinted()) {
    session.ready = true;
    return;
  }
  try {
    signedIn(await get('/session', null, { allow401: true }));
    await loadContext();
  } catch {
    session.user = null;
    hint(false);
  }
  session.ready = true;
}

export async function login(username, password) {
  signedIn(await post('/session', { username, password }, { allow401: true }));
  hint(true);
  await loadContext();
}

export async function logout() {
  try {
    await del('/session');
  } finally {
    session.user = null;
    setCsrf(null);
    hint(false);
  }
}

export function sessionEnded() {
  session.user = null;
  hint(false);
}

/** can('reports', 'verify'): whether the server says the user's role may.
 * It only hides buttons and pages; the server decides in the end. */
export function can(resource, action = 'read') {
  const acts = session.user && session.user.may && session.user.may[resource];
  return !!acts && acts.includes(action);
}

/** Whether role key r is bound to a unit (section, department). */
export function roleNeedsUnit(r) {
  const role = session.roles.find((x) => x.key === r);
  return !!role && role.needs_unit;
}

export function sections() {
  return session.units.filter((u) => u.kind === 'section' || u.kind === 'street');
}
export function departments() {
  return session.units.filter((u) => u.kind === 'department');
}
export function unitName(code) {
  const u = session.units.find((x) => x.code === code);
  return u ? u.name : code;
}

/** The period a screen opens on: ?year & ?asof of the route, else the default. */
export function period(query) {
  const d = (session.periods && session.periods.default) || {};
  const year = Number(query.year) || d.year || new Date().getFullYear();
  let asof = query.asof || (year === d.year ? d.asof : `${year}-12-31`);
  if (!query.asof && year !== d.year && session.periods && session.periods.today.startsWith(String(year)))
    asof = session.periods.today;
  return { year, asof };
}
