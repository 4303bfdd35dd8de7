/* xls_int.h — what xls.c gets from xls_biff.c: FreeXL (1.0) skips formula
 * cells, so their cached results are read here, straight from the workbook's
 * OLE compound file and BIFF8 records; and the compound file's directory tells
 * an encrypted .xlsx (an "EncryptedPackage" stream) from a workbook. */
#ifndef BL_XLS_INT_H
#define BL_XLS_INT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* The cached results of the formula cells of one sheet. */
struct xls_formulas;

/* What the compound file in data[0..len) holds. */
enum xls_container {
	XLS_WORKBOOK,  /* a Workbook (BIFF8) or Book (BIFF5) stream */
	XLS_ENCRYPTED, /* an EncryptedPackage: a password-protected .xlsx */
	XLS_OTHER,     /* neither (a .doc, or a damaged file) */
};
enum xls_container xls_container_of(const unsigned char *data, size_t len);

/* Read the formula results of the worksheet named sheet (UTF-8, as FreeXL
 * names it) from the compound file data[0..len). *out gets them (NULL when
 * the file is not BIFF8 or has no such sheet: the caller goes on without);
 * the caller frees them with xls_formulas_free(). Never fails otherwise:
 * records that do not parse are skipped. */
void xls_formulas_read(const unsigned char *data, size_t len, const char *sheet,
		       struct xls_formulas **out);

/* The text of the formula cell at 0-based row and col, as the XLSX reader
 * would give it (a number in plain decimals, a day for a date format, TRUE or
 * FALSE), or NULL when there is no formula there. *error is set to 1 when the
 * formula's result is an error, and the text is the error's name (#N/A). */
const char *xls_formula_value(const struct xls_formulas *f, unsigned row, unsigned col,
			      int *error);

void xls_formulas_free(struct xls_formulas *f);

#endif
