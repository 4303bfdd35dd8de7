/* out_table.h — plain-text tables for `--format table`: columns aligned by
 * display width, where a CJK character takes two columns (East Asian Wide and
 * Fullwidth), so Chinese names line up in a terminal. */
#ifndef BL_OUT_TABLE_H
#define BL_OUT_TABLE_H

#include <stddef.h>
#include <stdio.h>

struct out_table {
	size_t ncols;
	char **cells;       /* nrows × ncols, owned copies; row 0 is the header */
	size_t nrows, alloc;
	unsigned right;     /* bit c: column c is right-aligned (numbers) */
};

/* An empty table of ncols columns (at most 32). No allocation. */
void out_table_init(struct out_table *t, size_t ncols);
/* Append a row of ncols cells (copied; NULL is ""). The first row added is
 * the header. */
void out_table_row(struct out_table *t, const char *const *cells);
/* Print with two spaces between columns and a rule of '-' under the header. */
void out_table_print(const struct out_table *t, FILE *fp);
/* Free the cells; t is empty afterwards. */
void out_table_release(struct out_table *t);

/* Display width of UTF-8 text in terminal columns (invalid bytes count 1). */
size_t text_width(const char *s);

#endif
