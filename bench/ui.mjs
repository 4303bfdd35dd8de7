// bench/ui.mjs — `make bench`'s UI part: a logged-in coordinator's fresh load
// of the dashboard (from navigation start to the red list, the ranking and the
// five rates drawn), on the demo district in Debian's Chromium, printed
// beside its goal (< 1000 ms, issue #4); and the 填报 grid of a district of
// about 700 projects (the demo's 164 and 540 more): from navigation start to
// its first row, and the time a key typed into an amount takes to show,
// beside their goals (< 1000 ms, < 50 ms a key; issue #14 item 9). Timings
// live here, never in a test: a loaded machine would make such a test fail
// at random.
import { apiSession, launch, login, newPage, startServer } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.UI_BENCH_RUNS || 5);
const GOAL_MS = 1000;
const KEY_GOAL_MS = 50;
const EXTRA = 540;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 540 more projects listed in 2024, spread over the sections. */
async function moreProjects(url) {
  const api = await apiSession(url, 'coord');
  const sections = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06'];
  const lines = ['ref,name,section,year,tiers,annual_plan'];
  for (let i = 1; i <= EXTRA; i++)
    lines.push(`B-${String(i).padStart(4, '0')},压测项目${i},${sections[i % sections.length]},2024,区,${100 + i}`);
  const r = await fetch(url + '/api/v1/import/projects', {
    method: 'POST',
    headers: { Cookie: api.cookie, 'X-CSRF-Token': api.csrf, 'Content-Type': 'text/csv' },
    body: lines.join('\n') + '\n',
  });
  if (!r.ok) throw new Error('import of the extra projects: ' + r.status);
}

/** The 填报 grid: ms from navigation to its first row; ms per key typed. */
async function grid(page, url) {
  const appear = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(url + '/reports?month=2024-07&tab=fill');
    await page.waitForSelector('[data-test=fill-grid] .el-table__body-wrapper .el-table__row input[data-field=invest]');
    appear.push(await page.evaluate(() => Math.round(performance.now())));
    await page.waitForLoadState('networkidle');
  }
  const input = page.locator('[data-test=fill-grid] .el-table__body-wrapper input[data-field=invest]').first();
  await input.click();
  // The browser's own measure of a key (Event Timing, as INP): from the key
  // to the next paint after its handlers; a key under 16 ms leaves no entry.
  await page.evaluate(() => {
    window.keyTimes = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.interactionId) window.keyTimes.push([e.interactionId, e.duration]);
    }).observe({ type: 'event', durationThreshold: 16 });
  });
  const KEYS = '1234567890123456';
  await page.keyboard.type(KEYS, { delay: 120 });
  await page.waitForTimeout(300);
  const entries = await page.evaluate(() => window.keyTimes);
  const worst = new Map();
  for (const [id, d] of entries) worst.set(id, Math.max(worst.get(id) || 0, d));
  const keys = [...worst.values()];
  while (keys.length < KEYS.length) keys.push(16); // under the threshold
  return { appear: median(appear), key: Math.round(median(keys)), rows: await page.locator('[data-test=fill-grid] .el-table__body-wrapper .el-table__row').count() };
}

// The plan stays open (--open-plan): the 540 extra projects are listed in 2024
// by an import, which an issued plan refuses (only change requests move it).
const srv = await startServer(['--open-plan']);
const browser = await launch();
try {
  const page = await newPage(browser);
  await login(page, srv.url, 'coord');
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(srv.url + '/?year=2024&asof=2024-06-30');
    await page.waitForSelector('[data-test=red-list] .el-table__row');
    await page.waitForSelector('[data-test=ranking] .el-table__row');
    await page.waitForSelector('[data-test=five-rates]');
    loads.push(await page.evaluate(() => Math.round(performance.now())));
    await page.waitForLoadState('networkidle');
  }
  loads.sort((a, b) => a - b);
  const best = loads[0];
  const mid = median(loads);
  console.log(`dashboard load (coordinator, demo district, ${RUNS} runs): best ${best} ms, ` +
    `median ${mid} ms; goal < ${GOAL_MS} ms: ${mid < GOAL_MS ? 'met' : 'NOT met'}`);

  await moreProjects(srv.url);
  const g = await grid(page, srv.url);
  console.log(`填报 grid (coordinator, ${164 + EXTRA} projects, ${g.rows} rows a page): first row ` +
    `after ${g.appear} ms (median of ${RUNS}; goal < ${GOAL_MS} ms: ${g.appear < GOAL_MS ? 'met' : 'NOT met'}), ` +
    `${g.key} ms a key (Event Timing, median of 16, 16 meaning under 16; goal < ${KEY_GOAL_MS} ms: ` +
    `${g.key < KEY_GOAL_MS ? 'met' : 'NOT met'})`);
} finally {
  await browser.close();
  await srv.stop();
}
