/* csv.h — an RFC 4180 CSV reader for import files (INTERFACES.md "Files"):
 * UTF-8 with or without BOM, or GB18030 as Excel in Chinese saves it,
 * converted to UTF-8. The input is streamed: read once to choose its encoding
 * and find bad bytes, then again record by record through a window of a few
 * MiB, where records are parsed in place, so a record costs no allocation and
 * a file of any size little memory. */
#ifndef BL_CSV_H
#define BL_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* The most bytes an input may have, and the limits of one record. */
#define CSV_MAX_INPUT ((size_t)512 << 20)
#define CSV_MAX_FIELD ((size_t)1 << 20)
#define CSV_MAX_FIELDS 10000
/* The most of one record held at once: a longer one is read to this much and
 * the rest of it skipped (to its line end; to the end of input inside quotes). */
#define CSV_MAX_RECORD ((size_t)16 << 20)
/* Bytes read at a time. */
#define CSV_CHUNK ((size_t)1 << 20)

struct csv_reader;

/* Open a reader on the file at path, after reading it once through; *out
 * gets the reader, which the caller closes with csv_close(). A UTF-8 BOM is
 * skipped. When the bytes are not valid UTF-8 they are converted from
 * GB18030 to UTF-8.
 * On error *out is NULL and a sentence is appended to err (err may be NULL):
 * BL_EIO when the file cannot be read (with strerror), BL_ELIMIT past
 * CSV_MAX_INPUT bytes, BL_EENCODING when the bytes are neither UTF-8 nor
 * GB18030 (the sentence names the byte offset and line), are plainly UTF-8 with
 * a few broken bytes (valid multi-byte sequences outnumber invalid bytes 4 to 1:
 * converting would garble the text), or hold a NUL byte (a UTF-16 file, say). */
enum bl_err csv_open_file(const char *path, struct csv_reader **out, struct buf *err);
/* The same over len bytes of memory, which the caller keeps unchanged until
 * csv_close(). */
enum bl_err csv_open_mem(const char *data, size_t len, struct csv_reader **out,
			 struct buf *err);
/* The same, reading chunk bytes at a time (at least 16): for tests of records
 * that cross the window's refills. */
enum bl_err csv_open_mem_chunked(const char *data, size_t len, size_t chunk,
				 struct csv_reader **out, struct buf *err);

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
