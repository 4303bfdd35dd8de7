/* html.c — a document as one self-contained HTML file: inline CSS with print
 * rules (A4, header rows repeated on each page, rows kept whole) and the
 * charts as inline SVG drawn by chart.c, so the file can be mailed, opened,
 * edited and printed without anything else. Also the format table of render.h. */
#include <stdio.h>
#include <string.h>

#include "report/render.h"

const char *const render_format_keys[RENDER__MAX] = { "html", "pdf", "xlsx" };
const char *const render_format_mime[RENDER__MAX] = {
	"text/html; charset=utf-8",
	"application/pdf",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

int render_format_from_key(const char *s)
{
	int i;

	for (i = 0; i < RENDER__MAX; i++)
		if (!strcmp(s, render_format_keys[i]))
			return i;
	return -1;
}

enum bl_err doc_render(const struct doc *d, enum render_format fmt, struct buf *out,
		       struct buf *err)
{
	switch (fmt) {
	case RENDER_HTML:
		return doc_html(d, out, err);
	case RENDER_PDF:
		return doc_pdf(d, out, err);
	case RENDER_XLSX:
		return doc_xlsx(d, out, err);
	case RENDER__MAX:
		break;
	}
	return BL_EINVAL;
}

static const char css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
	"\"Microsoft YaHei\",sans-serif;font-size:10.5pt;line-height:1.6;color:#222;"
	"max-width:780px;margin:24px auto;padding:0 16px}\n"
	".head{text-align:center;border-bottom:3px double #c00000;padding-bottom:6px;"
	"margin-bottom:18px;position:relative}\n"
	".head h1{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",serif;"
	"color:#c00000;font-size:26pt;letter-spacing:4px;margin:8px 0 4px}\n"
	".head .issue{font-size:11pt}\n"
	".head .meta{display:flex;justify-content:space-between;font-size:10pt;margin-top:8px}\n"
	".status{position:absolute;right:0;top:0;color:#c00000;border:1px solid #c00000;"
	"padding:0 6px;font-size:10pt}\n"
	"h2{font-size:13pt;margin:18px 0 6px}\n"
	"h3{font-size:11pt;margin:12px 0 4px}\n"
	"p{text-indent:2em;margin:4px 0;text-align:justify}\n"
	"p.note{text-indent:0;font-size:8.5pt;color:#666;margin:2px 0 10px}\n"
	"p.empty{color:#666}\n"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt;margin:4px 0}\n"
	"caption{font-weight:bold;font-size:9.5pt;padding:4px}\n"
	"th,td{border:1px solid #999;padding:2px 4px}\n"
	"th{background:#e8e8e8;font-weight:bold;text-align:center}\n"
	"td.n{text-align:right;white-space:nowrap}\n"
	".b{font-weight:bold}.r{color:#c00000}.g{color:#1e8449}.y{color:#b7950b}\n"
	"figure{margin:8px 0;text-align:center}figure svg{width:100%;height:auto}\n"
	"@page{size:A4;margin:20mm 18mm}\n"
	"@media print{body{max-width:none;margin:0;padding:0}thead{display:table-header-group}"
	"tr,figure{page-break-inside:avoid;break-inside:avoid}"
	"h2,h3,caption{page-break-after:avoid;break-after:avoid}}\n";

static void esc(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addch(b, *s); break;
		}
	}
}

static void cell_class(struct buf *b, const struct cell *c)
{
	size_t start;

	buf_adds(b, " class=\"");
	start = b->len;
	if (cell_is_number(c->kind))
		buf_adds(b, "n ");
	if (c->style & CS_BOLD)
		buf_adds(b, "b ");
	if (c->style & CS_RED)
		buf_adds(b, "r ");
	if (c->style & CS_GREEN)
		buf_adds(b, "g ");
	if (c->style & CS_GOLD)
		buf_adds(b, "y ");
	if (b->len == start) {
		buf_truncate(b, start - 8);
		return;
	}
	buf_truncate(b, b->len - 1);
	buf_addch(b, '"');
}

static void table_html(struct buf *b, const struct doc_table *t)
{
	struct buf text = BUF_INIT;
	size_t r, c;

	if (!t->nrows) {
		buf_adds(b, "<p class=\"empty\">");
		esc(b, t->empty ? t->empty : "无。");
		buf_adds(b, "</p>\n");
		return;
	}
	buf_adds(b, "<table>\n<caption>");
	esc(b, t->caption);
	buf_adds(b, "</caption>\n<thead><tr>");
	for (c = 0; c < t->ncols; c++) {
		buf_adds(b, "<th>");
		esc(b, t->heads[c]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->nrows; r++) {
		buf_adds(b, "<tr>");
		for (c = 0; c < t->ncols; c++) {
			const struct cell *cl = &t->cells[r * t->ncols + c];

			buf_adds(b, "<td");
			cell_class(b, cl);
			buf_addch(b, '>');
			buf_reset(&text);
			cell_format(cl, &text);
			esc(b, text.s);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
	if (t->note) {
		buf_adds(b, "<p class=\"note\">注：");
		esc(b, t->note);
		buf_adds(b, "</p>\n");
	}
	buf_release(&text);
}

/* Copy cairo's SVG into b without its XML declaration and with every id (and
 * reference to one) prefixed by "c<n>-": several inline SVGs share one id space. */
static void svg_inline(struct buf *b, const char *svg, int n)
{
	const char *p = strstr(svg, "<svg");
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "c%d-", n);
	if (!p)
		return;
	while (*p) {
		if (!strncmp(p, "id=\"", 4) || !strncmp(p, "href=\"#", 7) || !strncmp(p, "url(#", 5)) {
			size_t k = p[0] == 'i' ? 4 : p[0] == 'h' ? 7 : 5;

			buf_add(b, p, k);
			buf_adds(b, prefix);
			p += k;
			continue;
		}
		buf_addch(b, *p++);
	}
}

enum bl_err doc_html(const struct doc *d, struct buf *b, struct buf *err)
{
	struct buf svg = BUF_INIT;
	enum bl_err rc = BL_OK;
	size_t i;
	int charts = 0;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"generator\" content=\"ballast\">\n<title>");
	esc(b, d->title);
	buf_addch(b, ' ');
	esc(b, d->issue_line);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, css);
	buf_adds(b, "</style>\n</head>\n<body>\n<div class=\"head\">\n");
	if (d->status) {
		buf_adds(b, "<div class=\"status\">");
		esc(b, d->status);
		buf_adds(b, "</div>\n");
	}
	buf_adds(b, "<h1>");
	esc(b, d->title);
	buf_adds(b, "</h1>\n<div class=\"issue\">");
	esc(b, d->issue_line);
	buf_adds(b, "</div>\n<div class=\"meta\"><span>");
	esc(b, d->issuer);
	buf_adds(b, "</span><span>");
	esc(b, d->date_line);
	buf_adds(b, "</span></div>\n</div>\n");
	for (i = 0; i < d->n && !rc; i++) {
		const struct doc_block *k = &d->blocks[i];

		switch (k->kind) {
		case BLK_H1:
		case BLK_H2:
			buf_adds(b, k->kind == BLK_H1 ? "<h2>" : "<h3>");
			esc(b, k->text);
			buf_adds(b, k->kind == BLK_H1 ? "</h2>\n" : "</h3>\n");
			break;
		case BLK_PARA:
			buf_adds(b, "<p>");
			esc(b, k->text);
			buf_adds(b, "</p>\n");
			break;
		case BLK_TABLE:
			table_html(b, k->table);
			break;
		case BLK_CHART:
			buf_reset(&svg);
			rc = chart_svg(k->chart, 480, k->chart->kind == CHART_HBARS ? 200 : 220,
				       RENDER_FONT_SANS, &svg);
			buf_adds(b, "<figure>\n");
			svg_inline(b, svg.s, ++charts);
			buf_adds(b, "</figure>\n");
			break;
		case BLK__MAX:
			break;
		}
	}
	buf_adds(b, "</body>\n</html>\n");
	buf_release(&svg);
	if (!rc && b->err)
		rc = b->err;
	if (rc && err)
		buf_addf(err, "cannot write the HTML: %s", bl_strerror(rc));
	return rc;
}
