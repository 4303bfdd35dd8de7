// ui.test.mjs — the web UI in headless Chromium against a real `ballast serve`
// on the demo district as of 2024-06-30: what a district official does in a
// month, checked against the JSON API. Screenshots of every main page, at
// 1366×768 and 1024×768, land in build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, newPage, pick, settle, shot, uiSuite } from './helpers.mjs';

const Y = 2024;
const ASOF = '2024-06-30';
let srv;
let browser;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, browser, coordApi } = s);
});
/** The refs in the projects table of the page. */
async function tableRefs(page) {
  return page.$$eval('[data-test=projects-table] .el-table__body-wrapper [data-test=ref]', (els) => els.map((e) => e.textContent.trim()));
}
async function totalShown(page) {
  const text = await page.textContent('[data-test=total]');
  return Number(text.replace(/[^0-9]/g, ''));
}
/** DOMAIN.md §3: the date p reached stage k. */
const STAGES = ['signed', 'filed', 'started', 'completed', 'production', 'capacity'];
function reached(p, k) {
  let best = null;
  for (let i = STAGES.indexOf(k); i < STAGES.length; i++) {
    const d = p[STAGES[i] + '_on'];
    if (d && (!best || d < best)) best = d;
  }
  return best;
}

describe('logging in and the dashboard', () => {
  test('log in; the start-rate card shows the number of /api/v1/measures', async () => {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await page.waitForSelector('input[name=username]');
    await shot(page, 'login-1366');
    await page.fill('input[name=username]', 'coord');
    await page.fill('input[name=password]', 'demo-pass-1');
    await page.click('[data-test=login]');
    await page.waitForSelector('[data-test=card-start-rate] [data-test=start-rate-value]');

    const m = await coordApi.get(`/measures?year=${Y}&asof=${ASOF}`);
    const sr = m.measures.start_rate;
    const shown = await page.textContent('[data-test=start-rate-value]');
    assert.equal(shown.trim(), (Math.round(sr.value * 1000) / 10).toFixed(1) + '%');
    assert.equal((await page.textContent('[data-link=start-rate-num]')).trim(), String(sr.num));
    assert.equal((await page.textContent('[data-link=start-rate-den]')).trim(), String(sr.den));
    assert.equal((await page.textContent('[data-link=projects]')).trim(), String(m.projects));
    assert.equal((await page.textContent('[data-link=new-starts]')).trim(), String(m.measures.new_starts));

    // A fresh load of the dashboard, logged in, draws every part of it. (How
    // long that takes is measured by `make bench` — bench/ui.mjs — never here.)
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-test=red-list] .el-table__row');
    await page.waitForSelector('[data-test=ranking] .el-table__row');
    await page.waitForSelector('[data-test=five-rates]');
    await settle(page);
    await page.waitForTimeout(500); // charts' entry animation
    await shot(page, 'dashboard-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(400);
    await shot(page, 'dashboard-1024');
    await done(page);
  });

  test('a number opens exactly the projects behind it', async () => {
    const page = await as('coord');
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}&tier=city`);
    await page.waitForSelector('[data-link=start-rate-num]');
    const m = await coordApi.get(`/measures?year=${Y}&asof=${ASOF}&tier=city`);
    await page.click('[data-link=start-rate-num]');
    await page.waitForURL(/\/projects\?/);
    await settle(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('tier'), 'city');
    assert.equal(url.searchParams.get('reached'), 'started');
    assert.equal(await totalShown(page), m.measures.start_rate.num);
    await shot(page, 'projects-linked-1366');

    // Every row of every page, against the city list filtered by hand.
    await page.goto(page.url() + '&size=200');
    await settle(page);
    const refs = (await tableRefs(page)).sort();
    const all = await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&tier=city&limit=1000`);
    const expected = all.items.filter((p) => { const d = reached(p, 'started'); return d && d <= ASOF; }).map((p) => p.ref).sort();
    assert.deepEqual(refs, expected);

    // New starts: started within the year.
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-link=new-starts]');
    const n = Number((await page.textContent('[data-link=new-starts]')).trim());
    await page.click('[data-link=new-starts]');
    await page.waitForURL(/reached_from=2024-01-01/);
    await settle(page);
    assert.equal(await totalShown(page), n);

    // The red count: the red projects, each shown red.
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-link=red]');
    const red = Number((await page.textContent('[data-link=red]')).trim());
    await page.click('[data-link=red]');
    await page.waitForURL(/light=red/);
    await settle(page);
    assert.equal(await totalShown(page), red);
    const lights = await page.$$eval('[data-test=projects-table] .el-table__body-wrapper [data-light]', (els) => els.map((e) => e.dataset.light));
    assert.equal(lights.length, red);
    assert.ok(lights.every((l) => l === 'red'));
    await shot(page, 'projects-red-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'projects-red-1024');
    await done(page);
  });

  test('the language switch is kept across a reload', async () => {
    const page = await as('leader');
    await page.waitForSelector('[data-test=card-start-rate]');
    assert.match(await page.textContent('.page-head h1'), /驾驶舱/);
    await page.click('[data-test=lang]');
    await page.waitForFunction(() => document.querySelector('.page-head h1').textContent.includes('Dashboard'));
    await page.reload();
    await page.waitForSelector('[data-test=card-start-rate]');
    assert.match(await page.textContent('.page-head h1'), /Dashboard/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.waitForTimeout(500);
    await shot(page, 'dashboard-en-1366');
    await done(page);
  });
});

describe('projects', () => {
  test('edit a project: the change shows, and so does its audit entry', async () => {
    const page = await as('admin');
    await page.goto(srv.url + `/projects/2024-002?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-test=project-name]');
    await page.waitForSelector('[data-test=project-audit]');
    await shot(page, 'project-1366');
    await page.click('[data-test=edit]');
    await page.waitForSelector('input[name=total_investment]');
    await shot(page, 'project-form-1366');

    // The server's rules, named at the field before saving.
    await page.fill('input[name=total_investment]', '12.345678');
    await page.click('[data-test=save]');
    await page.waitForSelector('.el-form-item__error');
    assert.match(await page.textContent('.el-form-item.is-error'), /最多4位小数/);
    await page.fill('input[name=total_investment]', '400000.5');
    await page.click('[data-test=save]');
    await page.waitForURL(/\/projects\/2024-002\?/);
    await page.waitForSelector('[data-test=total-investment]');
    assert.equal((await page.textContent('[data-test=total-investment]')).trim(), '400,000.5');
    const api = await coordApi.get(`/projects/2024-002?year=${Y}`);
    assert.equal(api.total_investment_yuan, 4000005000);
    await page.waitForFunction(() => document.querySelector('[data-test=project-audit]').textContent.includes('400,000.5'));
    const audit = await page.textContent('[data-test=project-audit]');
    assert.match(audit, /user:admin/);
    assert.match(audit, /总投资（万元）/);
    assert.match(audit, /387,400 → 400,000\.5|→ 400,000\.5/);
    await done(page);
  });

  test('a stale edit gets the "someone else changed this" dialog and reloads', async () => {
    const page = await as('coord');
    await page.goto(srv.url + `/projects/2024-003/edit?year=${Y}`);
    await page.waitForSelector('input[name=industry]');
    const p = await coordApi.get(`/projects/2024-003?year=${Y}`);
    const r = await coordApi.call('PUT', '/projects/2024-003', { industry: '智能装备', version: p.version });
    assert.equal(r.status, 200);
    await page.fill('input[name=commando]', '第三突击队');
    await page.click('[data-test=save]');
    await page.waitForSelector('.el-message-box');
    assert.match(await page.textContent('.el-message-box'), /数据已被他人修改/);
    await page.click('.el-message-box .el-button--primary');
    await page.waitForFunction(() => document.querySelector('input[name=industry]') && document.querySelector('input[name=industry]').value === '智能装备');
    await done(page, /status of 409/);
  });

  test('a section user sees no edit button on another section\'s project', async () => {
    const s02 = await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&section=S02&limit=1`);
    const other = s02.items[0].ref;
    const page = await as('s01');
    await page.goto(srv.url + `/projects?year=${Y}&asof=${ASOF}&size=200`);
    await settle(page);
    const sections = await page.$$eval('[data-test=projects-table] .el-table__body-wrapper .el-table__row', (rows) => rows.length);
    const edits = await page.$$('[data-test=projects-table] [data-test=edit]');
    assert.ok(sections > 0 && edits.length === sections, 'every row of its own section has an edit button');
    assert.ok(!(await tableRefs(page)).includes(other));
    await shot(page, 'projects-s01-1366');
    await page.goto(srv.url + `/projects/${other}?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('.el-alert');
    assert.equal(await page.$('[data-test=edit]'), null);
    await page.context().close(); // the 404 of the refused project is expected in its console

    // Read-only roles see the project, and no edit button either.
    const leader = await as('leader');
    await leader.goto(srv.url + `/projects/${other}?year=${Y}&asof=${ASOF}`);
    await leader.waitForSelector('[data-test=project-name]');
    assert.equal(await leader.$('[data-test=edit]'), null);
    await leader.goto(srv.url + `/projects?year=${Y}&asof=${ASOF}`);
    await settle(leader);
    assert.equal((await leader.$$('[data-test=projects-table] [data-test=edit]')).length, 0);
    assert.equal(await leader.$('[data-test=create]'), null);
    assert.equal(await leader.$('[data-nav=import]'), null);
    await done(leader);
  });
});

describe('the month', () => {
  test('a section user submits a month, and the project office verifies it', async () => {
    const before = await coordApi.get('/reports?month=2024-06&section=S01&status=missing');
    assert.ok(before.items.length > 0, 'S01 has projects without a June report');
    const ref = before.items[0].ref;

    const s01 = await as('s01');
    await s01.goto(srv.url + '/reports?month=2024-06&tab=fill');
    await s01.waitForSelector('[data-test=fill-grid] .el-table__row');
    await settle(s01);
    await shot(s01, 'reports-fill-1366');
    const row = s01.locator('[data-test=fill-grid] .el-table__body-wrapper .el-table__row', { hasText: ref });
    await row.locator('input[data-field=invest]').fill('123.4');
    await row.locator('input[data-field=progress]').fill('主体结构施工');
    await s01.click('[data-test=save-draft]');
    await s01.waitForFunction((r) => {
      const tr = [...document.querySelectorAll('[data-test=fill-grid] .el-table__body-wrapper .el-table__row')].find((x) => x.textContent.includes(r));
      return tr && tr.querySelector('[data-status=draft]');
    }, ref);
    await s01.click('[data-test=submit]');
    await s01.waitForSelector('.el-message-box');
    await s01.click('.el-message-box .el-button--primary');
    await s01.waitForFunction((r) => {
      const tr = [...document.querySelectorAll('[data-test=fill-grid] .el-table__body-wrapper .el-table__row')].find((x) => x.textContent.includes(r));
      return tr && tr.querySelector('[data-status=submitted]');
    }, ref);
    await done(s01);
    let rep = (await coordApi.get(`/reports?month=2024-06&q=${ref}`)).items.find((x) => x.ref === ref).report;
    assert.equal(rep.status, 'submitted');
    assert.equal(rep.invest_yuan, 1234000);

    const coord = await as('coord');
    await coord.goto(srv.url + '/reports?month=2024-06&tab=queue');
    await coord.waitForSelector('[data-test=queue] .el-table__row');
    await settle(coord);
    await shot(coord, 'reports-queue-1366');
    const qrow = coord.locator('[data-test=queue] .el-table__body-wrapper .el-table__row', { hasText: ref });
    await qrow.locator('[data-test=verify]').click();
    await coord.waitForFunction((r) => ![...document.querySelectorAll('[data-test=queue] .el-table__body-wrapper .el-table__row')].some((x) => x.textContent.includes(r)), ref);
    rep = (await coordApi.get(`/reports?month=2024-06&q=${ref}`)).items.find((x) => x.ref === ref).report;
    assert.equal(rep.status, 'verified');
    assert.equal(rep.verified_by, 'user:coord');

    // Returning needs a reason; the section sees it.
    const other = (await coordApi.get('/reports?month=2024-06&status=submitted')).items[0].ref;
    const orow = coord.locator('[data-test=queue] .el-table__body-wrapper .el-table__row', { hasText: other });
    await orow.locator('[data-test=return]').click();
    await coord.waitForSelector('.el-message-box input');
    await coord.fill('.el-message-box input', '投资额与统计不符，请核对');
    await coord.click('.el-message-box .el-button--primary');
    await coord.waitForFunction((r) => ![...document.querySelectorAll('[data-test=queue] .el-table__body-wrapper .el-table__row')].some((x) => x.textContent.includes(r)), other);
    rep = (await coordApi.get(`/reports?month=2024-06&q=${other}`)).items.find((x) => x.ref === other).report;
    assert.equal(rep.status, 'returned');
    assert.equal(rep.return_reason, '投资额与统计不符，请核对');

    await coord.click('.rtabs .el-tabs__item:has-text("未报送")');
    await coord.waitForSelector('[data-test=missing] .el-table__row');
    await shot(coord, 'reports-missing-1366');
    await coord.setViewportSize({ width: 1024, height: 768 });
    await coord.goto(srv.url + '/reports?month=2024-06&tab=fill');
    await settle(coord);
    await shot(coord, 'reports-fill-1024');
    await done(coord);
  });
});

describe('import, targets, warnings, users, audit', () => {
  test('an import with errors shows the bad rows and writes nothing', async () => {
    const before = await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&limit=1`);
    const csv = [
      'ref,name,section,total_investment,started_on,completed_on',
      'X-1,新项目甲,S01,100,2024-01-05,',
      'X-2,新项目乙,NOPE,200,,',
      'X-3,新项目丙,S02,12.345678,2024-05-01,2024-04-01',
    ].join('\n');
    const page = await as('coord');
    await page.goto(srv.url + '/import');
    await page.setInputFiles('[data-test=import-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-test=import-check]');
    await page.waitForSelector('[data-test=import-bad]');
    const rows = await page.$$eval('[data-test=import-problems] .el-table__body-wrapper .el-table__row', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    const byRow = rows.map((r) => r[0]);
    assert.ok(byRow.includes('3'), 'row 3 (the unknown section) is named');
    assert.ok(byRow.includes('4'), 'row 4 (decimals, stage order) is named');
    assert.ok(!byRow.includes('2'), 'row 2 is fine');
    assert.ok(rows.some((r) => r[1].includes('所属板块') && r[2].includes('NOPE')));
    // the importer's reasons, in Chinese (web/src/reasons.js)
    assert.ok(rows.some((r) => r[2] === 'NOPE' && r[3] === '没有此代码或名称的单位'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r[2] === '12.345678' && r[3] === '小数位超过 4 位'), JSON.stringify(rows));
    assert.ok(await page.isDisabled('[data-test=import-confirm]'));
    await shot(page, 'import-errors-1366');
    const after_ = await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&limit=1`);
    assert.equal(after_.total, before.total);
    assert.equal((await coordApi.call('GET', '/projects/X-1')).status, 404, 'nothing was written');

    // A good file: checked, then imported.
    await page.setInputFiles('[data-test=import-file]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n')) });
    await page.click('[data-test=import-check]');
    await page.waitForSelector('[data-test=import-ok]');
    assert.equal((await coordApi.call('GET', '/projects/X-1')).status, 404, 'a check writes nothing');
    await page.click('[data-test=import-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-test=import-ok]').textContent.includes('导入完成'));
    assert.equal((await coordApi.call('GET', '/projects/X-1')).status, 200);
    await done(page);
  });

  test('targets, warnings, users and audit pages', async () => {
    const targets = await coordApi.get(`/targets?year=${Y}&asof=${ASOF}`);
    const admin = await as('admin');
    for (const width of [1366, 1024]) {
      await admin.setViewportSize({ width, height: 768 });
      await admin.goto(srv.url + `/targets?year=${Y}&asof=${ASOF}`);
      await admin.waitForSelector('[data-test=targets-district] .el-table__row');
      await settle(admin);
      const statuses = await admin.$$eval('[data-status]', (els) => els.map((e) => e.dataset.status));
      assert.deepEqual(statuses.sort(), targets.targets.map((x) => x.status).sort());
      await shot(admin, `targets-${width}`);
      await admin.goto(srv.url + `/warnings?asof=${ASOF}&min=red`);
      await admin.waitForSelector('[data-test=warnings] .el-table__row');
      await settle(admin);
      await shot(admin, `warnings-${width}`);
      await admin.goto(srv.url + '/users');
      await admin.waitForSelector('[data-test=users] .el-table__row');
      await shot(admin, `users-${width}`);
      await admin.goto(srv.url + '/audit');
      await admin.waitForSelector('[data-test=audit] .el-table__row');
      await settle(admin);
      await shot(admin, `audit-${width}`);
      await admin.goto(srv.url + `/projects/2024-001?year=${Y}&asof=${ASOF}`);
      await admin.waitForSelector('[data-test=timeline] .el-table__row');
      await admin.waitForTimeout(500);
      await shot(admin, `project-${width}`);
    }
    const w = await coordApi.get(`/warnings?asof=${ASOF}&min=red`);
    await admin.goto(srv.url + `/warnings?asof=${ASOF}&min=red`);
    await admin.waitForSelector('[data-test=warnings] .el-table__row');
    assert.match(await admin.textContent('[data-test=warnings]'), new RegExp(w.warnings[0].reason.slice(0, 12)));

    // A new user: the form names what is missing, then the user is listed.
    await admin.goto(srv.url + '/users');
    await admin.waitForSelector('[data-test=users] .el-table__row');
    await admin.click('[data-test=user-create]');
    await admin.fill('input[name=new-username]', 's03');
    await admin.click('.el-dialog .el-button--primary');
    await admin.waitForSelector('.el-dialog .el-form-item.is-error');
    await admin.fill('.el-dialog input[type=password]', 'demo-pass-3');
    await pick(admin, '.el-dialog [data-test=user-unit]', '新加坡科创城');
    await admin.click('.el-dialog .el-button--primary');
    await admin.waitForFunction(() => document.querySelector('[data-test=users]').textContent.includes('s03'));
    const users = await (await apiSession(srv.url, 'admin')).get('/users');
    assert.ok(users.items.some((u) => u.username === 's03' && u.role === 'section'));
    await done(admin);
  });
});
