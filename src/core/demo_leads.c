/* demo_leads.c — the demo district's lead pool (demo_leads.h): the leads
 * behind its attributed projects signed since the year before DEMO_YEAR, and a fixed table of
 * companies still being courted or given up (all names fictional). */
#include "core/demo_leads.h"

#include <stdlib.h>
#include <string.h>

#include "core/demo_int.h"
#include "util/xalloc.h"

/* At most this many leads behind signed projects per section. */
#define SIGNED_PER_SECTION 3

/* An open or dropped lead of the table. */
struct seed_lead {
	const char *company;
	const char *industry;
	int section;            /* index into demo_sections: the follower */
	int by_district;        /* found by the district (区投促中心), else the section */
	int64_t wan;            /* intended investment, 万元 */
	const char *source;
	int month, day;         /* found on DEMO_YEAR-month-day */
	enum lead_stage stage;  /* how far it gets (dropped: given up after its talks) */
	const char *reason;     /* why dropped */
};

static const struct seed_lead seeds[] = {
	{ "深圳芯航半导体有限公司", "集成电路", 0, 1, 120000, "商会推介", 1, 8, LS_INTENT, NULL },
	{ "上海微拓电子科技有限公司", "集成电路", 1, 0, 45000, "以商引商", 1, 22, LS_TALKS, NULL },
	{ "合肥元光显示科技有限公司", "集成电路", 0, 0, 80000, "展会", 2, 5, LS_DROPPED,
	  "企业决定在合肥本地扩产" },
	{ "杭州智联物联网科技有限公司", "物联网", 1, 1, 30000, "驻外招商", 2, 19, LS_INTENT, NULL },
	{ "北京通诺传感技术有限公司", "物联网", 2, 0, 18000, "以商引商", 3, 4, LS_LEAD, NULL },
	{ "苏州康辰生物医药有限公司", "生物医药", 3, 1, 60000, "基金推荐", 3, 12, LS_TALKS, NULL },
	{ "成都华元医疗器械有限公司", "生物医药", 3, 0, 25000, "展会", 3, 26, LS_LEAD, NULL },
	{ "常州鑫宇新能源科技有限公司", "新能源", 4, 0, 150000, "商会推介", 4, 2, LS_INTENT, NULL },
	{ "宁德驰力储能技术有限公司", "新能源", 5, 1, 90000, "驻外招商", 4, 16, LS_DROPPED,
	  "项目用地需求超出可供地块" },
	{ "西安威达精密装备有限公司", "高端装备", 2, 0, 22000, "以商引商", 4, 28, LS_TALKS, NULL },
	{ "天津科纳机器人有限公司", "高端装备", 4, 1, 35000, "展会", 5, 9, LS_LEAD, NULL },
	{ "广州纳晟新材料有限公司", "新材料", 5, 0, 28000, "基金推荐", 5, 20, LS_TALKS, NULL },
	{ "重庆拓达汽车零部件有限公司", "汽车及零部件", 0, 0, 40000, "商会推介", 6, 3, LS_LEAD,
	  NULL },
	{ "南京光创光电科技有限公司", "集成电路", 1, 1, 70000, "驻外招商", 6, 11, LS_LEAD, NULL },
	{ "武汉晟诺生物科技有限公司", "生物医药", 3, 0, 16000, "以商引商", 6, 18, LS_DROPPED,
	  "企业融资未到位，暂缓投资" },
	{ "青岛航宇物联科技有限公司", "物联网", 2, 1, 26000, "展会", 6, 24, LS_LEAD, NULL },
	{ "东莞力通新能源有限公司", "新能源", 4, 0, 55000, "商会推介", 7, 8, LS_TALKS, NULL },
	{ "厦门微元新材料有限公司", "新材料", 5, 1, 33000, "基金推荐", 7, 22, LS_LEAD, NULL },
	{ "长沙智驰装备制造有限公司", "高端装备", 0, 0, 19000, "以商引商", 8, 6, LS_INTENT, NULL },
	{ "苏州德威汽车电子有限公司", "汽车及零部件", 1, 1, 48000, "驻外招商", 8, 21, LS_LEAD,
	  NULL },
	{ "郑州鑫科半导体材料有限公司", "集成电路", 2, 0, 27000, "展会", 9, 10, LS_DROPPED,
	  "产品路线与园区定位不符" },
	{ "宁波辰光储能科技有限公司", "新能源", 5, 0, 64000, "商会推介", 9, 25, LS_LEAD, NULL },
	{ "济南达拓医疗科技有限公司", "生物医药", 3, 1, 21000, "基金推荐", 10, 14, LS_TALKS, NULL },
	{ "福州创宇物联网有限公司", "物联网", 4, 0, 12000, "以商引商", 11, 5, LS_LEAD, NULL },
	{ "昆山微纳精密材料有限公司", "新材料", 0, 1, 38000, "驻外招商", 11, 20, LS_LEAD, NULL },
	{ "佛山通力汽车部件有限公司", "汽车及零部件", 1, 0, 29000, "展会", 12, 3, LS_LEAD, NULL },
};
#define N_SEEDS (sizeof(seeds) / sizeof(seeds[0]))

static struct demo_lead *push(struct demo_lead **v, size_t *n, size_t *alloc)
{
	struct demo_lead *x;

	XGROW(*v, *alloc, *n + 1);
	x = &(*v)[(*n)++];
	memset(x, 0, sizeof(*x));
	lead_init(&x->l);
	x->talks_on = x->intent_on = x->visit_on = x->dropped_on = DAY_NONE;
	return x;
}

/* The moves of a lead found on found reaching stage last, cut at asof. */
static void play(struct demo_lead *x, bl_day found, enum lead_stage last, bl_day asof)
{
	x->l.found_on = found;
	x->l.stage = LS_LEAD;
	if (day_add(found, 12) <= asof)
		x->visit_on = day_add(found, 12);
	if (last >= LS_TALKS && last != LS_LEAD && day_add(found, 25) <= asof) {
		x->talks_on = day_add(found, 25);
		x->l.stage = LS_TALKS;
	}
	if (last == LS_DROPPED) {
		if (x->talks_on != DAY_NONE && day_add(found, 55) <= asof) {
			x->dropped_on = day_add(found, 55);
			x->l.stage = LS_DROPPED;
		}
		return;
	}
	if (last >= LS_INTENT && day_add(found, 50) <= asof) {
		x->intent_on = day_add(found, 50);
		x->l.stage = LS_INTENT;
	}
}

/* The leads behind the signed projects: found 75 days before signing. */
static void signed_leads(const struct demo_data *d, bl_day asof, struct demo_lead **v,
			 size_t *n, size_t *alloc)
{
	int per[DEMO_N_SECTIONS] = { 0 };
	size_t i;

	for (i = 0; i < d->n_projects; i++) {
		const struct project *p = &d->projects[i];
		bl_day on = p->stage_on[STAGE_SIGNED];
		int s = (int)(p->section_id - SECTION_ID(0));
		struct demo_lead *x;

		if (p->attracted_by == ATTRACTED_NONE || !p->company || on == DAY_NONE ||
		    day_year(on) < DEMO_YEAR - 1 || on > asof || s < 0 || s >= DEMO_N_SECTIONS ||
		    per[s] >= SIGNED_PER_SECTION)
			continue;
		per[s]++;
		x = push(v, n, alloc);
		x->l.company = xstrdup(p->company);
		x->l.uscc = p->uscc ? xstrdup(p->uscc) : NULL;
		x->l.industry = p->industry ? xstrdup(p->industry) : NULL;
		x->l.amount = p->total_investment;
		x->l.source = xstrdup(p->attracted_by == ATTRACTED_DISTRICT ? "区投促中心" : "街道走访");
		x->l.followed_by = p->section_id;
		x->l.found_by = p->attracted_by == ATTRACTED_DISTRICT ? UNIT_DISTRICT_ID
								      : p->section_id;
		play(x, day_add(on, -75), LS_INTENT, asof);
		x->l.stage = LS_SIGNED;
		x->l.signed_on = on;
		x->l.project_id = p->id;
	}
}

static int by_found(const void *a, const void *b)
{
	const struct demo_lead *x = a, *y = b;

	if (x->l.found_on != y->l.found_on)
		return x->l.found_on < y->l.found_on ? -1 : 1;
	return strcmp(x->l.company, y->l.company);
}

void demo_leads(const struct demo_data *d, bl_day asof, struct demo_lead **out, size_t *n)
{
	size_t i, alloc = 0;

	*out = NULL;
	*n = 0;
	signed_leads(d, asof, out, n, &alloc);
	for (i = 0; i < N_SEEDS; i++) {
		const struct seed_lead *s = &seeds[i];
		bl_day found = day_from_ymd(DEMO_YEAR, s->month, s->day);
		struct demo_lead *x;

		if (found > asof)
			continue;
		x = push(out, n, &alloc);
		x->l.company = xstrdup(s->company);
		x->l.industry = xstrdup(s->industry);
		x->l.amount = s->wan * 10000;
		x->l.source = xstrdup(s->source);
		x->l.followed_by = SECTION_ID(s->section);
		x->l.found_by = s->by_district ? UNIT_DISTRICT_ID : SECTION_ID(s->section);
		play(x, found, s->stage, asof);
		if (x->l.stage == LS_DROPPED)
			x->l.reason = xstrdup(s->reason);
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), by_found);
}

void demo_leads_free(struct demo_lead *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lead_release(&v[i].l);
	free(v);
}

void demo_talents(bl_day asof, struct talent_count **out, size_t *n)
{
	int m, s, last = day_year(asof) > DEMO_YEAR ? 12 : month_of_year(day_month(asof));
	size_t alloc = 0;

	*out = NULL;
	*n = 0;
	for (s = 0; s < DEMO_N_SECTIONS; s++)
		for (m = 1; m <= last; m++) {
			int count = (s * 7 + m * 3) % 5 == 0 ? 2 : (s + m) % 4 == 0 ? 1 : 0;

			if (!count)
				continue;
			XGROW(*out, alloc, *n + 1);
			(*out)[*n].unit_id = SECTION_ID(s);
			(*out)[*n].month = month_from_ym(DEMO_YEAR, m);
			(*out)[*n].count = count;
			(*n)++;
		}
}
