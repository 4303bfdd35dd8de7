/* static.h — the embedded web UI over HTTP: every path outside /api/ and
 * /healthz is a file of web/dist (web_assets.h), with index.html for the
 * single-page app's own paths. */
#ifndef BL_STATIC_H
#define BL_STATIC_H

#include "http/http.h"

/* Answer rq from the embedded files when its path is not the API's: 1 when rs
 * is set (200, 304, 404 or 405), 0 when the path belongs to the API.
 * Content-Type, Cache-Control (immutable for the hashed files under /assets/,
 * no-cache for the rest), ETag / If-None-Match, and the brotli or gzip copy
 * when Accept-Encoding allows it. The body points into the static table. */
int static_serve(struct http_req *rq, struct http_resp *rs);

/* 1 when the header value accept (Accept-Encoding) allows coding ("gzip",
 * "br"): listed, or "*", with a q-value above 0. NULL accepts nothing. */
int static_accepts(const char *accept, const char *coding);

#endif
