// i18n.test.mjs — every string of the UI exists in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { ROOT } from './helpers.mjs';

function keys(o, prefix = '') {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, prefix + k + '.') : [prefix + k]));
}
const load = async (f) => (await import(pathToFileURL(join(ROOT, 'web/src/i18n', f)).href)).default;

test('zh-CN and en have the same keys, none empty', async () => {
  const zh = await load('zh-CN.js');
  const en = await load('en.js');
  assert.deepEqual(keys(zh).sort(), keys(en).sort());
  const get = (o, k) => k.split('.').reduce((x, p) => x[p], o);
  for (const k of keys(zh)) {
    if (k === 'app.unitProjects') continue; // "个" has no English word
    assert.ok(String(get(zh, k)).length && String(get(en, k)).length, k);
  }
});

test('every t(\'…\') key the pages use exists', async () => {
  const zh = await load('zh-CN.js');
  const all = new Set(keys(zh));
  const dir = join(ROOT, 'web/src');
  const files = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.(vue|js)$/.test(e.name) && files.push(join(d, e.name))));
  walk(dir);
  const missing = [];
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z_.]+)'/g)) {
      if (!all.has(m[1]) && !m[1].endsWith('.')) missing.push(`${f}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
