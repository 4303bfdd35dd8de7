// reasons.js — the server's reasons in the UI's language: a warning's reason
// and an import problem each come with a code and their figures
// (reason_code / reason_params from src/core/warnings.c; code / params from
// src/io/problem_codes.c), which the messages warningReasons.* and
// importReasons.* say in Chinese and in English. A code the UI does not know
// yet shows the server's own sentence.

/** '2024-05' as 2024年5月 (zh-CN) or May 2024 (en). */
function monthText(m, locale) {
  const [y, mo] = String(m).split('-').map(Number);
  if (!y || !mo) return m;
  if (locale === 'zh-CN') return `${y}年${mo}月`;
  return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A warning's reason (w: {reason, reason_code, reason_params}). */
export function warningReason(w, t, te, locale) {
  const code = w && w.reason_code;
  if (!code || !te('warningReasons.' + code)) return w ? w.reason : '';
  const p = { ...(w.reason_params || {}) };
  for (const k of ['month', 'before']) if (p[k]) p[k] = monthText(p[k], locale);
  if (p.level) p.levelName = te('items.levels.' + p.level) ? t('items.levels.' + p.level) : p.level;
  if (p.step) p.stepName = te('funds.steps.' + p.step) ? t('funds.steps.' + p.step) : p.step;
  // element_wait (h-wait): the element's name and unit in the UI's language
  for (const k of ['element', 'element2']) if (p[k]) p[k + 'Name'] = te('guarantees.elements.' + p[k]) ? t('guarantees.elements.' + p[k]) : p[k];
  if (p.element) p.unit = te('guarantees.units.' + p.element) ? t('guarantees.units.' + p.element) : '';
  let s = t('warningReasons.' + code, p);
  if (p.uncounted) {
    const months = p.uncounted.split(',').map((m) => monthText(m, locale));
    s += t('warningReasons.uncounted', { months: months.join(locale === 'zh-CN' ? '、' : ', ') });
  }
  return s;
}

/** An import problem's reason (p: {message, code, params}). */
export function importReason(p, t, te) {
  const code = p && p.code;
  if (!code || code === 'other' || !te('importReasons.' + code)) return p ? p.message : '';
  return t('importReasons.' + code, p.params || {});
}
