// access.js — who may do what, mirroring src/core/access.c's matrix, so the UI
// offers only what a role may do. The server decides in the end: this only
// hides buttons and pages.
const R = 1;
const W = 2;
const V = 4;

const MATRIX = {
  admin: {
    units: R | W, projects: R | W, listings: R | W, reports: R | W | V, targets: R | W,
    measures: R, warnings: R, users: R | W, audit: R, import: W, settings: R | W, bulletins: R | V,
    indicators: R | W, items: R | W | V,
  },
  coordinator: {
    units: R, projects: R | W, listings: R | W, reports: R | W | V, targets: R | W, measures: R,
    warnings: R, import: W, settings: R, bulletins: R | V, indicators: R | W, items: R | W | V,
  },
  section: {
    units: R, projects: R | W, listings: R, reports: R | W, targets: R, measures: R, warnings: R,
    bulletins: R, indicators: R, items: R | W,
  },
  department: {
    units: R, projects: R, listings: R, reports: R, targets: R, measures: R, warnings: R, bulletins: R,
    indicators: R, items: R | W,
  },
  leader: {
    units: R, projects: R, listings: R, reports: R, targets: R, measures: R, warnings: R, bulletins: R,
    indicators: R, items: R,
  },
  auditor: {
    units: R, projects: R, listings: R, reports: R, targets: R, measures: R, warnings: R, audit: R,
    settings: R, bulletins: R, indicators: R, items: R,
  },
};
const ACT = { read: R, write: W, verify: V };

export const ROLES = Object.keys(MATRIX);

/** can('coordinator', 'reports', 'verify') → true */
export function can(role, resource, action = 'read') {
  const row = MATRIX[role];
  return !!(row && row[resource] && row[resource] & ACT[action]);
}

/** Roles bound to a unit (section, department): they see their own rows. */
export function roleNeedsUnit(role) {
  return role === 'section' || role === 'department';
}
