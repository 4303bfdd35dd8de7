// changes.test.mjs — the issued plan in the web UI (DOMAIN.md §3), on the demo
// district as of 2024-06-30 whose 2024 plan is issued: a section user opens
// one of its projects, sees the plan issued and its planned dates locked in
// the edit form, proposes a later planned start with a reason; nothing moves
// until the project office approves it on the change requests page; then the
// project's planned start is the new one, and the history shows who did what.
// Checked against the JSON API throughout. Screenshots land in
// build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, settle, shot, uiSuite } from './helpers.mjs';

const Y = 2024;
const ASOF = '2024-06-30';
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});


describe('a change to the issued plan', () => {
  test('a section proposes a later start; the project office approves it', async () => {
    const s01Api = await apiSession(srv.url, 's01');
    // A project of S01 with a planned start and no request pending.
    const mine = (await s01Api.get(`/projects?year=${Y}&asof=${ASOF}&limit=1000&sort=ref`)).items;
    const pending = (await coordApi.get('/change-requests?status=pending')).items.map((x) => x.ref);
    const free = (x) => x.planned_start && !pending.includes(x.ref) && x.ref !== '2024-001';
    const p = mine.find((x) => free(x) && !x.started_on) || mine.find(free);
    const later = `${Number(p.planned_start.slice(0, 4)) + 1}${p.planned_start.slice(4)}`;
    const before = await coordApi.get(`/measures?year=${Y}&asof=${ASOF}`);

    const page = await as('s01');
    // The edit form: planned dates locked, actual dates go to confirmation.
    await page.goto(srv.url + `/projects/${p.ref}/edit?year=${Y}`);
    await page.waitForSelector('[data-test=plan-locked]');
    assert.match(await page.textContent('[data-test=plan-locked]'), /2024年计划已下达/);
    assert.ok(await page.isDisabled('input[name=planned_start]'));
    assert.ok(!(await page.isDisabled('input[name=started_on]')));
    await page.waitForSelector('[data-test=actual-pending]');

    // The project page: propose.
    await page.goto(srv.url + `/projects/${p.ref}?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-test=plan-issued]');
    await settle(page);
    await page.click('[data-test=propose]');
    await page.waitForSelector('.el-dialog input[name=planned_start]');
    const start = page.locator('.el-dialog input[name=planned_start]');
    await start.fill(later);
    await start.press('Enter');
    await page.click('[data-test=change-submit]');
    await page.waitForFunction(() => /须填写理由/.test(document.querySelector('.el-dialog').textContent));
    await page.fill('.el-dialog textarea[name=reason]', '土地征收进度滞后，开工顺延一年');
    await shot(page, 'change-propose-1366', { fullPage: false });
    await page.click('[data-test=change-submit]');
    await page.waitForSelector('[data-test=project-changes] [data-status=pending]');
    const row = page.locator('[data-test=project-changes] .el-table__row', { hasText: '土地征收进度滞后' });
    assert.match(await row.textContent(), new RegExp(`${p.planned_start}.*${later}`));
    assert.equal(await row.locator('[data-test=approve]').count(), 0); // the section does not decide
    assert.equal(await row.locator('[data-test=withdraw]').count(), 1);
    const req = (await coordApi.get(`/change-requests?project=${p.ref}&status=pending`)).items[0];
    assert.deepEqual([req.proposed_by, req.changes.planned_start.from, req.changes.planned_start.to],
      ['user:s01', p.planned_start, later]);
    // Nothing moved: the project and every measure as before.
    assert.equal((await coordApi.get(`/projects/${p.ref}?year=${Y}`)).planned_start, p.planned_start);
    assert.deepEqual(await coordApi.get(`/measures?year=${Y}&asof=${ASOF}`), before);
    await shot(page, 'change-pending-1366');
    await done(page);

    // The project office: the change requests page, pending first; approve.
    const office = await as('coord');
    await office.click('[data-nav=changes]');
    await office.waitForURL(/\/changes/);
    await office.waitForSelector(`[data-test=change-requests] [data-id="${req.id}"]`);
    await settle(office);
    const total = (await coordApi.get('/change-requests?status=pending')).total;
    assert.match(await office.textContent('[data-test=change-total]'), new RegExp(`共 ${total} 项`));
    await shot(office, 'changes-1366');
    const orow = office.locator('[data-test=change-requests] .el-table__row', { hasText: '土地征收进度滞后' });
    await orow.locator('[data-test=approve]').click();
    const box = await office.waitForSelector('.el-message-box:visible');
    assert.match(await box.textContent(), new RegExp(`批准第 ${req.id} 号申请`));
    await (await box.$('.el-message-box__btns .el-button--primary')).click();
    await office.waitForFunction(() => document.querySelector('.el-message--success'));
    await office.waitForFunction((id) => !document.querySelector(`[data-test=change-requests] [data-id="${id}"]`), req.id);
    const after = await coordApi.get(`/change-requests/${req.id}`);
    assert.deepEqual([after.status, after.decided_by], ['approved', 'user:coord']);
    assert.equal((await coordApi.get(`/projects/${p.ref}?year=${Y}`)).planned_start, later);

    // The project page shows the decided request and the new date.
    await office.goto(srv.url + `/projects/${p.ref}?year=${Y}&asof=${ASOF}`);
    await office.waitForSelector(`[data-test=project-changes] [data-id="${req.id}"]`);
    const done_ = office.locator('[data-test=project-changes] .el-table__row', { hasText: '土地征收进度滞后' });
    assert.equal(await done_.locator('[data-status]').getAttribute('data-status'), 'approved');
    assert.match(await office.textContent('[data-test=timeline]'), new RegExp(later));
    await shot(office, 'change-approved-1366');
    await done(office);
  });

  test('a rejection needs a reason and is shown with it', async () => {
    const s01Api = await apiSession(srv.url, 's01');
    const mine = (await s01Api.get(`/projects?year=${Y}&asof=${ASOF}&limit=1000&sort=-ref`)).items;
    const pending = (await coordApi.get('/change-requests?status=pending')).items.map((x) => x.ref);
    const p = mine.find((x) => x.planned_completion && !pending.includes(x.ref));
    const r = await s01Api.call('POST', '/change-requests', { ref: p.ref, reason: '追加投资', changes: { planned_completion: '2030-12-31' } });
    assert.equal(r.status, 201);
    const page = await as('coord');
    await page.goto(srv.url + '/changes?status=pending');
    await page.waitForSelector(`[data-test=change-requests] [data-id="${r.body.id}"]`);
    await settle(page);
    const row = page.locator('[data-test=change-requests] .el-table__row', { hasText: '追加投资' });
    await row.locator('[data-test=reject]').click();
    const box = await page.waitForSelector('.el-message-box:visible');
    await (await box.$('.el-message-box__btns .el-button--primary')).click();
    await page.waitForFunction(() => /须填写理由/.test(document.querySelector('.el-message-box').textContent));
    await (await box.$('.el-message-box__input textarea')).fill('竣工节点不变');
    await (await box.$('.el-message-box__btns .el-button--primary')).click();
    await page.waitForFunction(() => document.querySelector('.el-message--success'));
    const got = await coordApi.get(`/change-requests/${r.body.id}`);
    assert.deepEqual([got.status, got.decision_reason], ['rejected', '竣工节点不变']);
    assert.equal((await coordApi.get(`/projects/${p.ref}?year=${Y}`)).planned_completion, p.planned_completion);
    await page.goto(srv.url + '/changes?status=rejected');
    await page.waitForSelector(`[data-test=change-requests] [data-id="${r.body.id}"]`);
    assert.match(await page.textContent('[data-test=change-requests]'), /驳回理由：竣工节点不变/);
    await done(page);
  });
});
