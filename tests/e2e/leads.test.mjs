// leads.test.mjs — the shared lead pool (招商线索, issue #16; h-leads) in the web
// UI, against a real `ballast serve` on the demo district: the section
// following a lead found by the district signs it into a project from the
// lead's page (the project carries attracted_by district and links back);
// another section sees the lead on the board but not its details.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settle, shot, uiSuite } from './helpers.mjs';

const COMPANY = '深圳芯航半导体有限公司'; // the demo's: found by 新吴区, followed by S01, at 意向
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});


describe('a lead becomes a project', () => {
  test('the following section signs it on the lead page; another section sees no details', async () => {
    const pool = await coordApi.get('/leads?limit=1000');
    const lead = pool.items.find((l) => l.company === COMPANY);
    assert.deepEqual([lead.stage, lead.found_by.kind, lead.followed_by.code], ['intent', 'district', 'S01']);

    let page = await as('s01');
    await page.goto(srv.url + '/leads');
    await page.waitForSelector(`[data-test=lead-board] [data-stage=intent] [data-lead="${lead.id}"]`);
    await settle(page);
    for (const s of ['lead', 'talks', 'intent', 'signed', 'dropped']) {
      const n = await page.locator(`[data-test=lead-board] [data-stage=${s}] [data-lead]`).count();
      assert.equal(n, pool.stages[s], s);
    }
    await shot(page, 'leads-board-1366');
    await page.click(`[data-lead="${lead.id}"] a`);
    await page.waitForURL(new RegExp(`/leads/${lead.id}$`));
    await page.waitForSelector('[data-act=sign]');
    await page.fill('input[data-field=ref]', 'ZS-2024-001');
    await page.fill('input[data-field=name]', '芯航功率半导体封测项目');
    await page.click('[data-act=sign]');
    await page.waitForSelector('[data-test=lead-stage][data-stage=signed]');
    await page.waitForSelector('[data-test=lead-project]');
    const kinds = await page.$$eval('[data-test=lead-log] [data-log]', (els) => els.map((e) => e.getAttribute('data-log')));
    assert.deepEqual(kinds, ['sign', 'stage', 'stage', 'visit', 'found']);
    await shot(page, 'lead-signed-1366');
    await page.click('[data-test=lead-project]');
    await page.waitForURL(/\/projects\/ZS-2024-001/);
    // and back: the project's page links to its lead
    await page.waitForSelector('[data-test=project-lead]');
    await page.click('[data-test=project-lead]');
    await page.waitForURL(new RegExp(`/leads/${lead.id}$`));
    await done(page);

    const after = await coordApi.get('/leads/' + lead.id);
    assert.deepEqual([after.stage, after.project.ref], ['signed', 'ZS-2024-001']);
    const p = await coordApi.get('/projects/ZS-2024-001');
    const proj = p.project || p;
    assert.deepEqual([proj.name, proj.attracted_by, proj.signed_on, proj.company],
      ['芯航功率半导体封测项目', 'district', after.signed_on, COMPANY]);

    page = await as('s02');
    await page.goto(srv.url + '/leads/' + lead.id);
    await page.waitForSelector('[data-test=lead-hidden]');
    assert.equal(await page.$('[data-test=lead-amount]'), null);
    assert.equal(await page.$('[data-test=lead-actions]'), null);
    assert.equal(await page.$('[data-test=lead-log]'), null);
    await done(page);
  });
});
