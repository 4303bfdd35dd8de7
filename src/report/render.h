/* render.h — writing a document (doc.h) as bytes in memory: one
 * self-contained HTML file with print CSS, an A4 PDF with the CJK font
 * embedded, or an XLSX workbook with one sheet per table. The same document
 * gives the same figures in each; the PDF and XLSX are byte-for-byte
 * deterministic for the same document. */
#ifndef BL_RENDER_H
#define BL_RENDER_H

#include "report/doc.h"
#include "util/buf.h"

enum render_format {
	RENDER_HTML,
	RENDER_PDF,
	RENDER_XLSX,
	RENDER__MAX
};
extern const char *const render_format_keys[RENDER__MAX];      /* "html", "pdf", "xlsx" */
extern const char *const render_format_mime[RENDER__MAX];      /* "text/html; charset=utf-8", … */
/* The format named s, or -1. */
int render_format_from_key(const char *s);

/* The font families the PDF and the charts use (fontconfig names). */
#define RENDER_FONT_SANS "Noto Sans CJK SC"
#define RENDER_FONT_SERIF "Noto Serif CJK SC"

/* Append d rendered as fmt to out. BL_OK, or an error with a sentence in err
 * (may be NULL): BL_EIO when cairo or libxlsxwriter fails, BL_ELIMIT when out
 * reaches its cap. The three formats are also callable alone. */
enum bl_err doc_render(const struct doc *d, enum render_format fmt, struct buf *out,
		       struct buf *err);
enum bl_err doc_html(const struct doc *d, struct buf *out, struct buf *err);
enum bl_err doc_pdf(const struct doc *d, struct buf *out, struct buf *err);
enum bl_err doc_xlsx(const struct doc *d, struct buf *out, struct buf *err);

/* Release the process-wide caches of pango, cairo and fontconfig, so that a
 * leak checker sees a clean exit. Call once, at the end of a process that
 * rendered (a CLI command); nothing may render afterwards. A server never
 * calls it. */
void render_shutdown(void);

#endif
