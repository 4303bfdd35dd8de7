/* buf.h — the one growable byte buffer of ballast (git strbuf, curl dynbuf).
 * Always NUL-terminated; a size cap set at init; a sticky error: once an append
 * would pass the cap, the buffer stops growing, buf->err is set, and every later
 * append is a no-op, so callers check once at the end. */
#ifndef BL_BUF_H
#define BL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct buf {
	char *s;       /* contents, NUL-terminated; "" (static) before first growth */
	size_t len;    /* bytes used, excluding the NUL */
	size_t alloc;  /* bytes allocated, 0 while s is the static "" */
	size_t cap;    /* the most len may become; 0 means BUF_DEFAULT_CAP */
	enum bl_err err; /* BL_ELIMIT once the cap was hit, BL_EINVAL once a
			  * format could not be applied (buf_addf), else BL_OK */
};

#define BUF_DEFAULT_CAP ((size_t)1 << 30)
#define BUF_INIT { (char *)"", 0, 0, 0, BL_OK }

/* Initialise b empty with the given cap (0: the default cap). No allocation. */
void buf_init(struct buf *b, size_t cap);
/* Free b's contents and leave it empty (reusable, same cap, error cleared). */
void buf_release(struct buf *b);
/* Empty b without freeing its storage; clears the error. */
void buf_reset(struct buf *b);
/* Take ownership of the contents (caller frees with free()); b becomes empty. */
char *buf_detach(struct buf *b, size_t *len);

void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* buf_addf when b is not NULL: an error sentence for a caller that may not
 * want one (the readers' struct buf *err). */
void buf_say(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append v in decimal (what buf_addf(b, "%lld", v) gives, without formatting
 * it twice through vsnprintf). */
void buf_add_int(struct buf *b, int64_t v);
/* Shorten b to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);

/* Append s as a JSON string literal, quotes included, escaping as RFC 8259. */
void buf_add_json_str(struct buf *b, const char *s);
/* The same as jansson writes it (jansson 1): \b and \f short, \uXXXX upper case. */
void buf_add_json_str_as(struct buf *b, const char *s, int jansson);
/* Append one CSV text field (RFC 4180): quoted when it holds , " CR or LF.
 * A text a spreadsheet would run as a formula — one starting with = + - @ TAB
 * or CR (OWASP "CSV injection"), after any run of single quotes — gets one
 * more single quote in front: "=1+1" is written '=1+1, "'=x" ''=x. Numbers are
 * not text: write them with buf_addf, never through here. */
void buf_add_csv_field(struct buf *b, const char *s);
/* The inverse of that guard, for a text cell read from a CSV file: s + 1 when
 * s is one or more single quotes followed by = + - @ TAB or CR, else s. */
const char *csv_field_unguard(const char *s);

#endif
