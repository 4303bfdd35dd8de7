// measures.js — the measures a target may be set on, with their kind, as
// src/core/model.c's measure_info: a rate (0..1, entered as a percentage), a
// count, or money (integer yuan, entered in 万元). Indicators are figures from
// the statistics bureau rather than computed from the projects.
export const MEASURES = [
  { key: 'start_rate', kind: 'rate' },
  { key: 'due_start_attainment', kind: 'rate' },
  { key: 'filing_rate', kind: 'rate' },
  { key: 'start_rate_of_filed', kind: 'rate' },
  { key: 'investment_completion', kind: 'rate' },
  { key: 'production_rate', kind: 'rate' },
  { key: 'capacity_rate', kind: 'rate' },
  { key: 'new_starts', kind: 'count' },
  { key: 'completions', kind: 'count' },
  { key: 'investment_yuan', kind: 'money' },
  { key: 'annual_plan_yuan', kind: 'money' },
  { key: 'fixed_asset_investment_yuan', kind: 'money', indicator: true },
  { key: 'industrial_investment_yuan', kind: 'money', indicator: true },
  { key: 'industrial_value_added_growth', kind: 'rate', indicator: true },
  { key: 'industrial_funds', kind: 'count', indicator: true },
  { key: 'industrial_funds_capital_yuan', kind: 'money', indicator: true },
];

const BY_KEY = Object.fromEntries(MEASURES.map((m) => [m.key, m]));

/** 'rate' | 'count' | 'money' for a measure key (unknown keys: by their name). */
export function measureKind(key) {
  if (BY_KEY[key]) return BY_KEY[key].kind;
  if (key.endsWith('_yuan')) return 'money';
  return /rate|attainment|growth/.test(key) ? 'rate' : 'count';
}

/** A percentage as typed ('85', '85.5', '-2.5', '85%') → the API's "85.5%";
 * undefined when it is not one (at most 2 decimals, as the server takes). */
export function percentText(text) {
  const s = String(text ?? '').trim().replace(/%$/, '').trim();
  if (!/^-?\d{1,4}(\.\d{1,2})?$/.test(s)) return undefined;
  return s + '%';
}
