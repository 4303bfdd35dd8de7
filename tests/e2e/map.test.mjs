// map.test.mjs — the project map (项目地图, issue #14 item 10) against a real
// `ballast serve` on the demo district, whose projects all lie inside the
// demo's made-up boundary: the map draws exactly the points GET
// /api/v1/projects gives for a filter (coloured by light, then by stage),
// a click on a point opens its project, and the list opens its map with the
// same filters. Screenshots land in build/e2e/screenshots/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settle, shot, uiSuite } from './helpers.mjs';

let srv;
let coordApi;
const { as, done } = uiSuite((s) => {
  ({ srv, coordApi } = s);
});

/** How many points the chart's series hold, and each series' name → count. */
async function drawn(page) {
  return page.$eval('[data-test=map]', (el) => {
    const o = el.__ballastChart.getOption();
    const by = {};
    let n = 0;
    for (const s of o.series) {
      by[s.name] = s.data.length;
      n += s.data.length;
    }
    return { n, by, geo: !!(o.geo && o.geo.length) };
  });
}

describe('the project map', () => {
  test('a section filter draws that section\'s projects over the boundary; a click opens one', async () => {
    const q = 'year=2024&asof=2024-06-30&section=S02';
    const api = await coordApi.get('/projects?' + q + '&limit=1000');
    const placed = api.items.filter((p) => p.lng !== null && p.lat !== null);
    assert.ok(placed.length > 0 && placed.length === api.total, 'every demo project has a place');
    const boundary = await coordApi.get('/map/boundary');
    assert.equal(boundary.name, '示例区（虚构边界）');

    const page = await as('coord');
    await page.goto(srv.url + '/map?' + q);
    await page.waitForSelector('[data-test=map] canvas');
    await settle(page);
    await page.waitForFunction((n) => document.querySelector('[data-test=map]').dataset.points === String(n), placed.length);
    const byLight = await drawn(page);
    assert.equal(byLight.n, placed.length);
    assert.equal(byLight.geo, true, 'drawn over the uploaded boundary');
    const lights = { 红灯: 'red', 黄灯: 'yellow', 绿灯: 'green' };
    for (const [name, key] of Object.entries(lights))
      assert.equal(byLight.by[name], placed.filter((p) => p.light === key).length, name);
    assert.match(await page.textContent('[data-test=map-count]'), new RegExp(`地图上 ${placed.length} 个项目`));
    await shot(page, 'map-1366');

    // Coloured by stage: the same points, in the API's stages.
    await page.click('[data-test=colour-by] label:nth-child(2)');
    await page.waitForURL(/colour=stage/);
    await page.waitForFunction(() => document.querySelector('[data-test=map]').__ballastChart.getOption().series.length === 7);
    const byStage = await drawn(page);
    assert.equal(byStage.n, placed.length);
    const stages = { 储备: 'reserve', 签约: 'signed', 备案: 'filed', 开工: 'started', 竣工: 'completed', 投产: 'production', 达产: 'capacity' };
    for (const [name, key] of Object.entries(stages))
      assert.equal(byStage.by[name], placed.filter((p) => p.stage === key).length, name);

    // A click on a point opens its project.
    const first = placed[0];
    const xy = await page.$eval('[data-test=map]', (el, p) => {
      const c = el.__ballastChart;
      const [x, y] = c.convertToPixel({ geoIndex: 0 }, [Number(p.lng), Number(p.lat)]);
      const r = el.getBoundingClientRect();
      return [r.left + x, r.top + y];
    }, first);
    // (the points ease in after a redraw: click again until one is hit)
    for (let k = 0; k < 20 && !/\/projects\/2024-/.test(page.url()); k++) {
      await page.mouse.click(xy[0], xy[1]);
      await page.waitForURL(/\/projects\/2024-/, { timeout: 500 }).catch(() => {});
    }
    await page.waitForURL(/\/projects\/2024-/);
    const ref = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.ok(placed.some((p) => p.ref === ref), 'a project of the filter: ' + ref);
    await done(page);
  });

  test('the project list opens its map with the same filters', async () => {
    const page = await as('coord');
    await page.goto(srv.url + '/projects?year=2024&asof=2024-06-30&light=red');
    await page.waitForSelector('[data-test=to-map]');
    await settle(page);
    await page.click('[data-test=to-map]');
    await page.waitForURL(/\/map\?.*light=red/);
    const api = await coordApi.get('/projects?year=2024&asof=2024-06-30&light=red&limit=1000');
    await page.waitForFunction((n) => document.querySelector('[data-test=map]')?.dataset.points === String(n), api.total);
    assert.equal((await drawn(page)).by['红灯'], api.total);
    await done(page);
  });
});
