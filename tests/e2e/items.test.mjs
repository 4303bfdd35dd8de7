// items.test.mjs — supervision items (督办事项, issue #13) in the web UI, against
// a real `ballast serve` on the demo district: the project office turns a
// monthly report's problem into an item from the project page, the section
// answers it on a phone, the office resolves (办结) it; the items page's
// filters and the inbox's count agree with the API. Screenshots land in
// build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settle, shot, uiSuite } from './helpers.mjs';

const ASOF = '2024-06-30';
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});

describe('a problem becomes an item and is solved', () => {
  test('raised from the June report, answered on a phone, resolved by the office', async () => {
    // 2024-071 (S01) reported 规划方案调整 in June (the demo's reports)
    let page = await as('coord');
    await page.goto(srv.url + '/projects/2024-071?year=2024&asof=' + ASOF);
    await page.waitForSelector('[data-raise="2024-06"]');
    await settle(page);
    await page.click('[data-raise="2024-06"]');
    await page.waitForURL(/\/items\/\d+$/);
    const id = page.url().match(/\/items\/(\d+)$/)[1];
    await page.waitForSelector('[data-test=item-title]');
    assert.equal((await page.textContent('[data-test=item-title]')).trim(), '规划方案调整');
    assert.equal(await page.getAttribute('[data-test=item-status]', 'data-status'), 'open');
    assert.equal((await page.textContent('[data-test=item-level]')).trim(), '板块协调');
    let it = await coordApi.get('/items/' + id);
    assert.deepEqual([it.source, it.source_ref, it.owner.code, it.level, it.status, it.raised_by],
      ['report', '2024-06', 'S01', 1, 'open', 'user:coord']);
    await done(page);

    // The section head answers on a phone.
    page = await as('s01', { width: 390, height: 844 });
    await page.goto(srv.url + '/items/' + id);
    await page.waitForSelector('[data-act=answer]');
    assert.equal(await page.$('[data-act=resolve]'), null); // the office's
    assert.equal(await page.$('[data-act=close]'), null);
    await page.fill('textarea[data-field=text]', '规划调整方案已报自然资源部门审批');
    await page.fill('input[data-field=attachment]', '报批函（新吴发〔2024〕88号）');
    await shot(page, 'item-answer-phone');
    await page.click('[data-act=answer]');
    await page.waitForSelector('[data-test=item-status][data-status=answered]');
    it = await coordApi.get('/items/' + id);
    const last = it.steps[it.steps.length - 1];
    assert.deepEqual([it.status, last.kind, last.actor, last.text, last.attachment],
      ['answered', 'answer', 'user:s01', '规划调整方案已报自然资源部门审批', '报批函（新吴发〔2024〕88号）']);
    await done(page);

    // The office confirms it solved.
    page = await as('coord');
    await page.goto(srv.url + '/items/' + id);
    await page.waitForSelector('[data-act=resolve]');
    await page.fill('textarea[data-field=text]', '经现场核实，问题已解决');
    await page.click('[data-act=resolve]');
    await page.waitForSelector('[data-test=item-status][data-status=resolved]');
    await page.waitForSelector('[data-test=item-actions] [data-act=reopen]');
    const kinds = await page.$$eval('[data-test=item-timeline] [data-step]', (els) => els.map((e) => e.getAttribute('data-step')));
    assert.deepEqual(kinds, ['resolve', 'answer', 'raise']);
    it = await coordApi.get('/items/' + id);
    assert.deepEqual(it.steps.map((s) => [s.kind, s.actor]),
      [['raise', 'user:coord'], ['answer', 'user:s01'], ['resolve', 'user:coord']]);
    await shot(page, 'item-resolved-1366');
    await done(page);
  });
});

describe('the lists', () => {
  test('the items page filters by overdue and level as the API does', async () => {
    const page = await as('coord');
    await page.goto(srv.url + '/items?asof=' + ASOF + '&overdue=1');
    await page.waitForSelector('[data-test=items] [data-item]');
    await settle(page);
    const api = await coordApi.get('/items?asof=' + ASOF + '&overdue=1&limit=50');
    const ids = await page.$$eval('[data-test=items] [data-item]', (els) => els.map((e) => Number(e.getAttribute('data-item'))));
    assert.deepEqual(ids, api.items.map((i) => i.id));
    assert.equal(ids.length, 8); // the demo's June (test_items.py)
    await page.goto(srv.url + '/items?asof=' + ASOF + '&overdue=1&level=4');
    await page.waitForSelector('[data-test=items] [data-item]');
    await settle(page);
    const top = await coordApi.get('/items?asof=' + ASOF + '&overdue=1&level=4');
    assert.equal(await page.locator('[data-test=items] [data-item]').count(), top.total);
    assert.equal(top.total, 4);
    assert.match(await page.textContent('[data-test=items-summary]'), /区协调会4项/);
    await shot(page, 'items-1366');
    await done(page);
  });

  test('the header counts the inbox and the inbox lists it', async () => {
    const page = await as('coord');
    const api = await coordApi.get('/inbox?limit=500');
    await page.waitForSelector(`[data-test=inbox-count][data-count="${api.total}"]`);
    assert.ok(api.total > 0);
    await page.click('[data-test=inbox-count]');
    await page.waitForURL(/\/inbox$/);
    await settle(page);
    const kinds = await page.$$eval('[data-test=inbox] [data-kind]', (els) => els.map((e) => e.getAttribute('data-kind')));
    assert.deepEqual(kinds, api.items.map((e) => e.kind));
    await done(page);
  });
});
