// visits.test.mjs — commando teams and site visits (issue #13 items 4, 5, 8)
// in the web UI against a real `ballast serve` on the demo district: a
// section head records a visit on a phone (390×844: the entry is cards, its
// save button kept at the bottom of the screen) and raises a supervision
// item from it; the schedule page shows what GET /schedule computed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, pick, settle, shot, uiSuite } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const REF = '2024-071'; // a project of S01, s01's section
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});
const wider = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('site visits', () => {
  test('a section head records a visit on a phone and raises an item from it', async () => {
    const api = await apiSession(srv.url, 's01');
    const page = await as('s01', PHONE);
    await page.goto(srv.url + '/projects/' + REF + '?year=2024&asof=2024-06-30');
    await page.waitForSelector('[data-test=visit-form]');
    await settle(page);
    assert.equal(await wider(page), 0, 'the page fits the screen');
    const bar = await page.$eval('[data-test=visit-form] .bar-sticky', (e) => {
      const r = e.getBoundingClientRect();
      return [getComputedStyle(e).position, Math.round(r.bottom)];
    });
    assert.deepEqual(bar, ['fixed', PHONE.height], 'the save button stays at the bottom');
    assert.equal(await page.$('[data-test=visit-log]'), null, 'no table on a phone');
    await pick(page, '[data-field=kind]', '双月现场督办');
    await page.fill('input[data-field=who]', '空港经开区 李主任');
    await page.fill('textarea[data-field=findings]', '施工用电增容未完成，影响设备调试。');
    await shot(page, 'visit-phone-entry');
    await page.click('[data-test=visit-save]');
    await page.waitForSelector('[data-test=visit-cards] .vcard:has-text("空港经开区 李主任")');
    const mine = (await api.get('/visits?ref=' + REF)).items.find((v) => v.who === '空港经开区 李主任');
    assert.deepEqual([mine.kind, mine.findings, mine.recorded_by], ['supervision', '施工用电增容未完成，影响设备调试。', 'user:s01']);
    const card = page.locator(`[data-test=visit-cards] .vcard[data-visit="${mine.id}"]`);
    assert.ok((await card.textContent()).includes('双月现场督办'));
    await card.locator(`[data-raise-visit="${mine.id}"]`).click();
    await page.waitForURL(/\/items\/\d+$/);
    const id = page.url().match(/\/items\/(\d+)$/)[1];
    const it = await coordApi.get('/items/' + id);
    assert.deepEqual([it.source, it.source_ref, it.raised_on, it.detail, it.category],
      ['visit', 'visit:' + mine.id, mine.on, '施工用电增容未完成，影响设备调试。', 'energy']);
    const got = await coordApi.get('/visits/' + mine.id);
    assert.deepEqual(got.items.map((i) => i.id), [Number(id)]);
    await done(page);
  });

  test('the schedule page shows the API\'s window, counts and marks', async () => {
    const doc = await coordApi.get('/schedule?asof=2024-06-30');
    assert.ok(doc.visited > 0 && doc.not_visited > 0, 'the demo has both');
    const page = await as('coord');
    await page.goto(srv.url + '/schedule?asof=2024-06-30');
    await page.waitForSelector('[data-test=schedule-counts]');
    await settle(page);
    assert.equal((await page.textContent('[data-test=schedule-window]')).trim(), `督办周期 ${doc.from} 至 ${doc.to}`);
    assert.equal((await page.textContent('[data-test=schedule-counts]')).trim(),
      `应督办 ${doc.total} 个，已督办 ${doc.visited} 个，未督办 ${doc.not_visited} 个`);
    assert.equal(await page.locator('[data-section]').count(), doc.sections.length);
    for (const s of doc.sections) {
      for (const p of s.projects) {
        const sel = p.visited ? `[data-visited="${p.ref}"]` : `[data-not-visited="${p.ref}"]`;
        assert.equal(await page.locator(sel).count(), 1, p.ref);
      }
    }
    await shot(page, 'schedule');
    await done(page);
  });
});
