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

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

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
