/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (src/io/xlsx*.c) and the
 * BIFF8 formula reader of .xls files (src/io/xls_biff.c).
 * An input starting with PK is opened as a whole workbook. One starting with
 * the OLE signature goes to the compound-file and BIFF8 parsers. Anything else
 * is split at 0xFF bytes (never in UTF-8 XML) into a sheet, shared strings,
 * styles and a workbook part, which are stored in a zip around the fixed
 * package parts, so mutations reach the XML handlers instead of the CRC check.
 * Every row is read; the invariants of xlsx.h are checked. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/xls_int.h"
#include "io/xlsx.h"
#include "io/xlsx_value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char root_rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>";
static const char wb_rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "styles\" "
	"Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" "
	"Target=\"sharedStrings.xml\"/></Relationships>";
static const char default_wb[] =
	"<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

/* The stored zip of the parts; NULL when libzip refuses. Caller frees. */
static char *build_zip(const char *const names[], const char *const texts[],
		       const size_t lens[], size_t n, size_t *len)
{
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_stat_t st;
	char *out = NULL;
	zip_t *z;
	size_t i;

	if (!src)
		return NULL;
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	for (i = 0; z && i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, texts[i], lens[i], 0);
		zip_int64_t idx = s ? zip_file_add(z, names[i], s, 0) : -1;

		if (idx < 0 || zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0))
			abort();
	}
	if (z && !zip_close(z) && !zip_source_stat(src, &st) && !zip_source_open(src)) {
		out = malloc(st.size + 1);
		if (out && zip_source_read(src, out, st.size) == (zip_int64_t)st.size)
			*len = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

static void read_all(const char *book, size_t len)
{
	struct xlsx_reader *r = NULL;
	struct buf err = BUF_INIT;
	enum bl_err rc;
	char **cells;
	size_t n, i, dead = 0;

	if (xlsx_open_mem(book, len, NULL, &r, &err)) {
		if (r || !err.len)
			abort();
		goto out;
	}
	for (;;) {
		buf_reset(&err);
		rc = xlsx_next(r, &cells, &n, &err);
		if (rc == BL_ENOTFOUND)
			break;
		if (dead)
			abort(); /* after a sheet-level error only the end comes */
		if (rc) {
			if (cells || n || !err.len)
				abort();
			dead = xlsx_row_number(r) == 0;
			continue;
		}
		if (!n || n > XLSX_MAX_COLS || xlsx_row_number(r) < 1 ||
		    xlsx_row_number(r) > XLSX_MAX_ROWS)
			abort();
		for (i = 0; i < n; i++)
			if (strlen(cells[i]) > XLSX_MAX_CELL)
				abort();
	}
out:
	xlsx_close(r);
	buf_release(&err);
}

static void read_biff(const uint8_t *data, size_t size)
{
	struct xls_formulas *f = NULL;
	unsigned row, col;
	int error;

	xls_container_of(data, size);
	xls_formulas_read(data, size, "Sheet1", &f);
	for (row = 0; row < 8; row++)
		for (col = 0; col < 8; col++)
			xls_formula_value(f, row, col, &error);
	xls_formulas_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = { "_rels/.rels", "xl/_rels/workbook.xml.rels",
				"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
				"xl/styles.xml", "xl/workbook.xml" };
	const char *texts[6] = { root_rels, wb_rels, "", "", "", default_wb };
	size_t lens[6] = { sizeof(root_rels) - 1, sizeof(wb_rels) - 1, 0, 0, 0,
			   sizeof(default_wb) - 1 };
	size_t part = 2, start = 0, i, len = 0;
	char *book;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		read_all((const char *)data, size);
		return 0;
	}
	if (size >= 4 && !memcmp(data, "\xd0\xcf\x11\xe0", 4)) {
		read_biff(data, size);
		return 0;
	}
	for (i = 0; i <= size && part < 6; i++) {
		if (i < size && data[i] != 0xff)
			continue;
		texts[part] = (const char *)data + start;
		lens[part++] = i - start;
		start = i + 1;
	}
	book = build_zip(names, texts, lens, 6, &len);
	if (book)
		read_all(book, len);
	free(book);
	return 0;
}
