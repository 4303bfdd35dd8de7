/* buf.c — growable, capped, NUL-terminated byte buffer. */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static char empty[1];

void buf_init(struct buf *b, size_t cap)
{
	b->s = empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : BUF_DEFAULT_CAP;
	b->err = BL_OK;
}

void buf_release(struct buf *b)
{
	size_t cap = b->cap;

	if (b->alloc)
		free(b->s);
	buf_init(b, cap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
	b->err = BL_OK;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s = b->alloc ? b->s : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b, b->cap);
	return s;
}

/* Make room for extra more bytes (plus the NUL); 0 on success, -1 past the cap. */
static int grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : BUF_DEFAULT_CAP;
	size_t need, n;

	if (b->err)
		return -1;
	if (extra > cap || b->len > cap - extra) {
		b->err = BL_ELIMIT;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	n = b->alloc ? b->alloc : 64;
	while (n < need)
		n *= 2;
	if (b->alloc) {
		b->s = xrealloc(b->s, n);
	} else {
		b->s = xmalloc(n);
		b->s[0] = '\0';
	}
	b->alloc = n;
	return 0;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (grow(b, len))
		return;
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		/* text that cannot be formatted (an invalid wide character, more
		 * than INT_MAX bytes) is lost: say so, as a passed cap does */
		if (!b->err)
			b->err = BL_EINVAL;
		return;
	}
	if (grow(b, (size_t)n))
		return;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_say(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	if (!b)
		return;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_add_int(struct buf *b, int64_t v)
{
	char tmp[24], *e = tmp + sizeof(tmp), *q = e;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	buf_add(b, q, (size_t)(e - q));
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->s[len] = '\0';
}

void buf_add_json_str_as(struct buf *b, const char *s, int jansson)
{
	const unsigned char *p = (const unsigned char *)s, *run;

	buf_addch(b, '"');
	for (;;) {
		/* the characters that need no escape, appended at once */
		for (run = p; *p >= 0x20 && *p != '"' && *p != '\\'; p++)
			;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\b': case '\f':
			if (jansson) {
				buf_adds(b, *p == '\b' ? "\\b" : "\\f");
				break;
			}
			/* fall through */
		default: buf_addf(b, jansson ? "\\u%04X" : "\\u%04x", *p); break;
		}
		p++;
	}
	buf_addch(b, '"');
}

void buf_add_json_str(struct buf *b, const char *s)
{
	buf_add_json_str_as(b, s, 0);
}

/* 1 when s starts, after any single quotes, with a character a spreadsheet
 * takes as the start of a formula (OWASP: = + - @ TAB CR). */
static int formula_lead(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && strchr("=+-@\t\r", *s);
}

const char *csv_field_unguard(const char *s)
{
	return s[0] == '\'' && formula_lead(s) ? s + 1 : s;
}

void buf_add_csv_field(struct buf *b, const char *s)
{
	int quoted = strpbrk(s, ",\"\r\n") != NULL;
	const char *p;

	if (quoted)
		buf_addch(b, '"');
	if (formula_lead(s))
		buf_addch(b, '\''); /* inside the quotes: it is part of the text */
	if (!quoted) {
		buf_adds(b, s);
		return;
	}
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_addch(b, '"');
		buf_addch(b, *p);
	}
	buf_addch(b, '"');
}
