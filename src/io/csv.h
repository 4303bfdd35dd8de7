/* csv.h — an RFC 4180 CSV reader for import files.
 * Reads the whole input into memory once (UTF-8 with or without BOM, or GB18030
 * as Excel in Chinese saves it, converted to UTF-8) and parses records in place,
 * so a record costs no allocation. INTERFACES.md "Files". */
#ifndef BL_CSV_H
#define BL_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* The most bytes an input may have, and the limits of one record. */
#define CSV_MAX_INPUT ((size_t)512 << 20)
#define CSV_MAX_FIELD ((size_t)1 << 20)
#define CSV_MAX_FIELDS 10000

struct csv_reader;

/* Read the whole file at path and open a reader on it; *out gets the reader,
 * which the caller closes with csv_close(). A UTF-8 BOM is skipped. When the
 * bytes are not valid UTF-8 they are converted from GB18030 to UTF-8.
 * On error *out is NULL and a sentence is appended to err (err may be NULL):
 * BL_EIO when the file cannot be read (with strerror), BL_ELIMIT past
 * CSV_MAX_INPUT bytes, BL_EENCODING when the bytes are neither UTF-8 nor
 * GB18030 (the sentence names the byte offset and line), are plainly UTF-8 with
 * a few broken bytes (valid multi-byte sequences outnumber invalid bytes 4 to 1:
 * converting would garble the text), or hold a NUL byte (a UTF-16 file, say). */
enum bl_err csv_open_file(const char *path, struct csv_reader **out, struct buf *err);
/* The same over len bytes of memory; the bytes are copied (or converted), so the
 * caller keeps data. */
enum bl_err csv_open_mem(const char *data, size_t len, struct csv_reader **out,
			 struct buf *err);

/* Read the next record. On BL_OK *fields gets an array of *n NUL-terminated
 * UTF-8 strings (at least one), owned by r and valid until the next call or
 * csv_close(). Line ends may be CRLF, LF or a lone CR; quoted fields may hold
 * "" (a quote), commas and line ends. An empty line is a record of one empty
 * field; the empty "line" after the last line end is not a record.
 * BL_ENOTFOUND at the end of input. On a bad record *fields is NULL, *n is 0,
 * a sentence is appended to err (may be NULL) and the record still counts in
 * csv_record_number(), so later rows keep their numbers:
 * BL_EINVAL for an unterminated quote (the rest of the input is consumed), a
 * quote inside an unquoted field or a character after a closing quote (the
 * reader resumes on the next physical line); BL_ELIMIT for a field longer than
 * CSV_MAX_FIELD bytes or more than CSV_MAX_FIELDS fields (the record is skipped). */
enum bl_err csv_next(struct csv_reader *r, char ***fields, size_t *n, struct buf *err);

/* The 1-based number of the record csv_next() last returned (the header is 1,
 * the first data row 2, as a spreadsheet row), 0 before the first call; and the
 * 1-based physical line on which that record started. */
size_t csv_record_number(const struct csv_reader *r);
size_t csv_record_line(const struct csv_reader *r);

/* 1 when the input was converted from GB18030, else 0. */
int csv_was_gb18030(const struct csv_reader *r);

/* Free r and everything csv_next() returned; r may be NULL. */
void csv_close(struct csv_reader *r);

#endif
