// funds.js — money in and out of the fund pages: the API's integer yuan shown
// as 万元 (a unit's display, not a figure: no sum, no rate), and a 万元 entry
// turned into integer yuan exactly (up to 4 decimals, no floating point).

/** Integer yuan as 万元 text: 1234567 → "123.4567", 1000000 → "100". */
export function wan(yuan) {
  if (yuan === null || yuan === undefined) return '—';
  const neg = yuan < 0;
  const s = String(Math.abs(yuan)).padStart(5, '0');
  const whole = s.slice(0, -4).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = s.slice(-4).replace(/0+$/, '');
  return (neg ? '-' : '') + whole + (frac ? '.' + frac : '');
}

/** A 万元 entry ("12.5", "12,000") as integer yuan; null when it is not one. */
export function yuanOf(text) {
  const m = /^\s*(\d{1,11})(?:\.(\d{1,4}))?\s*$/.exec(String(text || '').replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 10000 + Number((m[2] || '').padEnd(4, '0'));
}
