/* web_assets.h — the web UI's built files, embedded into the binary at build
 * time: tools/web-embed.mjs turns web/dist into build/gen/web_assets.c (the
 * unit tests and fuzz targets link an empty table instead). static.c serves
 * them. */
#ifndef BL_WEB_ASSETS_H
#define BL_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *path;          /* "/index.html", "/assets/index-Bx1.js" */
	const char *content_type;  /* "text/html; charset=utf-8", … */
	const char *cache;         /* Cache-Control for this file */
	const char *etag;          /* quoted strong ETag of the raw bytes */
	const unsigned char *raw;  /* the file as built */
	size_t raw_len;
	const unsigned char *gz;   /* gzip of raw, or NULL when not smaller */
	size_t gz_len;
	const unsigned char *br;   /* brotli of raw, or NULL when not smaller */
	size_t br_len;
};

/* Sorted by path (strcmp order), for binary search; web_assets_count may be 0
 * (a build without the UI: only the test binaries). */
extern const struct web_asset web_assets[];
extern const size_t web_assets_count;

#endif
