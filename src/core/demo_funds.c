/* demo_funds.c — the demo's policies and fund applications (demo_funds.h).
 * Each row of the table below is an application: when it was applied for
 * and how many working days each later step took (on the official
 * calendar), -1 for a step not taken; the rows were chosen so that as of the
 * demo's year end three steps are overdue (超期未兑现) and others wait within
 * their limits, and so that mid-year days show late steps too. */
#include "core/demo_funds.h"

#include <stdlib.h>
#include <string.h>

#include "core/demo_int.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	enum policy_kind kind;
	int limit[FS__MAX];
	int owner[FS__MAX]; /* department index: 0 发改委, 1 工信局, … */
} policies[3] = {
	{ "2024年度重大产业项目扶持专项资金", POLICY_MAJOR_INDUSTRIAL, { 0, 10, 15, 20 },
	  { 1, 1, 0, 1 } },
	{ "2024年度企业上市奖励", POLICY_LISTING, { 0, 10, 10, 15 }, { 0, 0, 0, 0 } },
	{ "2024年度专精特新企业奖励", POLICY_SPECIALISED, { 0, 5, 10, 15 }, { 1, 1, 1, 1 } },
};

/* Firms that apply without a project (上市, 专精特新). */
static const char *const firms[] = {
	"无锡芯动半导体科技股份有限公司", "无锡华辰精密机械有限公司", "无锡新吴光电材料有限公司",
	"无锡锡创生物医药股份有限公司", "无锡朗晨智能装备有限公司", "无锡澄源新能源科技有限公司",
	"无锡鸿泰汽车零部件有限公司", "无锡中科微感传感技术有限公司",
};

/* pol: policy index; proj: the k-th industrial project (-1: firm k2); wan: the
 * amount applied; m/d: applied on 2024-m-d; dv, dc, dp: working days to
 * 核实, 会商, the first payment after the step before (-1: not taken);
 * share: 会商's approved amount, permille of applied; part: the first
 * payment, permille of approved (1000: in full); dp2: working days to the
 * rest after the first payment (-1: not yet); rej: 1 rejected at 核实, 2 at
 * 会商 (the step's delay is the rejection's). */
static const struct row {
	int pol, proj, firm, wan, m, d, dv, dc, dp, share, part, dp2, rej;
} rows[] = {
	{ 0, 0, 0, 500, 1, 15, 8, 12, 15, 1000, 1000, -1, 0 },
	{ 0, 1, 0, 300, 1, 22, 6, 10, 18, 800, 1000, -1, 0 },
	{ 2, -1, 1, 50, 1, 29, 4, 9, 12, 1000, 1000, -1, 0 },
	{ 0, 2, 0, 800, 2, 5, 9, 14, 16, 750, 600, 12, 0 },
	{ 1, -1, 0, 300, 2, 26, 7, 8, 10, 1000, 1000, -1, 0 },
	{ 0, 3, 0, 200, 3, 4, 12, 15, 19, 1000, 1000, -1, 0 },   /* 核实 2 days late */
	{ 2, -1, 2, 30, 3, 11, 3, 6, -1, 1000, 0, -1, 2 },       /* rejected at 会商 */
	{ 0, 4, 0, 650, 3, 18, 10, 20, 20, 900, 1000, -1, 0 },   /* 会商 5 days late */
	{ 0, 5, 0, 120, 4, 8, 5, -1, -1, 0, 0, -1, 1 },          /* rejected at 核实 */
	{ 2, -1, 3, 50, 4, 15, 5, 10, 14, 1000, 1000, -1, 0 },
	{ 0, 6, 0, 1000, 4, 22, 9, 13, 25, 700, 500, 15, 0 },    /* 拨付 5 days late */
	{ 1, -1, 4, 200, 5, 13, 9, 10, 12, 1000, 1000, -1, 0 },
	{ 0, 7, 0, 350, 5, 20, 8, 11, 17, 1000, 1000, -1, 0 },
	{ 2, -1, 5, 30, 6, 3, 4, 8, 15, 1000, 1000, -1, 0 },
	{ 0, 8, 0, 420, 6, 17, 10, 15, 20, 850, 1000, -1, 0 },
	{ 0, 9, 0, 260, 7, 1, 7, 12, 14, 1000, 400, 20, 0 },
	{ 2, -1, 6, 50, 7, 15, 6, 10, 13, 1000, 1000, -1, 0 },   /* 核实 1 day late */
	{ 0, 10, 0, 580, 8, 5, 9, 16, 18, 800, 1000, -1, 0 },    /* 会商 1 day late */
	{ 1, -1, 7, 500, 8, 19, 8, 10, 11, 1000, 1000, -1, 0 },
	{ 0, 11, 0, 150, 9, 2, 9, 12, -1, 1000, 0, -1, 0 },      /* 拨付 stuck */
	{ 0, 12, 0, 900, 9, 9, 10, 14, 12, 600, 500, -1, 0 },    /* half paid, rest stuck */
	{ 2, -1, 0, 30, 9, 23, 5, 9, 10, 1000, 1000, -1, 0 },
	{ 0, 13, 0, 330, 10, 14, 8, 13, 15, 1000, 1000, -1, 0 },
	{ 0, 14, 0, 480, 10, 28, 9, 14, -1, 900, 0, -1, 0 },     /* 拨付 waiting */
	{ 1, -1, 1, 300, 11, 4, 7, -1, -1, 0, 0, -1, 0 },        /* 会商 stuck */
	{ 0, 15, 0, 270, 11, 11, 8, 12, -1, 1000, 0, -1, 0 },    /* 拨付 waiting */
	{ 2, -1, 2, 50, 11, 25, 4, -1, -1, 0, 0, -1, 0 },        /* 会商 waiting */
	{ 0, 16, 0, 600, 12, 2, -1, -1, -1, 0, 0, -1, 0 },       /* 核实 stuck */
	{ 0, 17, 0, 380, 12, 16, 5, -1, -1, 0, 0, -1, 0 },       /* 会商 waiting */
	{ 2, -1, 4, 30, 12, 23, -1, -1, -1, 0, 0, -1, 0 },       /* 核实 waiting */
};

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* A USCC for firm k, its check character by GB 32100. */
static char *firm_uscc(size_t k)
{
	char s[19] = "91320214MA1W00000";
	int sum = 0, w = 1, i, c;

	s[13] = alphabet[10 + k % 20];
	s[16] = alphabet[(k * 7) % 31];
	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(alphabet, s[i]) - alphabet) * w;
		w = w * 3 % 31;
	}
	c = 31 - sum % 31;
	s[17] = alphabet[c == 31 ? 0 : c];
	s[18] = '\0';
	return xstrdup(s);
}

/* The generator id of the k-th industrial project of d, or 0. */
static int64_t industrial_project(const struct demo_data *d, int k)
{
	size_t i;

	for (i = 0; i < d->n_projects; i++)
		if (d->projects[i].industrial && d->projects[i].company && k-- == 0)
			return d->projects[i].id;
	return 0;
}

/* The application of row r, cut at asof. */
static void make(const struct demo_data *d, const struct workcal *cal, const struct row *r,
		 bl_day asof, struct application *a)
{
	int64_t pid = r->proj >= 0 ? industrial_project(d, r->proj) : 0;
	bl_day on;

	application_init(a);
	a->policy_id = r->pol + 1;
	a->project_id = pid;
	a->company = xstrdup(pid ? d->projects[pid - 1].company : firms[r->firm]);
	a->uscc = pid && d->projects[pid - 1].uscc ? xstrdup(d->projects[pid - 1].uscc)
						 : firm_uscc((size_t)(r - rows));
	a->amount = (int64_t)r->wan * WAN;
	a->applied_on = day_from_ymd(DEMO_YEAR, r->m, r->d);
	if (r->dv < 0 || (on = workcal_add(cal, a->applied_on, r->dv)) > asof)
		return;
	if (r->rej == 1) {
		a->rejected_on = on;
		a->reason = xstrdup("项目未达到申报条件（固定资产投资额低于政策门槛）");
		a->status = FST_REJECTED;
		return;
	}
	a->verified_on = on;
	a->status = FST_VERIFIED;
	if (r->dc < 0 || (on = workcal_add(cal, on, r->dc)) > asof)
		return;
	if (r->rej == 2) {
		a->rejected_on = on;
		a->reason = xstrdup("经会商，企业已享受同类政策，不予重复支持");
		a->status = FST_REJECTED;
		return;
	}
	a->consulted_on = on;
	a->approved = a->amount / 1000 * r->share;
	a->status = FST_CONSULTED;
	if (r->dp < 0 || (on = workcal_add(cal, on, r->dp)) > asof)
		return;
	application_add_payment(a, on, a->approved / 1000 * r->part);
	a->status = r->part == 1000 ? FST_PAID : FST_PAYING;
	if (r->part == 1000 || r->dp2 < 0 || (on = workcal_add(cal, on, r->dp2)) > asof)
		return;
	application_add_payment(a, on, a->approved - a->payments[0].yuan);
	a->status = FST_PAID;
}

void demo_funds_generate(const struct demo_data *d, bl_day asof, struct demo_funds *out)
{
	struct workcal cal;
	size_t i, n23;
	int s;

	memset(out, 0, sizeof(*out));
	n23 = workcal_official(2023, out->days, WORKCAL_OFFICIAL_MAX);
	out->n_days = n23 + workcal_official(2024, out->days + n23, WORKCAL_OFFICIAL_MAX);
	cal.days = out->days;
	cal.n = out->n_days;
	for (i = 0; i < 3; i++) {
		struct policy *p = &out->policies[i];

		policy_init(p);
		p->name = xstrdup(policies[i].name);
		p->kind = policies[i].kind;
		p->year = DEMO_YEAR;
		for (s = 0; s < FS__MAX; s++) {
			p->limit[s] = policies[i].limit[s];
			p->owner[s] = DEPT_ID(policies[i].owner[s]);
		}
	}
	out->apps = xcalloc(sizeof(rows) / sizeof(rows[0]), sizeof(*out->apps));
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (day_from_ymd(DEMO_YEAR, rows[i].m, rows[i].d) > asof)
			continue;
		make(d, &cal, &rows[i], asof, &out->apps[out->n++].a);
	}
}

void demo_funds_release(struct demo_funds *f)
{
	size_t i;

	for (i = 0; i < 3; i++)
		policy_release(&f->policies[i]);
	for (i = 0; i < f->n; i++)
		application_release(&f->apps[i].a);
	free(f->apps);
	memset(f, 0, sizeof(*f));
}
