// funds.test.mjs — policy fulfilment (政策兑现, issue #15) in the web UI,
// against a real `ballast serve` on the demo district: a department user
// (D01, which owns every step of 上市奖励) moves an application through
// 核实 → 会商 → a partial 拨付 on its page, and the list's filters and
// figures are the API's. Screenshots land in build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settle, shot, uiSuite } from './helpers.mjs';

const ASOF = '2024-06-30';
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});

describe('a department moves an application', () => {
  test('核实, 会商 and a partial 拨付 by D01 on the application page', async () => {
    const policy = (await coordApi.get('/policies')).items.find((p) => p.name === '2024年度企业上市奖励');
    assert.deepEqual(policy.steps.map((s) => s.owner.code), ['D01', 'D01', 'D01', 'D01']);
    const r = await coordApi.call('POST', '/applications', {
      company: '无锡测试上市企业有限公司', uscc: '91320200MA1MXXKL5U', policy: policy.id,
      amount_yuan: 3000000, applied_on: '2024-06-28' });
    assert.equal(r.status, 201);
    const id = r.body.id;

    const page = await as('dept');
    await page.goto(srv.url + '/applications/' + id);
    await page.waitForSelector('[data-act=verify]');
    assert.equal(await page.getAttribute('[data-test=app-status]', 'data-status'), 'applied');
    assert.equal(await page.$('[data-act=pay]'), null); // not before 核实 and 会商
    await page.click('[data-act=verify]');
    await page.waitForSelector('[data-test=app-status][data-status=verified]');
    await page.waitForSelector('[data-act=consult]');
    await page.fill('input[data-field=amount]', '200');
    await page.click('[data-act=consult]');
    await page.waitForSelector('[data-test=app-status][data-status=consulted]');
    await page.fill('input[data-field=amount]', '200.0001'); // more than approved
    await page.click('[data-act=pay]');
    await page.waitForSelector('[data-test=act-error]');
    assert.equal(await page.getAttribute('[data-test=app-status]', 'data-status'), 'consulted');
    await page.fill('input[data-field=amount]', '120.5');
    await page.click('[data-act=pay]');
    await page.waitForSelector('[data-test=app-status][data-status=paying]');
    assert.equal((await page.textContent('[data-test=app-paid]')).trim(), '120.5');
    const steps = await page.$$eval('[data-test=app-timeline] [data-step]', (els) => els.map((e) => e.getAttribute('data-step')));
    assert.deepEqual(steps, ['pay', 'consult', 'verify', 'apply']);
    await shot(page, 'application-paying-1366');
    await done(page, /400/);

    const a = await coordApi.get('/applications/' + id);
    assert.deepEqual([a.status, a.approved_yuan, a.paid_yuan, a.pending_step, a.owner.code],
      ['paying', 2000000, 1205000, 'pay', 'D01']);
  });

  test('a section reads its projects\' applications and moves none', async () => {
    const page = await as('s01');
    await page.goto(srv.url + '/applications?asof=' + ASOF);
    await settle(page);
    const api = (await coordApi.get('/applications?asof=' + ASOF)).items.filter((x) => x.ref);
    const rows = await page.$$eval('[data-test=applications] [data-application]', (els) => els.length);
    assert.ok(rows > 0 && rows < api.length);
    await page.click('[data-test=applications] [data-application]');
    await page.waitForSelector('[data-test=app-timeline]');
    assert.equal(await page.$('[data-test=app-actions]'), null);
    await done(page);
  });
});

describe('the list', () => {
  test('filters by step and overdue as the API does', async () => {
    const page = await as('coord');
    await page.goto(srv.url + '/applications?asof=' + ASOF + '&step=pay&overdue=1');
    await settle(page);
    const doc = await coordApi.get('/applications?asof=' + ASOF + '&step=pay&overdue=1');
    const ids = await page.$$eval('[data-test=applications] [data-application]', (els) => els.map((e) => Number(e.getAttribute('data-application'))));
    assert.deepEqual(ids, doc.items.map((x) => x.id));
    const late = await page.$$eval('[data-test=late-days]', (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(late, doc.items.map((x) => `超期 ${x.late_days} 个工作日`));
    assert.match(await page.textContent('[data-test=funds-summary]'), new RegExp(`超期未兑现 ${doc.overdue} 件`));
    await shot(page, 'applications-overdue-1366');
    await done(page);
  });
});
