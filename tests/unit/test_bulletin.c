/* test_bulletin.c — the monthly bulletin's content and Chinese summary
 * (report/bulletin.c, summary.c) on a hand-built district whose every figure
 * is worked out below, then the cases that must still read naturally: no
 * targets, no reports this month, no annual plan, no projects at all, a
 * section with no projects; and the document's tables and lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/bulletin.h"
#include "fixture.h"
#include "util/xalloc.h"

static struct project *add_project(struct dataset *ds, const char *name, int64_t section,
				   unsigned tiers, int64_t plan)
{
	return fx_project(ds, name, section, 0, 0, NULL, tiers, plan);
}

static void target(struct dataset *ds, enum measure_key k, int tier, int64_t section,
		   bl_day due, int64_t value)
{
	struct target *t;

	ds->targets = xrealloc(ds->targets, (ds->n_targets + 1) * sizeof(*t));
	t = &ds->targets[ds->n_targets++];
	memset(t, 0, sizeof(*t));
	t->id = (int64_t)ds->n_targets;
	t->year = ds->year;
	t->measure = k;
	t->tier = tier;
	t->section_id = section;
	t->due = due;
	t->value = value;
}

/* 测试区 (1) with sections 甲板块 S01 (2), 乙板块 S02 (3), 丙板块 S03 (4, no
 * projects); four projects listed in 2024, as of 2024-06-30:
 *  p0 S01 province + district, plan 100万, continuing (started 2023-05-01),
 *     10万 a month Jan–Jun
 *  p1 S01 district, plan 200万, filed 01-10, started 06-05, 20万 in June
 *     → investment lag red (20万 of 100万 to date)
 *  p2 S02 city + district, plan 300万, signed 01-05, filed 02-01, planned
 *     start 04-01, not started → start overdue 90 days red
 *  p3 S02 district, no plan, signed 03-01, planned start 09-01
 * Targets: district start rate 30 % by 03-31 (25 % then: missed), all 100 %
 * by 09-30, province 85 % by 06-30 (met), 4 new starts in the year (pace 2),
 * task books S01 2, S02 1. */
static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;
	int m;

	ds->year = 2024;
	fx_unit(ds, 1, "D1", "测试区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "甲板块", UNIT_SECTION, 1);
	fx_unit(ds, 3, "S02", "乙板块", UNIT_SECTION, 1);
	fx_unit(ds, 4, "S03", "丙板块", UNIT_SECTION, 1);
	fx_unit(ds, 5, "G01", "发改委", UNIT_DEPARTMENT, 1);
	dataset_index(ds);
	p = add_project(ds, "甲一", 2, TIER_BIT(TIER_PROVINCE) | TIER_BIT(TIER_DISTRICT), 1000000);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 5, 1);
	for (m = 1; m <= 6; m++)
		fx_report(ds, 0, m, 100000);
	p = add_project(ds, "甲二", 2, TIER_BIT(TIER_DISTRICT), 2000000);
	p->stage_on[STAGE_FILED] = fx_day(2024, 1, 10);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 6, 5);
	fx_report(ds, 1, 6, 200000);
	p = add_project(ds, "乙一", 3, TIER_BIT(TIER_CITY) | TIER_BIT(TIER_DISTRICT), 3000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 1, 5);
	p->stage_on[STAGE_FILED] = fx_day(2024, 2, 1);
	p->planned_start = fx_day(2024, 4, 1);
	p->department_id = 5;
	p = add_project(ds, "乙二", 3, TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 3, 1);
	p->planned_start = fx_day(2024, 9, 1);
	target(ds, M_START_RATE, TIER_DISTRICT, 0, fx_day(2024, 3, 31), 3000);
	target(ds, M_START_RATE, TIER_ANY, 0, fx_day(2024, 9, 30), 10000);
	target(ds, M_START_RATE, TIER_PROVINCE, 0, fx_day(2024, 6, 30), 8500);
	target(ds, M_NEW_STARTS, TIER_ANY, 0, fx_day(2024, 12, 31), 4);
	target(ds, M_NEW_STARTS, TIER_ANY, 2, fx_day(2024, 12, 31), 2);
	target(ds, M_NEW_STARTS, TIER_ANY, 3, fx_day(2024, 12, 31), 1);
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds);
	free(ds);
	return 0;
}

/* The summary of ds for month 2024-mm, as one string. */
static char *summary_of(const struct dataset *ds, int mm)
{
	struct bulletin_opts o;
	struct bulletin b;
	struct buf out = BUF_INIT;

	bulletin_opts_init(&o, month_from_ym(2024, mm));
	bulletin_build(ds, &o, &b);
	bulletin_summary(&b, &out);
	bulletin_release(&b);
	return buf_detach(&out, NULL);
}

static const char expected_starts[] =
	"截至6月底，全区列入2024年计划的区级以上重大项目4个，已开工2个，开工率50.0%，"
	"距9月底前全部开工的目标尚有2个项目未开工。其中，省重大项目1个，已全部开工，"
	"完成6月底85%的目标；市重大项目1个，尚未开工；区重大项目4个，已开工2个，开工率50.0%，"
	"未完成3月底30%的目标（3月底时为25.0%）。今年以来新开工项目1个，为全年目标4个的25.0%，"
	"落后序时进度1个；暂无竣工项目。6月份新开工项目1个。\n";
static const char expected_investment[] =
	"1—6月，重大项目累计完成投资80万元，占年度计划投资600万元的13.3%，"
	"低于序时进度（50.0%）36.7个百分点；其中6月份完成投资30万元（2个项目报送月报）。\n";
static const char expected_rates[] =
	"“五率”方面，签约项目备案率75.0%，备案项目开工率66.7%，开工项目投资完成率26.7%；"
	"竣工项目投产率、项目最终产能达效率暂无可比数据。目前红灯预警项目2个，无黄灯预警项目。\n";
static const char expected_contest[] =
	"6月份比武打擂，甲板块以38.00分位列第一，成为本月擂主并获得流动红旗；"
	"乙板块综合得分排名末位，将予以约谈。丙板块暂无列入计划的项目，不参与排名。\n";

static void test_summary(void **state)
{
	char *s = summary_of(*state, 6);
	struct buf want = BUF_INIT;

	buf_adds(&want, expected_starts);
	buf_adds(&want, expected_investment);
	buf_adds(&want, expected_rates);
	buf_adds(&want, expected_contest);
	assert_string_equal(s, want.s);
	buf_release(&want);
	free(s);
}

static void test_figures(void **state)
{
	const struct dataset *ds = *state;
	struct bulletin_opts o;
	struct bulletin b;

	bulletin_opts_init(&o, month_from_ym(2024, 6));
	bulletin_build(ds, &o, &b);
	assert_int_equal(b.asof, fx_day(2024, 6, 30));
	assert_int_equal(b.issue_no, 6);
	assert_string_equal(b.title, "重大项目建设月度通报");
	assert_string_equal(b.issuer, "测试区重大项目建设领导小组办公室");
	assert_int_equal(b.all.projects, 4);
	assert_int_equal(b.kinds[PK_NEW].projects, 3);
	assert_int_equal(b.kinds[PK_CONTINUING].projects, 1);
	assert_int_equal(b.kinds[PK_CONTINUING].investment_yuan, 600000);
	/* cumulative: 10万 Jan … May, then 10万 + 20万 in June */
	assert_int_equal(b.cum_invest[0], 100000);
	assert_int_equal(b.cum_invest[4], 500000);
	assert_int_equal(b.cum_invest[5], 800000);
	assert_int_equal(b.cum_invest[6], CHART_NONE);
	/* plan to date: each plan × m / 12 rounded down, as the lag warning does
	 * (83,333 + 166,666 + 250,000 in January) */
	assert_int_equal(b.cum_plan[0], 499999);
	assert_int_equal(b.cum_plan[11], 6000000);
	assert_int_equal(b.month_invest, 300000);
	assert_int_equal(b.reports_month, 2);
	assert_int_equal(b.reports_owed, 2);
	/* start rate trend: Jan–May 1 of 4 (p0), June 2 of 4 */
	assert_int_equal(b.trend[0][0], 2500);
	assert_int_equal(b.trend[0][5], 5000);
	assert_int_equal(b.trend[0][6], CHART_NONE);
	assert_int_equal(b.trend[1 + TIER_PROVINCE][0], 10000);
	assert_int_equal(b.lights[LIGHT_RED], 2);
	assert_int_equal(b.lists[PL_RED].n, 2);
	assert_int_equal(b.lists[PL_FILED_NOT_STARTED].n, 1);
	assert_int_equal(b.lists[PL_FILED_NOT_STARTED].items[0].project, 2);
	assert_int_equal(b.lists[PL_FILED_NOT_STARTED].items[0].days, 150);
	assert_int_equal(b.lists[PL_STARTED_MONTH].n, 1);
	assert_int_equal(b.lists[PL_STARTED_MONTH].items[0].date, fx_day(2024, 6, 5));
	assert_int_equal(b.lists[PL_COMPLETED_MONTH].n, 0);
	assert_int_equal(b.lists[PL_OVERDUE].n, 1); /* p2's start, 90 days late */
	assert_int_equal(b.lists[PL_OVERDUE].items[0].days, 90);
	assert_int_equal(b.round.n_ranked, 2);
	assert_int_equal(b.round.entries[0].score, 3800);
	assert_int_equal(b.round.entries[1].score, -1000);
	/* DOMAIN.md §7: the rank change reads last month's saved round; none
	 * given, none compared (no longer May recomputed from today's data) */
	assert_int_equal(b.prev.n, 0);
	bulletin_release(&b);
}

static void test_no_targets(void **state)
{
	struct dataset *ds = *state;
	size_t n = ds->n_targets;
	char *s;

	ds->n_targets = 0;
	s = summary_of(ds, 6);
	ds->n_targets = n;
	assert_non_null(strstr(s,
		"截至6月底，全区列入2024年计划的区级以上重大项目4个，已开工2个，开工率50.0%。"
		"其中，省重大项目1个，已全部开工；市重大项目1个，尚未开工；区重大项目4个，"
		"已开工2个，开工率50.0%。今年以来新开工项目1个；暂无竣工项目。6月份新开工项目1个。\n"));
	/* no task books: the new-starts part scores nothing (30 + 8 − 10) */
	assert_non_null(strstr(s, "甲板块以28.00分位列第一"));
	free(s);
}

static void test_no_reports_this_month(void **state)
{
	struct dataset *ds = *state;
	struct year_reports saved[2] = { ds->reports[0], ds->reports[1] };
	char *s;

	ds->reports[0].invest[5] = 0;
	ds->reports[0].reported &= ~(1u << 5);
	ds->reports[1].invest[5] = 0;
	ds->reports[1].reported = 0;
	s = summary_of(ds, 6);
	ds->reports[0] = saved[0];
	ds->reports[1] = saved[1];
	assert_non_null(strstr(s, "1—6月，重大项目累计完成投资50万元，占年度计划投资600万元的8.3%，"
				  "低于序时进度（50.0%）41.7个百分点；6月份月报尚未报送，"
				  "当月投资数据暂缺。\n"));
	free(s);
}

static void test_no_plan(void **state)
{
	struct dataset *ds = *state;
	int64_t plans[4];
	size_t i;
	char *s;

	for (i = 0; i < 4; i++) {
		plans[i] = ds->listings[i].annual_plan;
		ds->listings[i].annual_plan = AMOUNT_NONE;
	}
	s = summary_of(ds, 6);
	for (i = 0; i < 4; i++)
		ds->listings[i].annual_plan = plans[i];
	assert_non_null(strstr(s, "1—6月，重大项目累计完成投资80万元，年度计划投资尚未填报，"
				  "完成率暂无可比数据；其中6月份完成投资30万元（2个项目报送月报）。\n"));
	assert_non_null(strstr(s, "备案项目开工率66.7%；开工项目投资完成率、竣工项目投产率、"
				  "项目最终产能达效率暂无可比数据。"));
	free(s);
}

static void test_january(void **state)
{
	char *s = summary_of(*state, 1);

	/* only p0 has started; the target of 03-31 is still ahead */
	assert_non_null(strstr(s, "截至1月底，全区列入2024年计划的区级以上重大项目4个，已开工1个，"
				  "开工率25.0%"));
	assert_non_null(strstr(s, "区重大项目4个，已开工1个，开工率25.0%，距3月底30%的目标还差"
				  "5.0个百分点。"));
	assert_non_null(strstr(s, "今年以来暂无新开工项目（全年目标4个）；暂无竣工项目。"
				  "1月份无新开工和竣工项目。\n"));
	assert_non_null(strstr(s, "\n1月，重大项目累计完成投资10万元"));
	free(s);
}

static void test_empty_year(void **state)
{
	struct dataset ds;
	char *s;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "D1", "测试区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S01", "甲板块", UNIT_SECTION, 1);
	dataset_index(&ds);
	s = summary_of(&ds, 6);
	assert_string_equal(s, "截至6月底，全区暂无列入2024年计划的重大项目，各项指标暂无可比数据。\n");
	free(s);
	dataset_release(&ds);
}

static void test_text_helpers(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	money_phrase(&b, 16877430000);
	buf_addch(&b, ' ');
	money_phrase(&b, 100000000);
	buf_addch(&b, ' ');
	money_phrase(&b, 99994999);
	buf_addch(&b, ' ');
	money_phrase(&b, 1234500);
	buf_addch(&b, ' ');
	money_phrase(&b, 1230000);
	buf_addch(&b, ' ');
	money_phrase(&b, 0);
	assert_string_equal(b.s, "168.77亿元 1.00亿元 9999.5万元 123.45万元 123万元 0万元");
	buf_reset(&b);
	target_pct(&b, 8500);
	target_pct(&b, 8550);
	target_pct(&b, 8555);
	target_pct(&b, 10000);
	assert_string_equal(b.s, "85%85.5%85.55%100%");
	buf_reset(&b);
	due_phrase(&b, fx_day(2024, 12, 31));
	due_phrase(&b, fx_day(2024, 2, 29));
	due_phrase(&b, fx_day(2024, 3, 15));
	assert_string_equal(b.s, "年底2月底3月15日");
	buf_release(&b);
}

/* The document: the tables a reader checks, with their cells' values. */
static const struct doc_table *table_named(const struct doc *d, const char *sheet)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->blocks[i].kind == BLK_TABLE && !strcmp(d->blocks[i].table->sheet, sheet))
			return d->blocks[i].table;
	return NULL;
}

static void test_document(void **state)
{
	const struct dataset *ds = *state;
	const struct doc_table *t;
	struct bulletin_opts o;
	struct bulletin b;
	struct doc d;
	struct buf text = BUF_INIT;

	bulletin_opts_init(&o, month_from_ym(2024, 6));
	bulletin_build(ds, &o, &b);
	doc_init(&d);
	bulletin_doc(&b, &d);
	assert_string_equal(d.issue_line, "2024年第6期");
	assert_string_equal(d.date_line, "2024年6月30日");
	assert_string_equal(d.status, "草稿");
	assert_string_equal(d.pdf_date, "2024-06-30T00:00:00");
	t = table_named(&d, "分层级");
	assert_non_null(t);
	assert_int_equal(t->nrows, 4);
	assert_int_equal(t->cells[3 * t->ncols + 1].v, 4); /* 区级以上合计: 4 projects */
	cell_format(&t->cells[3 * t->ncols + 3], &text);
	assert_string_equal(text.s, "50.0%");
	t = table_named(&d, "比武打擂");
	assert_int_equal(t->nrows, 3);
	buf_reset(&text);
	cell_format(&t->cells[2 * t->ncols + 6], &text);
	assert_string_equal(text.s, "不参与排名");
	t = table_named(&d, "五率");
	buf_reset(&text);
	cell_format(&t->cells[3 * t->ncols + 3], &text); /* 竣工项目投产率 */
	assert_string_equal(text.s, "—");
	t = table_named(&d, "红灯项目");
	assert_int_equal(t->nrows, 2);
	t = table_named(&d, "本月竣工");
	assert_int_equal(t->nrows, 0);
	assert_string_equal(t->empty, "本月无竣工项目。");
	t = table_named(&d, "逾期项目"); /* p2's start, 90 days late */
	assert_int_equal(t->nrows, 1);
	t = table_named(&d, "逾期事项"); /* no supervision item: shown, empty */
	assert_non_null(t);
	assert_int_equal(t->nrows, 0);
	assert_string_equal(t->empty, "截至月底无逾期未办结的督办事项。");
	doc_release(&d);
	bulletin_release(&b);
	buf_release(&text);
}

static struct item_track *add_item(struct dataset *ds, int64_t id, size_t project,
				   const char *title, int64_t owner)
{
	struct item_track *t;

	ds->items = xrealloc(ds->items, (ds->n_items + 1) * sizeof(*ds->items));
	t = &ds->items[ds->n_items++];
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->project = project;
	t->owner_id = owner;
	t->category = IC_LAND;
	t->title = xstrdup(title);
	return t;
}

static void point(struct item_track *t, bl_day on, enum item_status st, int level,
		  bl_day deadline)
{
	struct item_state s = { st, level, deadline, deadline };

	item_track_add(t, on, &s);
}

/* DOMAIN.md §8 逾期事项: the items overdue at the month's end as they stood
 * then, by section code, then level (highest first), then days late. By hand
 * for June (06-30):
 *   #1 乙一 (S02) level 2, deadline 06-20: 10 days late
 *   #2 甲一 (S01) level 1, deadline 06-25: 5 days late
 *   #3 甲二 (S01) level 4, deadline 05-31: 30 days late
 *   #4 乙二 (S02) resolved 06-28: not listed
 *   #5 乙二 (S02) level 3, deadline 07-05: not yet due
 *   #6 甲一 (S01) raised 07-02: not yet raised at 06-30
 *   #7 乙一 (S02) level 2, deadline 06-01, escalated 07-01: at 06-30 it was
 *      level 2, 29 days late
 * Order: S01 level 4 (#3), S01 level 1 (#2), S02 level 2 29 days (#7), S02
 * level 2 10 days (#1). */
static void test_overdue_items(void **state)
{
	struct dataset *ds = *state;
	const struct doc_table *t;
	struct bulletin_opts o;
	struct bulletin b;
	struct item_track *it;
	struct doc d;
	struct buf text = BUF_INIT;
	char *req;

	it = add_item(ds, 1, 2, "配套管网未接入", 3);
	point(it, fx_day(2024, 6, 1), IS_OPEN, 2, fx_day(2024, 6, 20));
	it = add_item(ds, 2, 0, "用地指标未落实", 2);
	point(it, fx_day(2024, 6, 10), IS_ANSWERED, 1, fx_day(2024, 6, 25));
	it = add_item(ds, 3, 1, "施工许可办理缓慢", 5);
	point(it, fx_day(2024, 5, 1), IS_OPEN, 4, fx_day(2024, 5, 31));
	it = add_item(ds, 4, 3, "拆迁未完成", 3);
	point(it, fx_day(2024, 5, 1), IS_OPEN, 1, fx_day(2024, 5, 16));
	point(it, fx_day(2024, 6, 28), IS_RESOLVED, 1, fx_day(2024, 5, 16));
	it = add_item(ds, 5, 3, "电力增容", 3);
	point(it, fx_day(2024, 6, 25), IS_OPEN, 3, fx_day(2024, 7, 5));
	it = add_item(ds, 6, 0, "资金未到位", 2);
	point(it, fx_day(2024, 7, 2), IS_OPEN, 1, fx_day(2024, 7, 17));
	it = add_item(ds, 7, 2, "能耗指标", 3);
	point(it, fx_day(2024, 5, 17), IS_OPEN, 2, fx_day(2024, 6, 1));
	point(it, fx_day(2024, 7, 1), IS_OPEN, 3, fx_day(2024, 7, 11));
	bulletin_opts_init(&o, month_from_ym(2024, 6));
	bulletin_build(ds, &o, &b);
	assert_int_equal(b.n_overdue, 4);
	assert_int_equal(b.overdue[0].t->id, 3);
	assert_int_equal(b.overdue[0].days_late, 30);
	assert_int_equal(b.overdue[1].t->id, 2);
	assert_int_equal(b.overdue[1].days_late, 5);
	assert_int_equal(b.overdue[2].t->id, 7);
	assert_int_equal(b.overdue[2].s.level, 2);
	assert_int_equal(b.overdue[2].days_late, 29);
	assert_int_equal(b.overdue[3].t->id, 1);
	assert_int_equal(b.overdue[3].days_late, 10);
	assert_int_equal(b.overdue_by_level[1], 1);
	assert_int_equal(b.overdue_by_level[2], 2);
	assert_int_equal(b.overdue_by_level[3], 0);
	assert_int_equal(b.overdue_by_level[4], 1);
	doc_init(&d);
	bulletin_doc(&b, &d);
	t = table_named(&d, "逾期事项");
	assert_int_equal(t->nrows, 4);
	assert_string_equal(t->heads[6], "协调层级");
	cell_format(&t->cells[0 * t->ncols + 1], &text);
	assert_string_equal(text.s, "甲板块");
	buf_reset(&text);
	cell_format(&t->cells[0 * t->ncols + 5], &text);
	assert_string_equal(text.s, "发改委");
	buf_reset(&text);
	cell_format(&t->cells[0 * t->ncols + 6], &text);
	assert_string_equal(text.s, "区协调会");
	buf_reset(&text);
	cell_format(&t->cells[0 * t->ncols + 8], &text);
	assert_string_equal(text.s, "30");
	buf_reset(&text);
	cell_format(&t->cells[3 * t->ncols + 3], &text);
	assert_string_equal(text.s, "配套管网未接入");
	assert_string_equal(t->note, "截至6月底，逾期未办结的督办事项共4项，其中区协调会1项、"
			    "部门协调2项、板块协调1项。逾期事项按分级协调机制逐级提级督办。");
	req = NULL;
	buf_reset(&text);
	bulletin_requirements(&b, &text);
	req = strstr(text.s, "；对4项逾期督办事项，责任单位要限期办结，逾期未办结的逐级提级督办");
	assert_non_null(req);
	doc_release(&d);
	bulletin_release(&b);
	buf_release(&text);	/* the fixture is the group's: leave it as it was */
	while (ds->n_items)
		item_track_release(&ds->items[--ds->n_items]);
	free(ds->items);
	ds->items = NULL;
}

/* The due date itself (06-30, the June bulletin's as-of day): a city start
 * rate of 50 % by 06-30 with the city's one project not started (0 %) is
 * missed in Table 3 and in the summary alike, from one status function. */
static void test_due_date_agrees(void **state)
{
	struct dataset *ds = *state;
	const struct doc_table *t;
	struct bulletin_opts o;
	struct bulletin b;
	struct buf text = BUF_INIT, sum = BUF_INIT;
	struct doc d;
	size_t row = ds->n_targets;

	target(ds, M_START_RATE, TIER_CITY, 0, fx_day(2024, 6, 30), 5000);
	bulletin_opts_init(&o, month_from_ym(2024, 6));
	bulletin_build(ds, &o, &b);
	bulletin_summary(&b, &sum);
	doc_init(&d);
	bulletin_doc(&b, &d);
	assert_int_equal(b.evals[row].status, TS_MISSED);
	assert_int_equal(b.tier_target[TIER_CITY].ev.status, TS_MISSED);
	t = table_named(&d, "目标任务");
	assert_non_null(t);
	cell_format(&t->cells[row * t->ncols + 6], &text);
	assert_string_equal(text.s, "未完成");
	assert_non_null(strstr(sum.s, "市重大项目1个，尚未开工，未完成6月底50%的目标"
				      "（6月底时为0.0%）；"));
	doc_release(&d);
	bulletin_release(&b);
	ds->n_targets--;
	buf_release(&text);
	buf_release(&sum);
}

/* DOMAIN.md §7: "较上月" is read from last month's saved round. A saved May
 * round with 乙板块 first and 甲板块 second: in June 甲 is first (↑1) and 乙
 * second (↓1), whatever May would give if recomputed today; a saved round of
 * another month is not last month's. */
static void test_rank_change_from_saved_round(void **state)
{
	const struct dataset *ds = *state;
	struct contest_entry may[2];
	struct contest_round saved;
	const struct doc_table *t;
	struct bulletin_opts o;
	struct bulletin b;
	struct buf text = BUF_INIT;
	struct doc d;

	memset(may, 0, sizeof(may));
	may[0].unit_id = 3, may[0].ranked = 1, may[0].rank = 1;
	may[1].unit_id = 2, may[1].ranked = 1, may[1].rank = 2;
	memset(&saved, 0, sizeof(saved));
	saved.month = month_from_ym(2024, 5);
	saved.entries = may;
	saved.n = saved.n_ranked = 2;
	bulletin_opts_init(&o, month_from_ym(2024, 6));
	o.prev = &saved;
	bulletin_build(ds, &o, &b);
	assert_int_equal(b.prev.n, 2);
	doc_init(&d);
	bulletin_doc(&b, &d);
	t = table_named(&d, "比武打擂");
	cell_format(&t->cells[0 * t->ncols + 1], &text);
	assert_string_equal(text.s, "甲板块");
	buf_reset(&text);
	cell_format(&t->cells[0 * t->ncols + 7], &text);
	assert_string_equal(text.s, "↑1");
	buf_reset(&text);
	cell_format(&t->cells[1 * t->ncols + 7], &text);
	assert_string_equal(text.s, "↓1");
	assert_non_null(strstr(t->note, "“较上月”与5月保存的比武打擂结果相比。"));
	doc_release(&d);
	bulletin_release(&b);

	saved.month = month_from_ym(2024, 4);
	bulletin_build(ds, &o, &b);
	assert_int_equal(b.prev.n, 0);
	doc_init(&d);
	bulletin_doc(&b, &d);
	t = table_named(&d, "比武打擂");
	assert_non_null(strstr(t->note, "5月未保存比武打擂结果，“较上月”暂不比较。"));
	doc_release(&d);
	bulletin_release(&b);
	buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_no_targets),
		cmocka_unit_test(test_no_reports_this_month),
		cmocka_unit_test(test_no_plan),
		cmocka_unit_test(test_january),
		cmocka_unit_test(test_empty_year),
		cmocka_unit_test(test_text_helpers),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_due_date_agrees),
		cmocka_unit_test(test_rank_change_from_saved_round),
		cmocka_unit_test(test_overdue_items),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
