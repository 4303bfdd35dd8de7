/* changes.c — the rules of the issued plan and its change requests
 * (DOMAIN.md §3): which fields a request carries, their values before and
 * after, what a direct edit may still do once its year is issued. */
#include "core/changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"

const char *const change_field_keys[CF__MAX] = {
	"planned_start", "planned_completion", "planned_production",
	"tiers", "annual_plan_yuan", "month_plan_yuan",
	"signed_on", "filed_on", "started_on", "completed_on", "production_on", "capacity_on",
	"land_on", "permit_on",
};
const char *const change_field_labels[CF__MAX] = {
	"计划开工", "计划竣工", "计划投产",
	"层级", "年度计划投资", "分月计划",
	"签约日期", "备案日期", "开工日期", "竣工日期", "投产日期", "达产日期",
	"拿地日期", "施工许可日期",
};
const char *const change_kind_keys[CK__MAX] = { "plan", "actual" };
const char *const change_kind_labels[CK__MAX] = { "计划变更", "实际日期确认" };
const char *const change_status_keys[CR_STATUS__MAX] = {
	"pending", "approved", "rejected", "withdrawn",
};
const char *const change_status_labels[CR_STATUS__MAX] = {
	"待审核", "已批准", "已驳回", "已撤回",
};

int change_field_from_key(const char *s)
{
	int f;

	for (f = 0; f < CF__MAX; f++)
		if (!strcmp(s, change_field_keys[f]))
			return f;
	return -1;
}

int change_status_from_key(const char *s)
{
	int k;

	for (k = 0; k < CR_STATUS__MAX; k++)
		if (!strcmp(s, change_status_keys[k]))
			return k;
	return -1;
}

int change_kind_of(unsigned fields)
{
	if (!fields || (fields & ~(CF_PLAN | CF_ACTUAL)))
		return -1;
	if (!(fields & CF_ACTUAL))
		return CK_PLAN;
	if (!(fields & CF_PLAN))
		return CK_ACTUAL;
	return -1;
}

int change_workflow(enum change_kind k)
{
	return k == CK_ACTUAL ? WF_ACTUAL : WF_CHANGE;
}

void change_values_init(struct change_values *v)
{
	int f;

	memset(v, 0, sizeof(*v));
	for (f = 0; f < CF__MAX; f++)
		v->day[f] = DAY_NONE;
	v->annual_plan = AMOUNT_NONE;
}

/* The project's date of a date field. */
static bl_day *project_day(struct project *p, enum change_field f)
{
	switch (f) {
	case CF_PLANNED_START: return &p->planned_start;
	case CF_PLANNED_COMPLETION: return &p->planned_completion;
	case CF_PLANNED_PRODUCTION: return &p->planned_production;
	case CF_LAND_ON: return &p->land_on;
	case CF_PERMIT_ON: return &p->permit_on;
	default:
		if (f >= CF_SIGNED_ON && f <= CF_CAPACITY_ON)
			return &p->stage_on[f - CF_SIGNED_ON];
		return NULL;
	}
}

void change_values_of(const struct project *p, const struct listing *l,
		      struct change_values *out)
{
	int f;

	change_values_init(out);
	for (f = 0; f < CF__MAX; f++)
		if (CF_DATES & CF_BIT(f))
			out->day[f] = *project_day((struct project *)p, (enum change_field)f);
	if (!l)
		return;
	out->tiers = l->tiers;
	out->annual_plan = l->annual_plan;
	out->has_month_plan = l->has_month_plan;
	memcpy(out->month_plan, l->month_plan, sizeof(out->month_plan)); /* read when has_month_plan */
}

unsigned change_values_diff(const struct change_values *a, const struct change_values *b)
{
	unsigned d = 0;
	int f;

	for (f = 0; f < CF__MAX; f++)
		if ((CF_DATES & CF_BIT(f)) && a->day[f] != b->day[f])
			d |= CF_BIT(f);
	if (a->tiers != b->tiers)
		d |= CF_BIT(CF_TIERS);
	if (a->annual_plan != b->annual_plan)
		d |= CF_BIT(CF_ANNUAL_PLAN);
	if (a->has_month_plan != b->has_month_plan ||
	    (a->has_month_plan && memcmp(a->month_plan, b->month_plan, sizeof(a->month_plan))))
		d |= CF_BIT(CF_MONTH_PLAN);
	return d;
}

void change_request_init(struct change_request *cr)
{
	memset(cr, 0, sizeof(*cr));
	change_values_init(&cr->from);
	change_values_init(&cr->to);
}

void change_request_release(struct change_request *cr)
{
	free(cr->ref);
	free(cr->project_name);
	free(cr->reason);
	free(cr->proposed_by);
	free(cr->proposed_at);
	free(cr->decided_by);
	free(cr->decided_at);
	free(cr->decision_reason);
	change_request_init(cr);
}

void change_values_put(const struct change_values *v, unsigned fields, struct project *p,
		       struct listing *l)
{
	int f;

	for (f = 0; f < CF__MAX; f++)
		if ((fields & CF_DATES & CF_BIT(f)))
			*project_day(p, (enum change_field)f) = v->day[f];
	if (!l)
		return;
	if (fields & CF_BIT(CF_TIERS))
		l->tiers = v->tiers;
	if (fields & CF_BIT(CF_ANNUAL_PLAN))
		l->annual_plan = v->annual_plan;
	if (fields & CF_BIT(CF_MONTH_PLAN)) {
		l->has_month_plan = v->has_month_plan;
		memcpy(l->month_plan, v->month_plan, sizeof(l->month_plan));
	}
}

void change_apply(const struct change_request *cr, struct project *p, struct listing *l)
{
	change_values_put(&cr->to, cr->fields, p, l);
}

const char *change_problem(const struct project *p, const struct listing *l, unsigned fields,
			   const char **zh, const char **field)
{
	enum stage bad;
	int64_t sum = 0;
	int m;

	*zh = NULL;
	*field = NULL;
	if ((fields & CF_DATES) && !project_stages_ordered(p, &bad)) {
		*field = change_field_keys[CF_SIGNED_ON + bad];
		*zh = "阶段日期不能倒序（如开工日期晚于竣工日期）";
		return "this stage's date is later than a later stage's: stage dates never go "
		       "backwards";
	}
	if (!(fields & CF_PLAN_LISTING) || !l)
		return NULL;
	if (!l->tiers) {
		*field = change_field_keys[CF_TIERS];
		*zh = "列入年度清单须至少有一个层级（省、市、区）";
		return "a listing needs at least one tier (province, city, district)";
	}
	if (!l->has_month_plan)
		return NULL;
	for (m = 0; m < 12; m++)
		amount_add(&sum, l->month_plan[m]); /* each ≤ AMOUNT_MAX: cannot overflow */
	if (sum != l->annual_plan) {
		*field = change_field_keys[CF_MONTH_PLAN];
		*zh = "分月计划之和须等于年度计划";
		return "the month-by-month plan must add up to the annual plan";
	}
	return NULL;
}

void plan_edit_check(enum role role, int locked, const struct project *old,
		     const struct project *edited, struct plan_edit *out)
{
	const struct workflow_def *d = workflow_def(WF_ACTUAL);
	struct change_values a, b;
	unsigned diff;

	memset(out, 0, sizeof(*out));
	if (!locked)
		return;
	change_values_of(old, NULL, &a);
	change_values_of(edited, NULL, &b);
	diff = change_values_diff(&a, &b) & CF_DATES;
	out->refused = diff & CF_PLAN_PROJECT;
	if ((unsigned)role < ROLE__MAX && (d->office_roles & (1u << role)))
		return; /* the office's actual dates apply at once */
	out->pending = diff & CF_ACTUAL;
}

unsigned listing_plan_diff(const struct listing *old, const struct listing *edited)
{
	struct change_values a, b;

	change_values_init(&a);
	if (old) {
		a.tiers = old->tiers;
		a.annual_plan = old->annual_plan;
		a.has_month_plan = old->has_month_plan;
		memcpy(a.month_plan, old->month_plan, sizeof(a.month_plan));
	}
	change_values_init(&b);
	b.tiers = edited->tiers;
	b.annual_plan = edited->annual_plan;
	b.has_month_plan = edited->has_month_plan;
	memcpy(b.month_plan, edited->month_plan, sizeof(b.month_plan));
	return change_values_diff(&a, &b) & CF_PLAN_LISTING;
}

void change_fields_text(unsigned fields, int labels, char *out, size_t size)
{
	size_t len = 0;
	int f, n;

	if (!size)
		return;
	out[0] = '\0';
	for (f = 0; f < CF__MAX; f++) {
		if (!(fields & CF_BIT(f)))
			continue;
		n = snprintf(out + len, size - len, "%s%s", len ? (labels ? "、" : ", ") : "",
			     labels ? change_field_labels[f] : change_field_keys[f]);
		/* too long (or an error, which is negative: huge as a size) */
		if ((size_t)n >= size - len) {
			out[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}
