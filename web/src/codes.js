// codes.js — the unified social credit code's check character (GB 32100-2015,
// DOMAIN.md §3), as src/core/codes.c checks it; a wrong one is a warning.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function usccValid(s) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return false;
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += ALPHABET.indexOf(s[i]) * w;
    w = (w * 3) % 31;
  }
  const c = (31 - (sum % 31)) % 31;
  return ALPHABET[c] === s[17];
}
