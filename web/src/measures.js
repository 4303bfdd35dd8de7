// measures.js — reading a rate target as typed. The measures a target may be
// set on, with their kind, come from the API (GET /targets: "measures").

/** A percentage as typed ('85', '85.5', '-2.5', '85%') → the API's "85.5%";
 * undefined when it is not one (at most 2 decimals, as the server takes). */
export function percentText(text) {
  const s = String(text ?? '').trim().replace(/%$/, '').trim();
  if (!/^-?\d{1,4}(\.\d{1,2})?$/.test(s)) return undefined;
  return s + '%';
}
