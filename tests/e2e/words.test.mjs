// words.test.mjs — every page in both languages (issue #14 item 7): each role
// walks every page its menu holds, and the tabs and pages behind them, in
// Chinese and in English, and the walk fails on a key a language lacks (the
// i18n missing handler records them in window.__i18nMissing), on a raw
// message key or an untranslated code on the screen, on a command-line hint,
// on a reason left in Chinese in the English UI, and on any console error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, login, newPage, settle, uiSuite } from './helpers.mjs';

let srv;
let browser;
let coordApi;
let adminApi;
const { done } = uiSuite(async (s) => {
  ({ srv, browser, coordApi } = s);
});

/** The messages' top-level names, as a raw key would start with one. */
const zhSource = readFileSync(join(ROOT, 'web/src/i18n/zh-CN.js'), 'utf8');
const NAMESPACES = [...zhSource.matchAll(/^ {2}([A-Za-z]+): \{/gm)].map((m) => m[1]);
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES.join('|')})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`);
/** A code shown as it is: snake_case (return_reason, start_overdue, …); a
 * setting's key (warn.…, contest.…, bulletin.…, items.days.…) is shown on
 * purpose, on the settings page. */
const SNAKE = /(?<![\w.])[a-z]+(?:_[a-z]+)+(?![\w.])/;
const SETTING_KEY = /\b(?:(?:warn|contest|bulletin|supervision|webhook)\.[a-z_.]+|items\.days\.level\d)/g;
const CLI_HINT = /--[a-z]|\bballast [a-z]/;
const CJK = /[\u3400-\u9fff]/;

const PAGES = {
  admin: ['/', '/projects', '/projects/2024-001', '/projects/2024-001/edit', '/projects/new',
    '/reports?month=2024-06&tab=fill', '/reports?month=2024-06&tab=queue',
    '/reports?month=2024-06&tab=missing', '/targets', '/warnings', '/ranking?month=2024-06',
    '/bulletins', '/import', '/users', '/audit', '/audit?entity=report', '/settings', '/items',
    '/items/1', '/inbox', '/no-such-page', '/map', '/applications', '/applications/1'],
  coord: ['/', '/projects?sort=pace_gap', '/reports?month=2024-06&tab=queue', '/targets',
    '/warnings?min=red', '/ranking?month=2024-06', '/bulletins?month=2024-06', '/map?colour=stage',
    '/guarantees?asof=2024-06-30', '/demolition?asof=2024-06-30', '/leader', '/changes',
    '/schedule?asof=2024-06-30', '/leads', '/leads/1', '/ledger?year=2024', '/funds'],
  s01: ['/', '/projects', '/projects/2024-001', '/reports?month=2024-07&tab=fill',
    '/reports?month=2024-06&tab=missing', '/targets', '/warnings', '/ranking?month=2024-06',
    '/bulletins', '/items', '/inbox', '/map', '/leads', '/ledger?year=2024', '/schedule'],
  dept: ['/', '/projects', '/warnings', '/targets', '/items', '/inbox', '/guarantees?asof=2024-06-30',
    '/demolition?asof=2024-06-30', '/applications', '/applications/1'],
  leader: ['/', '/ranking?month=2024-06', '/bulletins', '/leader'],
  auditor: ['/audit', '/audit?entity=report', '/settings', '/warnings'],
};

/** What is wrong with the words of the page now: [] when nothing. */
async function problems(page, where, locale) {
  const out = [];
  // read and forget: the list lives as long as the app, across visit() steps
  const missing = await page.evaluate(() => (window.__i18nMissing || []).splice(0));
  for (const k of missing) out.push(`${where}: missing ${k}`);
  const text = (await page.evaluate(() => document.body.innerText)).replace(SETTING_KEY, '');
  for (const [what, re] of [['raw key', RAW_KEY], ['code', SNAKE], ['command-line hint', CLI_HINT]]) {
    const m = re.exec(text);
    if (m) out.push(`${where}: ${what} "${m[0]}" in "…${text.slice(Math.max(0, m.index - 30), m.index + 40)}…"`);
  }
  if (locale === 'en') {
    const reasons = await page.$$eval('[data-test=w-reason], [data-test=import-problems] td:last-child, [data-test=waiting] [data-test=reason]', (els) => els.map((e) => e.textContent));
    // what users wrote (an item's title, quoted) stays as written
    const zh = reasons.find((r) => CJK.test(r.replace(/“[^”]*”/g, '').replace(/开工率|固定资产投资/g, '')));
    if (zh) out.push(`${where}: a reason in Chinese in the English UI: ${zh}`);
  }
  return out;
}


/** Things for the pages to show: reports through every status, a bulletin
 * issued (a saved round), a target, a setting changed. */
async function variety() {
  const s01 = await (await import('./helpers.mjs')).apiSession(srv.url, 's01');
  adminApi = await (await import('./helpers.mjs')).apiSession(srv.url, 'admin');
  const refs = (await s01.get('/reports?month=2024-07')).items.map((x) => x.ref).slice(0, 3);
  for (const ref of refs) await s01.call('PUT', `/reports/${ref}/2024-07`, { invest: '12.5' });
  await s01.call('POST', '/reports/submit', { month: '2024-07', refs });
  await coordApi.call('POST', `/reports/${refs[0]}/2024-07/verify`, {});
  await coordApi.call('POST', `/reports/${refs[1]}/2024-07/return`, { reason: '请核对投资额' });
  await coordApi.call('POST', '/bulletins/2024-06/issue', {});
  await coordApi.call('POST', '/targets', { year: 2024, measure: 'start_rate', due: '2024-12-31', value: '90%', section: 'S01' });
  await adminApi.call('PUT', '/settings/warn.report_missing.due_day', { value: 12 });
  await adminApi.call('DELETE', '/settings/warn.report_missing.due_day');
}

/** Show path as a user who follows a link would: the app's router moves
 * (history.pushState + popstate, what vue-router's web history listens to),
 * without reloading the app; a path whose route is the current one with
 * another query is loaded afresh, as a pasted link would be, so a page that
 * reads its query only when it mounts is still seen with the query asked. */
async function visit(page, path) {
  const here = await page.evaluate(() => window.location.pathname);
  if (here === path.split('?')[0]) {
    await page.goto(srv.url + path);
  } else {
    page.lastNet = Date.now();
    await page.evaluate((p) => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
    }, path);
  }
  // (a page may rewrite its query, e.g. to add defaults: the path is the route)
  await page.waitForFunction((p) => window.location.pathname === p, path.split('?')[0]);
  await page.waitForSelector('.frame .main');
  await settle(page);
}

describe('every page in both languages', () => {
  test('set up what the pages show', async () => {
    await variety();
  });

  for (const locale of ['zh-CN', 'en']) {
    for (const [user, paths] of Object.entries(PAGES)) {
      test(`${locale}: ${user} walks ${paths.length} pages`, async () => {
        const page = await newPage(browser);
        await page.context().addInitScript((l) => localStorage.setItem('ballast.locale', l), locale);
        await login(page, srv.url, user);
        // the walk is in the language it says
        assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
        const found = [];
        for (const path of paths) {
          await visit(page, path);
          found.push(...(await problems(page, `${user} ${path}`, locale)));
          if (path.startsWith('/warnings') && locale === 'en') {
            // the reasons are there, and said in English
            const reasons = await page.$$eval('[data-test=w-reason]', (els) => els.map((e) => e.textContent));
            assert.ok(reasons.length > 0 && reasons.every((r) => /^[A-Z]/.test(r)), reasons.slice(0, 3).join(' / '));
          }
        }
        // The import page's reasons, from a file with problems.
        if (user === 'admin') {
          await page.goto(srv.url + '/import');
          const csv = 'ref,name,section,total_investment,started_on,completed_on,extra\nX,,NOPE,1.23456,2024-05-01,2024-04-01,1\n';
          await page.setInputFiles('[data-test=import-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
          await page.click('[data-test=import-check]');
          await page.waitForSelector('[data-test=import-bad]');
          found.push(...(await problems(page, `${user} /import (problems)`, locale)));
        }
        assert.deepEqual(found, []);
        await done(page);
      });
    }
  }
});

/** The phone's day (issue #14): each role walks its pages at 390×844, in
 * Chinese, with the same checks, and no page is wider than the screen. */
describe('every page on a phone', () => {
  for (const [user, paths] of Object.entries(PAGES)) {
    test(`390×844: ${user} walks ${paths.length} pages`, async () => {
      const page = await newPage(browser, { width: 390, height: 844 });
      await login(page, srv.url, user);
      const found = [];
      for (const path of paths) {
        await visit(page, path);
        found.push(...(await problems(page, `${user} ${path} (phone)`, 'zh-CN')));
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > 390) found.push(`${user} ${path} (phone): the page is ${wide} px wide`);
      }
      assert.deepEqual(found, []);
      await done(page);
    });
  }
});
