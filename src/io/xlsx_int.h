/* xlsx_int.h — what the parts of the XLSX reader share: xlsx.c opens the zip
 * and reads its parts within limits; xlsx_book.c resolves the workbook's parts
 * and reads its styles and shared strings; xlsx_sheet.c streams the chosen
 * sheet row by row. */
#ifndef BL_XLSX_INT_H
#define BL_XLSX_INT_H

#include <expat.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "io/xlsx.h"

/* The bytes read from a part at a time. */
#define XLSX_CHUNK ((size_t)64 << 10)

/* One zip entry being read, with its caps. */
struct xlsx_part {
	zip_file_t *zf;
	char *name;    /* owned */
	uint64_t comp; /* compressed size from the central directory */
	uint64_t read; /* uncompressed bytes read so far */
	uint64_t max;  /* the most it may expand to */
};

/* The head of every expat parse context: handlers stop the parser through xp
 * and leave the reason in rc (appending a sentence to err). */
struct xlsx_xml {
	XML_Parser xp;
	struct buf *err;
	enum bl_err rc; /* set by a handler that stopped the parse */
	int dtd;        /* the part had a DOCTYPE, which XLSX never has */
};

/* The row being assembled from the sheet's cells. */
struct xlsx_row {
	struct buf text;    /* the values, each NUL-terminated */
	size_t *col, *off;  /* column and offset in text of each value */
	size_t n, alloc;
	char **cells;       /* what xlsx_next() hands out */
	size_t ncells, cells_alloc;
};

/* The state of streaming one sheet (xlsx_sheet.c). */
struct xlsx_sheet {
	struct xlsx_xml x;      /* first: the handlers' user data */
	struct xlsx_reader *r;
	struct xlsx_part part;
	int suspended, final_sent, done, in_data, data_done, in_row, in_cell;
	int capture;            /* collecting text of <v> or <is><t> */
	int in_is, in_rph;
	size_t row, last_row;   /* 1-based sheet row numbers */
	size_t col, next_col;   /* 0-based column of the cell */
	char type;              /* n s b e d i (inlineStr) f (str) */
	unsigned style;
	int has_value;
	int cell_over;         /* its text passed XLSX_MAX_CELL */
	char ref[24];          /* the cell's name for a message (here()) */
	struct buf cell;        /* the cell's raw text */
	struct xlsx_row out;
	int row_ready;          /* a finished row waits in out */
	enum bl_err row_rc;     /* the first problem of the row, with row_msg */
	struct buf row_msg;
};

struct xlsx_reader {
	zip_t *zip;
	zip_source_t *src;        /* the memory source of xlsx_open_mem, else NULL */
	uint64_t total;           /* uncompressed bytes read from every part */
	int date1904;
	unsigned char *xf_date;   /* per cell style (s="N"): its format shows a date */
	size_t n_xf;
	struct buf sst;           /* shared strings, each NUL-terminated */
	uint32_t *sst_off;
	size_t n_sst, sst_alloc;
	char *sheet_name;
	struct xlsx_sheet sheet;
};

/* Open the zip entry name (case-insensitive) for reading, capped at max
 * uncompressed bytes. BL_ENOTFOUND (no sentence) when there is none. */
enum bl_err xlsx_part_open(struct xlsx_reader *r, const char *name, uint64_t max,
			   struct xlsx_part *p, struct buf *err);
/* Read up to len bytes; *got is 0 at the end. Enforces the part's cap, the
 * expansion ratio and XLSX_MAX_TOTAL; reports damage (CRC errors). */
enum bl_err xlsx_part_read(struct xlsx_reader *r, struct xlsx_part *p, char *buf, size_t len,
			   size_t *got, struct buf *err);
void xlsx_part_close(struct xlsx_part *p);

/* A new expat parser whose handlers get x (which must come first in the
 * caller's context) and which refuses a DOCTYPE. */
void xlsx_xml_init(struct xlsx_xml *x, struct buf *err);
/* After XML_STATUS_ERROR: append the reason (the handler's, a DTD, or
 * expat's with the line) for part and return the error code. */
enum bl_err xlsx_xml_failed(struct xlsx_xml *x, const char *part);
/* Stop the parse from a handler with rc and a printf-style sentence. */
void xlsx_xml_stop(struct xlsx_xml *x, enum bl_err rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The local part of an element or attribute name ("x:c" → "c"). */
const char *xlsx_local(const char *name);
/* The value of the attribute whose local name is local, or NULL. */
const char *xlsx_attr(const char **atts, const char *local);
/* Decode Excel's _xHHHH_ escapes in s[0..*len) in place (the text only
 * shrinks); *len gets the new length. */
void xlsx_unescape(char *s, size_t *len);

/* Read the workbook's relationships, sheet list, styles and shared strings,
 * choose the sheet (NULL: the first visible one) and start it (xlsx_book.c);
 * errors as xlsx_open_file(). */
enum bl_err xlsx_book_open(struct xlsx_reader *r, const char *sheet, struct buf *err);

/* Start streaming the sheet part at path (xlsx_sheet.c). */
enum bl_err xlsx_sheet_open(struct xlsx_reader *r, const char *path, struct buf *err);
void xlsx_sheet_release(struct xlsx_sheet *s);

#endif
