/* xls_biff.c — just enough of the OLE compound file format (MS-CFB) and of
 * BIFF8 (MS-XLS) to read the cached results of formula cells, which FreeXL
 * skips, and to tell an encrypted .xlsx from a workbook (xls_int.h). Every
 * offset read from the file is checked against the bytes there are, and every
 * sector chain against the number of sectors, so a loop or a wild pointer in a
 * damaged file ends the reading instead of the program. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xls_int.h"
#include "io/xlsx_value.h"
#include "util/xalloc.h"

#define ENDOFCHAIN 0xFFFFFFFEu
#define MAX_STREAM ((size_t)256 << 20)
#define MAX_FORMULAS ((size_t)8 << 20)

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* ---- the compound file ---- */

struct cfb {
	const unsigned char *d;
	size_t len, ssize, msize, cutoff;
	uint32_t *fat, *minifat;
	size_t nfat, nminifat;
	struct buf mini; /* the mini stream */
	struct buf dir;  /* the directory entries, 128 bytes each */
};

/* Append the sectors of the chain from start until max bytes; -1 when the
 * chain leaves the file or loops. */
static int chain(const struct cfb *c, uint32_t start, size_t max, struct buf *out)
{
	uint32_t s = start;
	size_t n = 0;

	while (s != ENDOFCHAIN && out->len < max) {
		size_t off = ((size_t)s + 1) * c->ssize;

		if (s >= c->nfat || ++n > c->nfat || off >= c->len)
			return -1;
		buf_add(out, c->d + off, c->len - off < c->ssize ? c->len - off : c->ssize);
		s = c->fat[s];
	}
	return out->err ? -1 : 0;
}

static int mini_chain(const struct cfb *c, uint32_t start, size_t max, struct buf *out)
{
	uint32_t s = start;
	size_t n = 0;

	while (s != ENDOFCHAIN && out->len < max) {
		size_t off = (size_t)s * c->msize;

		if (s >= c->nminifat || ++n > c->nminifat || off + c->msize > c->mini.len)
			return -1;
		buf_add(out, c->mini.s + off, c->msize);
		s = c->minifat[s];
	}
	return out->err ? -1 : 0;
}

/* The sector ids of the FAT: 109 in the header, the rest in DIFAT sectors. */
static int fat_sectors(const struct cfb *c, uint32_t **ids, size_t *n)
{
	size_t want = u32(c->d + 0x2C), have = 0, k, per = c->ssize / 4 - 1, hops = 0;
	uint32_t next = u32(c->d + 0x44);

	if (want > c->len / c->ssize + 1)
		return -1;
	*ids = xcalloc(want + 1, sizeof(**ids));
	for (k = 0; k < 109 && have < want; k++)
		(*ids)[have++] = u32(c->d + 0x4C + 4 * k);
	while (have < want) {
		size_t off = ((size_t)next + 1) * c->ssize;

		if (++hops > c->len / c->ssize || off + c->ssize > c->len)
			return -1;
		for (k = 0; k < per && have < want; k++)
			(*ids)[have++] = u32(c->d + off + 4 * k);
		next = u32(c->d + off + 4 * per);
	}
	*n = have;
	return 0;
}

static int cfb_open(struct cfb *c, const unsigned char *d, size_t len)
{
	uint32_t *ids = NULL;
	size_t n = 0, i, k, per;
	struct buf mf = BUF_INIT;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	buf_init(&c->mini, MAX_STREAM);
	buf_init(&c->dir, MAX_STREAM);
	c->d = d;
	c->len = len;
	if (len < 512 || memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) ||
	    (u16(d + 0x1E) != 9 && u16(d + 0x1E) != 12) || u16(d + 0x20) != 6)
		return -1;
	c->ssize = (size_t)1 << u16(d + 0x1E);
	c->msize = 64;
	c->cutoff = u32(d + 0x38);
	if (fat_sectors(c, &ids, &n))
		goto out;
	per = c->ssize / 4;
	c->fat = xcalloc(n * per + 1, sizeof(*c->fat));
	for (i = 0; i < n; i++) {
		size_t off = ((size_t)ids[i] + 1) * c->ssize;

		if (off + c->ssize > len)
			goto out;
		for (k = 0; k < per; k++)
			c->fat[c->nfat++] = u32(d + off + 4 * k);
	}
	if (chain(c, u32(d + 0x30), MAX_STREAM, &c->dir) || c->dir.len < 128)
		goto out;
	if (chain(c, u32(d + 0x3C), (size_t)u32(d + 0x40) * c->ssize, &mf))
		goto out;
	c->nminifat = mf.len / 4;
	c->minifat = xcalloc(c->nminifat + 1, sizeof(*c->minifat));
	for (i = 0; i < c->nminifat; i++)
		c->minifat[i] = u32((const unsigned char *)mf.s + 4 * i);
	/* the root entry's stream is the mini stream */
	rc = chain(c, u32((const unsigned char *)c->dir.s + 116),
		   u32((const unsigned char *)c->dir.s + 120), &c->mini);
out:
	free(ids);
	buf_release(&mf);
	return rc;
}

static void cfb_release(struct cfb *c)
{
	free(c->fat);
	free(c->minifat);
	buf_release(&c->mini);
	buf_release(&c->dir);
}

static unsigned lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The directory entry of the stream named name (ASCII, any case), or NULL. */
static const unsigned char *cfb_find(const struct cfb *c, const char *name)
{
	size_t i, k, n = strlen(name);

	for (i = 0; i + 128 <= c->dir.len; i += 128) {
		const unsigned char *e = (const unsigned char *)c->dir.s + i;
		size_t nl = u16(e + 64);

		if (e[66] != 2 || nl != 2 * (n + 1))
			continue;
		for (k = 0; k < n; k++)
			if (lower(u16(e + 2 * k)) != lower((unsigned char)name[k]))
				break;
		if (k == n)
			return e;
	}
	return NULL;
}

static int cfb_read(const struct cfb *c, const unsigned char *e, struct buf *out)
{
	size_t size = u32(e + 120);
	int rc;

	if (size > MAX_STREAM)
		return -1;
	rc = size < c->cutoff ? mini_chain(c, u32(e + 116), size, out)
			      : chain(c, u32(e + 116), size, out);
	if (!rc && out->len > size)
		buf_truncate(out, size);
	return rc;
}

enum xls_container xls_container_of(const unsigned char *data, size_t len)
{
	enum xls_container k = XLS_OTHER;
	struct cfb c;

	if (!cfb_open(&c, data, len)) {
		if (cfb_find(&c, "EncryptedPackage"))
			k = XLS_ENCRYPTED;
		else if (cfb_find(&c, "Workbook") || cfb_find(&c, "Book"))
			k = XLS_WORKBOOK;
	}
	cfb_release(&c);
	return k;
}

/* ---- BIFF8 ---- */

struct fcell {
	uint32_t row, col, off;
	int error;
};

struct xls_formulas {
	struct fcell *v;
	size_t n, alloc;
	struct buf text;
};

struct biff {
	const unsigned char *s;
	size_t len;
	int date1904;
	uint16_t *xf_fmt;          /* number format of each XF record */
	size_t nxf, axf;
	uint16_t *fmt_id;          /* FORMAT records: id and whether a date */
	unsigned char *fmt_date;
	size_t nfmt, afmt, adate;
};

static void add_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addch(b, (char)(0xc0 | cp >> 6));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addch(b, (char)(0xe0 | cp >> 12));
		buf_addch(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addch(b, (char)(0xf0 | cp >> 18));
		buf_addch(b, (char)(0x80 | (cp >> 12 & 0x3f)));
		buf_addch(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addch(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Append cch characters at p (avail bytes): 8-bit (compressed UTF-16) or
 * UTF-16LE when wide. */
static void add_chars(struct buf *b, const unsigned char *p, size_t avail, size_t cch, int wide)
{
	size_t i;

	for (i = 0; i < cch && (i + 1) * (wide ? 2u : 1u) <= avail; i++) {
		unsigned cp = wide ? u16(p + 2 * i) : p[i];

		if (wide && cp >= 0xd800 && cp < 0xdc00 && (i + 2) * 2 <= avail &&
		    u16(p + 2 * i + 2) >= 0xdc00 && u16(p + 2 * i + 2) < 0xe000) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (u16(p + 2 * i + 2) - 0xdc00u);
			i++;
		} else if (cp >= 0xd800 && cp < 0xe000) {
			cp = 0xfffd;
		}
		add_utf8(b, cp);
	}
}

/* An XLUnicodeString (2-byte count) at p, n bytes there. */
static void add_xlstring(struct buf *b, const unsigned char *p, size_t n)
{
	size_t cch, skip = 3;
	unsigned flags;

	if (n < 3)
		return;
	cch = u16(p);
	flags = p[2];
	if (flags & 0x08)
		skip += 2; /* cRun */
	if (flags & 0x04)
		skip += 4; /* cbExtRst */
	if (skip <= n)
		add_chars(b, p + skip, n - skip, cch, flags & 1);
}

static int xf_is_date(const struct biff *bf, unsigned xf)
{
	size_t k;
	unsigned id;

	if (xf >= bf->nxf)
		return 0;
	id = bf->xf_fmt[xf];
	for (k = 0; k < bf->nfmt; k++)
		if (bf->fmt_id[k] == id)
			return bf->fmt_date[k];
	return xlsx_builtin_is_date(id);
}

/* Read the globals: date system, formats, XFs; the stream offset of the
 * worksheet named sheet, or 0 when it is not there (or not BIFF8). */
static size_t read_globals(struct biff *bf, const char *sheet)
{
	struct buf t = BUF_INIT;
	size_t pos = 0, found = 0;

	while (pos + 4 <= bf->len) {
		unsigned type = u16(bf->s + pos), rl = u16(bf->s + pos + 2);
		const unsigned char *d = bf->s + pos + 4;

		if (pos + 4 + rl > bf->len)
			break;
		pos += 4 + rl;
		if (type == 0x0809 && (rl < 2 || u16(d) != 0x0600))
			break; /* BIFF5 or older: FreeXL alone */
		if (type == 0x000A)
			break;
		if (type == 0x0022 && rl >= 2) {
			bf->date1904 = u16(d) == 1;
		} else if (type == 0x00E0 && rl >= 4) {
			XGROW(bf->xf_fmt, bf->axf, bf->nxf + 1);
			bf->xf_fmt[bf->nxf++] = u16(d + 2);
		} else if (type == 0x041E && rl >= 2) {
			buf_reset(&t);
			add_xlstring(&t, d + 2, rl - 2u);
			XGROW(bf->fmt_id, bf->afmt, bf->nfmt + 1);
			XGROW(bf->fmt_date, bf->adate, bf->nfmt + 1);
			bf->fmt_id[bf->nfmt] = u16(d);
			bf->fmt_date[bf->nfmt++] = (unsigned char)xlsx_format_is_date(t.s);
		} else if (type == 0x0085 && rl >= 8 && d[5] == 0 && !found) {
			buf_reset(&t);
			add_chars(&t, d + 8, rl - 8u, d[6], d[7] & 1);
			if (!strcmp(t.s, sheet))
				found = u32(d);
		}
	}
	buf_release(&t);
	return found;
}

static const char *error_name(unsigned code)
{
	switch (code) {
	case 0x00: return "#NULL!";
	case 0x07: return "#DIV/0!";
	case 0x0F: return "#VALUE!";
	case 0x17: return "#REF!";
	case 0x1D: return "#NAME?";
	case 0x24: return "#NUM!";
	case 0x2A: return "#N/A";
	default: return "#ERROR";
	}
}

/* Note one formula cell whose text starts at off in f->text. */
static void push(struct xls_formulas *f, unsigned row, unsigned col, size_t off, int error)
{
	buf_addch(&f->text, '\0');
	XGROW(f->v, f->alloc, f->n + 1);
	f->v[f->n].row = row;
	f->v[f->n].col = col;
	f->v[f->n].off = (uint32_t)off;
	f->v[f->n++].error = error;
}

/* The text of a number result: a day when the cell's format is a date. */
static void add_number(struct xls_formulas *f, const struct biff *bf, unsigned xf,
		       const unsigned char *p)
{
	uint64_t bits = (uint64_t)u32(p) | (uint64_t)u32(p + 4) << 32;
	char tmp[40], day[11];
	bl_day d;
	double v;

	memcpy(&v, &bits, sizeof(v));
	snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (xf_is_date(bf, xf) && !xlsx_serial_day(tmp, strlen(tmp), bf->date1904, &d))
		buf_adds(&f->text, day_format(d, day));
	else if (xlsx_number_text(&f->text, tmp, strlen(tmp)))
		buf_adds(&f->text, tmp);
}

/* The FORMULA records (and the STRING records after string results) of the
 * worksheet substream at pos. */
static void read_sheet(struct xls_formulas *f, const struct biff *bf, size_t pos)
{
	long pending = -1; /* a string result waits for its STRING record: the row, col */
	unsigned prow = 0, pcol = 0;

	while (pos + 4 <= bf->len && f->n < MAX_FORMULAS && !f->text.err) {
		unsigned type = u16(bf->s + pos), rl = u16(bf->s + pos + 2);
		const unsigned char *d = bf->s + pos + 4;

		if (pos + 4 + rl > bf->len || type == 0x000A)
			break;
		pos += 4 + rl;
		if (type == 0x0207 && pending >= 0) {
			size_t off = f->text.len;

			add_xlstring(&f->text, d, rl);
			push(f, prow, pcol, off, 0);
			pending = -1;
		} else if (type == 0x0006 && rl >= 20) {
			size_t off = f->text.len;
			unsigned row = u16(d), col = u16(d + 2), xf = u16(d + 4);

			pending = -1;
			if (u16(d + 12) != 0xFFFF) {
				add_number(f, bf, xf, d + 6);
			} else if (d[6] == 0) {
				pending = 1;
				prow = row;
				pcol = col;
				continue;
			} else if (d[6] == 1) {
				buf_adds(&f->text, d[8] ? "TRUE" : "FALSE");
			} else if (d[6] == 2) {
				buf_adds(&f->text, error_name(d[8]));
			}
			push(f, row, col, off, d[6] == 2 && u16(d + 12) == 0xFFFF);
		}
	}
}

static int cmp_cell(const void *a, const void *b)
{
	const struct fcell *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

void xls_formulas_read(const unsigned char *data, size_t len, const char *sheet,
		       struct xls_formulas **out)
{
	struct buf stream = BUF_INIT;
	struct xls_formulas *f = NULL;
	const unsigned char *e;
	struct biff bf;
	struct cfb c;
	size_t at;

	*out = NULL;
	memset(&bf, 0, sizeof(bf));
	buf_init(&stream, MAX_STREAM);
	if (cfb_open(&c, data, len))
		goto out;
	e = cfb_find(&c, "Workbook");
	if (!e || cfb_read(&c, e, &stream))
		goto out;
	bf.s = (const unsigned char *)stream.s;
	bf.len = stream.len;
	at = read_globals(&bf, sheet);
	if (!at || at >= bf.len)
		goto out;
	f = xcalloc(1, sizeof(*f));
	buf_init(&f->text, MAX_STREAM);
	read_sheet(f, &bf, at);
	qsort(f->v, f->n, sizeof(*f->v), cmp_cell);
out:
	cfb_release(&c);
	buf_release(&stream);
	free(bf.xf_fmt);
	free(bf.fmt_id);
	free(bf.fmt_date);
	*out = f;
}

const char *xls_formula_value(const struct xls_formulas *f, unsigned row, unsigned col,
			      int *error)
{
	size_t lo = 0, hi = f ? f->n : 0;

	*error = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct fcell *x = &f->v[mid];

		if (x->row == row && x->col == col) {
			*error = x->error;
			return f->text.s + x->off;
		}
		if (x->row < row || (x->row == row && x->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void xls_formulas_free(struct xls_formulas *f)
{
	if (!f)
		return;
	free(f->v);
	buf_release(&f->text);
	free(f);
}
