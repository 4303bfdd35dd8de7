/* xlsx_write.h — writing tables to an XLSX workbook with libxlsxwriter, for
 * exports: one sheet per table with a bold, frozen header row and an
 * autofilter, column widths by type, and typed cells — 万元 as numbers shown
 * with 2 decimals (the stored value keeps all 4), real date cells, percents.
 * Rows stream out in order (libxlsxwriter's constant-memory mode), so memory
 * does not grow with the number of rows. */
#ifndef BL_XLSX_WRITE_H
#define BL_XLSX_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/buf.h"
#include "util/error.h"

enum xw_type {
	XW_TEXT,    /* free text, wide */
	XW_CODE,    /* a short key (ref, code, unit): text */
	XW_INT,     /* a whole number (a year, a count): format 0 */
	XW_WANYUAN, /* 万元: format #,##0.00 */
	XW_DEC4,    /* a quantity with up to 4 decimals: format #,##0.00## */
	XW_DATE,    /* a date cell: yyyy-mm-dd */
	XW_MONTH,   /* a month as the date cell of its first day: yyyy-mm */
	XW_PERCENT, /* a fraction shown as a percent: 0.00% */
	XW_NUMBER,  /* any other number: General */
	XW__MAX
};

struct xw_col {
	const char *header;
	enum xw_type type;
	double width; /* in characters; 0: by the type and the header */
};

struct xlsx_writer;

/* Start a workbook that xw_close() will write to path. *out gets the writer.
 * BL_EIO (with a sentence in err, which may be NULL) when libxlsxwriter cannot
 * start one. */
enum bl_err xw_open(const char *path, struct xlsx_writer **out, struct buf *err);

/* Start a new sheet named name (at most 31 characters, none of []:*?/\) with
 * the header row cols[0..ncols) (ncols ≤ 256); the cols must outlive the sheet.
 * The rows that follow go below the header. */
void xw_sheet(struct xlsx_writer *w, const char *name, const struct xw_col *cols,
	      size_t ncols);

/* Set a cell of the current row. A NULL or empty text, DAY_NONE or
 * MONTH_NONE leaves the cell blank. xw_num() takes a value in the column's
 * unit: 万元 for XW_WANYUAN, a fraction for XW_PERCENT. */
void xw_text(struct xlsx_writer *w, size_t col, const char *s);
void xw_num(struct xlsx_writer *w, size_t col, double v);
void xw_day(struct xlsx_writer *w, size_t col, bl_day d);
void xw_month(struct xlsx_writer *w, size_t col, bl_month m);
/* Integer yuan as 万元 (yuan / 10000 is exact in a double below 9e15). */
void xw_yuan(struct xlsx_writer *w, size_t col, int64_t yuan);
/* Finish the current row; the next cells go to the row below. */
void xw_row(struct xlsx_writer *w);

/* Write the workbook to its path and free w. BL_OK, or BL_EIO with a sentence
 * in err when any cell or the file could not be written (nothing is left at
 * the path in that case only if nothing was there: callers write to a
 * temporary name and rename it). */
enum bl_err xw_close(struct xlsx_writer *w, struct buf *err);

#endif
