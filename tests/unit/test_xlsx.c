/* test_xlsx.c — unit tests of the spreadsheet readers and writers
 * (src/io/xlsx*.c, xls*.c, table.c): cell types, styles and date systems,
 * sheets, per-row and per-file errors, limits (zip bombs, rows), the export
 * writer read back, the templates, and format sniffing. Workbooks are built in
 * memory with libzip from the XML of each case. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "io/parse.h"
#include "io/table.h"
#include "io/xls.h"
#include "io/xlsx.h"
#include "io/xlsx_template.h"
#include "io/xlsx_write.h"
#include "util/xalloc.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char root_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";
static const char wb_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";
static const char workbook[] =
	"<workbook " NS "><workbookPr/><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"第二\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
/* styles: 0 General, 1 built-in 14, 2 custom 164 yyyy"年"m"月", 3 #,##0.00, 4 h:mm */
static const char styles[] =
	"<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
	"formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/></numFmts><cellXfs count=\"5\">"
	"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"4\"/>"
	"<xf numFmtId=\"20\"/></cellXfs><dxfs><dxf><numFmt numFmtId=\"165\" formatCode=\"0\"/>"
	"</dxf></dxfs></styleSheet>";
static const char sst[] =
	"<sst " NS " count=\"4\" uniqueCount=\"4\"><si><t>ref</t></si><si><t>名称</t></si>"
	"<si><r><rPr><b/></rPr><t>甲</t></r><r><t xml:space=\"preserve\">乙 </t></r></si>"
	"<si><t>丙</t><rPh sb=\"0\" eb=\"1\"><t>ㄅ</t></rPh><t>丁_x000D_\n</t></si></sst>";

struct part {
	const char *name, *text;
};

/* A zip of the parts (deflated), as malloc'd bytes. */
static char *make_zip(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	char *out;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);

		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	out = xmalloc(st.size + 1);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	*len = st.size;
	return out;
}

/* A workbook whose first sheet is sheet1 (and whose second is sheet2). */
static char *make_book(const char *sheet1, const char *sheet2, const char *wb, size_t *len)
{
	const struct part parts[] = {
		{ "_rels/.rels", root_rels },
		{ "xl/workbook.xml", wb ? wb : workbook },
		{ "xl/_rels/workbook.xml.rels", wb_rels },
		{ "xl/styles.xml", styles },
		{ "xl/sharedStrings.xml", sst },
		{ "xl/worksheets/sheet1.xml", sheet1 },
		{ "xl/worksheets/sheet2.xml", sheet2 ? sheet2 : sheet1 },
	};

	return make_zip(parts, sizeof(parts) / sizeof(parts[0]), len);
}

static struct buf sheet_xml(const char *rows)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>%s</sheetData>"
		     "<pageMargins left=\"0.7\"/></worksheet>", rows);
	return b;
}

/* Expect the next row: its number and its cells, "|"-separated. */
static void expect_row(struct xlsx_reader *r, size_t row, const char *cells)
{
	struct buf got = BUF_INIT, err = BUF_INIT;
	char **c;
	size_t n, i;
	enum bl_err rc = xlsx_next(r, &c, &n, &err);

	if (rc)
		fail_msg("row %zu: %s (%s)", row, bl_strerror(rc), err.s);
	for (i = 0; i < n; i++)
		buf_addf(&got, "%s%s", i ? "|" : "", c[i]);
	assert_string_equal(got.s, cells);
	assert_int_equal(xlsx_row_number(r), row);
	buf_release(&got);
	buf_release(&err);
}

static void expect_row_error(struct xlsx_reader *r, size_t row, enum bl_err want,
			     const char *msg)
{
	struct buf err = BUF_INIT;
	char **c;
	size_t n;

	assert_int_equal(xlsx_next(r, &c, &n, &err), want);
	assert_null(c);
	assert_int_equal(n, 0);
	assert_int_equal(xlsx_row_number(r), row);
	if (!strstr(err.s, msg))
		fail_msg("error \"%s\" lacks \"%s\"", err.s, msg);
	buf_release(&err);
}

static void expect_end(struct xlsx_reader *r)
{
	char **c;
	size_t n;

	assert_int_equal(xlsx_next(r, &c, &n, NULL), BL_ENOTFOUND);
	assert_int_equal(xlsx_next(r, &c, &n, NULL), BL_ENOTFOUND);
}

/* Open rows as the first sheet of a workbook (wb: another workbook.xml). */
static struct xlsx_reader *open_rows(const char *rows, const char *wb, char **data)
{
	struct buf s = sheet_xml(rows), err = BUF_INIT;
	struct xlsx_reader *r = NULL;
	size_t len;

	*data = make_book(s.s, NULL, wb, &len);
	if (xlsx_open_mem(*data, len, NULL, &r, &err))
		fail_msg("open: %s", err.s);
	buf_release(&s);
	buf_release(&err);
	return r;
}

static void test_cell_types(void **state)
{
	char *data;
	struct xlsx_reader *r = open_rows(
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		"</row><row r=\"3\" spans=\"1:9\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"C3\">"
		"<v>1234.5678</v></c><c r=\"D3\" s=\"3\"><v>0.30000000000000004</v></c>"
		"<c r=\"E3\" t=\"b\"><v>1</v></c><c r=\"F3\" t=\"b\"><v>0</v></c></row>"
		"<row r=\"4\"><c r=\"B4\" s=\"1\"><v>45352</v></c><c r=\"C4\" s=\"2\">"
		"<v>45352.75</v></c><c r=\"D4\" s=\"4\"><v>0.5</v></c><c r=\"E4\" s=\"1\">"
		"<v>0</v></c><c r=\"F4\" s=\"99\"><v>7</v></c></row>"
		"<row r=\"5\"><c t=\"inlineStr\"><is><t>内联</t></is></c><c><f>1+1</f><v>2</v></c>"
		"<c t=\"str\"><f>A1&amp;\"x\"</f><v>refx</v></c><c><f>NOW()</f></c>"
		"<c t=\"d\"><v>2024-03-05T00:00:00</v></c></row>"
		"<row r=\"6\"><c r=\"A6\" s=\"1\"/><c r=\"B6\" t=\"s\"/><c r=\"C6\"><v></v></c>"
		"</row>"
		"<row r=\"7\"><c r=\"A7\" t=\"s\"><v>3</v></c><c r=\"XFD7\"><v>1</v></c>"
		"</row>",
		NULL, &data);

	(void)state;
	assert_string_equal(xlsx_sheet_name(r), "Data");
	expect_row(r, 1, "ref|名称");
	expect_row(r, 3, "甲乙 ||1234.5678|0.3|TRUE|FALSE");
	expect_row(r, 4, "|2024-03-01|2024-03-01|0.5|0|7");
	expect_row(r, 5, "内联|2|refx||2024-03-05");
	{
		char **c;
		size_t n;

		assert_int_equal(xlsx_next(r, &c, &n, NULL), BL_OK);
		assert_int_equal(xlsx_row_number(r), 7);
		assert_int_equal(n, 16384);
		assert_string_equal(c[0], "丙丁\r\n");
		assert_string_equal(c[1], "");
		assert_string_equal(c[16383], "1");
	}
	expect_end(r);
	xlsx_close(r);
	free(data);
}

static void test_date1904_and_sheets(void **state)
{
	static const char wb1904[] =
		"<workbook " NS "><workbookPr date1904=\"true\"/><sheets>"
		"<sheet name=\"Hidden\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
		"<sheet name=\"第二\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
	struct buf s1 = sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
	struct buf s2 = sheet_xml("<row r=\"2\"><c r=\"B2\" s=\"1\"><v>43890</v></c></row>");
	struct buf err = BUF_INIT;
	struct xlsx_reader *r = NULL;
	size_t len;
	char *data = make_book(s1.s, s2.s, wb1904, &len);

	(void)state;
	assert_int_equal(xlsx_open_mem(data, len, NULL, &r, &err), BL_OK);
	assert_string_equal(xlsx_sheet_name(r), "第二"); /* the first visible sheet */
	expect_row(r, 2, "|2024-03-01");
	expect_end(r);
	xlsx_close(r);
	assert_int_equal(xlsx_open_mem(data, len, "hidden", &r, &err), BL_OK);
	expect_row(r, 1, "1");
	xlsx_close(r);
	assert_int_equal(xlsx_open_mem(data, len, "Nope", &r, &err), BL_EINVAL);
	assert_null(r);
	assert_string_equal(err.s, "the workbook has no sheet named \"Nope\"; its sheets are: "
				   "\"Hidden\", \"第二\"");
	free(data);
	buf_release(&s1);
	buf_release(&s2);
	buf_release(&err);
}

static void test_row_errors(void **state)
{
	char *data;
	struct xlsx_reader *r = open_rows(
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
		"<row r=\"2\"><c r=\"A2\"><v>2</v></c><c r=\"C2\" t=\"e\"><v>#N/A</v></c></row>"
		"<row r=\"3\"><c r=\"B3\" t=\"s\"><v>99</v></c></row>"
		"<row r=\"4\"><c r=\"D4\"><v>12abc</v></c></row>"
		"<row r=\"5\"><c r=\"A5\" t=\"b\"><v>2</v></c></row>"
		"<row r=\"6\"><c r=\"A6\"><v>6</v></c></row>",
		NULL, &data);

	(void)state;
	expect_row(r, 1, "1");
	expect_row_error(r, 2, BL_EINVAL, "cell C2: the formula gives an error (#N/A)");
	expect_row_error(r, 3, BL_EINVAL, "cell B3: the workbook is damaged: shared string 99 "
				       "does not exist");
	expect_row_error(r, 4, BL_EINVAL, "cell D4: not a number: 12abc");
	expect_row_error(r, 5, BL_EINVAL, "cell A5: not a boolean: 2");
	expect_row(r, 6, "6");
	expect_end(r);
	xlsx_close(r);
	free(data);
}

static void test_cell_limit(void **state)
{
	struct buf rows = BUF_INIT;
	struct xlsx_reader *r;
	char *data;
	uint32_t i;

	(void)state;
	buf_adds(&rows, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
	for (i = 0; i <= XLSX_MAX_CELL; i++) /* letters that do not compress 100 times */
		buf_addch(&rows, (char)('a' + (i * 2654435761u >> 13) % 26));
	buf_adds(&rows, "</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>");
	r = open_rows(rows.s, NULL, &data);
	expect_row_error(r, 1, BL_ELIMIT, "cell A1 holds more than 1048576 bytes");
	expect_row(r, 2, "2");
	expect_end(r);
	xlsx_close(r);
	free(data);
	buf_release(&rows);
}

/* A broken sheet: the error once, with row 0, then the end. */
static void expect_sheet_error(const char *rows, const char *msg)
{
	struct buf err = BUF_INIT;
	struct xlsx_reader *r;
	char *data, **c;
	size_t n;

	r = open_rows(rows, NULL, &data);
	expect_row(r, 1, "1");
	assert_int_not_equal(xlsx_next(r, &c, &n, &err), BL_OK);
	assert_int_equal(xlsx_row_number(r), 0);
	if (!strstr(err.s, msg))
		fail_msg("error \"%s\" lacks \"%s\"", err.s, msg);
	expect_end(r);
	xlsx_close(r);
	free(data);
	buf_release(&err);
}

static void test_sheet_errors(void **state)
{
	(void)state;
	expect_sheet_error("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\">"
			   "</row>", "xl/worksheets/sheet1.xml, line 1: mismatched tag");
	expect_sheet_error("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"XFE2\">"
			   "<v>1</v></c></row>", "the cell reference XFE2 is out of range");
	expect_sheet_error("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048577\">"
			   "</row>", "a row number out of range");
	expect_sheet_error("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"3\"><c r=\"1A\"/>"
			   "</row>",
			   "the cell reference 1A is out of range");
}

static void expect_open_error(const struct part *parts, size_t n, enum bl_err want,
			      const char *msg)
{
	struct buf err = BUF_INIT;
	struct xlsx_reader *r = (struct xlsx_reader *)1;
	size_t len;
	char *data = make_zip(parts, n, &len);

	assert_int_equal(xlsx_open_mem(data, len, NULL, &r, &err), want);
	assert_null(r);
	if (!strstr(err.s, msg))
		fail_msg("error \"%s\" lacks \"%s\"", err.s, msg);
	free(data);
	buf_release(&err);
}

static void test_not_workbooks(void **state)
{
	static const struct part ods[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
		{ "content.xml", "<x/>" },
	};
	static const struct part docx[] = { { "word/document.xml", "<x/>" } };
	static const struct part doctype[] = {
		{ "xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><workbook/>" },
	};
	static const struct part no_rels[] = {
		{ "xl/workbook.xml", workbook },
	};
	static const struct part chart[] = {
		{ "xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"Chart\" sheetId=\"1\" "
				     "r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels",
		  "<Relationships><Relationship Id=\"rId1\" Type=\"" REL "chartsheet\" "
		  "Target=\"chartsheets/sheet1.xml\"/></Relationships>" },
	};
	struct buf err = BUF_INIT;
	struct xlsx_reader *r = NULL;

	(void)state;
	expect_open_error(ods, 2, BL_EINVAL, "an OpenDocument spreadsheet (.ods)");
	expect_open_error(docx, 1, BL_EINVAL, "a Word document");
	expect_open_error(doctype, 1, BL_EINVAL, "xl/workbook.xml holds a DOCTYPE");
	expect_open_error(no_rels, 1, BL_EINVAL, "xl/_rels/workbook.xml.rels is missing");
	expect_open_error(chart, 2, BL_EINVAL, "sheet \"Chart\" is not a worksheet");
	assert_int_equal(xlsx_open_mem("PK\3\4garbage", 11, NULL, &r, &err), BL_EINVAL);
	assert_string_equal(err.s, "not an XLSX workbook: the file starts like a zip archive but "
				   "is not one (damaged or cut short)");
	buf_reset(&err);
	assert_int_equal(xlsx_open_file("/nonexistent/x.xlsx", NULL, &r, &err), BL_EIO);
	assert_string_equal(err.s, "cannot read: No such file or directory");
	buf_release(&err);
}

static void test_zip_bomb(void **state)
{
	struct buf big = BUF_INIT, err = BUF_INIT;
	struct xlsx_reader *r = NULL;
	size_t len, i;
	char *data;

	(void)state;
	buf_adds(&big, "<worksheet " NS "><sheetData>");
	for (i = 0; i < (2u << 20) / 64; i++)
		buf_adds(&big, "                                                                ");
	buf_adds(&big, "</sheetData></worksheet>");
	data = make_book(big.s, NULL, NULL, &len);
	assert_int_equal(xlsx_open_mem(data, len, NULL, &r, &err), BL_ELIMIT);
	assert_null(r);
	if (!strstr(err.s, "refused as a zip bomb: xl/worksheets/sheet1.xml would expand"))
		fail_msg("%s", err.s);
	free(data);
	buf_release(&big);
	buf_release(&err);
}

/* ---- the writer, read back ---- */

static char *temp_path(const char *suffix)
{
	struct buf b = BUF_INIT;
	int fd;

	buf_addf(&b, "/tmp/ballast-test-XXXXXX%s", suffix);
	fd = mkstemps(b.s, (int)strlen(suffix));
	assert_true(fd >= 0);
	close(fd);
	return buf_detach(&b, NULL);
}

static void test_writer_round_trip(void **state)
{
	static const struct xw_col cols[] = {
		{ "项目编号", XW_CODE, 0 }, { "总投资（万元）", XW_WANYUAN, 0 },
		{ "用地（亩）", XW_DEC4, 0 }, { "开工日期", XW_DATE, 0 }, { "月份", XW_MONTH, 0 },
		{ "开工率", XW_PERCENT, 0 }, { "年度", XW_INT, 0 }, { "存在问题", XW_TEXT, 0 },
	};
	char *path = temp_path(".xlsx");
	struct xlsx_writer *w = NULL;
	struct xlsx_reader *r = NULL;
	struct buf err = BUF_INIT;
	int64_t i;

	(void)state;
	assert_int_equal(xw_open(path, &w, &err), BL_OK);
	xw_sheet(w, "项目", cols, 8);
	xw_text(w, 0, "P1");
	xw_yuan(w, 1, 123456789);
	xw_num(w, 2, 12.3456);
	xw_day(w, 3, day_from_ymd(2024, 3, 5));
	xw_month(w, 4, month_from_ym(2024, 3));
	xw_num(w, 5, 0.8889);
	xw_num(w, 6, 2024);
	xw_text(w, 7, "设备安装, 调试\n第二行 _x0041_");
	xw_row(w);
	xw_text(w, 0, "P2");
	xw_yuan(w, 1, INT64_MIN); /* AMOUNT_NONE: blank */
	xw_day(w, 3, DAY_NONE);
	xw_row(w);
	for (i = 0; i < 3000; i++) {
		xw_yuan(w, 1, i * 299999999 + 1);
		xw_row(w);
	}
	assert_int_equal(xw_close(w, &err), BL_OK);
	assert_int_equal(xlsx_open_file(path, NULL, &r, &err), BL_OK);
	expect_row(r, 1, "项目编号|总投资（万元）|用地（亩）|开工日期|月份|开工率|年度|存在问题");
	expect_row(r, 2, "P1|12345.6789|12.3456|2024-03-05|2024-03-01|0.8889|2024|"
			 "设备安装, 调试\n第二行 _x0041_");
	expect_row(r, 3, "P2");
	for (i = 0; i < 3000; i++) {
		char **c;
		size_t n;
		int64_t yuan;

		assert_int_equal(xlsx_next(r, &c, &n, NULL), BL_OK);
		assert_int_equal(n, 2);
		assert_null(parse_wanyuan(c[1], &yuan));
		assert_int_equal(yuan, i * 299999999 + 1);
	}
	expect_end(r);
	xlsx_close(r);
	unlink(path);
	free(path);
	buf_release(&err);
}

static void test_template(void **state)
{
	struct unit units[3] = {
		{ 1, (char *)"S1", (char *)"甲板块", UNIT_SECTION, 0, 1 },
		{ 2, (char *)"S2", (char *)"甲板块", UNIT_STREET, 0, 1 },
		{ 3, (char *)"G1", (char *)"发改", UNIT_DEPARTMENT, 0, 1 },
	};
	struct xlsx_reader *r = NULL;
	struct buf err = BUF_INIT;
	char *path = temp_path(".xlsx"), *data = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(xlsx_template_write(FILE_REPORTS, units, 3, path, &err), BL_OK);
	assert_int_equal(xlsx_open_file(path, NULL, &r, &err), BL_OK);
	assert_string_equal(xlsx_sheet_name(r), "月报");
	expect_row(r, 1, "项目编号|月份|本月完成投资（万元）|本月产值（万元）|形象进度|存在问题");
	expect_end(r);
	xlsx_close(r);
	assert_int_equal(xlsx_open_file(path, "选项", &r, &err), BL_OK);
	expect_row(r, 1, "板块|部门|指标");
	expect_row(r, 2, "S1|发改|签约项目备案率"); /* a shared name is listed by code */
	expect_row(r, 3, "S2||备案项目开工率");
	xlsx_close(r);
	assert_int_equal(xlsx_template_mem(FILE_TARGETS, NULL, 0, &data, &len, &err), BL_OK);
	assert_true(len > 1000);
	assert_memory_equal(data, "PK\3\4", 4);
	assert_int_equal(xlsx_template_write(FILE_KIND__MAX, NULL, 0, path, &err), BL_EINVAL);
	assert_string_equal(xlsx_template_filename(FILE_PROJECTS), "项目导入模板.xlsx");
	free(data);
	unlink(path);
	free(path);
	buf_release(&err);
}

/* ---- the row source ---- */

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_table_sniff(void **state)
{
	struct table_options opt = { NULL, 2 };
	struct table_reader *t = NULL;
	struct buf err = BUF_INIT, s = sheet_xml("<row r=\"5\"><c r=\"B5\"><v>1</v></c></row>"
						 "<row r=\"9\"><c r=\"A9\"><v>2</v></c></row>"
						 "<row r=\"10\"><c r=\"A10\"><v>3</v></c></row>");
	char *path = temp_path(".dat"), **c;
	size_t n, len;
	char *book = make_book(s.s, NULL, NULL, &len);

	(void)state;
	write_file(path, "a,b\r\n1,2\r\n", 10);
	assert_int_equal(table_reader_open(path, NULL, &t, &err), BL_OK);
	assert_int_equal(table_reader_format(t), TABLE_CSV);
	assert_int_equal(table_reader_next(t, &c, &n, &err), BL_OK);
	assert_int_equal(table_reader_row(t), 1);
	table_reader_close(t);
	write_file(path, book, len);
	assert_int_equal(table_reader_open(path, &opt, &t, &err), BL_OK);
	assert_int_equal(table_reader_format(t), TABLE_XLSX);
	assert_string_equal(table_reader_sheet(t), "Data");
	assert_int_equal(table_reader_next(t, &c, &n, &err), BL_OK);
	assert_int_equal(table_reader_row(t), 5);
	assert_int_equal(table_reader_next(t, &c, &n, &err), BL_OK);
	assert_int_equal(table_reader_row(t), 9);
	assert_int_equal(table_reader_next(t, &c, &n, &err), BL_ELIMIT);
	assert_int_equal(table_reader_row(t), 0);
	assert_string_equal(err.s, "too large: more than 2 rows (the limit is 2)");
	assert_int_equal(table_reader_next(t, &c, &n, &err), BL_ENOTFOUND);
	table_reader_close(t);
	buf_reset(&err);
	write_file(path, "%PDF-1.4\n", 9);
	assert_int_equal(table_reader_open(path, NULL, &t, &err), BL_EINVAL);
	assert_string_equal(err.s, "not a spreadsheet: a PDF document");
	buf_reset(&err);
	write_file(path, "\xef\xbb\xbf <HTML><table>", 17);
	assert_int_equal(table_reader_open(path, NULL, &t, &err), BL_EINVAL);
	assert_non_null(strstr(err.s, "an HTML page"));
	unlink(path);
	free(path);
	free(book);
	buf_release(&s);
	buf_release(&err);
}

/* The .xls saved by LibreOffice (tests/fixtures/xlsx): FreeXL's cells and
 * the formula results read from the BIFF records. */
static void test_xls_fixture(void **state)
{
	struct xls_reader *r = NULL;
	struct buf err = BUF_INIT;
	char **c;
	size_t n;

	(void)state;
	assert_int_equal(xls_open_file("tests/fixtures/xlsx/projects-libreoffice.xls", NULL, &r,
				       &err), BL_OK);
	assert_int_equal(xls_next(r, &c, &n, &err), BL_OK);
	assert_int_equal(xls_row_number(r), 3);
	assert_string_equal(c[0], "项目编号");
	assert_int_equal(xls_next(r, &c, &n, &err), BL_OK);
	assert_string_equal(c[6], "12000");
	assert_string_equal(c[7], "2023-09-01");
	assert_string_equal(c[8], "2023-05-01");
	assert_string_equal(c[9], "2023/8/1");
	assert_int_equal(xls_next(r, &c, &n, &err), BL_OK);
	assert_int_equal(xls_row_number(r), 5);
	assert_string_equal(c[4], "TRUE");   /* =TRUE() */
	assert_string_equal(c[6], "5000.5"); /* =4000+1000.5 */
	xls_close(r);
	assert_int_equal(xls_open_file("tests/fixtures/xlsx/encrypted.xls", NULL, &r, &err),
			 BL_EPERM);
	assert_int_equal(xls_open_file("tests/fixtures/xlsx/encrypted.xlsx", NULL, &r, &err),
			 BL_EPERM);
	assert_int_equal(xls_open_file("tests/fixtures/xlsx/projects-libreoffice.xls", "x", &r,
				       &err), BL_EINVAL);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_types),
		cmocka_unit_test(test_date1904_and_sheets),
		cmocka_unit_test(test_row_errors),
		cmocka_unit_test(test_cell_limit),
		cmocka_unit_test(test_sheet_errors),
		cmocka_unit_test(test_not_workbooks),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_table_sniff),
		cmocka_unit_test(test_xls_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
