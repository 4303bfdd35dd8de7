// helpers.mjs — what the UI tests share: a real `ballast serve` over a fresh
// demo district (as of 2024-06-30, one account per role, as `make run`), and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
export const BALLAST = process.env.BALLAST || join(ROOT, 'build/ballast');
export const ARTIFACTS = process.env.E2E_ARTIFACTS || join(ROOT, 'build/e2e');
export const PASSWORD = 'demo-pass-1';
export const USERS = {
  admin: ['admin'],
  coord: ['coordinator'],
  s01: ['section', 'S01'],
  s02: ['section', 'S02'],
  dept: ['department', 'D01'],
  leader: ['leader'],
  auditor: ['auditor'],
};

// playwright-core is a dependency of web/ (its lock file pins it).
const require = createRequire(join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

/** A loopback port nothing listens on now, from this suite's block: below
 * the kernel's ephemeral ports, and the integration suite (which `make check`
 * runs beside this one) keeps to another block — TEST_PORT_LANE of
 * TEST_PORT_LANES, as tests/integration/server.py's free_port(). */
export function freePort() {
  const lanes = Number(process.env.TEST_PORT_LANES || 1);
  const lane = Number(process.env.TEST_PORT_LANE || 0);
  const size = Math.floor((32000 - 20000) / lanes);
  const lo = 20000 + lane * size;
  const tryPort = (port) => new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });
  return (async () => {
    for (let i = 0; i < 1000; i++) {
      const port = lo + Math.floor(Math.random() * size);
      if (await tryPort(port)) return port;
    }
    throw new Error(`no free loopback port in ${lo}..${lo + size - 1}`);
  })();
}

export function ballast(args, input) {
  return execFileSync(BALLAST, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A demo district (with demoArgs, e.g. --open-plan) and a server on it;
 * stop() ends both. */
export async function startServer(demoArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-e2e-'));
  const db = join(dir, 'demo.db');
  ballast(['demo', '--db', db, '--asof', '2024-06-30', ...demoArgs]);
  for (const [name, [role, unit]] of Object.entries(USERS)) {
    ballast(['user', 'add', name, '--role', role, ...(unit ? ['--unit', unit] : []), '--db', db], PASSWORD + '\n');
  }
  const port = await freePort();
  const proc = spawn(BALLAST, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--access-log', 'off'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const r = await fetch(url + '/healthz');
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('ballast serve did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    db,
    dir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The JSON API as a user, from node (to compare the UI with). */
export async function apiSession(url, username) {
  const r = await fetch(url + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!r.ok) throw new Error('login failed: ' + r.status);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(url + '/api/v1' + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { get: (p) => call('GET', p).then((r) => r.body), call, cookie, csrf };
}

/** Debian's Chromium, headless; playwright gives it a fresh, temporary
 * profile (user-data-dir) of its own each launch. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A page at 1366×768 (or size) that records console errors and page errors. */
export async function newPage(browser, { width = 1366, height = 768, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  // where the error was thrown, so a rare one can be found from the log
  page.on('pageerror', (e) => page.errors.push(String(e) + (e.stack ? ' @ ' + e.stack.split('\n').slice(1, 4).map((l) => l.trim()).join(' < ') : '')));
  // The requests in flight, for settle(): playwright's 'networkidle' waits
  // 500 ms after the last one and only once per document, so a single-page
  // app's later requests (after a click) were never waited for at all.
  page.inflight = new Set();
  page.lastNet = Date.now();
  const seen = (r) => {
    page.inflight.add(r);
    page.lastNet = Date.now();
  };
  const gone = (r) => {
    page.inflight.delete(r);
    page.lastNet = Date.now();
  };
  page.on('request', seen);
  page.on('requestfinished', gone);
  page.on('requestfailed', gone);
  return page;
}

/** Wait until the page has had no request in flight for `quiet` ms and no
 * Element Plus loading mask shows: what the page asked the API has come back
 * and been drawn. */
export async function settle(page, { quiet = 120, timeout = 20000 } = {}) {
  if (!page.inflight) throw new Error('settle: a page made by newPage() only');
  const deadline = Date.now() + timeout;
  while (page.inflight.size > 0 || Date.now() - page.lastNet < quiet) {
    if (Date.now() > deadline) {
      const left = [...page.inflight].map((r) => r.url()).join(', ');
      throw new Error(`settle: still in flight after ${timeout} ms: ${left}`);
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
}

export async function login(page, url, username) {
  await page.goto(url + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('[data-test=login]');
  await page.waitForSelector('.frame');
}

/** A screenshot of the whole page (or, fullPage false, of the viewport: for a
 * dialog, whose mask covers only the viewport). */
export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  const path = join(ARTIFACTS, 'screenshots', name + '.png');
  await page.screenshot({ path, fullPage });
  return path;
}

/** The setup every UI test file shares: a server on the demo district
 * (demoArgs: more options of `ballast demo`), a browser, a coordinator's API
 * session, started before the file's tests and stopped after them (ready(s)
 * is called once they run); as(user) gives a logged-in page, done(page)
 * closes it and fails on console errors (allow: those the test provokes,
 * e.g. a 409). */
export function uiSuite(ready, { demoArgs = [] } = {}) {
  const s = {};
  before(async () => {
    s.srv = await startServer(demoArgs);
    s.browser = await launch();
    s.coordApi = await apiSession(s.srv.url, 'coord');
    ready(s);
  });
  after(async () => {
    if (s.browser) await s.browser.close();
    if (s.srv) await s.srv.stop();
  });
  s.as = async (user, opts) => {
    const page = await newPage(s.browser, opts);
    await login(page, s.srv.url, user);
    return page;
  };
  s.done = async (page, allow = null) => {
    const errors = page.errors.filter((e) => !(allow && allow.test(e)));
    await page.context().close();
    assert.deepEqual(errors, [], 'no console errors');
  };
  return s;
}

/** Pick the option of the open Element Plus select whose text starts with text. */
export async function pick(page, trigger, text, { anywhere = false, multiple = false } = {}) {
  const re = new RegExp((anywhere ? '' : '^\\s*') + text.replace(/[.*+?^${}()|[\]\\（）]/g, '\\$&'));
  const shown = () => page.$eval(trigger, (el, t) => el.textContent.includes(t), text);
  // On a busy machine a click can land while another list is still closing:
  // the pick is done when the select shows the text, tried again otherwise.
  for (let k = 0; k < 4; k++) {
    await page.click(trigger);
    const item = page.locator('.el-select-dropdown__item:visible', { hasText: re }).first();
    const list = item.locator('xpath=ancestor::div[contains(@class, "el-select-dropdown")][1]');
    // (the list may close under the click when the click on its trigger
    // toggled one left open: open it again)
    if (!(await item.click({ timeout: 8000 }).then(() => true, () => false))) continue;
    // a single select's list closes with a transition: the next field's click
    // must not land on it; a multiple select's list stays open until Escape
    if (multiple) await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    if (await shown()) return;
  }
  assert.fail(`${trigger} does not show "${text}" after four picks`);
}
