// lists.test.mjs — issue #14 items 3–6 in the browser, checked against the
// JSON API on the demo district as of 2024-06-30: the 填报 grid submits
// exactly what is chosen and lets the server judge the amounts; a section's
// dashboard and the lists its numbers open agree; a dashboard number opens
// the list sorted by what it measures, with that column; every list downloads
// as the server's XLSX with the page's filters; the print stylesheet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { apiSession, settle, uiSuite } from './helpers.mjs';

const Y = 2024;
const ASOF = '2024-06-30';
let srv;
let coordApi;
const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});

const GRID = '[data-test=fill-grid] .el-table__body-wrapper .el-table__row';
/** The body row of ref in the fill grid (the fixed name column is a copy). */
const gridRow = (page, ref) => page.locator(GRID, { hasText: ref }).first();
async function checked(page, ref) {
  return page.evaluate((r) => {
    const tr = [...document.querySelectorAll('[data-test=fill-grid] .el-table__body-wrapper .el-table__row')].find((x) => x.textContent.includes(r));
    return !!tr && !!tr.querySelector('.el-checkbox.is-checked');
  }, ref);
}

describe('submitting exactly (item 3)', () => {
  test('the grid sends amounts as typed, and submits the chosen complete rows', async () => {
    const s01Api = await apiSession(srv.url, 's01');
    const month = '2024-07';
    const refs = (await s01Api.get(`/reports?month=${month}`)).items.filter((x) => !x.report).map((x) => x.ref);
    const [full, comma, bad, blank, done1] = refs;
    // a draft with no amount, and a complete draft, saved before the page opens
    assert.equal((await s01Api.call('PUT', `/reports/${blank}/${month}`, { progress: '场地平整' })).status, 201);
    assert.equal((await s01Api.call('PUT', `/reports/${done1}/${month}`, { invest: '8' })).status, 201);

    const page = await as('s01');
    await page.goto(srv.url + `/reports?month=${month}&tab=fill`);
    await page.waitForSelector(GRID);
    await settle(page);
    // the default choice: the complete draft, not the blank one
    assert.equal(await checked(page, done1), true);
    assert.equal(await checked(page, blank), false);

    // full-width digits and thousands commas, as an import reads them
    await gridRow(page, full).locator('input[data-field=invest]').fill('１２３.４');
    await gridRow(page, comma).locator('input[data-field=invest]').fill('1,234.5');
    await gridRow(page, bad).locator('input[data-field=invest]').fill('1,23.4');
    await gridRow(page, bad).locator('input[data-field=output]').fill('1.23456');
    await page.click('[data-test=save-draft]');
    await page.waitForSelector('[data-test=invest-error]');
    // both of the row's errors at once, each beside its amount
    const why = await gridRow(page, bad).locator('[data-test=invest-error]').textContent();
    assert.equal(why.trim(), '本月完成投资“1,23.4”：千位分隔符位置错误（万元，最多4位小数）');
    assert.equal((await gridRow(page, bad).locator('[data-test=output-error]').textContent()).trim(),
      '本月产值“1.23456”：小数位超过4位（万元，最多4位小数）');
    await gridRow(page, bad).locator('input[data-field=output]').fill('');
    const saved = Object.fromEntries((await s01Api.get(`/reports?month=${month}`)).items.map((x) => [x.ref, x.report]));
    assert.equal(saved[full].invest_yuan, 1234000);
    assert.equal(saved[comma].invest_yuan, 12345000);
    assert.equal(saved[bad], null, 'the refused amount wrote nothing');

    // choosing the blank draft too: refused beside its amount, nothing submitted
    await gridRow(page, bad).locator('input[data-field=invest]').fill('');
    await gridRow(page, blank).locator('.el-checkbox').click();
    await page.click('[data-test=submit]');
    await page.waitForFunction((r) => {
      const tr = [...document.querySelectorAll('[data-test=fill-grid] .el-table__body-wrapper .el-table__row')].find((x) => x.textContent.includes(r));
      return tr && tr.querySelector('[data-test=invest-error]');
    }, blank);
    assert.equal((await gridRow(page, blank).locator('[data-test=invest-error]').textContent()).trim(), '请填写本月完成投资（没有投资请填 0）');
    assert.equal((await s01Api.get(`/reports?month=${month}&status=submitted`)).items.length, 0);

    // without it: the confirm lists exactly the chosen reports
    await gridRow(page, blank).locator('.el-checkbox').click();
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-test=submit-list]');
    const listed = await page.$$eval('[data-test=submit-list] li', (lis) => lis.map((li) => li.textContent));
    const names = Object.fromEntries((await s01Api.get(`/reports?month=${month}`)).items.map((x) => [x.ref, x.name]));
    assert.deepEqual(listed.sort(), [full, comma, done1].map((r) => `${names[r]}（${r}）`).sort());
    await page.click('.el-message-box .el-button--primary');
    await page.waitForFunction(() => !document.querySelector('.el-message-box'));
    await settle(page);
    const after = Object.fromEntries((await s01Api.get(`/reports?month=${month}`)).items.map((x) => [x.ref, x.report && x.report.status]));
    assert.deepEqual([after[full], after[comma], after[done1], after[blank], after[bad]],
      ['submitted', 'submitted', 'submitted', 'draft', null]);
    await done(page, /status of 400/); // the amount the server refused
  });
});

describe('the grid in pages (item 9)', () => {
  test('the project office sees the month a page at a time; what is ticked holds across pages', async () => {
    const month = '2024-08';
    const all = (await coordApi.get(`/reports?month=${month}`)).items;
    assert.ok(all.length > 100, 'more than two pages of projects');
    const page = await as('coord');
    await page.goto(srv.url + `/reports?month=${month}&tab=fill`);
    await page.waitForSelector(GRID);
    await settle(page);
    assert.equal(await page.locator(GRID).count(), 50);
    assert.match(await page.textContent('[data-test=fill-pager]'), new RegExp(String(all.length)));
    assert.equal((await page.textContent('[data-test=selected-n]')).trim(), '已选 0 条');
    // an amount typed on page 2 ticks its row; page 1 still counts it
    await page.click('[data-test=fill-pager] .el-pager li:nth-child(2)');
    await page.waitForFunction((n) => document.querySelectorAll('[data-test=fill-grid] .el-table__body-wrapper .el-table__row').length === n, Math.min(50, all.length - 50));
    const second = page.locator(GRID).first();
    const ref = (await second.locator('.muted').first().textContent()).trim().split(' ')[0];
    await second.locator('input[data-field=invest]').fill('5');
    await page.click('[data-test=fill-pager] .el-pager li:nth-child(1)');
    assert.equal((await page.textContent('[data-test=selected-n]')).trim(), '已选 1 条');
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-test=submit-list]');
    const listed = await page.$$eval('[data-test=submit-list] li', (lis) => lis.map((li) => li.textContent));
    assert.equal(listed.length, 1);
    assert.ok(listed[0].endsWith(`（${ref}）`), listed[0]);
    await page.click('.el-message-box .el-button--primary');
    await page.waitForFunction(() => !document.querySelector('.el-message-box'));
    await settle(page);
    const rep = (await coordApi.get(`/reports?month=${month}`)).items.find((x) => x.ref === ref).report;
    assert.deepEqual([rep.status, rep.invest_yuan], ['submitted', 50000]);
    await done(page);
  });
});

describe('the project table at 1366 px (item 9)', () => {
  test('its key columns fit beside the fixed 操作 column, also with a progress column', async () => {
    const page = await as('coord');
    for (const q of ['', '&sort=completion', '&sort=pace_gap']) {
      await page.goto(srv.url + `/projects?year=${Y}&asof=${ASOF}${q}`);
      await page.waitForSelector('[data-test=projects-table] .el-table__row');
      await settle(page);
      const fit = await page.evaluate(() => {
        const body = document.querySelector('[data-test=projects-table] .el-table__body-wrapper .el-scrollbar__wrap');
        const heads = [...document.querySelectorAll('[data-test=projects-table] .el-table__header th')].map((th) => [th.textContent.trim(), th.getBoundingClientRect().right]);
        return { scroll: body.scrollWidth - body.clientWidth, heads };
      });
      assert.equal(fit.scroll, 0, `no horizontal scrolling (${q || 'default'}): ${JSON.stringify(fit.heads)}`);
      assert.ok(fit.heads.some(([h]) => h === '所处阶段'), '所处阶段 shown');
    }
    await done(page);
  });
});

describe('a section sees its own figures (item 4) and numbers open sorted lists (item 5)', () => {
  test("a section's dashboard counts its projects; its numbers open the same lists", async () => {
    const s01Api = await apiSession(srv.url, 's01');
    const m = await s01Api.get(`/measures?year=${Y}&asof=${ASOF}`);
    const own = await s01Api.get(`/projects?year=${Y}&asof=${ASOF}&limit=1`);
    assert.equal(m.projects, own.total);
    const page = await as('s01');
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-test=card-start-rate] [data-test=start-rate-value]');
    await settle(page);
    assert.equal((await page.textContent('[data-link=projects]')).trim(), String(m.projects));
    assert.equal((await page.textContent('[data-link=start-rate-num]')).trim(), String(m.measures.start_rate.num));
    assert.match(await page.textContent('[data-test=own-scope]'), /空港经开区/);
    assert.match(await page.textContent('[data-test=ranking-title]'), /全区对比/);
    // the started count opens the started projects: as many
    await page.click('[data-link=start-rate-num]');
    await page.waitForSelector('[data-test=projects-table] .el-table__row');
    await settle(page);
    assert.equal(Number((await page.textContent('[data-test=total]')).replace(/[^0-9]/g, '')), m.measures.start_rate.num);
    await done(page);
  });

  test('完成投资 opens the list sorted by completion, with the columns the API computed', async () => {
    const page = await as('coord');
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}`);
    await page.waitForSelector('[data-link=investment]');
    await settle(page);
    await page.click('[data-link=investment]');
    await page.waitForURL(/sort=completion/);
    await page.waitForSelector('[data-test=projects-table] [data-test=completion]');
    await settle(page);
    const api = await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&sort=completion&limit=50`);
    const shown = await page.$$eval('[data-test=projects-table] .el-table__body-wrapper .el-table__row', (trs) =>
      trs.map((tr) => [tr.querySelector('[data-test=ref]').textContent.trim(), tr.querySelector('[data-test=completion]').textContent.trim()]));
    const pct = (v) => (v === null ? '—' : (Math.round(v * 1000) / 10).toFixed(1) + '%');
    assert.deepEqual(shown, api.items.map((p) => [p.ref, pct(p.completion.value)]));
    // the gap to pace, sorted: the first rows are the furthest behind
    await page.goto(srv.url + `/projects?year=${Y}&asof=${ASOF}&sort=pace_gap`);
    await page.waitForSelector('[data-test=projects-table] [data-test=pace-gap]');
    await settle(page);
    const gaps = await page.$$eval('[data-test=projects-table] .el-table__body-wrapper [data-test=pace-gap]', (els) => els.map((e) => e.textContent.trim()));
    const apiGaps = (await coordApi.get(`/projects?year=${Y}&asof=${ASOF}&sort=pace_gap&limit=50`)).items
      .map((p) => (p.pace_gap_points === null ? '—' : (p.pace_gap_points > 0 ? '+' : '') + p.pace_gap_points.toFixed(1)));
    assert.deepEqual(gaps, apiGaps);
    await done(page);
  });
});

describe('every list to Excel, and to paper (item 6)', () => {
  /** Click the export button; the request's query and the file. */
  async function exportOf(page, selector = '[data-test=export-xlsx]') {
    const req = page.waitForRequest((r) => r.url().includes('format=xlsx'));
    const dl = page.waitForEvent('download');
    await page.locator(selector).first().click();
    const [r, d] = await Promise.all([req, dl]);
    const bytes = readFileSync(await d.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
    const u = new URL(r.url());
    return { path: u.pathname, query: Object.fromEntries(u.searchParams), name: d.suggestedFilename() };
  }

  test('each list page downloads its list with its filters', async () => {
    const coord = await as('coord');
    const cases = [
      [`/projects?year=${Y}&asof=${ASOF}&light=red&sort=-completion`, '/api/v1/projects',
        { year: String(Y), asof: ASOF, light: 'red', sort: '-completion', format: 'xlsx' }, 'ballast-projects.xlsx'],
      [`/warnings?asof=${ASOF}&min=red&rule=start_overdue`, '/api/v1/warnings',
        { asof: ASOF, min: 'red', rule: 'start_overdue', format: 'xlsx' }, 'ballast-warnings.xlsx'],
      [`/reports?month=2024-06&tab=missing&section=S02`, '/api/v1/reports',
        { month: '2024-06', section: 'S02', status: 'not_reported', format: 'xlsx' }, 'ballast-reports.xlsx'],
      [`/targets?year=${Y}&asof=${ASOF}`, '/api/v1/targets', { year: String(Y), asof: ASOF, format: 'xlsx' }, 'ballast-targets.xlsx'],
      ['/ranking?month=2024-06', '/api/v1/ranking', { month: '2024-06', format: 'xlsx' }, 'ballast-ranking.xlsx'],
    ];
    for (const [url, path, query, name] of cases) {
      await coord.goto(srv.url + url);
      const sel = url.includes('tab=missing') ? '#pane-missing [data-test=export-xlsx]' : '[data-test=export-xlsx]';
      await coord.waitForSelector(sel);
      await settle(coord);
      assert.deepEqual(await exportOf(coord, sel), { path, query, name }, url);
    }
    await coord.goto(srv.url + '/reports?month=2024-06&tab=queue');
    await settle(coord);
    assert.deepEqual((await exportOf(coord, '#pane-queue [data-test=export-xlsx]')).query,
      { month: '2024-06', status: 'submitted', format: 'xlsx' });
    await coord.goto(srv.url + '/ranking?month=2024-06');
    await settle(coord);
    assert.equal((await exportOf(coord, '[data-test=export-history]')).path, '/api/v1/ranking/history');
    await done(coord);

    const auditor = await as('auditor');
    await auditor.goto(srv.url + '/audit?entity=report');
    await settle(auditor);
    assert.deepEqual((await exportOf(auditor)).query, { entity: 'report', format: 'xlsx' });
    await done(auditor);
  });

  test('a section downloads only its own projects', async () => {
    const page = await as('s02');
    await page.goto(srv.url + `/projects?year=${Y}&asof=${ASOF}`);
    await settle(page);
    const req = page.waitForResponse((r) => r.url().includes('format=xlsx'));
    await page.click('[data-test=export-xlsx]');
    const r = await req;
    assert.equal(r.status(), 200);
    const s02 = await apiSession(srv.url, 's02');
    const own = await s02.get(`/projects?year=${Y}&asof=${ASOF}&limit=1000`);
    assert.ok(own.items.every((p) => p.section.code === 'S02' || p.section.code.startsWith('S02')));
    await done(page);
  });

  test('printing: no menu, header or filters; the filters as a caption; A4 landscape', async () => {
    const page = await as('coord');
    await page.goto(srv.url + `/?year=${Y}&asof=${ASOF}&tier=city`);
    await page.waitForSelector('[data-test=card-start-rate]');
    await settle(page);
    await page.emulateMedia({ media: 'print' });
    const shown = (sel) => page.$eval(sel, (e) => getComputedStyle(e).display !== 'none');
    assert.equal(await shown('.aside'), false);
    assert.equal(await shown('.header'), false);
    assert.equal(await shown('.page-head .toolbar'), false);
    assert.equal(await shown('[data-test=print-caption]'), true);
    const caption = await page.textContent('[data-test=print-caption]');
    assert.match(caption, /2024 年度 · 截至 2024-06-30 · 层级：市级/);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A4 landscape: 842 × 595 points
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    assert.deepEqual([Math.round(Number(box[1])), Math.round(Number(box[2]))], [842, 595]);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await shown('[data-test=print-caption]'), false);
    await done(page);
  });
});
