/* xlsx.c — a document as an XLSX workbook with libxlsxwriter: a first sheet
 * "通报" with the title and the prose, then one sheet per table whose first
 * row is the header and whose cells keep their values (counts as numbers,
 * money as 万元 numbers, rates as fractions formatted 0.0%, dates as dates).
 * libxlsxwriter writes only to a file, so this goes through a temporary file;
 * the creation time is the document's date, so the bytes are deterministic. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/model.h"
#include "report/render.h"
#include "util/xalloc.h"

enum {
	X_HEAD,    /* header row */
	X_TEXT,    /* wrapped text */
	X_COUNT,   /* 0 */
	X_MONEY,   /* #,##0.00 (万元) */
	X_PCT,     /* 0.0% */
	X_POINTS,  /* +0.0 */
	X_SCORE,   /* 0.00 */
	X_DATE,    /* yyyy-mm-dd */
	X_TITLE,   /* the title */
	X_PARA,    /* a wrapped paragraph */
	X_NOTE,    /* a note */
	X__MAX
};

struct xl {
	lxw_workbook *wb;
	lxw_format *f[X__MAX];
	lxw_format *bold[X__MAX]; /* the same, bold (totals) */
};

static lxw_format *fmt_new(lxw_workbook *wb, const char *num, int bold, int wrap)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "等线");
	format_set_font_size(f, 10);
	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

static void formats(struct xl *x)
{
	static const char *const nums[X__MAX] = {
		[X_COUNT] = "0", [X_MONEY] = "#,##0.00", [X_PCT] = "0.0%",
		[X_POINTS] = "+0.0;-0.0;0.0", [X_SCORE] = "0.00", [X_DATE] = "yyyy-mm-dd",
	};
	int k;

	for (k = 0; k < X__MAX; k++) {
		x->f[k] = fmt_new(x->wb, nums[k], k == X_HEAD, k == X_TEXT || k == X_PARA);
		x->bold[k] = fmt_new(x->wb, nums[k], 1, k == X_TEXT || k == X_PARA);
	}
	format_set_bg_color(x->f[X_HEAD], 0xE8E8E8);
	format_set_border(x->f[X_HEAD], LXW_BORDER_THIN);
	format_set_align(x->f[X_HEAD], LXW_ALIGN_CENTER);
	format_set_font_size(x->f[X_TITLE], 16);
	format_set_bold(x->f[X_TITLE]);
	format_set_font_color(x->f[X_TITLE], 0xC00000);
	format_set_font_color(x->f[X_NOTE], 0x666666);
}

/* Code points in UTF-8 text, wide (CJK, 3+ bytes) ones counted twice. */
static size_t text_cols(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80)
			n++;
		else if (c >= 0xe0)
			n += 2;
	}
	return n;
}

static void write_cell(struct xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		       const struct cell *cl)
{
	lxw_format **f = cl->style & CS_BOLD ? x->bold : x->f;
	lxw_datetime dt;
	int y, m, d;

	switch (cl->kind) {
	case CELL_TEXT:
		worksheet_write_string(ws, r, c, cl->text ? cl->text : "", f[X_TEXT]);
		break;
	case CELL_COUNT:
		worksheet_write_number(ws, r, c, (double)cl->v, f[X_COUNT]);
		break;
	case CELL_MONEY:
		worksheet_write_number(ws, r, c, (double)cl->v / 10000.0, f[X_MONEY]);
		break;
	case CELL_RATIO:
		if (cl->r.den)
			worksheet_write_number(ws, r, c, (double)cl->r.num / (double)cl->r.den,
					       f[X_PCT]);
		else
			worksheet_write_string(ws, r, c, "—", f[X_TEXT]);
		break;
	case CELL_POINTS:
		if (cl->v == AMOUNT_NONE)
			worksheet_write_string(ws, r, c, "—", f[X_TEXT]);
		else
			worksheet_write_number(ws, r, c, (double)cl->v / 10.0, f[X_POINTS]);
		break;
	case CELL_SCORE:
		worksheet_write_number(ws, r, c, (double)cl->v / 100.0, f[X_SCORE]);
		break;
	case CELL_DATE:
		if (cl->v == DAY_NONE)
			break;
		day_to_ymd((bl_day)cl->v, &y, &m, &d);
		memset(&dt, 0, sizeof(dt));
		dt.year = y;
		dt.month = (uint8_t)m;
		dt.day = (uint8_t)d;
		worksheet_write_datetime(ws, r, c, &dt, f[X_DATE]);
		break;
	case CELL_EMPTY:
	case CELL__MAX:
		break;
	}
}

static void table_sheet(struct xl *x, const struct doc_table *t)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, t->sheet);
	struct buf header = BUF_INIT;
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		size_t w = text_cols(t->heads[c]) + 2;

		for (r = 0; r < t->nrows; r++) {
			const struct cell *cl = &t->cells[r * t->ncols + c];
			size_t cw = cl->kind == CELL_TEXT ? text_cols(cl->text) + 2 : 12;

			if (cw > w)
				w = cw;
		}
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)(w > 60 ? 60 : w), NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, t->heads[c], x->f[X_HEAD]);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			write_cell(x, ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
				   &t->cells[r * t->ncols + c]);
	r = t->nrows + 2;
	if (!t->nrows && t->empty)
		worksheet_write_string(ws, (lxw_row_t)r++, 0, t->empty, x->f[X_NOTE]);
	worksheet_write_string(ws, (lxw_row_t)r++, 0, t->caption, x->f[X_NOTE]);
	if (t->note) {
		buf_addf(&header, "注：%s", t->note);
		worksheet_write_string(ws, (lxw_row_t)r, 0, header.s, x->f[X_NOTE]);
	}
	buf_reset(&header);
	buf_addf(&header, "&C%s", t->caption);
	worksheet_set_header(ws, header.s);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	buf_release(&header);
}

static void front_sheet(struct xl *x, const struct doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "通报");
	struct buf line = BUF_INIT;
	lxw_row_t r = 0;
	size_t i;

	worksheet_set_column(ws, 0, 0, 110, NULL);
	worksheet_write_string(ws, r++, 0, d->title, x->f[X_TITLE]);
	buf_addf(&line, "%s%s%s", d->issue_line, d->status ? "  " : "", d->status ? d->status : "");
	worksheet_write_string(ws, r++, 0, line.s, x->f[X_TEXT]);
	buf_reset(&line);
	buf_addf(&line, "%s  %s", d->issuer, d->date_line);
	worksheet_write_string(ws, r++, 0, line.s, x->f[X_TEXT]);
	r++;
	for (i = 0; i < d->n; i++) {
		const struct doc_block *k = &d->blocks[i];

		if (k->kind == BLK_H1 || k->kind == BLK_H2) {
			worksheet_write_string(ws, r++, 0, k->text, x->bold[X_TEXT]);
		} else if (k->kind == BLK_PARA) {
			size_t lines = text_cols(k->text) / 105 + 1;

			worksheet_set_row(ws, r, 14.0 * (double)lines, NULL);
			worksheet_write_string(ws, r++, 0, k->text, x->f[X_PARA]);
		} else if (k->kind == BLK_TABLE) {
			buf_reset(&line);
			buf_addf(&line, "%s（见工作表“%s”）", k->table->caption, k->table->sheet);
			worksheet_write_string(ws, r++, 0, line.s, x->f[X_NOTE]);
		}
	}
	buf_release(&line);
}

/* The document's date as a time_t (UTC midnight), 0 when absent. */
static time_t doc_time(const struct doc *d)
{
	char day[11];
	bl_day n;

	if (!d->pdf_date || strlen(d->pdf_date) < 10)
		return 0;
	memcpy(day, d->pdf_date, 10);
	day[10] = '\0';
	if (day_parse_iso(day, &n))
		return 0;
	return (time_t)n * 86400;
}

static enum bl_err slurp(const char *path, struct buf *out)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int bad;

	if (!f)
		return BL_EIO;
	for (;;) {
		n = fread(chunk, 1, sizeof(chunk), f);
		if (!n)
			break;
		buf_add(out, chunk, n);
	}
	bad = ferror(f);
	fclose(f);
	if (bad)
		return BL_EIO;
	return out->err ? out->err : BL_OK;
}

enum bl_err doc_xlsx(const struct doc *d, struct buf *out, struct buf *err)
{
	lxw_doc_properties props;
	struct buf path = BUF_INIT, title = BUF_INIT;
	const char *tmp = getenv("TMPDIR");
	struct xl x;
	lxw_error le;
	enum bl_err rc = BL_OK;
	size_t i;
	int fd;

	buf_addf(&path, "%s/ballast-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path.s);
	if (fd < 0) {
		if (err)
			buf_addf(err, "cannot create a temporary file in %s: %s",
				 tmp && *tmp ? tmp : "/tmp", strerror(errno));
		buf_release(&path);
		return BL_EIO;
	}
	close(fd);
	memset(&x, 0, sizeof(x));
	x.wb = workbook_new(path.s);
	if (!x.wb) {
		rc = BL_EIO;
		goto out;
	}
	memset(&props, 0, sizeof(props));
	buf_addf(&title, "%s %s", d->title, d->issue_line);
	props.title = title.s;
	props.author = d->issuer;
	props.created = doc_time(d);
	workbook_set_properties(x.wb, &props);
	formats(&x);
	front_sheet(&x, d);
	for (i = 0; i < d->n; i++)
		if (d->blocks[i].kind == BLK_TABLE)
			table_sheet(&x, d->blocks[i].table);
	le = workbook_close(x.wb);
	if (le != LXW_NO_ERROR) {
		if (err)
			buf_addf(err, "cannot write the XLSX: %s", lxw_strerror(le));
		rc = BL_EIO;
		goto out;
	}
	rc = slurp(path.s, out);
out:
	if (rc && err && !err->len)
		buf_addf(err, "cannot write the XLSX: %s", bl_strerror(rc));
	unlink(path.s);
	buf_release(&path);
	buf_release(&title);
	return rc;
}
