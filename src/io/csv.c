/* csv.c — RFC 4180 CSV reader that streams its input: a first pass over the
 * bytes decides the encoding (UTF-8, or GB18030 converted on the fly) and
 * finds bad bytes; then records are read through a window that holds the
 * record being read and what follows it, refilled as records are taken, so a
 * file of any size costs a few MiB. Inside the window the bytes end with a
 * NUL, the end-of-input sentinel of the parser; fields are cut in place (a
 * NUL over each terminator, "" escapes compacted leftwards) and handed out as
 * pointers into the window. */
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

/* Where the bytes come from: a file, or memory the caller keeps. */
struct source {
	int fd;               /* -1: memory */
	const char *mem;
	size_t mem_len, pos;  /* pos: bytes read so far */
	const char *path;     /* for messages; NULL for memory */
};

struct csv_reader {
	struct source src;
	size_t chunk;      /* bytes read at a time */
	char *data;        /* the window, NUL-terminated, cut in place */
	size_t alloc;      /* its size */
	size_t len;        /* bytes of data before the terminating NUL */
	size_t pos;        /* next unread byte */
	int eof;           /* the input has no more bytes than the window */
	int cut;           /* the window ended inside a record longer than
			    * CSV_MAX_RECORD: 1 in quotes, 2 outside; what is left
			    * of it is skipped before the next record */
	iconv_t cd;        /* GB18030 → UTF-8, or (iconv_t)-1 */
	char *raw;         /* GB18030 bytes read, not yet converted */
	size_t raw_len;
	size_t line;       /* 1-based physical line of data[pos] */
	size_t rec_no;     /* records returned so far, bad ones included */
	size_t rec_line;   /* line where the last record started */
	char **fields;     /* the last record's fields, reused across calls */
	size_t fields_alloc;
	int gb18030;
	int started;       /* the first bytes were read (and a BOM skipped) */
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

/* ---- the source ---- */

/* Up to n bytes into p; the count, 0 at the end, -1 on a read error. */
static ssize_t src_read(struct source *s, char *p, size_t n)
{
	ssize_t k;

	if (s->fd < 0) {
		k = (ssize_t)(s->mem_len - s->pos < n ? s->mem_len - s->pos : n);
		memcpy(p, s->mem + s->pos, (size_t)k);
	} else {
		do
			k = read(s->fd, p, n);
		while (k < 0 && errno == EINTR);
	}
	if (k > 0)
		s->pos += (size_t)k;
	return k;
}

static int src_rewind(struct source *s)
{
	s->pos = 0;
	return s->fd < 0 || lseek(s->fd, 0, SEEK_SET) == 0 ? 0 : -1;
}

static enum bl_err read_failed(const struct source *s, struct buf *err)
{
	buf_say(err, "cannot read %s: %s", s->path ? s->path : "the input", strerror(errno));
	return BL_EIO;
}

/* The 1-based line of byte offset off of the source: CRLF, LF and a lone CR
 * end a line. Reads the source from its start (an error's line only). */
static size_t line_at(struct source *s, size_t off)
{
	char buf[4096];
	size_t line = 1, at = 0, i;
	ssize_t k;
	int cr = 0;

	if (src_rewind(s))
		return 0;
	while (at < off && (k = src_read(s, buf, sizeof(buf))) > 0) {
		for (i = 0; i < (size_t)k && at < off; i++, at++) {
			if (cr && buf[i] != '\n')
				line++; /* the CR before was a line end alone */
			cr = 0;
			if (buf[i] == '\n')
				line++;
			else if (buf[i] == '\r' && at + 1 >= off)
				line++;
			else if (buf[i] == '\r')
				cr = 1;
		}
	}
	return line;
}

/* ---- encodings ---- */

/* The length of the UTF-8 sequence at s[0..n) (n >= 1), or 0 when it is not
 * valid UTF-8: no overlong forms, no surrogates, at most U+10FFFF. When
 * partial is set, a sequence cut short by the end of s gives -1 (read more). */
static int utf8_seq(const unsigned char *s, size_t n, int partial)
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
	for (i = 1; i <= need; i++) {
		if (i >= n)
			return partial ? -1 : 0;
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return 0;
	}
	return (int)need + 1;
}

/* How the input fares as UTF-8, and where its first NUL is. */
struct scan {
	size_t len;       /* bytes */
	size_t first_bad; /* offset of the first invalid byte; len when none */
	size_t bad;       /* invalid bytes (each skipped alone) */
	size_t multi;     /* valid multi-byte sequences */
	size_t nul;       /* offset of the first NUL; len when none */
};

/* Scan s[0..n), the bytes at offset base of the input; *used gets the bytes
 * taken (the rest: a sequence cut short, unless last). */
static void scan_bytes(struct scan *sc, const unsigned char *s, size_t n, size_t base, int last,
		       size_t *used)
{
	size_t i = 0;
	uint64_t w;
	int k;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ull) &&
			    !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
				i += 8; /* eight ASCII bytes, none NUL */
				continue;
			}
		}
		if (!s[i] && sc->nul == SIZE_MAX)
			sc->nul = base + i;
		k = utf8_seq(s + i, n - i, !last);
		if (k < 0)
			break;
		if (k > 1)
			sc->multi++;
		if (k) {
			i += (size_t)k;
			continue;
		}
		if (!sc->bad)
			sc->first_bad = base + i;
		sc->bad++;
		i++;
	}
	*used = i;
}

/* The first pass: every byte of s, read through buf. */
static enum bl_err scan_source(struct source *s, char *buf, size_t cap, struct scan *sc,
			       struct buf *err)
{
	size_t have = 0, used;
	ssize_t k;

	memset(sc, 0, sizeof(*sc));
	sc->nul = SIZE_MAX;
	for (;;) {
		k = src_read(s, buf + have, cap - have);
		if (k < 0)
			return read_failed(s, err);
		if (s->pos > CSV_MAX_INPUT) {
			buf_say(err, "%s is larger than %zu MiB", s->path, CSV_MAX_INPUT >> 20);
			return BL_ELIMIT;
		}
		have += (size_t)k;
		scan_bytes(sc, (const unsigned char *)buf, have, s->pos - have, k == 0, &used);
		memmove(buf, buf + used, have - used); /* at most 3 bytes of a sequence */
		have -= used;
		if (k == 0)
			break;
	}
	sc->len = s->pos;
	if (!sc->bad)
		sc->first_bad = sc->len;
	if (sc->nul == SIZE_MAX)
		sc->nul = sc->len;
	return BL_OK;
}

/* Convert up to *inleft bytes at *in from GB18030 into out (room outleft);
 * the bytes written, or -1 with errno EILSEQ (or EINVAL for a sequence cut
 * short when last). A sequence cut short otherwise stays in *in. */
static ssize_t convert(iconv_t cd, char **in, size_t *inleft, char *out, size_t outleft,
		       int last)
{
	char *o = out;
	size_t k = iconv(cd, in, inleft, &o, &outleft);

	if (k == (size_t)-1 && (errno == EILSEQ || (errno == EINVAL && last)))
		return -1;
	return o - out;
}

/* Check that all of s converts from GB18030 (the output is thrown away);
 * BL_EENCODING with a sentence when it does not. */
static enum bl_err check_gb18030(struct source *s, iconv_t cd, char *buf, size_t cap,
				 struct buf *err)
{
	char out[8192], *in;
	size_t have = 0, left;
	ssize_t k, w;

	if (src_rewind(s))
		return read_failed(s, err);
	for (;;) {
		k = src_read(s, buf + have, cap - have);
		if (k < 0)
			return read_failed(s, err);
		have += (size_t)k;
		in = buf;
		left = have;
		do
			w = convert(cd, &in, &left, out, sizeof(out), k == 0);
		while (w > 0 && left);
		if (w < 0) {
			size_t off = s->pos - have + (size_t)(in - buf);

			buf_say(err, "the input is neither UTF-8 nor GB18030: invalid byte 0x%02X at "
			     "byte offset %zu (line %zu); save the file as CSV UTF-8",
			     (unsigned char)*in, off, line_at(s, off));
			return BL_EENCODING;
		}
		memmove(buf, in, left);
		have = left;
		if (k == 0)
			return BL_OK;
	}
}

/* Decide the encoding: UTF-8 as it is; GB18030 (converted while reading)
 * when most of it is not UTF-8 and all of it is GB18030. */
static enum bl_err choose_encoding(struct csv_reader *r, struct buf *err)
{
	struct scan sc;
	enum bl_err rc = scan_source(&r->src, r->data, r->alloc, &sc, err);

	if (rc)
		return rc;
	if (sc.nul < sc.len) {
		buf_say(err, "the input holds a NUL byte at byte offset %zu (line %zu); is it "
		     "UTF-16? save the file as CSV UTF-8", sc.nul, line_at(&r->src, sc.nul));
		return BL_EENCODING;
	}
	/* GB18030 text is mostly invalid as UTF-8; UTF-8 text with a few broken
	 * bytes is not GB18030, and converting it would garble every character. */
	if (sc.bad && sc.multi >= 8 && sc.multi >= 4 * sc.bad) {
		unsigned char c = 0;

		if (!src_rewind(&r->src) && sc.first_bad < sc.len) {
			char skip[4096];
			size_t left = sc.first_bad;

			while (left && src_read(&r->src, skip, left < sizeof(skip) ? left
						: sizeof(skip)) > 0)
				left = sc.first_bad - r->src.pos;
			src_read(&r->src, (char *)&c, 1);
		}
		buf_say(err, "the input is UTF-8 with invalid bytes: byte 0x%02X at byte offset "
		     "%zu (line %zu) is not UTF-8", c, sc.first_bad, line_at(&r->src, sc.first_bad));
		return BL_EENCODING;
	}
	if (sc.bad) {
		r->cd = iconv_open("UTF-8", "GB18030");
		if (r->cd == (iconv_t)-1) {
			buf_say(err, "the input is not UTF-8 and GB18030 conversion is unavailable: %s",
			     strerror(errno));
			return BL_EENCODING;
		}
		rc = check_gb18030(&r->src, r->cd, r->data, r->alloc, err);
		iconv(r->cd, NULL, NULL, NULL, NULL);
		r->gb18030 = 1;
	}
	if (!rc && src_rewind(&r->src))
		rc = read_failed(&r->src, err);
	return rc;
}

/* ---- the window ---- */

/* Up to room bytes of the input, as UTF-8, at p: read as they are, or read
 * into r->raw and converted from GB18030 (a sequence cut short at the end of
 * a read waits in raw for the next). The count; 0 at the end; -1 on an error. */
static ssize_t read_utf8(struct csv_reader *r, char *p, size_t room)
{
	ssize_t k, w;
	char *in;
	size_t left;

	if (!r->gb18030)
		return src_read(&r->src, p, room);
	do {
		k = src_read(&r->src, r->raw + r->raw_len, r->chunk - r->raw_len);
		if (k < 0)
			return -1;
		r->raw_len += (size_t)k;
		in = r->raw;
		left = r->raw_len;
		w = convert(r->cd, &in, &left, p, room, k == 0);
		if (w < 0)
			return -1; /* checked by check_gb18030: the file changed since */
		memmove(r->raw, in, left);
		r->raw_len = left;
	} while (!w && k > 0);
	return w;
}

/* Read more of the input after the unread part of the window, which moves to
 * its start; the window grows when it is full. 0, or -1 at the end of input
 * or on a read error (eof is then set: the caller sees the end). */
static int fill(struct csv_reader *r)
{
	size_t need = r->gb18030 ? 2 * r->chunk : r->chunk;
	ssize_t k;

	if (r->eof)
		return -1;
	memmove(r->data, r->data + r->pos, r->len - r->pos);
	r->len -= r->pos;
	r->pos = 0;
	if (r->alloc - 1 - r->len < need) {
		r->alloc = r->len + need + 1;
		r->data = xrealloc(r->data, r->alloc);
	}
	k = read_utf8(r, r->data + r->len, r->alloc - 1 - r->len);
	if (k <= 0) {
		r->eof = 1;
		r->data[r->len] = '\0';
		return -1;
	}
	r->len += (size_t)k;
	r->data[r->len] = '\0';
	return 0;
}

/* Make the window hold the whole record at pos: up to its line end outside
 * quotes, and the byte after a CR. A record longer than CSV_MAX_RECORD is
 * cut at the window's end (r->cut), as if the input ended there. */
static void want_record(struct csv_reader *r)
{
	size_t i = r->pos;
	int inq = 0;

	for (;;) {
		for (; i < r->len; i++) {
			char c = r->data[i];

			if (c == '"')
				inq = !inq;
			else if (!inq && c == '\n')
				return;
			else if (!inq && c == '\r' && i + 1 < r->len)
				return;
			else if (!inq && c == '\r')
				break; /* whether a LF follows is in the next read */
		}
		if (r->eof)
			return;
		if (r->len - r->pos >= CSV_MAX_RECORD) {
			r->cut = inq ? 1 : 2;
			return;
		}
		i -= r->pos;
		if (fill(r))
			return;
	}
}

/* After a record cut short: skip what is left of it, to the end of its line
 * (outside quotes), or to the end of input when it was in quotes. */
static void skip_cut(struct csv_reader *r)
{
	int in_quotes = r->cut == 1;

	r->cut = 0;
	for (;;) {
		char *p = r->data + r->pos, *e = r->data + r->len;

		if (!in_quotes) {
			while (p < e && *p != '\n' && *p != '\r')
				p++;
			if (p < e) {
				r->pos = (size_t)(p - r->data) + 1;
				if (*p == '\r' && p + 1 < e && p[1] == '\n')
					r->pos++;
				r->line++;
				return;
			}
		}
		r->pos = r->len;
		if (fill(r))
			return;
	}
}

/* ---- opening ---- */

static void reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->src.fd >= 0)
		close(r->src.fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->data);
	free(r->raw);
	free(r->fields);
	free(r);
}

/* A reader over src reading chunk bytes at a time; src is taken over. */
static enum bl_err open_source(struct source src, size_t chunk, struct csv_reader **out,
			       struct buf *err)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));
	enum bl_err rc;

	r->src = src;
	r->chunk = chunk < 16 ? 16 : chunk;
	r->cd = (iconv_t)-1;
	r->alloc = r->chunk + 1;
	r->data = xmalloc(r->alloc);
	r->data[0] = '\0';
	r->line = 1;
	rc = choose_encoding(r, err);
	if (rc) {
		reader_free(r);
		*out = NULL;
		return rc;
	}
	if (r->gb18030)
		r->raw = xmalloc(r->chunk);
	*out = r;
	return BL_OK;
}

/* The first bytes, and a UTF-8 BOM among them skipped. */
static void start(struct csv_reader *r)
{
	r->started = 1;
	while (r->len < 3 && !fill(r))
		;
	if (r->len >= 3 && !memcmp(r->data, "\xef\xbb\xbf", 3))
		r->pos = 3;
}

enum bl_err csv_open_mem_chunked(const char *data, size_t len, size_t chunk,
				 struct csv_reader **out, struct buf *err)
{
	struct source src = { -1, data, len, 0, NULL };

	*out = NULL;
	if (len > CSV_MAX_INPUT) {
		buf_say(err, "the input is larger than %zu MiB", CSV_MAX_INPUT >> 20);
		return BL_ELIMIT;
	}
	return open_source(src, chunk, out, err);
}

enum bl_err csv_open_mem(const char *data, size_t len, struct csv_reader **out,
			 struct buf *err)
{
	return csv_open_mem_chunked(data, len, CSV_CHUNK, out, err);
}

enum bl_err csv_open_file(const char *path, struct csv_reader **out, struct buf *err)
{
	struct source src = { -1, NULL, 0, 0, path };

	*out = NULL;
	src.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (src.fd < 0) {
		buf_say(err, "cannot open %s: %s", path, strerror(errno));
		return BL_EIO;
	}
	return open_source(src, CSV_CHUNK, out, err);
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
		buf_say(err, "field %zu has a quote (\") inside an unquoted value on line %zu; "
		     "quote the whole field and write a quote as \"\"", field_no, r->line);
		break;
	case BAD_AFTER_QUOTE:
		buf_say(err, "field %zu has a character after its closing quote on line %zu",
		     field_no, r->line);
		break;
	default:
		buf_say(err, "field %zu opens a quote on line %zu that is never closed",
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
	if (!r->started)
		start(r);
	if (r->cut)
		skip_cut(r);
	if (r->pos >= r->len && fill(r))
		return BL_ENOTFOUND;
	want_record(r);
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
			buf_say(err, "field %zu is longer than %zu MiB", nf + 1, CSV_MAX_FIELD >> 20);
			rc = BL_ELIMIT;
		}
		if (!rc && nf == CSV_MAX_FIELDS) {
			buf_say(err, "the record has more than %d fields", CSV_MAX_FIELDS);
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
	reader_free(r);
}
