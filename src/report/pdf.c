/* pdf.c — a document as an A4 PDF with cairo and pango: the red title block,
 * a running header and "— N —" page numbers, paragraphs that break across
 * pages line by line, tables whose header row repeats on every page they
 * reach, and the charts as vector graphics. Fonts are embedded (subset) by
 * cairo; the creation date comes from the document, so the bytes depend on
 * the document alone. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render.h"
#include "util/xalloc.h"

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define MARGIN_X 62.0
#define MARGIN_TOP 64.0
#define MARGIN_BOTTOM 62.0
#define CELL_PAD 2.6
#define CHART_H 215.0

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct doc *d;
	double y;        /* the next free position on the page */
	int page;        /* 1-based; 0 before the first */
	PangoFontDescription *font[6]; /* F_* */
};

enum { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_CAPTION, F_TITLE, F__MAX };

static double text_w(void)
{
	return PAGE_W - 2 * MARGIN_X;
}

static double limit(void)
{
	return PAGE_H - MARGIN_BOTTOM;
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

static PangoFontDescription *font_new(const char *family, double size, int bold)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	return fd;
}

/* A layout of text in font f, wrapped at width (points; <= 0: no wrap). */
static PangoLayout *layout(struct pdf *p, int f, const char *text, double width,
			   PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);

	pango_layout_set_font_description(l, p->font[f]);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* One line of text at (x, y) anchored left (0), centre (0.5) or right (1). */
static void line_at(struct pdf *p, int f, const char *text, double x, double y, double ax)
{
	PangoLayout *l = layout(p, f, text, 0, PANGO_ALIGN_LEFT);
	int w, h;

	pango_layout_get_size(l, &w, &h);
	show(p, l, x - ax * w / PANGO_SCALE, y);
	g_object_unref(l);
}

/* ---- pages ---- */

static void footer(struct pdf *p)
{
	char num[32];

	set_rgb(p->cr, 0x333333);
	snprintf(num, sizeof(num), "— %d —", p->page);
	line_at(p, F_SMALL, num, PAGE_W / 2, PAGE_H - 40, 0.5);
}

static void running_header(struct pdf *p)
{
	struct buf right = BUF_INIT;

	set_rgb(p->cr, 0x666666);
	line_at(p, F_SMALL, p->d->title, MARGIN_X, 36, 0);
	buf_addf(&right, "%s%s%s", p->d->issue_line, p->d->status ? " · " : "",
		 p->d->status ? p->d->status : "");
	line_at(p, F_SMALL, right.s, PAGE_W - MARGIN_X, 36, 1);
	buf_release(&right);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, 50);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, 50);
	cairo_stroke(p->cr);
	set_rgb(p->cr, 0x222222);
}

static void new_page(struct pdf *p)
{
	if (p->page) {
		footer(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN_TOP;
	if (p->page > 1)
		running_header(p);
	set_rgb(p->cr, 0x222222);
}

/* Make room for h points, starting a new page when they do not fit. */
static void ensure(struct pdf *p, double h)
{
	if (p->y + h > limit() && p->y > MARGIN_TOP)
		new_page(p);
}

static void title_block(struct pdf *p)
{
	const struct doc *d = p->d;
	PangoLayout *l;

	if (d->status) {
		set_rgb(p->cr, 0xc00000);
		cairo_set_line_width(p->cr, 0.8);
		cairo_rectangle(p->cr, PAGE_W - MARGIN_X - 34, 30, 34, 17);
		cairo_stroke(p->cr);
		line_at(p, F_BODY, d->status, PAGE_W - MARGIN_X - 17, 31, 0.5);
	}
	set_rgb(p->cr, 0xc00000);
	l = layout(p, F_TITLE, d->title, text_w(), PANGO_ALIGN_CENTER);
	pango_layout_set_spacing(l, 0);
	show(p, l, MARGIN_X, 58);
	p->y = 58 + layout_h(l) + 6;
	g_object_unref(l);
	set_rgb(p->cr, 0x222222);
	line_at(p, F_BODY, d->issue_line, PAGE_W / 2, p->y, 0.5);
	p->y += 26;
	line_at(p, F_BODY, d->issuer, MARGIN_X, p->y, 0);
	line_at(p, F_BODY, d->date_line, PAGE_W - MARGIN_X, p->y, 1);
	p->y += 20;
	set_rgb(p->cr, 0xc00000);
	cairo_set_line_width(p->cr, 2.0);
	cairo_move_to(p->cr, MARGIN_X, p->y);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, p->y);
	cairo_stroke(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN_X, p->y + 3);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, p->y + 3);
	cairo_stroke(p->cr);
	set_rgb(p->cr, 0x222222);
	p->y += 16;
}

/* ---- flowing text ---- */

/* Draw l (already wrapped to the text width) from p->y at x, line by line,
 * moving to a new page where a line does not fit. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double off = p->y, bottom = p->y;

	do {
		PangoRectangle r;
		double top, bot;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		top = off + (double)r.y / PANGO_SCALE;
		bot = top + (double)r.height / PANGO_SCALE;
		if (bot > limit()) {
			new_page(p);
			off = p->y - (double)r.y / PANGO_SCALE;
			bot = p->y + (double)r.height / PANGO_SCALE;
		}
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE,
			      off + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		bottom = bot;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = bottom;
}

static void paragraph(struct pdf *p, const char *text)
{
	PangoLayout *l = layout(p, F_BODY, text, text_w(), PANGO_ALIGN_LEFT);

	pango_layout_set_indent(l, (int)(2 * 10.5 * PANGO_SCALE));
	/* Not justified: pango justifies CJK lines by spacing every glyph apart,
	 * and the PDF's text (copy, search, pdftotext) then reads "9 9 .4 %". */
	pango_layout_set_line_spacing(l, 1.5);
	flow(p, l, MARGIN_X);
	g_object_unref(l);
	p->y += 5;
}

static void heading(struct pdf *p, const struct doc_block *k)
{
	PangoLayout *l = layout(p, F_BOLD, k->text, text_w(), PANGO_ALIGN_LEFT);
	double h = layout_h(l);
	char dest[64];

	p->y += k->kind == BLK_H1 ? 8 : 4;
	ensure(p, h + 80); /* keep a heading with what follows */
	if (k->kind == BLK_H1) {
		snprintf(dest, sizeof(dest), "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X, p->y);
		cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, k->text, dest, 0);
	}
	show(p, l, k->kind == BLK_H1 ? MARGIN_X : MARGIN_X + 10.5, p->y);
	p->y += h + 4;
	g_object_unref(l);
}

/* ---- tables ---- */

struct row_layout {
	PangoLayout **cells;
	double h;
};

static uint32_t cell_rgb(const struct cell *c)
{
	if (c->style & CS_RED)
		return 0xc00000;
	if (c->style & CS_GREEN)
		return 0x1e8449;
	if (c->style & CS_GOLD)
		return 0xa67c00;
	return 0x222222;
}

static void row_make(struct pdf *p, const struct doc_table *t, const double *cw, size_t r,
		     struct row_layout *out)
{
	struct buf text = BUF_INIT;
	size_t c;

	out->h = 0;
	for (c = 0; c < t->ncols; c++) {
		const struct cell *cl = r == SIZE_MAX ? NULL : &t->cells[r * t->ncols + c];
		int f = !cl || (cl->style & CS_BOLD) ? F_SMALL_BOLD : F_SMALL;
		PangoAlignment al = !cl ? PANGO_ALIGN_CENTER
				    : cell_is_number(cl->kind) ? PANGO_ALIGN_RIGHT
							       : PANGO_ALIGN_LEFT;
		double h;

		buf_reset(&text);
		if (cl)
			cell_format(cl, &text);
		else
			buf_adds(&text, t->heads[c]);
		out->cells[c] = layout(p, f, text.s, cw[c] - 2 * CELL_PAD, al);
		h = layout_h(out->cells[c]) + 2 * CELL_PAD;
		if (h > out->h)
			out->h = h;
	}
	buf_release(&text);
}

static void row_draw(struct pdf *p, const struct doc_table *t, const double *cw, size_t r,
		     struct row_layout *rl)
{
	double x = MARGIN_X;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		const struct cell *cl = r == SIZE_MAX ? NULL : &t->cells[r * t->ncols + c];

		if (!cl) {
			set_rgb(p->cr, 0xe8e8e8);
			cairo_rectangle(p->cr, x, p->y, cw[c], rl->h);
			cairo_fill(p->cr);
		}
		set_rgb(p->cr, 0x888888);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, cw[c], rl->h);
		cairo_stroke(p->cr);
		set_rgb(p->cr, cl ? cell_rgb(cl) : 0x222222);
		show(p, rl->cells[c], x + CELL_PAD,
		     p->y + (rl->h - layout_h(rl->cells[c])) / 2);
		g_object_unref(rl->cells[c]);
		rl->cells[c] = NULL;
		x += cw[c];
	}
	p->y += rl->h;
	set_rgb(p->cr, 0x222222);
}

static void small_text(struct pdf *p, const char *text, uint32_t rgb, double after)
{
	PangoLayout *l = layout(p, F_SMALL, text, text_w(), PANGO_ALIGN_LEFT);

	set_rgb(p->cr, rgb);
	flow(p, l, MARGIN_X);
	g_object_unref(l);
	set_rgb(p->cr, 0x222222);
	p->y += after;
}

static void table(struct pdf *p, const struct doc_table *t)
{
	double *cw = xcalloc(t->ncols, sizeof(*cw)), total = 0, cap_h;
	struct row_layout head, row;
	PangoLayout *cap;
	size_t r, c;

	if (!t->nrows) {
		paragraph(p, t->empty ? t->empty : "无。");
		free(cw);
		return;
	}
	for (c = 0; c < t->ncols; c++)
		total += t->widths[c];
	for (c = 0; c < t->ncols; c++)
		cw[c] = text_w() * t->widths[c] / total;
	head.cells = xcalloc(t->ncols, sizeof(*head.cells));
	row.cells = xcalloc(t->ncols, sizeof(*row.cells));
	cap = layout(p, F_CAPTION, t->caption, text_w(), PANGO_ALIGN_CENTER);
	cap_h = layout_h(cap) + 3;
	row_make(p, t, cw, SIZE_MAX, &head);
	row_make(p, t, cw, 0, &row);
	p->y += 4;
	ensure(p, cap_h + head.h + row.h);
	show(p, cap, MARGIN_X, p->y);
	p->y += cap_h;
	row_draw(p, t, cw, SIZE_MAX, &head);
	for (r = 0; r < t->nrows; r++) {
		if (r)
			row_make(p, t, cw, r, &row);
		if (p->y + row.h > limit()) {
			new_page(p);
			row_make(p, t, cw, SIZE_MAX, &head);
			row_draw(p, t, cw, SIZE_MAX, &head);
		}
		row_draw(p, t, cw, r, &row);
	}
	g_object_unref(cap);
	free(head.cells);
	free(row.cells);
	free(cw);
	p->y += 3;
	if (t->note) {
		struct buf note = BUF_INIT;

		buf_addf(&note, "注：%s", t->note);
		small_text(p, note.s, 0x666666, 4);
		buf_release(&note);
	}
	p->y += 4;
}

static void chart(struct pdf *p, const struct chart *c)
{
	double h = c->kind == CHART_HBARS ? 190 : CHART_H;

	p->y += 4;
	ensure(p, h);
	chart_draw(c, p->cr, MARGIN_X, p->y, text_w(), h, RENDER_FONT_SANS);
	p->y += h + 8;
}

/* ---- the whole ---- */

void render_shutdown(void)
{
	/* Not cairo_debug_reset_static_data(): it asserts that no cairo object
	 * is alive, and a font pango still caches sometimes is (an abort seen
	 * once in a few dozen runs). What cairo keeps is suppressed below. */
	pango_cairo_font_map_set_default(NULL);
}

/* LeakSanitizer reads this hook (a weak symbol; inert without a sanitizer).
 * cairo 1.16 leaks 768 bytes per embedded CFF font subset in
 * cairo_surface_finish, and fontconfig keeps its parsed configuration until
 * FcFini (which needs a link ballast does not make); both are the libraries'
 * own, once per process or per PDF, and would fail every sanitized run that
 * renders. Only allocations made inside those two libraries are ignored. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void metadata(struct pdf *p)
{
	struct buf title = BUF_INIT;

	buf_addf(&title, "%s %s", p->d->title, p->d->issue_line);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title.s);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, p->d->issuer);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "ballast");
	if (p->d->pdf_date) {
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE,
					       p->d->pdf_date);
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE,
					       p->d->pdf_date);
	}
	buf_release(&title);
}

enum bl_err doc_pdf(const struct doc *d, struct buf *out, struct buf *err)
{
	struct pdf p;
	cairo_status_t st;
	size_t i;
	int f;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(p.surface, CAIRO_PDF_VERSION_1_5);
	metadata(&p);
	p.cr = cairo_create(p.surface);
	p.font[F_BODY] = font_new(RENDER_FONT_SANS, 10.5, 0);
	p.font[F_BOLD] = font_new(RENDER_FONT_SANS, 12, 1);
	p.font[F_SMALL] = font_new(RENDER_FONT_SANS, 8, 0);
	p.font[F_SMALL_BOLD] = font_new(RENDER_FONT_SANS, 8, 1);
	p.font[F_CAPTION] = font_new(RENDER_FONT_SANS, 9.5, 1);
	p.font[F_TITLE] = font_new(RENDER_FONT_SERIF, 26, 1);
	new_page(&p);
	title_block(&p);
	for (i = 0; i < d->n; i++) {
		const struct doc_block *k = &d->blocks[i];

		switch (k->kind) {
		case BLK_H1:
		case BLK_H2:
			heading(&p, k);
			break;
		case BLK_PARA:
			paragraph(&p, k->text);
			break;
		case BLK_TABLE:
			table(&p, k->table);
			break;
		case BLK_CHART:
			chart(&p, k->chart);
			break;
		case BLK__MAX:
			break;
		}
	}
	footer(&p);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	for (f = 0; f < F__MAX; f++)
		pango_font_description_free(p.font[f]);
	if (st != CAIRO_STATUS_SUCCESS) {
		if (err)
			buf_addf(err, "cannot write the PDF: %s", cairo_status_to_string(st));
		return BL_EIO;
	}
	if (out->err) {
		if (err)
			buf_addf(err, "the PDF is too large");
		return out->err;
	}
	return BL_OK;
}
