/* xls.c — one sheet of an .xls workbook through FreeXL (xls.h). The workbook
 * is first opened for its metadata only, to check the sheet's size before
 * FreeXL allocates every cell of it. FreeXL skips formula cells; their cached
 * results come from xls_biff.c. */
#include "io/xls.h"

#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "io/xls_int.h"
#include "io/xlsx_value.h"
#include "util/xalloc.h"

struct xls_reader {
	const void *h;
	unsigned rows;        /* the sheet's rows and columns */
	unsigned short cols;
	unsigned next;        /* the next 0-based row to read */
	size_t row;           /* 1-based number of the row last returned */
	struct buf text;      /* the row's values, each NUL-terminated */
	size_t *off;          /* per column: offset in text, or SIZE_MAX */
	char **cells;
	struct xls_formulas *formulas; /* the sheet's formula results, or NULL */
};

static char empty_cell[1];

static enum bl_err freexl_failed(int rc, struct buf *err)
{
	switch (rc) {
	case FREEXL_FILE_NOT_FOUND:
		buf_say(err, "cannot read: %s", strerror(errno ? errno : ENOENT));
		return BL_EIO;
	case FREEXL_INSUFFICIENT_MEMORY:
		buf_say(err, "too large: out of memory reading the .xls workbook");
		return BL_ELIMIT;
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		buf_say(err, "not a spreadsheet: an OLE file (like a Word .doc) without an Excel "
			 "workbook in it");
		return BL_EINVAL;
	case FREEXL_UNSUPPORTED_CHARSET:
	case FREEXL_INVALID_CHARACTER:
		buf_say(err, "the .xls workbook holds text in a code page ballast cannot read; save "
			 "it as .xlsx");
		return BL_EINVAL;
	default:
		buf_say(err, "the .xls workbook is damaged or of a kind ballast cannot read (FreeXL "
			 "error %d); open it in Excel or WPS and save it as .xlsx", rc);
		return BL_EINVAL;
	}
}

/* Read the file into memory (at most XLS_MAX_FILE bytes); caller frees. */
static enum bl_err load(const char *path, size_t size, unsigned char **data, size_t *len,
			struct buf *err)
{
	FILE *f = fopen(path, "rb");

	*data = NULL;
	if (!f) {
		buf_say(err, "cannot read: %s", strerror(errno));
		return BL_EIO;
	}
	*data = xmalloc(size + 1);
	*len = fread(*data, 1, size, f);
	fclose(f);
	return BL_OK;
}

/* The index of the sheet to read; -1 after saying why there is none. */
static int pick_sheet(const void *h, const char *sheet, struct buf *err)
{
	unsigned count = 0, i;
	const char *name;

	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || !count) {
		buf_say(err, "the workbook has no sheets");
		return -1;
	}
	if (!sheet)
		return 0;
	for (i = 0; i < count && i < 65535; i++)
		if (freexl_get_worksheet_name(h, (unsigned short)i, &name) == FREEXL_OK && name &&
		    !strcasecmp(name, sheet))
			return (int)i;
	buf_say(err, "the workbook has no sheet named \"%s\"; its sheets are: ", sheet);
	for (i = 0; i < count && i < 65535; i++)
		if (freexl_get_worksheet_name(h, (unsigned short)i, &name) == FREEXL_OK && name)
			buf_say(err, "%s\"%s\"", i ? ", " : "", name);
	return -1;
}

/* Open path with FreeXL (info_only: metadata only), select the sheet and
 * read its size into r; *name gets the sheet's name (owned by FreeXL). */
static enum bl_err open_sheet(struct xls_reader *r, const char *path, const char *sheet,
			      int info_only, const char **name, struct buf *err)
{
	unsigned password = 0;
	int rc, idx;

	rc = info_only ? freexl_open_info(path, &r->h) : freexl_open(path, &r->h);
	if (rc != FREEXL_OK)
		return freexl_failed(rc, err);
	/* FreeXL answers an encrypted workbook (a FILEPASS record) with FREEXL_OK
	 * and no handle */
	if (!r->h || (freexl_get_info(r->h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
		      password == FREEXL_BIFF_OBFUSCATED)) {
		buf_say(err, "the workbook is password-protected (encrypted); remove the password "
			 "and save it again");
		return BL_EPERM;
	}
	idx = pick_sheet(r->h, sheet, err);
	if (idx < 0)
		return BL_EINVAL;
	rc = freexl_select_active_worksheet(r->h, (unsigned short)idx);
	if (rc == FREEXL_OK)
		rc = freexl_get_worksheet_name(r->h, (unsigned short)idx, name);
	if (rc == FREEXL_OK)
		rc = freexl_worksheet_dimensions(r->h, &r->rows, &r->cols);
	if (rc != FREEXL_OK)
		return freexl_failed(rc, err);
	if ((uint64_t)r->rows * r->cols > XLS_MAX_CELLS) {
		buf_say(err, "too large: the sheet spans %u rows and %u columns, more than the %llu "
			 "cells ballast reads from an .xls; save it as .xlsx", r->rows,
		    (unsigned)r->cols, (unsigned long long)XLS_MAX_CELLS);
		return BL_ELIMIT;
	}
	return BL_OK;
}

enum bl_err xls_open_file(const char *path, const char *sheet, struct xls_reader **out,
			  struct buf *err)
{
	struct xls_reader *r = NULL;
	unsigned char *data = NULL;
	const char *name = NULL;
	struct stat sb;
	enum bl_err rc;
	size_t len = 0;

	*out = NULL;
	if (stat(path, &sb)) {
		buf_say(err, "cannot read: %s", strerror(errno));
		return BL_EIO;
	}
	if ((uint64_t)sb.st_size > XLS_MAX_FILE) {
		buf_say(err, "too large: more than %llu MiB", (unsigned long long)(XLS_MAX_FILE >> 20));
		return BL_ELIMIT;
	}
	rc = load(path, (size_t)sb.st_size, &data, &len, err);
	if (rc)
		return rc;
	if (xls_container_of(data, len) == XLS_ENCRYPTED) {
		buf_say(err, "the workbook is password-protected (encrypted); remove the password "
			 "and save it again");
		rc = BL_EPERM;
		goto out;
	}
	r = xcalloc(1, sizeof(*r));
	buf_init(&r->text, 0);
	rc = open_sheet(r, path, sheet, 1, &name, err);
	if (r->h)
		freexl_close(r->h);
	r->h = NULL;
	if (!rc)
		rc = open_sheet(r, path, sheet, 0, &name, err);
	if (rc)
		goto out;
	xls_formulas_read(data, len, name, &r->formulas);
	r->off = xmalloc(((size_t)r->cols + 1) * sizeof(*r->off));
	r->cells = xmalloc(((size_t)r->cols + 1) * sizeof(*r->cells));
	*out = r;
	r = NULL;
out:
	xls_close(r);
	free(data);
	return rc;
}

/* Append cell v as text to r->text; 0 when it has no value. */
static int cell_text(struct xls_reader *r, const FreeXL_CellValue *v)
{
	size_t before = r->text.len;
	char tmp[40];

	switch (v->type) {
	case FREEXL_CELL_INT:
		buf_addf(&r->text, "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		snprintf(tmp, sizeof(tmp), "%.15g", v->value.double_value);
		if (xlsx_number_text(&r->text, tmp, strlen(tmp)))
			buf_adds(&r->text, tmp); /* inf or nan: the parsers refuse it */
		break;
	case FREEXL_CELL_DATETIME:
		if (v->value.text_value && strlen(v->value.text_value) >= 10)
			buf_add(&r->text, v->value.text_value, 10); /* the day of a date-time */
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		if (v->value.text_value)
			buf_adds(&r->text, v->value.text_value);
		break;
	default:
		break;
	}
	return r->text.len > before;
}

/* Append the cached result of a formula at column c of the current row, if
 * there is one; -1 after saying so when the formula gives an error. */
static int formula(struct xls_reader *r, unsigned short c, struct buf *err)
{
	int error;
	const char *v = xls_formula_value(r->formulas, (unsigned)r->row - 1, c, &error);
	char name[24];

	if (!v)
		return 0;
	if (error) {
		buf_say(err, "cell %s: the formula gives an error (%s)",
		    xlsx_cell_name(c, r->row, name), v);
		return -1;
	}
	buf_adds(&r->text, v);
	return 0;
}

enum bl_err xls_next(struct xls_reader *r, char ***cells, size_t *n, struct buf *err)
{
	*cells = NULL;
	*n = 0;
	while (r->next < r->rows) {
		unsigned short c;
		size_t last = 0;

		r->row = ++r->next;
		buf_reset(&r->text);
		for (c = 0; c < r->cols; c++) {
			FreeXL_CellValue v;
			size_t off = r->text.len;
			int rc = freexl_get_cell_value(r->h, r->next - 1, c, &v);

			if (rc != FREEXL_OK) {
				buf_say(err, "the .xls workbook is damaged: row %zu: FreeXL "
					 "cannot read a cell (error %d)", r->row, rc);
				r->next = r->rows; /* the sheet is broken: stop */
				r->row = 0;
				return BL_EINVAL;
			}
			r->off[c] = SIZE_MAX;
			if (v.type == FREEXL_CELL_NULL && formula(r, c, err))
				return BL_EINVAL;
			if (r->text.len > off || cell_text(r, &v)) {
				buf_addch(&r->text, '\0');
				r->off[c] = off;
				last = (size_t)c + 1;
			}
		}
		if (!last)
			continue;
		for (c = 0; c < last; c++)
			r->cells[c] = r->off[c] == SIZE_MAX ? empty_cell : r->text.s + r->off[c];
		*cells = r->cells;
		*n = last;
		return BL_OK;
	}
	return BL_ENOTFOUND;
}

size_t xls_row_number(const struct xls_reader *r)
{
	return r->row;
}

void xls_close(struct xls_reader *r)
{
	if (!r)
		return;
	if (r->h)
		freexl_close(r->h);
	buf_release(&r->text);
	xls_formulas_free(r->formulas);
	free(r->off);
	free(r->cells);
	free(r);
}
