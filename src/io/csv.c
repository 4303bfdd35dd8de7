/* csv.c — RFC 4180 CSV reader over one in-memory copy of the input.
 * The input is NUL-free, so its terminating NUL is the end-of-input sentinel;
 * fields are cut in place (a NUL over each terminator, "" escapes compacted
 * leftwards) and handed out as pointers into the buffer. */
#include "io/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

struct csv_reader {
	char *data;        /* the input as UTF-8, NUL-terminated, cut in place */
	size_t len;        /* bytes of data before the terminating NUL */
	size_t pos;        /* next unread byte */
	size_t line;       /* 1-based physical line of data[pos] */
	size_t rec_no;     /* records returned so far, bad ones included */
	size_t rec_line;   /* line where the last record started */
	char **fields;     /* the last record's fields, reused across calls */
	size_t fields_alloc;
	int gb18030;
};

/* What ended a field, or why it is malformed. */
enum field_end {
	END_COMMA,
	END_LINE,
	END_INPUT,
	BAD_QUOTE_IN_FIELD,  /* a quote inside an unquoted field */
	BAD_AFTER_QUOTE,     /* a character after a closing quote */
	BAD_UNTERMINATED     /* the input ends inside a quoted field */
};

static void errf(struct buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void errf(struct buf *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	buf_vaddf(err, fmt, ap);
	va_end(ap);
}

/* ---- encodings ---- */

/* The length of the UTF-8 sequence at s[0..n) (n >= 1), or 0 when it is not
 * valid UTF-8: no overlong forms, no surrogates, at most U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (n <= need || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	return need + 1;
}

/* How s[0..len) fares as UTF-8. */
struct utf8_stats {
	size_t first_bad; /* offset of the first invalid byte; len when none */
	size_t bad;       /* invalid bytes (each skipped alone) */
	size_t multi;     /* valid multi-byte sequences */
};

static void utf8_scan(const unsigned char *s, size_t len, struct utf8_stats *sc)
{
	size_t i = 0, k;
	uint64_t w;

	sc->first_bad = len;
	sc->bad = sc->multi = 0;
	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		k = utf8_seq(s + i, len - i);
		if (k > 1)
			sc->multi++;
		if (k) {
			i += k;
			continue;
		}
		if (!sc->bad)
			sc->first_bad = i;
		sc->bad++;
		i++;
	}
}

/* The 1-based line of byte offset off: CRLF, LF and a lone CR end a line. */
static size_t line_at(const char *s, size_t off)
{
	size_t line = 1, i;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
			line++;
	}
	return line;
}

/* Convert in[0..len) from GB18030 to UTF-8 into *out (NUL-terminated, caller
 * frees), *outlen bytes. BL_EENCODING with a sentence on invalid input. */
static enum bl_err from_gb18030(const char *in, size_t len, char **out, size_t *outlen,
				struct buf *err)
{
	enum bl_err rc = BL_OK;
	iconv_t cd;
	char *o = NULL, *inp = (char *)in, *outp;
	size_t alloc = len + len / 2 + 16, inleft = len, outleft, k, off;

	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		errf(err, "the input is not UTF-8 and GB18030 conversion is unavailable: %s",
		     strerror(errno));
		return BL_EENCODING;
	}
	o = xmalloc(alloc);
	outp = o;
	outleft = alloc - 1;
	while (inleft) {
		k = iconv(cd, &inp, &inleft, &outp, &outleft);
		if (k != (size_t)-1)
			break;
		if (errno == E2BIG) {
			off = (size_t)(outp - o);
			alloc *= 2;
			o = xrealloc(o, alloc);
			outp = o + off;
			outleft = alloc - 1 - off;
			continue;
		}
		off = (size_t)(inp - in);
		errf(err, "the input is neither UTF-8 nor GB18030: invalid byte 0x%02X at "
		     "byte offset %zu (line %zu); save the file as CSV UTF-8",
		     (unsigned char)in[off], off, line_at(in, off));
		rc = BL_EENCODING;
		goto out;
	}
	*outp = '\0';
	*outlen = (size_t)(outp - o);
	*out = o;
	o = NULL;
out:
	free(o);
	iconv_close(cd);
	return rc;
}

/* Open a reader over data (len bytes plus a NUL, taken over: freed here on
 * error, owned by the reader on success). */
static enum bl_err open_owned(char *data, size_t len, struct csv_reader **out,
			      struct buf *err)
{
	enum bl_err rc = BL_OK;
	struct csv_reader *r;
	const char *nul;
	char *conv = NULL;
	struct utf8_stats sc;
	size_t convlen = 0;
	int gb = 0;

	*out = NULL;
	nul = memchr(data, '\0', len);
	if (nul) {
		errf(err, "the input holds a NUL byte at byte offset %zu (line %zu); is it "
		     "UTF-16? save the file as CSV UTF-8",
		     (size_t)(nul - data), line_at(data, (size_t)(nul - data)));
		rc = BL_EENCODING;
		goto out;
	}
	utf8_scan((const unsigned char *)data, len, &sc);
	/* GB18030 text is mostly invalid as UTF-8; UTF-8 text with a few broken
	 * bytes is not GB18030, and converting it would garble every character. */
	if (sc.bad && sc.multi >= 8 && sc.multi >= 4 * sc.bad) {
		errf(err, "the input is UTF-8 with invalid bytes: byte 0x%02X at byte offset "
		     "%zu (line %zu) is not UTF-8", (unsigned char)data[sc.first_bad],
		     sc.first_bad, line_at(data, sc.first_bad));
		rc = BL_EENCODING;
		goto out;
	}
	if (sc.bad) {
		rc = from_gb18030(data, len, &conv, &convlen, err);
		if (rc)
			goto out;
		free(data);
		data = conv;
		len = convlen;
		gb = 1;
	}
	r = xcalloc(1, sizeof(*r));
	r->data = data;
	r->len = len;
	r->line = 1;
	r->gb18030 = gb;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		r->pos = 3;
	*out = r;
	data = NULL;
out:
	free(data);
	return rc;
}

enum bl_err csv_open_mem(const char *data, size_t len, struct csv_reader **out,
			 struct buf *err)
{
	char *copy;

	*out = NULL;
	if (len > CSV_MAX_INPUT) {
		errf(err, "the input is larger than %zu MiB", CSV_MAX_INPUT >> 20);
		return BL_ELIMIT;
	}
	copy = xmalloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	return open_owned(copy, len, out, err);
}

/* Read all of fd into *data (NUL-terminated, caller frees), *len bytes. */
static enum bl_err read_all(int fd, const char *path, char **data, size_t *len,
			    struct buf *err)
{
	enum bl_err rc = BL_OK;
	struct stat st;
	char *d = NULL;
	size_t n = 0, alloc = 4096, want;
	ssize_t k;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < CSV_MAX_INPUT)
		alloc = (size_t)st.st_size + 2;
	d = xmalloc(alloc);
	for (;;) {
		if (n + 1 >= alloc) {
			alloc *= 2;
			d = xrealloc(d, alloc);
		}
		want = alloc - 1 - n;
		if (want > CSV_MAX_INPUT + 1 - n)
			want = CSV_MAX_INPUT + 1 - n;
		k = read(fd, d + n, want);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			errf(err, "cannot read %s: %s", path, strerror(errno));
			rc = BL_EIO;
			goto out;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > CSV_MAX_INPUT) {
			errf(err, "%s is larger than %zu MiB", path, CSV_MAX_INPUT >> 20);
			rc = BL_ELIMIT;
			goto out;
		}
	}
	d[n] = '\0';
	*data = d;
	*len = n;
	d = NULL;
out:
	free(d);
	return rc;
}

enum bl_err csv_open_file(const char *path, struct csv_reader **out, struct buf *err)
{
	enum bl_err rc;
	char *data = NULL;
	size_t len = 0;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errf(err, "cannot open %s: %s", path, strerror(errno));
		return BL_EIO;
	}
	rc = read_all(fd, path, &data, &len, err);
	close(fd);
	if (rc)
		return rc;
	return open_owned(data, len, out, err);
}

/* ---- records ---- */

/* Bytes that end an unquoted field or are not allowed in one. */
static const unsigned char stop[256] = {
	['\0'] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1,
};

/* p points at the byte after a field: a terminator or something else. Cut the
 * field there and move past the terminator. */
static enum field_end end_field(struct csv_reader *r, char *p)
{
	char c = *p;

	switch (c) {
	case ',':
		*p = '\0';
		r->pos = (size_t)(p - r->data) + 1;
		return END_COMMA;
	case '\n':
	case '\r':
		*p = '\0';
		r->line++;
		r->pos = (size_t)(p - r->data) + 1 + (c == '\r' && p[1] == '\n');
		return END_LINE;
	case '\0':
		r->pos = r->len;
		return END_INPUT;
	default:
		r->pos = (size_t)(p - r->data);
		return BAD_AFTER_QUOTE;
	}
}

/* Read one field at r->pos into *field, *flen bytes. */
static enum field_end read_field(struct csv_reader *r, char **field, size_t *flen)
{
	char *p = r->data + r->pos, *w;

	if (*p != '"') {
		*field = p;
		while (!stop[(unsigned char)*p])
			p++;
		*flen = (size_t)(p - *field);
		if (*p == '"') {
			r->pos = (size_t)(p - r->data);
			return BAD_QUOTE_IN_FIELD;
		}
		return end_field(r, p);
	}
	*field = w = ++p;
	for (;;) {
		if (*p == '"') {
			if (p[1] != '"')
				break;
			p++;
		} else if (*p == '\0') {
			r->pos = r->len;
			return BAD_UNTERMINATED;
		} else if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
			r->line++;
		}
		*w++ = *p++;
	}
	*w = '\0';
	*flen = (size_t)(w - *field);
	return end_field(r, p + 1);
}

/* Skip to the start of the next physical line. */
static void skip_line(struct csv_reader *r)
{
	char *p = r->data + r->pos;

	while (*p && *p != '\n' && *p != '\r')
		p++;
	if (*p)
		end_field(r, p);
	else
		r->pos = r->len;
}

static void report_bad(struct csv_reader *r, enum field_end e, size_t field_no,
		       size_t field_line, struct buf *err)
{
	switch (e) {
	case BAD_QUOTE_IN_FIELD:
		errf(err, "field %zu has a quote (\") inside an unquoted value on line %zu; "
		     "quote the whole field and write a quote as \"\"", field_no, r->line);
		break;
	case BAD_AFTER_QUOTE:
		errf(err, "field %zu has a character after its closing quote on line %zu",
		     field_no, r->line);
		break;
	default:
		errf(err, "field %zu opens a quote on line %zu that is never closed",
		     field_no, field_line);
		break;
	}
	if (e != BAD_UNTERMINATED)
		skip_line(r);
}

enum bl_err csv_next(struct csv_reader *r, char ***fields, size_t *n, struct buf *err)
{
	enum bl_err rc = BL_OK;
	enum field_end e;
	char *f;
	size_t nf = 0, flen, fline;

	*fields = NULL;
	*n = 0;
	if (r->pos >= r->len)
		return BL_ENOTFOUND;
	r->rec_no++;
	r->rec_line = r->line;
	do {
		fline = r->line;
		e = read_field(r, &f, &flen);
		if (e > END_INPUT) {
			report_bad(r, e, nf + 1, fline, err);
			return BL_EINVAL;
		}
		if (!rc && flen > CSV_MAX_FIELD) {
			errf(err, "field %zu is longer than %zu MiB", nf + 1, CSV_MAX_FIELD >> 20);
			rc = BL_ELIMIT;
		}
		if (!rc && nf == CSV_MAX_FIELDS) {
			errf(err, "the record has more than %d fields", CSV_MAX_FIELDS);
			rc = BL_ELIMIT;
		}
		if (!rc) {
			XGROW(r->fields, r->fields_alloc, nf + 1);
			r->fields[nf] = f;
		}
		nf++;
	} while (e == END_COMMA);
	if (rc)
		return rc;
	*fields = r->fields;
	*n = nf;
	return BL_OK;
}

size_t csv_record_number(const struct csv_reader *r)
{
	return r->rec_no;
}

size_t csv_record_line(const struct csv_reader *r)
{
	return r->rec_line;
}

int csv_was_gb18030(const struct csv_reader *r)
{
	return r->gb18030;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->data);
	free(r->fields);
	free(r);
}
