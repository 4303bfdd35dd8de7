// guarantees.test.mjs — the element-guarantees matrix (要素保障, issue #15) and
// the demolition board (征拆任务书) in the web UI, against a real `ballast
// serve` on the demo district as of 2024-06-30: every cell of the matrix is
// the API's, the 合计 row equals the sections' rows summed by hand (exact
// ten-thousandths, as the API's integers), the waiting list holds the API's
// yellow projects with their sentences, and a section user sees its own row
// only. Screenshots land in build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, settle, shot, uiSuite } from './helpers.mjs';

const ASOF = '2024-06-30';
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});


// The matrix as shown: {section code or 'total': {land-need: text, …, waiting}}.
async function matrix(page) {
  return page.$$eval('[data-test=matrix] .el-table__body-wrapper tr', (trs) => {
    const out = {};
    for (const tr of trs) {
      const code = tr.querySelector('[data-section]');
      if (!code) continue;
      const row = {};
      for (const c of tr.querySelectorAll('[data-cell]')) row[c.dataset.cell] = c.textContent.trim();
      out[code.dataset.section] = row;
    }
    return out;
  });
}

// Ten-thousandths from the API's text ("120.5" → 1205000), to add by hand.
function e4(text) {
  const [w, f = ''] = text.replace('-', '').split('.');
  const v = Number(w) * 10000 + Number((f + '0000').slice(0, 4));
  return text.startsWith('-') ? -v : v;
}

describe('the guarantees matrix', () => {
  test('each cell is the API figure, and the total is the rows summed', async () => {
    const api = await coordApi.get(`/supplies?asof=${ASOF}&limit=1000`);
    assert.ok(api.sections.length >= 5 && api.waiting > 0, 'the demo has supplies and waits');
    const page = await as('coord');
    await page.goto(`${srv.url}/guarantees?asof=${ASOF}`);
    await page.waitForSelector('[data-test=matrix] [data-section]');
    await settle(page);
    const shown = await matrix(page);
    assert.equal(Object.keys(shown).length, api.sections.length + 1);
    for (const s of api.sections) {
      const row = shown[s.section.code];
      for (const e of ['land', 'energy', 'funding'])
        for (const k of ['need', 'supplied', 'gap'])
          assert.equal(row[`${e}-${k}`], s[e][`${k}_text`], `${s.section.code} ${e} ${k}`);
      assert.equal(row.waiting, String(s.waiting));
    }
    for (const e of ['land', 'energy', 'funding'])
      for (const k of ['need', 'supplied', 'gap']) {
        const sum = Object.entries(shown).filter(([c]) => c !== 'total')
          .reduce((acc, [, r]) => acc + e4(r[`${e}-${k}`]), 0);
        assert.equal(e4(shown.total[`${e}-${k}`]), sum, `total ${e} ${k}`);
        assert.equal(sum, api.district[e][k], `the API's district ${e} ${k}`);
      }
    const reasons = await page.$$eval('[data-test=waiting] [data-test=reason]', (els) => els.map((x) => x.textContent.trim()));
    const want = api.items.filter((i) => i.light === 'yellow').flatMap((i) => i.reasons);
    assert.deepEqual(reasons, want);
    assert.ok(reasons[0].includes('已等待'));
    await shot(page, 'guarantees-matrix');
    await done(page);
  });

  test("a section user sees its own section's row", async () => {
    const s01Api = await apiSession(srv.url, 's01');
    const api = await s01Api.get(`/supplies?asof=${ASOF}`);
    assert.deepEqual(api.sections.map((s) => s.section.code), ['S01']);
    const page = await as('s01');
    await page.goto(`${srv.url}/guarantees?asof=${ASOF}`);
    await page.waitForSelector('[data-test=matrix] [data-section]');
    await settle(page);
    const shown = await matrix(page);
    assert.deepEqual(Object.keys(shown).sort(), ['S01', 'total']);
    assert.equal(shown.total['land-need'], api.district.land.need_text);
    await done(page);
  });
});

describe('the demolition board', () => {
  test('tasks with done, pace and status as the API judged them', async () => {
    const api = await coordApi.get(`/demolition?asof=${ASOF}&limit=1000`);
    assert.equal(api.total, 12);
    const page = await as('coord');
    await page.goto(`${srv.url}/demolition?asof=${ASOF}`);
    await page.waitForSelector('[data-test=board] [data-task]');
    await settle(page);
    const rows = await page.$$eval('[data-test=board] .el-table__body-wrapper tr', (trs) => trs.map((tr) => ({
      id: Number(tr.querySelector('[data-task]').dataset.task),
      done: tr.querySelector('[data-cell=done]').textContent.trim(),
      status: tr.querySelector('[data-status]').dataset.status,
    })));
    assert.deepEqual(rows, api.items.map((t) => ({ id: t.id, done: String(t.done), status: t.status })));
    await shot(page, 'demolition-board');
    await done(page);
  });
});

// h-wait: the element-wait warning (rule element_wait) on the warnings page,
// its reason said from the API's code and figures in each language.
describe('the element-wait warning', () => {
  for (const locale of ['zh-CN', 'en']) {
    test(`its reasons are the API's figures (${locale})`, async () => {
      const api = await coordApi.get(`/warnings?asof=${ASOF}&rule=element_wait`);
      // the demo on 06-30: 13 projects wait (see docs/user-guide.md)
      assert.equal(api.warnings.length, 13);
      const el = locale === 'en' ? { land: 'Land', energy: 'Energy' } : { land: '用地', energy: '用能' };
      const unit = locale === 'en' ? { land: 'mu', energy: 'tce' } : { land: '亩', energy: '吨标煤' };
      const want = api.warnings.map((w) => {
        const p = w.reason_params;
        if (w.reason_code === 'element_wait_two') {
          return locale === 'en'
            ? `${el[p.element]} waiting ${p.days} days and ${el[p.element2]} ${p.days2} days, their needs still short (more than ${p.limit})`
            : `${el[p.element]}已等待${p.days}天、${el[p.element2]}已等待${p.days2}天，需求仍未满足（超过${p.limit}天）`;
        }
        assert.equal(w.reason_code, 'element_wait');
        return locale === 'en'
          ? `${el[p.element]} need ${p.need} ${unit[p.element]}, ${p.supplied} ${unit[p.element]} supplied; waiting ${p.days} days since ${p.since} (more than ${p.limit})`
          : `${el[p.element]}需求${p.need}${unit[p.element]}，已供${p.supplied}${unit[p.element]}，自${p.since}起已等待${p.days}天（超过${p.limit}天）`;
      });
      const page = await as('coord');
      await page.evaluate((l) => localStorage.setItem('ballast.locale', l), locale);
      await page.goto(`${srv.url}/warnings?asof=${ASOF}&rule=element_wait`);
      await page.waitForSelector('[data-test=w-reason]');
      await settle(page);
      const shown = await page.$$eval('[data-test=w-reason]', (els) => els.map((x) => x.textContent.trim()));
      assert.deepEqual(shown.slice().sort(), want.slice().sort());
      await shot(page, `warnings-element-wait-${locale}`);
      await done(page);
    });
  }
});
