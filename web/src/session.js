// session.js — who is logged in (GET /api/v1/session), what the role may do,
// the units, and the periods the screens open on (GET /api/v1/periods).
import { reactive } from 'vue';
import { del, get, post, setCsrf } from './api.js';
import { can as canRole } from './access.js';

export const session = reactive({
  ready: false,
  user: null,
  periods: null,
  units: [],
});

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
    const r = await get('/session', null, { allow401: true });
    session.user = r.user;
    setCsrf(r.csrf);
    await loadContext();
  } catch {
    session.user = null;
    hint(false);
  }
  session.ready = true;
}

export async function login(username, password) {
  const r = await post('/session', { username, password }, { allow401: true });
  setCsrf(r.csrf);
  session.user = r.user;
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

export function can(resource, action = 'read') {
  return !!session.user && canRole(session.user.role, resource, action);
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
