/* doc.c — building the document model of doc.h and the text of its cells. */
#include "report/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "util/xalloc.h"

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

static void table_free(struct doc_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->heads[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->heads);
	free(t->widths);
	free(t->cells);
	free(t->caption);
	free(t->sheet);
	free(t->note);
	free(t->empty);
	free(t);
}

void doc_release(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->blocks[i].text);
		table_free(d->blocks[i].table);
		chart_free(d->blocks[i].chart);
	}
	free(d->blocks);
	free(d->title);
	free(d->issue_line);
	free(d->issuer);
	free(d->date_line);
	free(d->status);
	free(d->pdf_date);
	memset(d, 0, sizeof(*d));
}

static struct doc_block *add_block(struct doc *d, enum block_kind kind)
{
	struct doc_block *b;

	XGROW(d->blocks, d->alloc, d->n + 1);
	b = &d->blocks[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void doc_text(struct doc *d, enum block_kind kind, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	add_block(d, kind)->text = buf_detach(&b, NULL);
}

void doc_para_take(struct doc *d, char *text)
{
	add_block(d, BLK_PARA)->text = text;
}

void doc_chart(struct doc *d, struct chart *c)
{
	add_block(d, BLK_CHART)->chart = c;
}

struct doc_table *doc_table(struct doc *d, const char *caption, const char *sheet, size_t ncols,
			    const char *const *heads, const int *widths)
{
	struct doc_table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->caption = xstrdup(caption);
	t->sheet = xstrdup(sheet);
	t->ncols = ncols;
	t->heads = xcalloc(ncols, sizeof(*t->heads));
	t->widths = xcalloc(ncols, sizeof(*t->widths));
	for (i = 0; i < ncols; i++) {
		t->heads[i] = xstrdup(heads[i]);
		t->widths[i] = widths ? widths[i] : 1;
	}
	add_block(d, BLK_TABLE)->table = t;
	return t;
}

struct cell *table_row(struct doc_table *t)
{
	struct cell *row;

	XGROW(t->cells, t->alloc, (t->nrows + 1) * t->ncols);
	row = &t->cells[t->nrows * t->ncols];
	memset(row, 0, t->ncols * sizeof(*row));
	t->nrows++;
	return row;
}

void cell_text(struct cell *c, const char *s)
{
	free(c->text);
	c->kind = CELL_TEXT;
	c->text = xstrdup(s ? s : "");
}

void cell_textf(struct cell *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(c->text);
	c->kind = CELL_TEXT;
	c->text = buf_detach(&b, NULL);
}

void cell_count(struct cell *c, int64_t v)
{
	c->kind = CELL_COUNT;
	c->v = v;
}

void cell_money(struct cell *c, int64_t yuan)
{
	c->kind = CELL_MONEY;
	c->v = yuan;
}

void cell_ratio(struct cell *c, struct ratio r)
{
	c->kind = CELL_RATIO;
	c->r = r;
}

void cell_points(struct cell *c, int64_t tenths)
{
	c->kind = CELL_POINTS;
	c->v = tenths;
}

void cell_score(struct cell *c, int64_t hundredths)
{
	c->kind = CELL_SCORE;
	c->v = hundredths;
}

void cell_date(struct cell *c, bl_day d)
{
	c->kind = CELL_DATE;
	c->v = d;
}

void table_note(struct doc_table *t, const char *s)
{
	free(t->note);
	t->note = xstrdup(s);
}

void table_empty(struct doc_table *t, const char *s)
{
	free(t->empty);
	t->empty = xstrdup(s);
}

int cell_is_number(enum cell_kind k)
{
	return k != CELL_TEXT && k != CELL_EMPTY && k != CELL_DATE;
}

void cell_format(const struct cell *c, struct buf *b)
{
	char tmp[48];
	int64_t mag;

	switch (c->kind) {
	case CELL_EMPTY:
		break;
	case CELL_TEXT:
		buf_adds(b, c->text ? c->text : "");
		break;
	case CELL_COUNT:
		buf_addf(b, "%lld", (long long)c->v);
		break;
	case CELL_MONEY:
		buf_adds(b, money_format_wan(c->v, tmp, sizeof(tmp)));
		break;
	case CELL_RATIO:
		buf_adds(b, ratio_format_pct(c->r, tmp, sizeof(tmp)));
		break;
	case CELL_POINTS:
		if (c->v == AMOUNT_NONE) {
			buf_adds(b, "—");
			break;
		}
		points_text(b, c->v, 1);
		break;
	case CELL_SCORE:
		mag = c->v < 0 ? -c->v : c->v;
		buf_addf(b, "%s%lld.%02lld", c->v < 0 ? "-" : "", (long long)(mag / 100),
			 (long long)(mag % 100));
		break;
	case CELL_DATE:
		if (c->v != DAY_NONE)
			buf_adds(b, day_format((bl_day)c->v, tmp));
		break;
	case CELL__MAX:
		break;
	}
}
