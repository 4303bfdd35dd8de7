/* test_scope.c — the one project filter (src/core/scope.c) field by field on
 * the days where a filter can slip (1 January, 31 December, the as-of day
 * itself, 2024-02-29), and the one parameter table (src/io/scope_params.c)
 * reading every key, good and bad, by its English key and Chinese label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/scope.h"
#include "fixture.h"
#include "io/scope_params.h"
#include "util/xalloc.h"

#define PROV TIER_BIT(TIER_PROVINCE)
#define CITY TIER_BIT(TIER_CITY)
#define DIST TIER_BIT(TIER_DISTRICT)

/* Units: district 1 → section S01 (2, with street S01A = 3), S02 (4);
 * departments G01 (5), G02 (6). Projects of 2024:
 *  P0 S01  G01 industrial 新能源 province: started 2023-12-31 (continuing)
 *  P1 S01A G02 city: started 2024-01-01, planned start 2024-01-01
 *  P2 S02  —   industrial 新材料 district: signed 2024-02-29 only, planned
 *     start 2024-06-30
 *  P3 S02  G01 district: nothing recorded (reserve), planned start 2024-07-01
 *  P4 S01  G02 city + district: completed 2024-12-31 without a start date */
static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;

	ds->year = 2024;
	fx_unit(ds, 1, "D1", "一区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "空港经开区", UNIT_SECTION, 1);
	fx_unit(ds, 3, "S01A", "硕放街道", UNIT_STREET, 2);
	fx_unit(ds, 4, "S02", "太科办", UNIT_SECTION, 1);
	fx_unit(ds, 5, "G01", "发改", UNIT_DEPARTMENT, 1);
	fx_unit(ds, 6, "G02", "工信", UNIT_DEPARTMENT, 1);
	dataset_index(ds);
	p = fx_project(ds, "P0", 2, 5, 1, "新能源", PROV, 100);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 12, 31);
	p->company = xstrdup("晶诺存储");
	p = fx_project(ds, "P1", 3, 6, 0, NULL, CITY, 100);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 1);
	p->planned_start = fx_day(2024, 1, 1);
	p->code = xstrdup("2401-320214-04-01-123456");
	p = fx_project(ds, "P2", 4, 0, 1, "新材料", DIST, 100);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 2, 29);
	p->planned_start = fx_day(2024, 6, 30);
	free(p->name);
	p->name = xstrdup("半导体材料");
	p = fx_project(ds, "P3", 4, 5, 0, NULL, DIST, 100);
	p->planned_start = fx_day(2024, 7, 1);
	p = fx_project(ds, "P4", 2, 6, 0, NULL, CITY | DIST, 100);
	p->stage_on[STAGE_COMPLETED] = fx_day(2024, 12, 31);
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	dataset_release(*state);
	free(*state);
	return 0;
}

/* The projects sc selects as a bit set of their indexes. */
static unsigned picked(const struct dataset *ds, const struct scope *sc)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < ds->n_projects; i++)
		if (scope_matches(ds, sc, i))
			bits |= 1u << i;
	return bits;
}

#define ALL 0x1fu

static void test_year_tier_units_industry(void **state)
{
	const struct dataset *ds = *state;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	assert_int_equal(picked(ds, &sc), ALL);
	sc.year = 2023; /* a dataset of another year has no project of 2023 */
	assert_int_equal(picked(ds, &sc), 0);
	sc.year = 2024;
	sc.tier = TIER_CITY;
	assert_int_equal(picked(ds, &sc), 1u << 1 | 1u << 4);
	sc.tier = TIER_DISTRICT;
	assert_int_equal(picked(ds, &sc), 1u << 2 | 1u << 3 | 1u << 4);
	sc.tier = TIER_ANY;
	sc.section_id = 2; /* the street under S01 counts in S01 */
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 1 | 1u << 4);
	sc.section_id = 3;
	assert_int_equal(picked(ds, &sc), 1u << 1);
	sc.section_id = 0;
	sc.department_id = 5;
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 3);
	sc.department_id = 0;
	sc.industrial_only = 1;
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 2);
	sc.industrial_only = 0;
	sc.industry = "新材料";
	assert_int_equal(picked(ds, &sc), 1u << 2);
	sc.industry = "新";
	assert_int_equal(picked(ds, &sc), 0); /* exact, not a substring */
	sc.industry = "";
	assert_int_equal(picked(ds, &sc), ALL);
}

static void test_text(void **state)
{
	const struct dataset *ds = *state;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.q = "P3";
	assert_int_equal(picked(ds, &sc), 1u << 3);          /* ref */
	sc.q = "半导体";
	assert_int_equal(picked(ds, &sc), 1u << 2);          /* name */
	sc.q = "晶诺";
	assert_int_equal(picked(ds, &sc), 1u << 0);          /* company */
	sc.q = "320214-04";
	assert_int_equal(picked(ds, &sc), 1u << 1);          /* code */
	sc.q = "P";
	assert_int_equal(picked(ds, &sc), ALL);
	sc.q = "nowhere";
	assert_int_equal(picked(ds, &sc), 0);
}

static void test_stage_and_its_days(void **state)
{
	const struct dataset *ds = *state;
	struct scope sc;

	assert_int_equal(project_stage_at(&ds->projects[3], fx_day(2024, 12, 31)), 0);
	assert_int_equal(project_stage_at(&ds->projects[2], fx_day(2024, 2, 29)),
			 STAGE_SIGNED + 1);                  /* the as-of day itself */
	assert_int_equal(project_stage_at(&ds->projects[2], fx_day(2024, 2, 28)), 0);
	assert_int_equal(project_stage_at(&ds->projects[4], fx_day(2024, 12, 31)),
			 STAGE_COMPLETED + 1);
	assert_int_equal(project_stage_at(&ds->projects[4], fx_day(2024, 12, 30)), 0);
	/* the last stage too: capacity reached on the as-of day */
	{
		struct project q;

		project_init(&q);
		q.stage_on[STAGE_CAPACITY] = fx_day(2024, 9, 1);
		assert_int_equal(project_stage_at(&q, fx_day(2024, 9, 1)), STAGE_CAPACITY + 1);
		assert_int_equal(project_stage_at(&q, fx_day(2024, 8, 31)), 0);
	}
	assert_string_equal(stage_at_keys[0], "reserve");
	assert_string_equal(stage_at_labels[STAGE_STARTED + 1], "开工");

	scope_init(&sc, 2024, fx_day(2024, 2, 29));
	sc.stage = 0;
	assert_int_equal(picked(ds, &sc), 1u << 3 | 1u << 4);
	sc.stage = STAGE_SIGNED + 1;
	assert_int_equal(picked(ds, &sc), 1u << 2);
	sc.stage = STAGE_STARTED + 1;
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 1);
	sc.asof = fx_day(2024, 12, 31);
	sc.stage = STAGE_COMPLETED + 1;
	assert_int_equal(picked(ds, &sc), 1u << 4);
}

static void test_reached_between(void **state)
{
	const struct dataset *ds = *state;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 12, 30));
	sc.reached = STAGE_STARTED;
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 1);
	sc.asof = fx_day(2024, 12, 31); /* P4's completion on the as-of day: started then */
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 1 | 1u << 4);
	sc.reached_from = fx_day(2024, 1, 1); /* new starts: 1 January counts, 31 December not */
	assert_int_equal(picked(ds, &sc), 1u << 1 | 1u << 4);
	sc.reached_from = fx_day(2024, 1, 2);
	assert_int_equal(picked(ds, &sc), 1u << 4);
	sc.reached = STAGE_SIGNED; /* P0 and P1 reached it when they started */
	sc.reached_from = fx_day(2024, 2, 29);
	sc.asof = fx_day(2024, 2, 29);
	assert_int_equal(picked(ds, &sc), 1u << 2);
	sc.reached_from = fx_day(2023, 12, 31);
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 1 | 1u << 2);
	sc.reached_from = DAY_NONE;
	sc.reached = -1;
	sc.not_reached = STAGE_STARTED;
	assert_int_equal(picked(ds, &sc), 1u << 2 | 1u << 3 | 1u << 4);
	sc.not_reached = STAGE_SIGNED;
	sc.asof = fx_day(2024, 2, 28);
	assert_int_equal(picked(ds, &sc), 1u << 2 | 1u << 3 | 1u << 4);
	sc.asof = fx_day(2024, 2, 29); /* P2 signed on the as-of day: it has reached it */
	assert_int_equal(picked(ds, &sc), 1u << 3 | 1u << 4);
}

/* Each filter narrows the scope from its first value on (0: reserve, signed,
 * green); -1 is no filter. */
static void test_narrowed(void **state)
{
	struct scope sc;

	(void)state;
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	assert_false(scope_is_narrowed(&sc));
	sc.stage = 0;
	assert_true(scope_is_narrowed(&sc));
	sc.stage = -1;
	sc.reached = STAGE_SIGNED;
	assert_true(scope_is_narrowed(&sc));
	sc.reached = -1;
	sc.not_reached = STAGE_SIGNED;
	assert_true(scope_is_narrowed(&sc));
	sc.not_reached = -1;
	sc.light = LIGHT_GREEN;
	assert_true(scope_is_narrowed(&sc));
	sc.light = -1;
	sc.kind = PK_NEW;
	assert_true(scope_is_narrowed(&sc));
	sc.kind = -1;
	sc.due_start = 1;
	assert_true(scope_is_narrowed(&sc));
	sc.due_start = 0;
	sc.industry = "";
	sc.q = "";
	assert_false(scope_is_narrowed(&sc));
	sc.industry = "新能源";
	assert_true(scope_is_narrowed(&sc));
	sc.industry = NULL;
	sc.q = "x";
	assert_true(scope_is_narrowed(&sc));
}

static void test_due_start_and_kind(void **state)
{
	const struct dataset *ds = *state;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 29));
	sc.due_start = 1; /* planned by the as-of day, not started before the year */
	assert_int_equal(picked(ds, &sc), 1u << 1);
	sc.asof = fx_day(2024, 6, 30);
	assert_int_equal(picked(ds, &sc), 1u << 1 | 1u << 2);
	sc.asof = fx_day(2024, 12, 31);
	assert_int_equal(picked(ds, &sc), 1u << 1 | 1u << 2 | 1u << 3);
	sc.due_start = 0;
	sc.kind = PK_CONTINUING; /* started by 31 December of the year before */
	assert_int_equal(picked(ds, &sc), 1u << 0);
	sc.kind = PK_NEW;
	assert_int_equal(picked(ds, &sc), ALL & ~1u);
	assert_true(scope_is_narrowed(&sc)); /* no target speaks for new projects alone */
	sc.kind = -1;
	assert_false(scope_is_narrowed(&sc));
}

static void test_light(void **state)
{
	const struct dataset *ds = *state;
	const enum light lights[5] = { LIGHT_RED, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED,
				       LIGHT_GREEN };
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.light = LIGHT_RED;
	assert_int_equal(picked(ds, &sc), 0); /* no lights: every project is green */
	sc.light = LIGHT_GREEN;
	assert_int_equal(picked(ds, &sc), ALL);
	sc.lights = lights;
	assert_int_equal(picked(ds, &sc), 1u << 1 | 1u << 4);
	sc.light = LIGHT_RED;
	assert_int_equal(picked(ds, &sc), 1u << 0 | 1u << 3);
	assert_true(scope_is_narrowed(&sc));
}

/* ---- the parameter table ---- */

/* Set p from s into a fresh q: 0, or -1 with err. */
static int set1(struct scope_query *q, enum scope_param p, const char *s,
		struct scope_error *err)
{
	scope_query_init(q);
	return scope_query_set(q, p, s, err);
}

static void bad(enum scope_param p, const char *s, const char *msg, const char *msg_zh)
{
	struct scope_query q;
	struct scope_error err;

	assert_int_equal(set1(&q, p, s, &err), -1);
	assert_int_equal(err.param, p);
	assert_string_equal(err.msg, msg);
	if (msg_zh)
		assert_string_equal(err.msg_zh, msg_zh);
	assert_int_equal(q.given, 0);
}

static void test_period_keys(void **state)
{
	struct scope_query q;
	struct scope_error err;

	(void)state;
	assert_int_equal(set1(&q, SP_YEAR, "2024", &err), 0);
	assert_int_equal(q.sc.year, 2024);
	assert_int_equal(q.given, SP_BIT(SP_YEAR));
	bad(SP_YEAR, "20x4", "year 20x4: not a year between 1900 and 2999",
	    "年度 20x4：不是1900至2999之间的年份");
	bad(SP_YEAR, "1899", "year 1899: not a year between 1900 and 2999", NULL);
	assert_int_equal(set1(&q, SP_ASOF, "2024-02-29", &err), 0);
	assert_int_equal(q.sc.asof, fx_day(2024, 2, 29));
	assert_int_equal(set1(&q, SP_ASOF, "2024年12月31日", &err), 0);
	assert_int_equal(q.sc.asof, fx_day(2024, 12, 31));
	assert_int_equal(set1(&q, SP_ASOF, "2024/1/1", &err), 0);
	assert_int_equal(q.sc.asof, fx_day(2024, 1, 1));
	assert_int_equal(set1(&q, SP_ASOF, "2023-02-29", &err), -1);
	assert_string_equal(err.msg_zh, "截至日期 2023-02-29：不是有效的日期（如2024-06-30）");
	assert_int_equal(strncmp(err.msg, "asof 2023-02-29: ", 17), 0);
	/* an empty value is not given */
	assert_int_equal(set1(&q, SP_YEAR, "", &err), 0);
	assert_int_equal(q.given, 0);
}

static void test_choice_keys(void **state)
{
	static const struct {
		enum scope_param p;
		const char *en, *zh;
		int field_value;
	} good[] = {
		{ SP_TIER, "province", "省", TIER_PROVINCE },
		{ SP_TIER, "DISTRICT", "区", TIER_DISTRICT },
		{ SP_STAGE, "reserve", "储备", 0 },
		{ SP_STAGE, "capacity", "达产", STAGE_CAPACITY + 1 },
		{ SP_REACHED, "filed", "备案", STAGE_FILED },
		{ SP_NOT_REACHED, "started", "开工", STAGE_STARTED },
		{ SP_KIND, "new", "新开工", PK_NEW },
		{ SP_KIND, "continuing", "续建", PK_CONTINUING },
		{ SP_LIGHT, "red", "红", LIGHT_RED },
		{ SP_LIGHT, "green", "绿", LIGHT_GREEN },
		{ SP_BY, "section", "板块", BY_SECTION },
		{ SP_BY, "industry", "产业链", BY_INDUSTRY },
		{ SP_MIN, "red", "红", LIGHT_RED },
		{ SP_MIN, "yellow", "黄", LIGHT_YELLOW },
	};
	struct scope_query q;
	struct scope_error err;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		for (k = 0; k < 2; k++) {
			const struct scope_param_info *pi = &scope_params[good[i].p];

			assert_int_equal(set1(&q, good[i].p, k ? good[i].zh : good[i].en, &err), 0);
			assert_int_equal(*(const int *)((const char *)&q + pi->field),
					 good[i].field_value);
			assert_int_equal(q.given, SP_BIT(good[i].p));
		}
	}
	bad(SP_TIER, "x", "tier x: not one of province, city, district (省, 市, 区)",
	    "层级 x：应为 province、city、district（省、市、区）之一");
	bad(SP_TIER, "省级", "tier 省级: not one of province, city, district (省, 市, 区)", NULL);
	bad(SP_STAGE, "开", "stage 开: not one of reserve, signed, filed, started, completed, "
	    "production, capacity (储备, 签约, 备案, 开工, 竣工, 投产, 达产)", NULL);
	bad(SP_REACHED, "reserve", "reached reserve: not one of signed, filed, started, "
	    "completed, production, capacity (签约, 备案, 开工, 竣工, 投产, 达产)", NULL);
	bad(SP_NOT_REACHED, "储备", "not_reached 储备: not one of signed, filed, started, "
	    "completed, production, capacity (签约, 备案, 开工, 竣工, 投产, 达产)", NULL);
	bad(SP_KIND, "old", "kind old: not one of new, continuing (新开工, 续建)",
	    "新开工续建 old：应为 new、continuing（新开工、续建）之一");
	bad(SP_LIGHT, "purple", "light purple: not one of green, yellow, red (绿, 黄, 红)", NULL);
	bad(SP_MIN, "green", "min green: not one of yellow, red (黄, 红)", NULL);
	bad(SP_BY, "colour", "by colour: not one of none, tier, section, department, month, "
	    "industry, district (全部, 层级, 板块, 部门, 月份, 产业链, 区)", NULL);
}

static void test_flags_and_text(void **state)
{
	char long_text[202];
	struct scope_query q;
	struct scope_error err;

	(void)state;
	assert_int_equal(set1(&q, SP_INDUSTRIAL, NULL, &err), 0); /* --industrial */
	assert_int_equal(q.sc.industrial_only, 1);
	assert_int_equal(set1(&q, SP_INDUSTRIAL, "否", &err), 0);
	assert_int_equal(q.sc.industrial_only, 0);
	assert_int_equal(q.given, SP_BIT(SP_INDUSTRIAL));
	assert_int_equal(set1(&q, SP_DUE_START, "yes", &err), 0);
	assert_int_equal(q.sc.due_start, 1);
	bad(SP_INDUSTRIAL, "maybe", "industrial maybe: not a yes/no value (yes, no, 是, 否, 1, 0)",
	    "产业项目 maybe：应为是或否（yes、no、是、否、1、0）");
	bad(SP_DUE_START, "2", "due_start 2: not a yes/no value (yes, no, 是, 否, 1, 0)", NULL);
	bad(SP_TIER, NULL, "tier: needs a value", "层级：缺少取值");
	assert_int_equal(set1(&q, SP_Q, "半导体", &err), 0);
	assert_string_equal(q.sc.q, "半导体");
	assert_int_equal(set1(&q, SP_INDUSTRY, "新能源", &err), 0);
	assert_string_equal(q.sc.industry, "新能源");
	assert_int_equal(set1(&q, SP_SECTION, "空港经开区", &err), 0);
	assert_string_equal(q.sc.section_code, "空港经开区");
	assert_int_equal(set1(&q, SP_DEPARTMENT, "G01", &err), 0);
	assert_string_equal(q.sc.department_code, "G01");
	memset(long_text, 'x', 201);
	long_text[201] = '\0';
	bad(SP_Q, long_text, "q …: longer than 200 bytes", "搜索 …：超过200字节");
	bad(SP_INDUSTRY, long_text, "industry …: longer than 200 bytes", NULL);
	assert_int_equal(set1(&q, SP_Q, long_text + 1, &err), 0); /* 200 bytes */
	bad(SP_LIGHT, "\xff\xfe", "light …: not one of green, yellow, red (绿, 黄, 红)", NULL);
	assert_string_equal(scope_params[SP_NOT_REACHED].opt, "not-reached");
	assert_string_equal(scope_params[SP_TIER].label, "层级");
}

static void test_finish_defaults(void **state)
{
	struct scope_query q;
	struct scope_error err;

	(void)state;
	scope_query_init(&q);
	assert_int_equal(scope_query_finish(&q, DAY_NONE, &err), -1);
	assert_string_equal(err.msg, "year or asof is needed");
	assert_int_equal(scope_query_finish(&q, fx_day(2025, 3, 4), &err), 0);
	assert_int_equal(q.sc.year, 2025);
	assert_int_equal(q.sc.asof, fx_day(2025, 3, 4));
	assert_int_equal(set1(&q, SP_YEAR, "2024", &err), 0);
	assert_int_equal(scope_query_finish(&q, fx_day(2025, 3, 4), &err), 0);
	assert_int_equal(q.sc.asof, fx_day(2024, 12, 31));
	assert_int_equal(set1(&q, SP_YEAR, "2024", &err), 0);
	assert_int_equal(scope_query_finish(&q, fx_day(2024, 2, 29), &err), 0);
	assert_int_equal(q.sc.asof, fx_day(2024, 2, 29)); /* today, within the year */
	assert_int_equal(set1(&q, SP_ASOF, "2023-12-31", &err), 0);
	assert_int_equal(scope_query_finish(&q, DAY_NONE, &err), 0);
	assert_int_equal(q.sc.year, 2023);
	assert_int_equal(set1(&q, SP_REACHED_FROM, "2024-01-01", &err), 0);
	assert_int_equal(scope_query_finish(&q, fx_day(2024, 6, 30), &err), -1);
	assert_int_equal(err.param, SP_REACHED_FROM);
	assert_string_equal(err.msg, "reached_from needs reached (a stage)");
	assert_int_equal(scope_query_set(&q, SP_REACHED, "started", &err), 0);
	assert_int_equal(scope_query_finish(&q, fx_day(2024, 6, 30), &err), 0);
	assert_int_equal(q.sc.reached_from, fx_day(2024, 1, 1));
}

static void test_resolve(void **state)
{
	const struct dataset *ds = *state;
	struct scope_query q;
	struct scope_error err;

	assert_int_equal(set1(&q, SP_SECTION, "S01", &err), 0);
	assert_int_equal(scope_query_resolve(&q, ds, &err), 0);
	assert_int_equal(q.sc.section_id, 2);
	assert_int_equal(set1(&q, SP_SECTION, "硕放街道", &err), 0); /* a name */
	assert_int_equal(scope_query_resolve(&q, ds, &err), 0);
	assert_int_equal(q.sc.section_id, 3);
	assert_string_equal(q.sc.section_code, "S01A");
	assert_int_equal(set1(&q, SP_SECTION, "G01", &err), 0);
	assert_int_equal(scope_query_resolve(&q, ds, &err), -1);
	assert_int_equal(err.param, SP_SECTION);
	assert_string_equal(err.msg, "section G01: no section or other unit has this code or name");
	assert_int_equal(set1(&q, SP_DEPARTMENT, "工信", &err), 0);
	assert_int_equal(scope_query_resolve(&q, ds, &err), 0);
	assert_int_equal(q.sc.department_id, 6);
	assert_int_equal(set1(&q, SP_DEPARTMENT, "S02", &err), 0);
	assert_int_equal(scope_query_resolve(&q, ds, &err), -1);
	assert_string_equal(err.msg, "department S02: no department has this code or name");
	assert_string_equal(err.msg_zh, "责任部门 S02：没有此代码或名称的部门");
}

static void test_value_echo(void **state)
{
	struct scope sc;
	char tmp[16];

	(void)state;
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	assert_null(scope_param_value(&sc, SP_STAGE, 0, tmp, sizeof(tmp)));
	sc.stage = 0;
	sc.kind = PK_CONTINUING;
	sc.reached_from = fx_day(2024, 2, 29);
	sc.due_start = 1;
	assert_string_equal(scope_param_value(&sc, SP_STAGE, 0, tmp, sizeof(tmp)), "reserve");
	assert_string_equal(scope_param_value(&sc, SP_STAGE, 1, tmp, sizeof(tmp)), "储备");
	assert_string_equal(scope_param_value(&sc, SP_KIND, 1, tmp, sizeof(tmp)), "续建");
	assert_string_equal(scope_param_value(&sc, SP_REACHED_FROM, 0, tmp, sizeof(tmp)),
			    "2024-02-29");
	assert_string_equal(scope_param_value(&sc, SP_DUE_START, 0, tmp, sizeof(tmp)), "yes");
	assert_null(scope_param_value(&sc, SP_TIER, 0, tmp, sizeof(tmp)));
}

/* Which filters make scope_matches read the as-of day, and which scopes
 * select everything: each filter alone. */
static void test_scope_shortcuts(void **state)
{
	struct scope sc;
	int k;

	(void)state;
	for (k = 0; k < 12; k++) {
		scope_init(&sc, 2024, fx_day(2024, 6, 30));
		switch (k) {
		case 0: break;
		case 1: sc.stage = 0; break;
		case 2: sc.reached = STAGE_FILED; break;
		case 3: sc.not_reached = STAGE_STARTED; break;
		case 4: sc.due_start = 1; break;
		case 5: sc.kind = PK_NEW; break;
		case 6: sc.light = LIGHT_RED; break;
		case 7: sc.industry = "新能源"; break;
		case 8: sc.q = "x"; break;
		case 9: sc.tier = TIER_CITY; break;
		case 10: sc.section_id = 2; break;
		default: sc.industrial_only = 1; break;
		}
		assert_int_equal(scope_reads_asof(&sc), k >= 1 && k <= 4);
		assert_int_equal(scope_selects_all(&sc), k == 0);
	}
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.department_id = 5;
	assert_false(scope_selects_all(&sc));
	sc.department_id = 0;
	sc.reach_section_id = 2;
	assert_false(scope_selects_all(&sc));
	sc.reach_section_id = 0;
	sc.reach_department_id = 5;
	assert_false(scope_selects_all(&sc));
	sc.reach_department_id = 0;
	sc.industry = "";
	sc.q = "";
	assert_true(scope_selects_all(&sc));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_year_tier_units_industry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_and_its_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reached_between, setup, teardown),
		cmocka_unit_test(test_narrowed),
		cmocka_unit_test_setup_teardown(test_due_start_and_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_light, setup, teardown),
		cmocka_unit_test(test_period_keys),
		cmocka_unit_test(test_choice_keys),
		cmocka_unit_test(test_flags_and_text),
		cmocka_unit_test(test_finish_defaults),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test(test_value_echo),
		cmocka_unit_test(test_scope_shortcuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
