/* out_table.c — aligned text tables with CJK characters two columns wide. */
#include "cli/out_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

void out_table_init(struct out_table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

void out_table_row(struct out_table *t, const char *const *cells)
{
	size_t c;

	XGROW(t->cells, t->alloc, (t->nrows + 1) * t->ncols);
	for (c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

/* The code point at *p (advancing it), or -1 for an invalid byte. */
static long utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	long cp;
	int n, i;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		cp = s[0] & 0x1f;
		n = 1;
	} else if ((s[0] & 0xf0) == 0xe0) {
		cp = s[0] & 0x0f;
		n = 2;
	} else if ((s[0] & 0xf8) == 0xf0) {
		cp = s[0] & 0x07;
		n = 3;
	} else {
		*p += 1;
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p += 1;
			return -1;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*p += n + 1;
	return cp;
}

/* East Asian Wide / Fullwidth ranges that matter for Chinese text. */
static int is_wide(long cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	       (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		long cp = utf8_next(&p);

		w += is_wide(cp) ? 2 : 1;
	}
	return w;
}

static void pad(struct buf *b, size_t n)
{
	while (n--)
		buf_addch(b, ' ');
}

void out_table_print(const struct out_table *t, FILE *fp)
{
	size_t *width = xcalloc(t->ncols ? t->ncols : 1, sizeof(*width));
	size_t r, c, total = 0;
	struct buf line;

	buf_init(&line, 0);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t w = text_width(t->cells[r * t->ncols + c]);

			if (w > width[c])
				width[c] = w;
		}
	for (c = 0; c < t->ncols; c++)
		total += width[c] + (c ? 2 : 0);
	for (r = 0; r < t->nrows; r++) {
		buf_reset(&line);
		for (c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			size_t gap = width[c] - text_width(cell);
			int right = (t->right >> c) & 1u;

			if (c)
				pad(&line, 2);
			if (right)
				pad(&line, gap);
			buf_adds(&line, cell);
			if (!right)
				pad(&line, gap);
		}
		/* no trailing blanks */
		while (line.len && line.s[line.len - 1] == ' ')
			buf_truncate(&line, line.len - 1);
		fprintf(fp, "%s\n", line.s);
		if (r == 0) {
			for (c = 0; c < total; c++)
				fputc('-', fp);
			fputc('\n', fp);
		}
	}
	buf_release(&line);
	free(width);
}

void out_table_release(struct out_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	out_table_init(t, t->ncols);
}
