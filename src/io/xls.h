/* xls.h — reading one sheet of an Excel 97–2003 workbook (.xls, BIFF8: what WPS
 * and older Excel still save) with FreeXL, for import files (INTERFACES.md
 * "Files"). FreeXL loads the whole workbook into memory, so the file and the
 * sheet's cell count are capped. Cells come out as the XLSX reader gives them
 * (xlsx.h): numbers in plain decimals of at most 15 significant digits, date
 * cells as YYYY-MM-DD, formula cells by their cached result (read from the
 * BIFF8 records by xls_biff.c, as FreeXL skips them; not for BIFF5 files). */
#ifndef BL_XLS_H
#define BL_XLS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

#define XLS_MAX_FILE ((uint64_t)128 << 20) /* bytes of the .xls file */
#define XLS_MAX_CELLS ((uint64_t)8 << 20)  /* rows × columns of the sheet read */

struct xls_reader;

/* Open the workbook at path and select the sheet named sheet (ASCII case does
 * not matter), or the first sheet when sheet is NULL. *out gets the reader,
 * which the caller closes with xls_close(). On error *out is NULL and one
 * sentence is appended to err (may be NULL): BL_EIO when the file cannot be
 * read; BL_ELIMIT past XLS_MAX_FILE or XLS_MAX_CELLS; BL_EPERM for a
 * password-protected workbook (an encrypted .xls, or an encrypted .xlsx, which
 * is stored in the same container); BL_EINVAL for a damaged file, an OLE file
 * that holds no workbook (a Word .doc), or no sheet of that name (the sentence
 * lists the sheets). */
enum bl_err xls_open_file(const char *path, const char *sheet, struct xls_reader **out,
			  struct buf *err);

/* Read the next row holding at least one value, as xlsx_next(): *cells gets
 * *n NUL-terminated strings owned by r until the next call; BL_ENOTFOUND at
 * the end. BL_EINVAL with a sentence for a formula that gives an error (the
 * next call goes on with the next row), or when FreeXL cannot read a cell
 * (the sheet is damaged: xls_row_number() is then 0 and reading ends). */
enum bl_err xls_next(struct xls_reader *r, char ***cells, size_t *n, struct buf *err);

/* The 1-based sheet row number of the row last returned (or failed on); 0
 * before the first row and after a damaged sheet. */
size_t xls_row_number(const struct xls_reader *r);

/* Free r and everything it returned; r may be NULL. */
void xls_close(struct xls_reader *r);

#endif
