// static.test.mjs — the embedded UI over HTTP: index.html for the app's own
// paths, content types, caching (immutable hashed assets, revalidated HTML),
// precompressed copies by Accept-Encoding, and the API left alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { startServer } from './helpers.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  if (srv) await srv.stop();
});

/** A raw GET (fetch would decompress on its own). */
function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(srv.url + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('index.html for / and for the app\'s paths, revalidated', async () => {
  for (const p of ['/', '/projects/2024-001', '/reports']) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(r.body.toString(), /<div id="app">/);
    assert.match(r.headers['content-security-policy'], /default-src 'self'/);
  }
  const r = await get('/');
  const again = await get('/', { 'If-None-Match': r.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
});

test('hashed assets: immutable, compressed as the client allows', async () => {
  const html = (await get('/')).body.toString();
  const js = html.match(/src="(\/assets\/[^"]+\.js)"/)[1];
  const css = html.match(/href="(\/assets\/[^"]+\.css)"/)[1];
  const plain = await get(js);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(plain.headers['content-encoding'], undefined);
  const gz = await get(js, { 'Accept-Encoding': 'gzip, deflate' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.deepEqual(gunzipSync(gz.body), plain.body);
  const br = await get(js, { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.deepEqual(brotliDecompressSync(br.body), plain.body);
  assert.ok(br.body.length < plain.body.length / 2);
  const nobr = await get(js, { 'Accept-Encoding': 'br;q=0, gzip' });
  assert.equal(nobr.headers['content-encoding'], 'gzip');
  assert.equal((await get(css)).headers['content-type'], 'text/css; charset=utf-8');
  assert.equal((await get('/favicon.svg')).headers['content-type'], 'image/svg+xml');
});

test('a missing file is a 404, never index.html; the API keeps its own answers', async () => {
  const r = await get('/assets/index-nothere.js');
  assert.equal(r.status, 404);
  assert.equal((await get('/robots-missing.txt')).status, 404);
  const nf = await get('/api/v1/nothing');
  assert.equal(nf.status, 404);
  assert.match(nf.body.toString(), /"not_found"/);
  assert.equal((await get('/healthz')).status, 200);
});
