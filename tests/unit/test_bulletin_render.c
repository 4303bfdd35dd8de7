/* test_bulletin_render.c — the writers of report/render.h on a small
 * hand-built document: HTML is one self-contained file with escaped text and
 * inline SVG whose ids do not clash; the PDF and XLSX are what their
 * signatures say and byte-for-byte the same when rendered twice; cell text
 * and percentage-point differences are exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "report/render.h"

static void build(struct doc *d)
{
	static const char *const heads[] = { "名称", "数量", "金额（万元）", "比率", "差" };
	static const int widths[] = { 4, 2, 3, 2, 2 };
	struct doc_table *t;
	struct chart *c;
	struct cell *row;
	int64_t v[12];
	int i;

	doc_init(d);
	d->title = strdup("重大项目建设月度通报");
	d->issue_line = strdup("2024年第6期");
	d->issuer = strdup("测试区重大项目建设领导小组办公室");
	d->date_line = strdup("2024年6月30日");
	d->status = strdup("草稿");
	d->pdf_date = strdup("2024-06-30T00:00:00");
	doc_text(d, BLK_H1, "一、总体情况");
	doc_text(d, BLK_PARA, "截至6月底，开工率%s，<b>不是标签</b> & 符号。", "71.3%");
	t = doc_table(d, "表1  测试", "测试表", 5, heads, widths);
	for (i = 0; i < 60; i++) {
		row = table_row(t);
		cell_textf(&row[0], "项目%d", i);
		cell_count(&row[1], i);
		cell_money(&row[2], 12345678);
		cell_ratio(&row[3], (struct ratio){ i, 60 });
		cell_points(&row[4], i % 2 ? -12 : AMOUNT_NONE);
	}
	table_note(t, "注释");
	t = doc_table(d, "表2  空表", "空表", 5, heads, widths);
	table_empty(t, "本月无此类项目。");
	for (i = 0; i < 2; i++) {
		c = chart_new(CHART_LINES, "走势", "%", 10000, 1);
		chart_label(c, "1月");
		chart_label(c, "2月");
		v[0] = 5000;
		v[1] = CHART_NONE;
		chart_series_add(c, "全部", SERIES_LINE, 0x1f4e79, v, 2);
		chart_marker_add(c, 1, 8500, 0xc0392b, "省≥85%");
		doc_chart(d, c);
	}
}

static void test_cells(void **state)
{
	struct cell c;
	struct buf b = BUF_INIT;

	(void)state;
	memset(&c, 0, sizeof(c));
	cell_money(&c, 12345678);
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_ratio(&c, (struct ratio){ 2, 3 });
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_ratio(&c, (struct ratio){ 0, 0 });
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_points(&c, -142);
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_points(&c, 5);
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_points(&c, AMOUNT_NONE);
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_score(&c, -1005);
	cell_format(&c, &b);
	buf_addch(&b, '|');
	cell_date(&c, day_from_ymd(2024, 6, 5));
	cell_format(&c, &b);
	assert_string_equal(b.s, "1,234.5678|66.7%|—|-14.2|+0.5|—|-10.05|2024-06-05");
	buf_release(&b);
	/* 13.33 % − 50 % = −36.7 points; undefined on either side */
	assert_int_equal(ratio_points_diff((struct ratio){ 800000, 6000000 },
					   (struct ratio){ 6, 12 }), -367);
	assert_int_equal(ratio_points_diff((struct ratio){ 1, 0 }, (struct ratio){ 1, 2 }),
			 AMOUNT_NONE);
	assert_int_equal(render_format_from_key("pdf"), RENDER_PDF);
	assert_int_equal(render_format_from_key("doc"), -1);
}

static void test_html(void **state)
{
	struct doc d;
	struct buf out = BUF_INIT, err = BUF_INIT;

	(void)state;
	build(&d);
	assert_int_equal(doc_html(&d, &out, &err), BL_OK);
	assert_true(!strncmp(out.s, "<!DOCTYPE html>", 15));
	assert_non_null(strstr(out.s, "&lt;b&gt;不是标签&lt;/b&gt; &amp; 符号"));
	assert_non_null(strstr(out.s, "<td class=\"n\">1,234.5678</td>"));
	assert_non_null(strstr(out.s, "<p class=\"empty\">本月无此类项目。</p>"));
	assert_non_null(strstr(out.s, "thead{display:table-header-group}"));
	/* two inline SVGs, ids prefixed apart, no XML declaration inside */
	assert_non_null(strstr(out.s, "id=\"c1-"));
	assert_non_null(strstr(out.s, "id=\"c2-"));
	assert_null(strstr(out.s, "<?xml"));
	assert_null(strstr(out.s, "href=\"#glyph"));
	doc_release(&d);
	buf_release(&out);
	buf_release(&err);
}

static void test_pdf(void **state)
{
	struct doc d;
	struct buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;

	(void)state;
	build(&d);
	assert_int_equal(doc_pdf(&d, &a, &err), BL_OK);
	assert_int_equal(doc_pdf(&d, &b, &err), BL_OK);
	assert_true(!strncmp(a.s, "%PDF-1.5", 8));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	/* cairo 1.16 writes the date without the "D:" prefix; later versions add it */
	assert_non_null(memmem(a.s, a.len, "20240630000000", 14));
	assert_non_null(memmem(a.s, a.len, "/Creator (ballast)", 18));
	doc_release(&d);
	buf_release(&a);
	buf_release(&b);
	buf_release(&err);
}

static void test_xlsx(void **state)
{
	struct doc d;
	struct buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;

	(void)state;
	build(&d);
	assert_int_equal(doc_xlsx(&d, &a, &err), BL_OK);
	assert_int_equal(doc_xlsx(&d, &b, &err), BL_OK);
	assert_true(a.len > 4 && !memcmp(a.s, "PK\x03\x04", 4));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	doc_release(&d);
	buf_release(&a);
	buf_release(&b);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_xlsx),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	render_shutdown();
	return rc;
}
