/* doc.h — a small document model between the bulletin's content and its
 * formats: headings, paragraphs, tables of typed cells and charts. The HTML
 * and PDF writers show each cell's text; the XLSX writer keeps its value
 * (numbers as numbers, money as 万元, rates as fractions), so one table gives
 * the same figures in every format. */
#ifndef BL_DOC_H
#define BL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/measures.h"
#include "report/chart.h"
#include "util/buf.h"

enum cell_kind {
	CELL_EMPTY,  /* nothing */
	CELL_TEXT,   /* text */
	CELL_COUNT,  /* a whole number */
	CELL_MONEY,  /* integer yuan, shown as 万元 */
	CELL_RATIO,  /* a rate num/den, shown to 0.1 %; "—" when undefined */
	CELL_POINTS, /* percentage points in tenths (+1.2); AMOUNT_NONE: "—" */
	CELL_SCORE,  /* hundredths of a point (85.25) */
	CELL_DATE,   /* a day; DAY_NONE: empty */
	CELL__MAX
};

/* Cell style bits. */
enum {
	CS_BOLD = 1u << 0,  /* a total or the overall row */
	CS_RED = 1u << 1,   /* bad: red text */
	CS_GREEN = 1u << 2, /* good: green text */
	CS_GOLD = 1u << 3,  /* the contest's leader */
};

struct cell {
	enum cell_kind kind;
	unsigned style;
	char *text;       /* CELL_TEXT, owned */
	int64_t v;        /* COUNT, MONEY, POINTS, SCORE, DATE */
	struct ratio r;   /* RATIO */
};

/* Column alignment follows the kind of the column's cells: text left,
 * numbers right. */
struct doc_table {
	char *caption;    /* "表1 各层级重大项目开工情况" */
	char *sheet;      /* the XLSX sheet name (at most 31 characters, unique) */
	size_t ncols;
	char **heads;     /* ncols column headings */
	int *widths;      /* ncols relative widths for the PDF */
	struct cell *cells; /* nrows × ncols */
	size_t nrows, alloc;
	char *note;       /* a note under the table, or NULL */
	char *empty;      /* shown instead of the table when it has no rows */
};

enum block_kind {
	BLK_H1,    /* 一、总体情况 */
	BLK_H2,    /* （一）… */
	BLK_PARA,  /* a paragraph, first line indented */
	BLK_TABLE, /* a table */
	BLK_CHART, /* a chart */
	BLK__MAX
};

struct doc_block {
	enum block_kind kind;
	char *text;               /* H1, H2, PARA; owned */
	struct doc_table *table;  /* TABLE; owned */
	struct chart *chart;      /* CHART; owned */
};

struct doc {
	char *title;       /* 重大项目建设月度通报 */
	char *issue_line;  /* 2024年第6期 */
	char *issuer;      /* 新吴区重大项目建设领导小组办公室 */
	char *date_line;   /* 2024年6月30日 (draft: the as-of date; issued: the issue date) */
	char *status;      /* "草稿" for a draft, NULL once issued */
	char *pdf_date;    /* the PDF's creation date "2024-06-30T00:00:00" (deterministic) */
	struct doc_block *blocks;
	size_t n, alloc;
};

/* An empty document (no allocation). */
void doc_init(struct doc *d);
/* Free everything d owns and zero it. */
void doc_release(struct doc *d);

/* Append a heading or paragraph (text copied; printf-style). */
void doc_text(struct doc *d, enum block_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append a paragraph whose text is taken over (caller's malloc'd string). */
void doc_para_take(struct doc *d, char *text);
/* Append a chart; d takes ownership of c. */
void doc_chart(struct doc *d, struct chart *c);

/* Append a new table of ncols columns with these headings and relative
 * widths; d owns it; returns it for filling. */
struct doc_table *doc_table(struct doc *d, const char *caption, const char *sheet, size_t ncols,
			    const char *const *heads, const int *widths);
/* Start a new row in t; returns its ncols cells (all CELL_EMPTY). */
struct cell *table_row(struct doc_table *t);
/* Setters for one cell. */
void cell_text(struct cell *c, const char *s);
void cell_textf(struct cell *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cell_count(struct cell *c, int64_t v);
void cell_money(struct cell *c, int64_t yuan);
void cell_ratio(struct cell *c, struct ratio r);
void cell_points(struct cell *c, int64_t tenths);
void cell_score(struct cell *c, int64_t hundredths);
void cell_date(struct cell *c, bl_day d);
/* Set the table's note / empty text (copied). */
void table_note(struct doc_table *t, const char *s);
void table_empty(struct doc_table *t, const char *s);

/* The text a cell shows (HTML, PDF) appended to b. */
void cell_format(const struct cell *c, struct buf *b);
/* 1 when cells of this kind are numbers (right-aligned). */
int cell_is_number(enum cell_kind k);

#endif
