/* xlsx_template.h — import templates: an XLSX workbook for each kind of import
 * file (INTERFACES.md "Files") that district staff fill in and give back. The
 * first sheet has the Chinese headers, a comment on each header saying what
 * the column holds and how to write it, an input message on the column, the
 * column's number format (dates, 万元, text for codes) and data-validation
 * lists (tiers, yes/no, sections, departments, measures); the sheet 填写说明
 * lists every column. Import reads only the first sheet, so a filled template
 * imports as it is. Used by `ballast template` and by the web UI's download. */
#ifndef BL_XLSX_TEMPLATE_H
#define BL_XLSX_TEMPLATE_H

#include <stddef.h>

#include "core/model.h"
#include "io/columns.h"
#include "util/buf.h"
#include "util/error.h"

/* Write the template of kind to path (overwritten). units[0..n_units) (may be
 * NULL and 0) fill the lists of sections (section and street units) and
 * departments: by name, or by code when several units share the name.
 * BL_OK; BL_EINVAL for an unknown kind; BL_EIO with a sentence in err (may be
 * NULL) when the file cannot be written. */
enum bl_err xlsx_template_write(enum file_kind kind, const struct unit *units, size_t n_units,
				const char *path, struct buf *err);

/* The same into memory, for an HTTP download: *data gets *len bytes (the
 * caller frees *data with free()). Writes through a temporary file in
 * $TMPDIR (else /tmp), which is removed. */
enum bl_err xlsx_template_mem(enum file_kind kind, const struct unit *units, size_t n_units,
			      char **data, size_t *len, struct buf *err);

/* The file name a download should suggest: "项目导入模板.xlsx" and kin. */
const char *xlsx_template_filename(enum file_kind kind);

#endif
