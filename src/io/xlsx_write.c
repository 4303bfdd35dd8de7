/* xlsx_write.c — export tables as XLSX through libxlsxwriter (xlsx_write.h). */
#include "io/xlsx_write.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/xlsx_value.h"
#include "util/xalloc.h"

#define MAX_COLS 256

struct xlsx_writer {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *header, *fmt[XW__MAX];
	const struct xw_col *cols;
	size_t ncols;
	lxw_row_t row;      /* the current row (the header is 0) */
	lxw_error first;    /* the first libxlsxwriter error */
};

static const char *const num_formats[XW__MAX] = {
	[XW_CODE] = "@", [XW_INT] = "0", [XW_WANYUAN] = "#,##0.00",
	[XW_DEC4] = "#,##0.00##", [XW_DATE] = "yyyy-mm-dd", [XW_MONTH] = "yyyy-mm",
	[XW_PERCENT] = "0.00%",
};

static const double type_widths[XW__MAX] = {
	[XW_TEXT] = 30, [XW_CODE] = 14, [XW_INT] = 8, [XW_WANYUAN] = 14, [XW_DEC4] = 12,
	[XW_DATE] = 12, [XW_MONTH] = 10, [XW_PERCENT] = 10, [XW_NUMBER] = 12,
};

static void note(struct xlsx_writer *w, lxw_error e)
{
	if (e && !w->first)
		w->first = e;
}

enum bl_err xw_open(const char *path, struct xlsx_writer **out, struct buf *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	struct xlsx_writer *w;
	int t;

	*out = NULL;
	w = xcalloc(1, sizeof(*w));
	w->wb = workbook_new_opt(path, &opt);
	if (!w->wb) {
		if (err)
			buf_addf(err, "cannot start an XLSX workbook at %s", path);
		free(w);
		return BL_EIO;
	}
	w->header = workbook_add_format(w->wb);
	format_set_bold(w->header);
	format_set_bg_color(w->header, 0xDDEBF7);
	format_set_border(w->header, LXW_BORDER_THIN);
	format_set_text_wrap(w->header);
	format_set_align(w->header, LXW_ALIGN_VERTICAL_CENTER);
	for (t = 0; t < XW__MAX; t++) {
		w->fmt[t] = workbook_add_format(w->wb);
		if (num_formats[t])
			format_set_num_format(w->fmt[t], num_formats[t]);
	}
	*out = w;
	return BL_OK;
}

/* Display width of UTF-8 text: a CJK (3-byte) character takes two columns. */
static double text_columns(const char *s)
{
	double n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80)
			n += 1;
		else if (c >= 0xe0)
			n += 2;
	}
	return n;
}

/* Close the sheet being written: its autofilter over the rows written. */
static void finish_sheet(struct xlsx_writer *w)
{
	if (!w->ws)
		return;
	if (w->ncols)
		note(w, worksheet_autofilter(w->ws, 0, 0, w->row ? w->row - 1 : 0,
					     (lxw_col_t)(w->ncols - 1)));
	w->ws = NULL;
}

void xw_sheet(struct xlsx_writer *w, const char *name, const struct xw_col *cols,
	      size_t ncols)
{
	size_t c;

	finish_sheet(w);
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	w->ws = workbook_add_worksheet(w->wb, name);
	if (!w->ws) {
		note(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	w->cols = cols;
	w->ncols = ncols;
	w->row = 0;
	for (c = 0; c < ncols; c++) {
		double width = cols[c].width ? cols[c].width : type_widths[cols[c].type];
		double h = text_columns(cols[c].header) + 3; /* room for the filter button */

		if (!cols[c].width && h > width)
			width = h > 40 ? 40 : h;
		note(w, worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width,
					     w->fmt[cols[c].type]));
		note(w, worksheet_write_string(w->ws, 0, (lxw_col_t)c, cols[c].header, w->header));
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	w->row = 1;
}

/* 1 when s[0..] is an escape _xHHHH_ that Excel (and xlsx.h) would decode. */
static int is_escape(const char *s)
{
	int i;

	if (s[0] != '_' || s[1] != 'x')
		return 0;
	for (i = 2; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[6] == '_';
}

void xw_text(struct xlsx_writer *w, size_t col, const char *s)
{
	struct buf esc = BUF_INIT;
	const char *p;

	if (!w->ws || col >= w->ncols || !s || !*s)
		return;
	/* libxlsxwriter writes _xHHHH_ as it is, which readers decode: escape its
	 * underscore so the text comes back as written */
	for (p = strstr(s, "_x"); p; p = strstr(p + 1, "_x"))
		if (is_escape(p))
			break;
	if (p) {
		for (p = s; *p; p++) {
			if (is_escape(p))
				buf_adds(&esc, "_x005F_");
			else
				buf_addch(&esc, *p);
		}
		s = esc.s;
	}
	note(w, worksheet_write_string(w->ws, w->row, (lxw_col_t)col, s,
				       w->fmt[w->cols[col].type]));
	buf_release(&esc);
}

void xw_num(struct xlsx_writer *w, size_t col, double v)
{
	if (!w->ws || col >= w->ncols)
		return;
	note(w, worksheet_write_number(w->ws, w->row, (lxw_col_t)col, v,
				       w->fmt[w->cols[col].type]));
}

void xw_yuan(struct xlsx_writer *w, size_t col, int64_t yuan)
{
	if (yuan != INT64_MIN) /* AMOUNT_NONE */
		xw_num(w, col, (double)yuan / 10000.0);
}

void xw_day(struct xlsx_writer *w, size_t col, bl_day d)
{
	if (d != DAY_NONE)
		xw_num(w, col, (double)xlsx_day_serial(d));
}

void xw_month(struct xlsx_writer *w, size_t col, bl_month m)
{
	if (m != MONTH_NONE)
		xw_num(w, col, (double)xlsx_day_serial(month_first_day(m)));
}

void xw_row(struct xlsx_writer *w)
{
	if (w->row < LXW_ROW_MAX - 1)
		w->row++;
	else
		note(w, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
}

enum bl_err xw_close(struct xlsx_writer *w, struct buf *err)
{
	lxw_error e;

	finish_sheet(w);
	e = workbook_close(w->wb);
	if (!e)
		e = w->first;
	if (e && err)
		buf_addf(err, "cannot write the XLSX workbook: %s", lxw_strerror(e));
	free(w);
	return e ? BL_EIO : BL_OK;
}
