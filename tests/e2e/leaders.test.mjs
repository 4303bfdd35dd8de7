// leaders.test.mjs — leader linkage (领导挂钩, issue #13) in the web UI, against
// a real `ballast serve` on the demo district: the party secretary (the demo
// leader "lin", linked to five projects) reads 我的挂钩项目, sees what changed
// after the office edits one of them, and marks the page seen; the office
// filters the project list by a named list. The page shows what the API
// computed (GET /api/v1/leaders/lin/projects). Screenshots land in
// build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PASSWORD, ballast, pick, settle, shot, uiSuite } from './helpers.mjs';

const ASOF = '2024-06-30';
let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
  // the demo's leaders have no password until an administrator sets one
  ballast(['user', 'reset', 'lin', '--db', srv.db], PASSWORD + '\n');
});
async function rows(page) {
  return page.$$eval('[data-test=leader-projects] a[data-ref]', (as) => as.map((a) => a.dataset.ref));
}

describe('a leader reads its page', () => {
  test('my projects, what changed since my visit, marked seen', async () => {
    let page = await as('lin');
    await page.goto(srv.url + '/leader');
    await page.waitForSelector('[data-test=leader-summary]');
    await settle(page);
    const api = await coordApi.get('/leaders/lin/projects?asof=' + ASOF);
    assert.equal(api.total, 5);
    assert.deepEqual(await rows(page), api.items.map((i) => i.ref));
    assert.equal(await page.getAttribute('[data-test=leader-changed]', 'data-n'), '0');
    assert.equal(await page.$('[data-test=leader-pick]'), null); // a leader sees only its own
    await page.click('[data-test=leader-seen]');
    await page.waitForSelector('.el-message--success');
    await done(page);

    // The office edits one of lin's projects: its 挂钩领导 now names another leader too.
    const ref = api.items[api.items.length - 1].ref;
    const p = await coordApi.get(`/projects/${ref}?year=2024`);
    const r = await coordApi.call('PUT', `/projects/${ref}/leaders`, { leaders: ['lin', 'zhang'], version: p.version });
    assert.equal(r.status, 200);
    assert.equal(r.body.leader, '区委书记 林某某、区长 张某某');

    page = await as('lin');
    await page.goto(srv.url + '/leader');
    await page.waitForSelector('[data-test=leader-summary]');
    await settle(page);
    assert.equal(await page.getAttribute('[data-test=leader-changed]', 'data-n'), '1');
    assert.equal((await rows(page))[0], ref); // the changed project comes first
    assert.equal(await page.getAttribute('[data-test=leader-projects] [data-change]', 'data-change'), 'project');
    await shot(page, 'leader-page');
    await done(page);
  });

  test('the office filters the project list by a named list', async () => {
    const page = await as('coord');
    await page.goto(srv.url + '/projects?year=2024&asof=' + ASOF);
    await page.waitForSelector('[data-test=f-list]');
    await settle(page);
    await pick(page, '[data-test=f-list]', '书记挂钩项目');
    await page.waitForURL(/list=/);
    await settle(page);
    const api = await coordApi.get('/projects?year=2024&asof=' + ASOF + '&list=' + encodeURIComponent('书记挂钩项目'));
    assert.equal(api.total, 5);
    assert.match(await page.textContent('[data-test=total]'), /5/);
    await done(page);
  });

  test('the office picks a project\'s leaders on the project form; a section reads them', async () => {
    const ref = '2024-003';
    const before = await coordApi.get(`/projects/${ref}?year=2024`);
    assert.ok(!before.leaders.some((l) => l.username === 'li'));
    const page = await as('coord');
    await page.goto(srv.url + `/projects/${ref}/edit?year=2024`);
    await page.waitForSelector('[data-test=leaders]');
    await settle(page);
    await pick(page, '[data-test=leaders]', '（li）', { anywhere: true, multiple: true });
    await page.click('[data-test=save]');
    await page.waitForURL(new RegExp(`/projects/${ref}\\?`));
    const after = await coordApi.get(`/projects/${ref}?year=2024`);
    // the links as chosen, the text their names (the server's, as the import stores it)
    assert.deepEqual(after.leaders.map((l) => l.username).sort(),
      [...before.leaders.map((l) => l.username), 'li'].sort());
    assert.match(after.leader, /副区长 李某某/);
    assert.equal(after.version, before.version + 1);
    await done(page);

    // a section user sees the names, read only, and its save keeps the links
    const sec = await as('s01');
    const mine = (await coordApi.get('/projects?year=2024&section=S01&limit=1')).items[0].ref;
    const p = await coordApi.get(`/projects/${mine}?year=2024`);
    await sec.goto(srv.url + `/projects/${mine}/edit?year=2024`);
    await sec.waitForSelector('input[name=leader]');
    assert.equal(await sec.$('[data-test=leaders]'), null);
    assert.equal(await sec.isDisabled('input[name=leader]'), true);
    assert.equal(await sec.inputValue('input[name=leader]'), p.leader || '');
    await sec.fill('input[name=commando]', '第一突击队');
    await sec.click('[data-test=save]');
    await sec.waitForURL(new RegExp(`/projects/${mine}\\?`));
    const q = await coordApi.get(`/projects/${mine}?year=2024`);
    assert.deepEqual(q.leaders, p.leaders);
    assert.equal(q.commando, '第一突击队');
    await done(sec);
  });
});
