// ledger.test.mjs — revenue sharing and the fund registry (招商分成台账, 产业基金;
// issue #16 items 2, 3) in the web UI, against a real `ballast serve` on the
// demo district as of 2024-06-30 (its last whole tax year is 2023): the
// ledger page shows exactly the API's lines and totals, filters by year and
// street, downloads its XLSX; a street sees its own lines only; the fund
// page shows the registry the fund targets read. Screenshots land in
// build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { settle, shot, uiSuite } from './helpers.mjs';

let srv;
let coordApi;

const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});


/** 万元 with 4 decimals, as the page writes money from yuan (format.js fmtWan exact). */
const wan = (yuan) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 4 }).format(yuan / 10000);

async function rows(page) {
  return page.$$eval('[data-test=ledger] .el-table__body tr', (trs) => trs.map((tr) => ({
    ref: tr.querySelector('[data-ref]').getAttribute('data-ref'),
    yearNo: tr.querySelector('[data-test=year-no]').textContent.trim(),
    street: tr.querySelector('[data-test=street-share]').textContent.trim(),
    district: tr.querySelector('[data-test=district-share]').textContent.trim(),
    rule: tr.querySelector('[data-test=rule]').textContent.trim(),
  })));
}

describe('the revenue-sharing ledger', () => {
  test('the office reads 2023 for one street, as the API computed it, and downloads it', async () => {
    const api = await coordApi.get('/ledger?year=2023&street=S01');
    assert.ok(api.total >= 3, 'the demo taxes S01 projects in 2023');
    // the demo has years 1, 6 and 7 in its ledger
    const all = await coordApi.get('/ledger');
    for (const n of [1, 6, 7]) assert.ok(all.items.some((x) => x.year_no === n), `a year ${n} line`);
    for (const x of all.items) assert.equal(x.street_share + x.district_share, x.tax, x.ref);

    const page = await as('coord');
    await page.goto(srv.url + '/ledger?year=2023&street=S01');
    await page.waitForSelector('[data-test=ledger-totals]');
    await settle(page);
    assert.deepEqual(await rows(page), api.items.map((x) => ({
      ref: x.ref, yearNo: `第${x.year_no}年`, street: wan(x.street_share), district: wan(x.district_share), rule: x.rule.name,
    })));
    assert.equal((await page.textContent('[data-test=total-tax]')).trim(), wan(api.totals.tax));
    assert.equal((await page.textContent('[data-test=total-street]')).trim(), wan(api.totals.street));
    assert.equal((await page.textContent('[data-test=total-district]')).trim(), wan(api.totals.district));
    assert.ok((await page.textContent('[data-test=rules]')).includes('默认：落户第7年起 区:街道=1:4'));
    await shot(page, 'ledger');
    const req = page.waitForRequest((r) => r.url().includes('format=xlsx'));
    const dl = page.waitForEvent('download');
    await page.click('[data-test=export-xlsx]');
    const [r, d] = await Promise.all([req, dl]);
    assert.equal(readFileSync(await d.path()).subarray(0, 2).toString(), 'PK');
    assert.deepEqual(Object.fromEntries(new URL(r.url()).searchParams), { year: '2023', street: 'S01', format: 'xlsx' });
    assert.equal(d.suggestedFilename(), 'ballast-ledger.xlsx');
    await done(page);
  });

  test('a street sees its own lines only', async () => {
    const page = await as('s02');
    await page.goto(srv.url + '/ledger?year=2023');
    await page.waitForSelector('[data-test=ledger-totals]');
    await settle(page);
    const mine = (await coordApi.get('/ledger?year=2023&street=S02')).items.map((x) => x.ref);
    assert.deepEqual((await rows(page)).map((x) => x.ref), mine);
    await done(page);
  });

  test('the fund registry is what the fund targets read', async () => {
    const funds = await coordApi.get('/funds?year=2024');
    assert.equal(funds.count, 8); // registered by 2024-06-30 (demo_sharing.c)
    const targets = await coordApi.get('/targets?year=2024&asof=2024-06-30');
    const actual = Object.fromEntries(targets.targets.map((x) => [x.measure, x.actual]));
    assert.equal(actual.industrial_funds, 8);
    assert.equal(actual.industrial_funds_capital_yuan, funds.capital);
    const page = await as('coord');
    await page.goto(srv.url + '/funds?year=2024');
    await page.waitForSelector('[data-test=funds-summary]');
    await settle(page);
    assert.equal(await page.$$eval('[data-test=funds] .el-table__body tr', (t) => t.length), 8);
    assert.ok((await page.textContent('[data-test=funds-summary]')).includes('共 8 支基金'));
    await shot(page, 'funds');
    await done(page);
  });
});
