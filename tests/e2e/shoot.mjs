// shoot.mjs — screenshots of the main pages at 1366×768 and 1024×768, for a
// person to look at (not a test): node tests/e2e/shoot.mjs [user] [path…]
import { launch, login, newPage, shot, startServer } from './helpers.mjs';

const [user = 'coord', ...paths] = process.argv.slice(2);
const srv = await startServer();
let browser;
try {
  browser = await launch();
  for (const width of [1366, 1024]) {
    const page = await newPage(browser, { width, height: 768 });
    await login(page, srv.url, user);
    for (const p of paths.length ? paths : ['/']) {
      await page.goto(srv.url + p);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600);
      const name = `${user}${p.replace(/[^a-z0-9]+/gi, '_')}-${width}`;
      console.log(await shot(page, name));
    }
    if (page.errors.length) console.log('console errors:', page.errors);
    await page.context().close();
  }
} finally {
  if (browser) await browser.close();
  await srv.stop();
}
