/* static.c — serving the embedded web UI (web_assets.h): file lookup, the
 * single-page app's fallback to index.html, revalidation by ETag, and the
 * precompressed copies chosen by Accept-Encoding. The bytes never leave the
 * binary's read-only data: the response points at them. */
#include <string.h>
#include <strings.h>

#include "http/static.h"
#include "http/web_assets.h"

static const struct web_asset *find(const char *path)
{
	size_t lo = 0, hi = web_assets_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, web_assets[mid].path);

		if (!c)
			return &web_assets[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* 1 when the last segment of path has a dot: a file, not an app route. */
static int looks_like_file(const char *path)
{
	const char *slash = strrchr(path, '/');

	return strchr(slash ? slash : path, '.') != NULL;
}

static int is_api(const char *path)
{
	return !strcmp(path, "/api") || !strncmp(path, "/api/", 5) || !strcmp(path, "/healthz");
}

int static_accepts(const char *accept, const char *coding)
{
	size_t n = strlen(coding);
	const char *p = accept;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p), tok;
		const char *q;

		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		tok = strcspn(p, ";, \t");
		if (tok > len)
			tok = len;
		if ((tok == n && !strncasecmp(p, coding, n)) || (tok == 1 && *p == '*')) {
			/* "gzip;q=0" refuses; any other q (or none) accepts. */
			q = memchr(p, ';', len);
			if (!q)
				return 1;
			q = strstr(q, "q=");
			if (!q || q >= p + len)
				return 1;
			q += 2;
			while (q < p + len && (*q == '0' || *q == '.'))
				q++;
			return q < p + len && *q >= '1' && *q <= '9';
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static void add_header(struct http_resp *rs, const char *name, const char *value)
{
	if (rs->n_headers < HTTP_MAX_HEADERS) {
		rs->headers[rs->n_headers].name = name;
		rs->headers[rs->n_headers].value = value;
		rs->n_headers++;
	}
}

static void not_found(struct http_resp *rs)
{
	rs->status = 404;
	rs->content_type = "text/plain; charset=utf-8";
	rs->cache = "no-store";
	buf_reset(&rs->body);
	buf_adds(&rs->body, "404 not found\n");
}

int static_serve(struct http_req *rq, struct http_resp *rs)
{
	const struct web_asset *a;
	const char *path = rq->path, *inm, *accept;

	if (is_api(path))
		return 0;
	if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) {
		resp_fail(rs, HE_METHOD_NOT_ALLOWED, "method not allowed", "不支持该请求方法",
			   NULL);
		return 1;
	}
	if (!web_assets_count) {
		not_found(rs);
		buf_reset(&rs->body);
		buf_adds(&rs->body, "this ballast was built without its web UI\n");
		return 1;
	}
	a = find(!strcmp(path, "/") ? "/index.html" : path);
	/* The app's own routes (/projects/2024-001) are index.html; a missing
	 * file (/assets/old-hash.js) is a 404, never HTML in its place. */
	if (!a && !looks_like_file(path) && strncmp(path, "/assets/", 8))
		a = find("/index.html");
	if (!a) {
		not_found(rs);
		return 1;
	}
	rs->status = 200;
	rs->content_type = a->content_type;
	rs->cache = a->cache;
	add_header(rs, "ETag", a->etag);
	if (a->gz || a->br)
		add_header(rs, "Vary", "Accept-Encoding");
	if (!strncmp(a->content_type, "text/html", 9))
		add_header(rs, "Content-Security-Policy",
			   "default-src 'self'; img-src 'self' data: blob:; "
			   "style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
			   "object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
	inm = req_header(rq, "If-None-Match");
	if (inm && (strstr(inm, a->etag) || !strcmp(inm, "*"))) {
		rs->status = 304;
		buf_reset(&rs->body);
		return 1;
	}
	accept = req_header(rq, "Accept-Encoding");
	if (a->br && static_accepts(accept, "br")) {
		add_header(rs, "Content-Encoding", "br");
		rs->data = a->br;
		rs->data_len = a->br_len;
	} else if (a->gz && static_accepts(accept, "gzip")) {
		add_header(rs, "Content-Encoding", "gzip");
		rs->data = a->gz;
		rs->data_len = a->gz_len;
	} else {
		rs->data = a->raw;
		rs->data_len = a->raw_len;
	}
	return 1;
}
