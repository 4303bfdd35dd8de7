// i18n.js — Chinese first (zh-CN), English on request; the choice is kept in
// localStorage and applies to Element Plus's own texts too.
import { createI18n } from 'vue-i18n';
import zhCN from './i18n/zh-CN.js';
import en from './i18n/en.js';

const KEY = 'ballast.locale';
export const LOCALES = ['zh-CN', 'en'];

function initial() {
  try {
    const v = localStorage.getItem(KEY);
    if (LOCALES.includes(v)) return v;
  } catch {
    /* storage blocked */
  }
  return 'zh-CN';
}

/** Every key asked for that a language lacks, as "locale:key" (the UI
 * tests read window.__i18nMissing and fail on any). */
export const missingKeys = [];
if (typeof window !== 'undefined') window.__i18nMissing = missingKeys;
function recordMissing(locale, key) {
  // Element Plus renders a table column's slot once with an empty row to
  // find its children: keys made from that row end in "undefined" and are
  // never shown (a shown one is caught on the screen by the UI tests).
  if (String(key).endsWith('.undefined')) return;
  const k = `${locale}:${key}`;
  if (!missingKeys.includes(k)) missingKeys.push(k);
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => {
    recordMissing(locale, key);
  },
});

/** The message of key, or fallback (recorded as missing) when the current
 * language has none: for keys made from the server's data (an audit field),
 * so that a new one shows its own name rather than a dotted key. */
export function tOr(key, fallback, params) {
  const g = i18n.global;
  if (g.te(key)) return g.t(key, params || {});
  recordMissing(g.locale.value, key);
  return fallback;
}

export function setLocale(l) {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* storage blocked */
  }
}

/** The server's error message in the current language. */
export function errorText(e) {
  const zh = i18n.global.locale.value === 'zh-CN';
  if (e && e.status === undefined && e instanceof TypeError) return i18n.global.t('app.networkError');
  if (e && (e.messageZh || e.message)) return zh ? e.messageZh || e.message : e.message;
  return i18n.global.t('app.error');
}
