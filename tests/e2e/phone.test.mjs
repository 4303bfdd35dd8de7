// phone.test.mjs — a section head on a phone (390×844, issue #14 item 2): the
// menu opens as a drawer with its words, the 填报 grid is one card per
// project with the amounts on a numeric keypad and the buttons kept at the
// bottom, a report is filled and submitted, and no page is wider than the
// screen. Checked against the JSON API on the demo district.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, settle, uiSuite } from './helpers.mjs';

let srv;
const { as, done } = uiSuite((s) => {
  ({ srv } = s);
});
const PHONE = { width: 390, height: 844 };

const wider = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a section head on a phone', () => {
  test('fills a report in its card and submits it', async () => {
    const api = await apiSession(srv.url, 's01');
    const month = '2024-07';
    const ref = (await api.get(`/reports?month=${month}`)).items.find((x) => !x.report).ref;
    const page = await as('s01', PHONE);
    assert.equal(await page.$('.aside'), null, 'no sidebar of bare icons');
    await page.click('[data-test=menu]');
    await page.waitForSelector('[data-test=nav-drawer] [data-nav=reports]');
    assert.equal((await page.textContent('[data-test=nav-drawer] [data-nav=reports]')).trim().endsWith('月度填报'), true);
    await page.click('[data-test=nav-drawer] [data-nav=reports]');
    await page.waitForURL(/\/reports/);
    await page.goto(srv.url + `/reports?month=${month}&tab=fill`);
    await page.waitForSelector('[data-test=fill-cards] .rcard');
    await settle(page);
    assert.equal(await wider(page), 0, 'the cards fit the screen');
    const card = page.locator(`[data-test=fill-cards] .rcard[data-ref="${ref}"]`);
    const invest = card.locator('input[data-field=invest]');
    assert.equal(await invest.getAttribute('inputmode'), 'decimal', 'a numeric keypad');
    await invest.fill('３６.５');
    await card.locator('input[data-field=progress]').fill('桩基施工');
    // the buttons stay at the bottom of the screen
    const bar = await page.$eval('.bar-sticky', (e) => { const r = e.getBoundingClientRect(); return [getComputedStyle(e).position, Math.round(r.bottom)]; });
    assert.deepEqual(bar, ['fixed', PHONE.height]);
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-test=submit-list]');
    const listed = await page.$$eval('[data-test=submit-list] li', (lis) => lis.map((li) => li.textContent));
    assert.equal(listed.length, 1);
    assert.ok(listed[0].endsWith(`（${ref}）`));
    await page.click('.el-message-box .el-button--primary');
    await page.waitForFunction(() => !document.querySelector('.el-message-box'));
    await settle(page);
    const rep = (await api.get(`/reports?month=${month}`)).items.find((x) => x.ref === ref).report;
    assert.deepEqual([rep.status, rep.invest_yuan, rep.progress], ['submitted', 365000, '桩基施工']);
    await done(page);
  });

  test('the dashboard is stacked cards; no page is wider than the screen', async () => {
    const page = await as('s01', PHONE);
    for (const path of ['/?year=2024&asof=2024-06-30', '/projects', '/warnings', '/targets', '/ranking?month=2024-06', '/bulletins']) {
      await page.goto(srv.url + path);
      await page.waitForSelector('.frame .main');
      await settle(page);
      assert.equal(await wider(page), 0, path);
    }
    await page.goto(srv.url + '/?year=2024&asof=2024-06-30');
    await page.waitForSelector('[data-test=card-start-rate]');
    await settle(page);
    const xs = await page.$$eval('.cards .kpi', (els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    assert.equal(new Set(xs).size, 1, 'one card under another');
    await done(page);
  });

  // ui14 (issue #14 item 2): the items list is one card per item, a reply is
  // written in its card and sent from a bar kept at the bottom of the screen.
  test('replies to an item from its card', async () => {
    const api = await apiSession(srv.url, 's02');
    const asof = '2024-06-30';
    const list = await api.get(`/items?asof=${asof}&state=pending&limit=50`);
    const item = list.items[0];
    assert.ok(item, 'S02 has a pending item');
    const before = (await api.get(`/items/${item.id}`)).steps.length;
    const page = await as('s02', PHONE);
    await page.goto(srv.url + `/items?asof=${asof}&state=pending`);
    await page.waitForSelector('[data-test=item-cards] .icard');
    await settle(page);
    assert.equal(await page.$('[data-test=items]'), null, 'no table on a phone');
    assert.equal(await page.locator('[data-test=item-cards] .icard').count(), list.items.length);
    assert.equal(await wider(page), 0, 'the cards fit the screen');
    const card = page.locator(`[data-item-card="${item.id}"]`);
    await card.locator('[data-act=reply-open]').click();
    // an empty reply is refused beside the box, and nothing is sent
    const bar = await page.$eval('[data-test=reply-bar]', (e) => { const r = e.getBoundingClientRect(); return [getComputedStyle(e).position, Math.round(r.bottom) <= 844]; });
    assert.deepEqual(bar, ['sticky', true]);
    await page.click('[data-act=reply-send]');
    await page.waitForSelector('[data-test=reply-error]');
    assert.match(await page.textContent('[data-test=reply-error]'), /请填写内容/);
    await card.locator('textarea[data-field=reply-text]').fill('已协调国土部门，本周内完成用地预审');
    await page.click('[data-act=reply-send]');
    await page.waitForFunction(() => !document.querySelector('[data-test=reply-bar]'));
    await settle(page);
    const after = await api.get(`/items/${item.id}`);
    assert.equal(after.steps.length, before + 1);
    const last = after.steps[after.steps.length - 1];
    assert.deepEqual([last.kind, last.text, last.actor], ['reply', '已协调国土部门，本周内完成用地预审', 'user:s02']);

    // an item's own page keeps its reply box at the bottom of the screen
    await page.goto(srv.url + `/items/${item.id}`);
    await page.waitForSelector('[data-test=item-actions]');
    assert.equal(await page.$eval('[data-test=item-actions]', (e) => getComputedStyle(e).position), 'sticky');
    await done(page);
  });
});
