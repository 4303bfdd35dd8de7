// districts.test.mjs — one instance, many districts (issue #17 item 5) in the
// web UI, against a real `ballast serve` on the two-district city of
// tests/fixtures/districts (city C; districts 甲区 DA with sections A1, A2 and
// 乙区 DB with B1, B2): a city coordinator picks the district on 月度通报 and
// 比武打擂 (Chinese first) and issues that district's bulletin; a district
// coordinator sees no picker and only its own district.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, ROOT, BALLAST, apiSession, ballast, freePort, launch, login, newPage, pick, settle, shot } from './helpers.mjs';

const FIX = join(ROOT, 'tests/fixtures/districts');
const USERS = { city: ['coordinator', 'C'], ca: ['coordinator', 'DA'] };
let srv;
let browser;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-e2e-districts-'));
  const db = join(dir, 'city.db');
  ballast(['init', '--db', db]);
  for (const kind of ['units', 'projects', 'listings', 'reports']) ballast(['import', kind, join(FIX, kind + '.csv'), '--db', db]);
  for (const [name, [role, unit]] of Object.entries(USERS)) ballast(['user', 'add', name, '--role', role, '--unit', unit, '--db', db], PASSWORD + '\n');
  const port = await freePort();
  const proc = spawn(BALLAST, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--access-log', 'off'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    const ok = await fetch(url + '/healthz').then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('ballast serve did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  srv = { url, stop: async () => { proc.kill('SIGTERM'); await new Promise((r) => proc.once('exit', r)); rmSync(dir, { recursive: true, force: true }); } };
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

async function as(user) {
  const page = await newPage(browser);
  await login(page, srv.url, user);
  return page;
}
async function done(page) {
  const errors = page.errors;
  await page.context().close();
  assert.deepEqual(errors, [], 'no console errors');
}
const codes = (page) => page.$$eval('[data-test=ranking-table] .el-table__body [data-code]', (els) => els.map((e) => e.getAttribute('data-code')).sort());

describe('several districts in one instance', () => {
  test('a city coordinator picks the district of the contest and issues its bulletin', async () => {
    const page = await as('city');
    await page.goto(srv.url + '/ranking?month=2024-06');
    await page.waitForSelector('[data-test=district-hint]');
    assert.match(await page.textContent('[data-test=district-hint]'), /本系统含多个区/);
    await pick(page, '[data-test=district]', '乙区');
    await page.waitForSelector('[data-test=ranking-table]');
    await settle(page);
    assert.equal(new URL(page.url()).searchParams.get('district'), 'DB');
    assert.deepEqual(await codes(page), ['B1', 'B2']);
    await shot(page, 'districts-ranking-city');

    await page.goto(srv.url + '/bulletins?month=2024-06');
    await page.waitForSelector('[data-test=district-hint]');
    await pick(page, '[data-test=district]', '甲区');
    await page.waitForSelector('[data-test=month-status]');
    await page.click('[data-test=issue]');
    await page.waitForSelector('[data-test=readiness-confirm]:visible');
    await page.click('[data-test=readiness-confirm]');
    await page.waitForSelector('[data-test=month-status][data-issued="1"]');
    await settle(page);
    assert.deepEqual(await page.$$eval('[data-test=bulletins] [data-district]', (els) => els.map((e) => e.getAttribute('data-district'))), ['DA']);
    const api = await apiSession(srv.url, 'city');
    assert.deepEqual((await api.get('/bulletins')).items.map((b) => [b.month, b.district]), [['2024-06', 'DA']]);
    // the other district's month is not issued
    await pick(page, '[data-test=district]', '乙区');
    await page.waitForSelector('[data-test=month-status][data-issued="0"]');
    await shot(page, 'districts-bulletins-city');
    await done(page);
  });

  test('a city coordinator compares the districts on the dashboard', async () => {
    const page = await as('city');
    await page.goto(srv.url + '/?year=2024&asof=2024-06-30');
    await page.waitForSelector('[data-test=district-table] .el-table__body tr');
    await settle(page);
    assert.match(await page.textContent('[data-test=districts]'), /各区对比/);
    assert.equal((await page.textContent('header .district')).trim(), '测试市');
    // By hand from tests/fixtures/districts: 甲区 lists PA1-PA3, of which PA1
    // (2024-03-10) and PA3 (2023) have started, PA1 this year; 乙区 lists PB1
    // (started 2024-04-01) and PB2 (not started). Completion: the started
    // projects' reports over their annual plans, 甲区 (100+150+200)/(1000+2000)
    // = 15.0%, 乙区 80/800 = 10.0%.
    const rows = await page.$$eval('[data-test=district-table] .el-table__body tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows, [
      ['甲区', '3', '66.7% 2/3', '15.0%', '1'],
      ['乙区', '2', '50.0% 1/2', '10.0%', '1'],
    ]);
    await done(page);
  });

  test('a district coordinator sees no picker and only its own district', async () => {
    const page = await as('ca');
    await page.goto(srv.url + '/ranking?month=2024-06&district=DB');
    await page.waitForSelector('[data-test=ranking-table]');
    await settle(page);
    assert.equal(await page.$$eval('[data-test=district]', (els) => els.length), 0);
    assert.deepEqual(await codes(page), ['A1', 'A2']);
    await page.goto(srv.url + '/bulletins?month=2024-06');
    await page.waitForSelector('[data-test=month-status][data-issued="1"]');
    await settle(page);
    assert.equal(await page.$$eval('[data-test=district]', (els) => els.length), 0);
    assert.equal(await page.$$eval('[data-test=bulletins] .el-table__body tr', (trs) => trs.length), 1);
    await page.goto(srv.url + '/?year=2024&asof=2024-06-30');
    await page.waitForSelector('[data-test=ranking]');
    await settle(page);
    assert.equal(await page.$$eval('[data-test=districts]', (els) => els.length), 0);
    assert.equal((await page.textContent('header .district')).trim(), '甲区');
    await done(page);
  });
});
