// audit.js — an audit entry's before/after rows as a list of readable
// changes: labels in the UI's language, money in 万元, units by name.
import { session } from './session.js';
import { fmtWan } from './format.js';
import { tOr } from './i18n.js';

const LABELS = {
  name: 'projects.name', ref: 'projects.ref', code: 'projects.code', company: 'projects.company',
  uscc: 'projects.uscc', leader: 'projects.leader', industry: 'projects.industry',
  commando: 'projects.commando', section_id: 'projects.section', department_id: 'projects.department',
  industrial: 'projects.industrial', attracted_by: 'projects.attracted_by',
  total_investment: 'projects.total_investment', capacity: 'projects.capacity',
  land_mu_e4: 'projects.land_mu', energy_tce_e4: 'projects.energy_tce',
  planned_start: 'projects.planned_start', planned_completion: 'projects.planned_completion',
  planned_production: 'projects.planned_production', signed_on: 'projects.signed_on',
  filed_on: 'projects.filed_on', started_on: 'projects.started_on', completed_on: 'projects.completed_on',
  production_on: 'projects.production_on', capacity_on: 'projects.capacity_on',
  land_on: 'projects.land_on', permit_on: 'projects.permit_on',
  invest: 'reports.invest', output: 'reports.output', progress: 'reports.progress',
  problems: 'reports.problems', status: 'reports.status', annual_plan: 'projects.annual_plan',
  tiers: 'projects.tiers',
  // accounts (entity user): src/store/sqlite_accounts.c and sqlite_account_admin.c
  role: 'users.role', unit_id: 'users.unit', disabled: 'users.status',
  display_name: 'users.displayName', password: 'password.title',
  sessions: 'users.auditSessions', tokens: 'users.auditTokens',
  // an import's entry (src/store/audit_batch.c): its counts
  rows: 'audit.importRows', inserted: 'audit.importInserted', updated: 'audit.importUpdated',
  unchanged: 'audit.importUnchanged',
  // ui14 (issue #14 item 10): a project's place; the map's boundary
  lng_e6: 'map.lng', lat_e6: 'map.lat', geojson: 'map.auditFile', uploaded_by: 'map.uploadedBy',
  uploaded_at: 'map.uploadedAt',
  // revenue sharing and industrial funds (src/store/sqlite_sharing.c)
  landed_on: 'sharing.landedOn', tax: 'sharing.tax', year: 'sharing.year',
  landed_in: 'sharing.landedIn', nth_from: 'sharing.nthFromField', nth_to: 'sharing.nthToField',
  valid_from: 'sharing.validFromField', valid_to: 'sharing.validToField',
  street_permille: 'sharing.streetPermille', manager: 'fundRegistry.manager',
  capital: 'fundRegistry.capitalWan', registered_on: 'fundRegistry.registeredOn',
  focus: 'fundRegistry.focus', brought_by: 'fundRegistry.broughtBy',
};
const MONEY = new Set(['total_investment', 'capacity', 'invest', 'output', 'annual_plan', 'annual_plan_yuan',
  'amount', 'approved', 'yuan', 'capital', 'tax']);
const SKIP = new Set(['id', 'project_id', 'version', 'hash', 'prev_hash', 'file', 'chunk', 'parts']);

function show(key, v, t, entity) {
  if (v === null || v === undefined || v === '') return '—';
  if (MONEY.has(key)) return fmtWan(v, true);
  if (key.endsWith('_e4')) return String(v / 10000);
  if (key.endsWith('_e6')) return String(v / 1000000);
  if (key === 'geojson' && typeof v === 'object') return t('map.auditBytes', { n: v.bytes });
  if (key === 'role') return t('roles.' + v);
  if (key === 'disabled') return v ? t('users.disabled') : t('users.active');
  if (key === 'password') return t('users.passwordHow.' + v);
  if (key === 'tokens' && Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if ((key === 'unit_id' || key === 'owner_id' || key === 'brought_by' || key === 'landed_in') && !v) return '—';
  // h-leads: a lead's units, stage and log kind in words
  if (key === 'stage' && String(entity).startsWith('lead')) return tOr('leads.stages.' + v, String(v));
  if (key === 'kind' && entity === 'lead_log') return tOr('audit.leadLog.' + v, String(v));
  if (key === 'project_id' && entity === 'lead' && !v) return '—';
  if (key === 'found_by' || key === 'followed_by') {
    const u = session.units.find((x) => x.id === v);
    return u ? u.name : String(v);
  }
  if (key === 'section_id' || key === 'department_id' || key === 'unit_id' || key === 'owner_id' ||
      key === 'brought_by' || key === 'landed_in') {
    const u = session.units.find((x) => x.id === v);
    return u ? u.name : String(v);
  }
  // element guarantees and demolition task books
  if (entity === 'supply' && key === 'element') return tOr('guarantees.elements.' + v, String(v));
  if (entity === 'supply' && key === 'kind') return tOr('guarantees.kinds.' + v, String(v));
  if (entity === 'demolition_task' && key === 'measure') return tOr('demolition.measures.' + v, String(v));
  if (key === 'status' && String(entity).startsWith('item')) return tOr('items.states.' + v, String(v));
  if (key === 'status' && entity === 'change_request') return tOr('changes.statuses.' + v, String(v));
  if (key === 'kind' && entity === 'change_request') return tOr('changes.kinds.' + v, String(v));
  // policy fulfilment (h-funds)
  if (key === 'status' && entity === 'application') return tOr('funds.statuses.' + v, String(v));
  if (key === 'kind' && entity === 'policy') return tOr('funds.kinds.' + v, String(v));
  if (key === 'kind' && entity === 'workday') return tOr('funds.dayKinds.' + v, String(v));
  if (['apply_owner_id', 'verify_owner_id', 'consult_owner_id', 'pay_owner_id'].includes(key)) {
    const u = session.units.find((x) => x.id === v);
    return u ? u.name : String(v);
  }
  if (key === 'status') return tOr('reports.statuses.' + v, String(v));
  if (key === 'category') return tOr('items.categories.' + v, String(v));
  if (key === 'level' && String(entity).startsWith('item')) return tOr('items.levels.' + v, String(v));
  if (key === 'kind' && entity === 'item_step') return tOr('items.actions.' + v, String(v));
  if (key === 'kind' && entity === 'visit') return tOr('visits.kinds.' + v, String(v)); // visits
  if (key === 'industrial') return v ? t('app.yes') : t('app.no');
  if (key === 'measure') return tOr('measures.' + v, String(v));
  if (key === 'tier') return tOr('tiers.' + v, String(v));
  if (key === 'tiers' && Array.isArray(v)) return v.map((x) => tOr('tiers.' + x, String(x))).join('、');
  if (Array.isArray(v) && v.every((x) => typeof x === 'number') && key.includes('plan')) return v.map((x) => fmtWan(x, true)).join(' / ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A field's label: a page's own word for it, else audit.fields.* (a field
 * not known yet shows its name, and the UI tests report it). */
function fieldLabel(k, t, entity) {
  if (entity === 'map_boundary' && k === 'name') return t('map.auditName');
  return LABELS[k] ? t(LABELS[k]) : tOr('audit.fields.' + k, k);
}

/** An audit entry's action and entity in words. */
export function auditAction(a) {
  return tOr('audit.actions.' + a, a);
}
export function auditEntity(e) {
  return tOr('audit.entities.' + e, e);
}

/** An entry's key in words where it is made of codes: an indicator's is
 * measure/unit id/month. */
export function auditKey(entry) {
  if (entry.entity === 'indicator') {
    const [m, unit, month] = String(entry.key).split('/');
    const u = session.units.find((x) => String(x.id) === unit);
    return [tOr('measures.' + m, m), u ? u.name : unit === '0' ? tOr('indicators.wholeDistrict', '') : unit, month].join(' · ');
  }
  return entry.key;
}

/** [{key, label, before, after}] of the fields an entry changed (for an
 * insert: its name or a few key fields). */
export function auditChanges(entry, t) {
  const b = entry.before && typeof entry.before === 'object' ? entry.before : {};
  const a = entry.after && typeof entry.after === 'object' ? entry.after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SKIP.has(k));
  const out = [];
  for (const k of keys) {
    if (!entry.before && !['name', 'invest', 'status', 'annual_plan', 'role', 'sessions', 'tokens',
      'rows', 'inserted', 'updated', 'unchanged'].includes(k)) continue;
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    out.push({ key: k, label: fieldLabel(k, t, entry.entity), before: show(k, b[k], t, entry.entity), after: show(k, a[k], t, entry.entity) });
  }
  return out;
}
