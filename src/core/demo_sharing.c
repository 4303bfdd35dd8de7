/* demo_sharing.c — the demo district's revenue sharing and industrial funds
 * (DOMAIN.md §7): tax records of district-attracted projects over 2022 to
 * DEMO_YEAR, some of whose companies landed years before (落户 2017, 2018,
 * 2019: years 8, 7 and 6 in DEMO_YEAR) and the rest landing when signed (year
 * 1 is their signing year), and a dozen funds registered in DEMO_YEAR. Its own random stream, so the
 * rest of the demo does not move, one per project. */
#include "core/demo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define STREAM_SHARING ((uint64_t)0x200000)
#define TAX_FIRST_YEAR (DEMO_YEAR - 2)
#define MAX_TAXED 18

static const struct {
	const char *name, *manager, *focus;
	int capital_wan;  /* 万元 */
	int month, day;
	int brought_by;   /* a section index, or -1 - enum demo_dept */
} demo_funds[] = {
	{ "锡创集成电路产业投资基金", "锡创资本管理有限公司", "集成电路", 200000, 1, 18, -1 - DD_COMMERCE },
	{ "空港低空经济产业基金", "空港投资发展有限公司", "低空经济", 100000, 2, 27, 0 },
	{ "太湖生物医药创新基金", "太湖创投管理有限公司", "生物医药", 80000, 3, 12, 1 },
	{ "新安物联网天使基金", "新安科创投资有限公司", "物联网", 30000, 3, 29, 1 },
	{ "科创城新能源产业基金", "科创城资本管理有限公司", "新能源", 150000, 4, 16, 2 },
	{ "中欧高端装备并购基金", "中欧产业资本有限公司", "高端装备", 120000, 5, 8, 4 },
	{ "度假区文旅融合基金", "度假区文旅投资有限公司", "文旅", 20000, 5, 30, 5 },
	{ "区政府产业引导基金（二期）", "区产业投资集团", "综合", 500000, 6, 20, -1 - DD_NDRC },
	{ "车规级芯片专项基金", "锡创资本管理有限公司", "集成电路", 60000, 7, 11, 0 },
	{ "智能网联汽车产业基金", "汇智股权投资管理有限公司", "汽车零部件", 90000, 8, 23, -1 - DD_INDUSTRY },
	{ "生命健康科技成果转化基金", "太湖创投管理有限公司", "生物医药", 40000, 9, 26, 1 },
	{ "新材料产业发展基金", "科创城资本管理有限公司", "新材料", 70000, 11, 14, 2 },
};
#define N_DEMO_FUNDS (sizeof(demo_funds) / sizeof(demo_funds[0]))

/* The landing year of the k-th taxed project: three in four companies
 * landed before the project (2017–2019); the rest land with it (signing). */
static int landing_year(size_t k)
{
	static const int years[4] = { DEMO_YEAR - 6, DEMO_YEAR - 5, 0, DEMO_YEAR - 7 };

	return years[k % 4];
}

/* The tax years whose December 31 is on or before asof. */
static int last_tax_year(bl_day asof)
{
	return asof >= day_from_ymd(day_year(asof), 12, 31) ? day_year(asof) : day_year(asof) - 1;
}

static void add_taxes(struct demo_data *d, struct rng *r, size_t i, int first, int last,
		      size_t *alloc)
{
	int64_t base = demo_rng_range(r, 800, 9000) * WAN + demo_rng_range(r, 0, 9999);
	int y;

	for (y = first; y <= last; y++) {
		struct tax_record *t;

		XGROW(d->taxes, *alloc, d->n_taxes + 1);
		t = &d->taxes[d->n_taxes++];
		memset(t, 0, sizeof(*t));
		t->project_id = (int64_t)i + 1; /* the generator's id, as reports' */
		t->year = y;
		t->tax = base * (100 + 12 * (y - first)) / 100 + demo_rng_range(r, 0, 999);
	}
}

void demo_gen_sharing(struct gen *g)
{
	struct demo_data *d = g->out;
	struct rng r;
	size_t i, k = 0, alloc = 0;
	int last = last_tax_year(g->asof);

	/* Chosen and landed from the whole history (g->plans), so that the same
	 * projects land on the same days whatever asof is; asof cuts the taxes. */
	for (i = 0; i < d->n_projects && k < MAX_TAXED; i++) {
		struct project *p = &d->projects[i];
		bl_day signed_on = g->plans[i].on[STAGE_SIGNED];
		int ly, first;

		if (p->attracted_by != ATTRACTED_DISTRICT || signed_on == DAY_NONE)
			continue;
		demo_rng_init(&r, g->seed, STREAM_SHARING + i); /* the project's own draws */
		/* any signed in the demo year, and one in three of the rest */
		if (day_year(signed_on) != DEMO_YEAR && i % 3)
			continue;
		ly = day_year(signed_on) == DEMO_YEAR ? 0 : landing_year(k);
		if (ly)
			p->landed_on = day_from_ymd(ly, (int)demo_rng_range(&r, 1, 12),
						    (int)demo_rng_range(&r, 1, 28));
		first = day_year(p->landed_on != DAY_NONE ? p->landed_on : signed_on);
		if (first < TAX_FIRST_YEAR)
			first = TAX_FIRST_YEAR;
		/* not signed by asof: no tax yet */
		add_taxes(d, &r, i, first, p->stage_on[STAGE_SIGNED] == DAY_NONE ? first - 1 : last,
			  &alloc);
		k++;
	}
	d->funds = xcalloc(N_DEMO_FUNDS, sizeof(*d->funds));
	for (i = 0; i < N_DEMO_FUNDS; i++) {
		struct fund *f = &d->funds[d->n_funds];
		bl_day on = day_from_ymd(DEMO_YEAR, demo_funds[i].month, demo_funds[i].day);

		if (on > g->asof)
			continue;
		fund_init(f);
		f->name = xstrdup(demo_funds[i].name);
		f->manager = xstrdup(demo_funds[i].manager);
		f->focus = xstrdup(demo_funds[i].focus);
		f->capital = (int64_t)demo_funds[i].capital_wan * WAN;
		f->registered_on = on;
		f->brought_by = demo_funds[i].brought_by >= 0 ? SECTION_ID(demo_funds[i].brought_by)
							      : DEPT_ID(-1 - demo_funds[i].brought_by);
		d->n_funds++;
	}
}

void demo_sharing_release(struct demo_data *d)
{
	size_t i;

	free(d->taxes);
	for (i = 0; i < d->n_funds; i++)
		fund_release(&d->funds[i]);
	free(d->funds);
}
