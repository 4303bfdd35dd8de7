// format.js — numbers as a district office reads them: money from integer yuan
// to 万元 / 亿元, rates to 0.1 %, "—" for what is undefined; and the exact
// conversion of a 万元 input (at most 4 decimals) back to integer yuan. The
// figures themselves (stages, pace, targets, ranks) come from the API.
export const DASH = '—';

const nf = (digits) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: digits });
const nf0 = nf(0);
const nf2 = nf(2);
const nf4 = nf(4);

export function fmtInt(n) {
  return n === null || n === undefined ? DASH : nf0.format(n);
}

/** 万元 with up to 2 decimals (or 4 with exact), from yuan. */
export function fmtWan(yuan, exact = false) {
  if (yuan === null || yuan === undefined) return DASH;
  return (exact ? nf4 : nf2).format(yuan / 10000);
}

/** 亿元 with 2 decimals, from yuan. */
export function fmtYi(yuan) {
  if (yuan === null || yuan === undefined) return DASH;
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(yuan / 1e8);
}

/** A rate 0..1 (or null) as "88.9%". */
export function fmtRate(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH;
  return (Math.round(v * 1000) / 10).toFixed(1) + '%';
}

/** '1234.5' (万元, ≤ 4 decimals, not negative) → integer yuan; null when blank;
 * undefined when not a valid amount. Exact: no floating point. */
export function wanToYuan(text) {
  if (text === null || text === undefined) return null;
  const s = String(text).trim().replace(/,/g, '');
  if (s === '') return null;
  const m = /^(\d+)(?:\.(\d{0,4}))?$/.exec(s);
  if (!m) return undefined;
  const yuan = Number(m[1]) * 10000 + Number((m[2] || '').padEnd(4, '0'));
  return Number.isSafeInteger(yuan) ? yuan : undefined;
}

/** Integer yuan → '1234.5' (万元, exact, no grouping), '' for null. */
export function yuanToWan(yuan) {
  if (yuan === null || yuan === undefined) return '';
  const neg = yuan < 0;
  const a = Math.abs(yuan);
  const frac = String(a % 10000).padStart(4, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + Math.floor(a / 10000) + (frac ? '.' + frac : '');
}

/** The tiers, and the stages in order: the keys of the API's filters (each
 * project's stage and the dates it reached them come from the API). */
export const TIERS = ['province', 'city', 'district'];
export const STAGES = ['signed', 'filed', 'started', 'completed', 'production', 'capacity'];

export function daysBetween(a, b) {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

/** '2024-06' → '2024-05' (January → December of the year before). */
export function prevMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** An ISO time (UTC) as the browser's local 'YYYY-MM-DD HH:MM'. */
export function localTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A size in bytes as '214 KB' / '1.1 MB'. */
export function fmtBytes(n) {
  if (n === null || n === undefined) return DASH;
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}
