/* xlsx_sheet.c — streaming one worksheet of an XLSX workbook row by row
 * (xlsx.h). expat is fed chunks of the inflated sheet and suspended at each
 * </row>, so a row is handed out before the rest of the sheet is read; the
 * row's cells become the text import reads (xlsx_value.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_int.h"
#include "io/xlsx_value.h"
#include "util/xalloc.h"

static char empty_cell[1];

/* The name of the current cell ("C5"), for a message. */
static const char *here(struct xlsx_sheet *s)
{
	return xlsx_cell_name(s->col, s->row, s->ref);
}

/* Note the row's first problem; the row is handed out as an error. */
static void row_problem(struct xlsx_sheet *s, enum bl_err rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row_problem(struct xlsx_sheet *s, enum bl_err rc, const char *fmt, ...)
{
	va_list ap;

	if (s->row_rc)
		return;
	s->row_rc = rc;
	buf_reset(&s->row_msg);
	va_start(ap, fmt);
	buf_vaddf(&s->row_msg, fmt, ap);
	va_end(ap);
}

/* The 0-based column of a reference like "AB12"; -1 when it is not one. */
static long ref_column(const char *ref)
{
	long col = 0;
	int letters = 0, digits = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		if (++letters > 3)
			return -1;
		col = col * 26 + (*ref - 'A' + 1);
	}
	for (; *ref >= '0' && *ref <= '9'; ref++)
		if (++digits > 7)
			return -1;
	if (!letters || !digits || *ref || col > XLSX_MAX_COLS)
		return -1;
	return col - 1;
}

static void row_start(struct xlsx_sheet *s, const char **atts)
{
	const char *r = xlsx_attr(atts, "r");
	size_t row = s->last_row + 1;

	if (r) {
		row = 0;
		for (; *r >= '0' && *r <= '9' && row <= XLSX_MAX_ROWS; r++)
			row = row * 10 + (size_t)(*r - '0');
		if (*r)
			row = 0;
	}
	if (!row || row > XLSX_MAX_ROWS) {
		xlsx_xml_stop(&s->x, BL_EINVAL, "the workbook is damaged: %s has a row number out "
			      "of range (rows go from 1 to %d)", s->part.name, XLSX_MAX_ROWS);
		return;
	}
	s->row = row;
	s->in_row = 1;
	s->next_col = 0;
	s->out.n = 0;
	buf_reset(&s->out.text);
	s->row_rc = BL_OK;
}

/* The cell types of the t attribute, by its value. */
static char cell_type(const char *t)
{
	if (!t)
		return 'n';
	switch (t[0]) {
	case 's': return t[1] ? (strcmp(t, "str") ? 'n' : 'f') : 's';
	case 'b': return t[1] ? 'n' : 'b';
	case 'e': return t[1] ? 'n' : 'e';
	case 'd': return t[1] ? 'n' : 'd';
	case 'i': return strcmp(t, "inlineStr") ? 'n' : 'i';
	default: return 'n';
	}
}

static void cell_start(struct xlsx_sheet *s, const char **atts)
{
	const char *r = NULL, *t = NULL, *st = NULL;
	unsigned long style = 0;
	long col;

	for (; atts[0]; atts += 2) { /* one pass: r, s and t are all a cell has */
		const char *a = xlsx_local(atts[0]);

		if (a[0] && !a[1]) {
			if (a[0] == 'r')
				r = atts[1];
			else if (a[0] == 't')
				t = atts[1];
			else if (a[0] == 's')
				st = atts[1];
		}
	}
	col = r ? ref_column(r) : (long)s->next_col;
	if (col < 0 || col >= XLSX_MAX_COLS) {
		xlsx_xml_stop(&s->x, BL_EINVAL, "the workbook is damaged: %s, row %zu: the cell "
			      "reference %.20s is out of range", s->part.name, s->row, r ? r : "");
		return;
	}
	for (; st && *st >= '0' && *st <= '9' && style < 1000000; st++)
		style = style * 10 + (unsigned long)(*st - '0');
	s->col = (size_t)col;
	s->next_col = (size_t)col + 1;
	s->style = (unsigned)style;
	s->type = cell_type(t);
	s->in_cell = 1;
	s->has_value = 0;
	s->cell_over = 0;
	buf_reset(&s->cell);
}

/* The length of shared string i: each is NUL-terminated, one after another. */
static size_t sst_len(const struct xlsx_reader *r, size_t i)
{
	size_t end = i + 1 < r->n_sst ? r->sst_off[i + 1] : r->sst.len;

	return end - r->sst_off[i] - 1;
}

/* Append the cell's value as text to the row's text. */
static void cell_value(struct xlsx_sheet *s)
{
	struct xlsx_reader *r = s->r;
	struct buf *t = &s->out.text;
	const char *v = s->cell.s;
	size_t len = s->cell.len;
	bl_day day;
	long i;
	size_t k;

	switch (s->type) {
	case 's':
		for (i = 0, k = 0; k < len && k < 10 && v[k] >= '0' && v[k] <= '9'; k++)
			i = i * 10 + (v[k] - '0');
		if (!len || k != len || (size_t)i >= r->n_sst)
			row_problem(s, BL_EINVAL, "cell %s: the workbook is damaged: shared string "
				    "%.20s does not exist", here(s), v);
		else if (sst_len(r, (size_t)i) > XLSX_MAX_CELL)
			row_problem(s, BL_ELIMIT, "cell %s holds more than %zu bytes", here(s),
				    XLSX_MAX_CELL);
		else
			buf_add(t, r->sst.s + r->sst_off[i], sst_len(r, (size_t)i));
		return;
	case 'b':
		if (len == 1 && (*v == '0' || *v == '1'))
			buf_adds(t, *v == '1' ? "TRUE" : "FALSE");
		else
			row_problem(s, BL_EINVAL, "cell %s: not a boolean: %.20s", here(s), v);
		return;
	case 'e':
		row_problem(s, BL_EINVAL, "cell %s: the formula gives an error (%.20s)", here(s),
			    v);
		return;
	case 'i':
	case 'f':
		xlsx_unescape(s->cell.s, &len);
		buf_add(t, s->cell.s, len);
		return;
	case 'd':
		buf_add(t, v, len >= 10 && v[4] == '-' && v[7] == '-' ? 10 : len);
		return;
	default:
		if (s->style < r->n_xf && r->xf_date[s->style] &&
		    !xlsx_serial_day(v, len, r->date1904, &day)) {
			char tmp[11];

			buf_adds(t, day_format(day, tmp));
		} else if (xlsx_number_text(t, v, len)) {
			row_problem(s, BL_EINVAL, "cell %s: not a number: %.40s", here(s), v);
		}
		return;
	}
}

static void cell_end(struct xlsx_sheet *s)
{
	struct xlsx_row *o = &s->out;
	size_t off = o->text.len;

	s->in_cell = 0;
	s->capture = 0;
	if (!s->has_value || s->cell_over || !s->cell.len)
		return;
	cell_value(s);
	if (o->text.len == off)
		return; /* an empty value is no value */
	buf_addch(&o->text, '\0');
	if (o->text.err) {
		row_problem(s, BL_ELIMIT, "row %zu holds more than %zu MiB of text", s->row,
			    XLSX_MAX_ROW_BYTES >> 20);
		return;
	}
	if (o->n == o->alloc) {
		size_t a = o->alloc;

		XGROW(o->col, a, o->n + 1);
		XGROW(o->off, o->alloc, o->n + 1);
	}
	o->col[o->n] = s->col;
	o->off[o->n++] = off;
}

/* The row is complete: lay its values out by column and suspend the parser
 * so that xlsx_next() can hand it out. A row without values is skipped. */
static void row_end(struct xlsx_sheet *s)
{
	struct xlsx_row *o = &s->out;
	size_t i, n = 0;

	s->in_row = 0;
	s->last_row = s->row;
	if (!o->n && !s->row_rc)
		return;
	for (i = 0; i < o->n; i++)
		if (o->col[i] + 1 > n)
			n = o->col[i] + 1;
	XGROW(o->cells, o->cells_alloc, n + 1);
	for (i = 0; i < n; i++)
		o->cells[i] = empty_cell;
	for (i = 0; i < o->n; i++)
		o->cells[o->col[i]] = o->text.s + o->off[i];
	o->ncells = n;
	s->row_ready = 1;
	XML_StopParser(s->x.xp, XML_TRUE);
}

enum element { EL_OTHER, EL_SHEETDATA, EL_ROW, EL_C, EL_V, EL_IS, EL_T, EL_RPH };

/* Which element of a sheet name is: one comparison at most per event. */
static enum element element(const char *name)
{
	const char *el = xlsx_local(name);

	switch (el[0]) {
	case 'c': return el[1] ? EL_OTHER : EL_C;
	case 'v': return el[1] ? EL_OTHER : EL_V;
	case 't': return el[1] ? EL_OTHER : EL_T;
	case 'r': return !strcmp(el, "row") ? EL_ROW : !strcmp(el, "rPh") ? EL_RPH : EL_OTHER;
	case 'i': return !strcmp(el, "is") ? EL_IS : EL_OTHER;
	case 's': return !strcmp(el, "sheetData") ? EL_SHEETDATA : EL_OTHER;
	default: return EL_OTHER;
	}
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_sheet *s = ud;
	enum element el = element(name);

	if (!s->in_data) {
		if (el == EL_SHEETDATA && !s->data_done)
			s->in_data = 1;
	} else if (el == EL_ROW) {
		row_start(s, atts);
	} else if (el == EL_C && s->in_row) {
		cell_start(s, atts);
	} else if (s->in_cell) {
		if (el == EL_V && s->type != 'i') {
			s->capture = 1;
			s->has_value = 1;
			buf_reset(&s->cell);
		} else if (el == EL_IS) {
			s->in_is = 1;
		} else if (el == EL_RPH) {
			s->in_rph++;
		} else if (el == EL_T && s->in_is && !s->in_rph) {
			s->capture = 1;
			s->has_value = 1;
		}
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_sheet *s = ud;

	if (!s->in_data)
		return;
	switch (element(name)) {
	case EL_SHEETDATA:
		s->in_data = 0;
		s->data_done = 1;
		break;
	case EL_V:
	case EL_T:
		s->capture = 0;
		break;
	case EL_IS:
		s->in_is = 0;
		break;
	case EL_RPH:
		s->in_rph -= s->in_rph > 0;
		break;
	case EL_C:
		if (s->in_cell)
			cell_end(s);
		break;
	case EL_ROW:
		if (s->in_row)
			row_end(s);
		break;
	default:
		break;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int len)
{
	struct xlsx_sheet *s = ud;

	if (!s->capture || s->cell_over)
		return;
	if (s->cell.len + (size_t)len > XLSX_MAX_CELL) {
		s->cell_over = 1;
		row_problem(s, BL_ELIMIT, "cell %s holds more than %zu bytes", here(s),
			    XLSX_MAX_CELL);
		return;
	}
	buf_add(&s->cell, text, (size_t)len);
}

enum bl_err xlsx_sheet_open(struct xlsx_reader *r, const char *path, struct buf *err)
{
	struct xlsx_sheet *s = &r->sheet;
	enum bl_err rc;

	s->r = r;
	buf_init(&s->cell, 0);
	buf_init(&s->row_msg, 0);
	buf_init(&s->out.text, XLSX_MAX_ROW_BYTES);
	rc = xlsx_part_open(r, path, XLSX_MAX_SHEET, &s->part, err);
	if (rc == BL_ENOTFOUND) {
		if (err)
			buf_addf(err, "the workbook is damaged: the sheet's part %s is missing",
				 path);
		rc = BL_EINVAL;
	}
	if (rc)
		return rc;
	xlsx_xml_init(&s->x, err);
	XML_SetElementHandler(s->x.xp, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(s->x.xp, sheet_text);
	return BL_OK;
}

/* Give the parser more of the sheet (or let it go on with what it has). */
static enum bl_err feed(struct xlsx_sheet *s, struct buf *err)
{
	enum XML_Status st;
	enum bl_err rc;

	s->x.err = err;
	if (s->suspended) {
		st = XML_ResumeParser(s->x.xp);
	} else if (s->final_sent) {
		s->done = 1;
		return BL_OK;
	} else {
		void *chunk = XML_GetBuffer(s->x.xp, (int)XLSX_CHUNK);
		size_t got;

		if (!chunk)
			abort(); /* out of memory */
		rc = xlsx_part_read(s->r, &s->part, chunk, XLSX_CHUNK, &got, err);
		if (rc)
			return rc;
		s->final_sent = got == 0;
		st = XML_ParseBuffer(s->x.xp, (int)got, got == 0);
	}
	s->suspended = st == XML_STATUS_SUSPENDED;
	if (st == XML_STATUS_ERROR)
		return xlsx_xml_failed(&s->x, s->part.name);
	return BL_OK;
}

enum bl_err xlsx_next(struct xlsx_reader *r, char ***cells, size_t *n, struct buf *err)
{
	struct xlsx_sheet *s = &r->sheet;
	enum bl_err rc;

	*cells = NULL;
	*n = 0;
	for (;;) {
		if (s->row_ready) {
			s->row_ready = 0;
			if (s->row_rc) {
				if (err)
					buf_add(err, s->row_msg.s, s->row_msg.len);
				return s->row_rc;
			}
			*cells = s->out.cells;
			*n = s->out.ncells;
			return BL_OK;
		}
		if (s->done || !s->x.xp)
			return BL_ENOTFOUND;
		rc = feed(s, err);
		if (rc) {
			s->done = 1;
			s->row = 0;
			s->row_ready = 0;
			return rc;
		}
	}
}

void xlsx_sheet_release(struct xlsx_sheet *s)
{
	if (s->x.xp)
		XML_ParserFree(s->x.xp);
	xlsx_part_close(&s->part);
	buf_release(&s->cell);
	buf_release(&s->row_msg);
	buf_release(&s->out.text);
	free(s->out.col);
	free(s->out.off);
	free(s->out.cells);
	memset(s, 0, sizeof(*s));
}
