/* funds.c — policies and fund applications (funds.h): their vocabularies,
 * their checks, an application's state on a day, the pending step's clock in
 * working days and the step a caller makes (DOMAIN.md §6, §7). */
#include "core/funds.h"

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/items.h"
#include "core/model.h"
#include "core/workflow.h"
#include "util/xalloc.h"

const char *const policy_kind_keys[POLICY_KIND__MAX] = {
	"major_industrial", "listing", "specialised", "other",
};
const char *const policy_kind_labels[POLICY_KIND__MAX] = {
	"重大产业项目扶持专项资金", "上市奖励", "专精特新", "其他",
};
const char *const fund_step_keys[FS__MAX] = { "apply", "verify", "consult", "pay" };
const char *const fund_step_labels[FS__MAX] = { "申领", "核实", "会商", "拨付" };
const char *const fund_status_keys[FST__MAX] = {
	"applied", "verified", "consulted", "paying", "paid", "rejected",
};
const char *const fund_status_labels[FST__MAX] = {
	"已申领", "已核实", "已会商", "部分拨付", "已拨付", "不予支持",
};

int fund_status_step(enum fund_status s)
{
	switch (s) {
	case FST_APPLIED:
		return FS_VERIFY;
	case FST_VERIFIED:
		return FS_CONSULT;
	case FST_CONSULTED:
	case FST_PAYING:
		return FS_PAY;
	default:
		return -1;
	}
}

void policy_init(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = POLICY_OTHER;
}

void policy_release(struct policy *p)
{
	free(p->name);
	policy_init(p);
}

const char *policy_problem(const struct policy *p, const char **field)
{
	const char *why = item_text_problem(p->name, FUND_NAME_MAX, 1);
	int s;

	*field = "name";
	if (why)
		return why;
	*field = "kind";
	if ((unsigned)p->kind >= POLICY_KIND__MAX)
		return "not a policy kind";
	*field = "year";
	if (p->year < MONTH_FIRST_YEAR || p->year > MONTH_LAST_YEAR)
		return "not a year 2000-2099";
	for (s = FS_VERIFY; s < FS__MAX; s++) {
		*field = fund_step_keys[s];
		if (p->limit[s] < 1 || p->limit[s] > FUND_LIMIT_MAX)
			return "time limit not 1-250 working days";
	}
	for (s = FS_APPLY; s < FS__MAX; s++) {
		*field = fund_step_keys[s];
		if (p->owner[s] <= 0)
			return "no owner unit";
	}
	*field = NULL;
	return NULL;
}

void application_init(struct application *a)
{
	memset(a, 0, sizeof(*a));
	a->applied_on = a->verified_on = a->consulted_on = a->rejected_on = DAY_NONE;
	a->status = FST_APPLIED;
}

void application_release(struct application *a)
{
	free(a->company);
	free(a->uscc);
	free(a->reason);
	free(a->payments);
	application_init(a);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void application_copy(struct application *dst, const struct application *src)
{
	*dst = *src;
	dst->company = dup_or_null(src->company);
	dst->uscc = dup_or_null(src->uscc);
	dst->reason = dup_or_null(src->reason);
	dst->payments = NULL;
	if (src->n_payments) {
		dst->payments = xmalloc(src->n_payments * sizeof(*dst->payments));
		memcpy(dst->payments, src->payments, src->n_payments * sizeof(*dst->payments));
	}
}

void application_add_payment(struct application *a, bl_day on, int64_t yuan)
{
	a->payments = xrealloc(a->payments, (a->n_payments + 1) * sizeof(*a->payments));
	a->payments[a->n_payments++] = (struct fund_payment){ on, yuan };
}

/* The dates must not go backwards along the steps. */
static const char *dates_problem(const struct application *a, const char **field)
{
	const bl_day steps[3] = { a->applied_on, a->verified_on, a->consulted_on };
	static const char *const names[3] = { "applied_on", "verified_on", "consulted_on" };
	bl_day last = a->applied_on;
	int i, gap = 0;

	*field = "applied_on";
	if (a->applied_on == DAY_NONE)
		return "missing";
	for (i = 1; i < 3; i++) {
		*field = names[i];
		if (steps[i] == DAY_NONE) {
			gap = 1;
			continue;
		}
		if (gap)
			return "a step's date without the date of the step before";
		if (steps[i] < last)
			return "before the step before";
		last = steps[i];
	}
	*field = "rejected_on";
	if (a->rejected_on != DAY_NONE && a->rejected_on < last)
		return "before the step before";
	return NULL;
}

/* The payments: after 会商, in order, each > 0, their sum within approved. */
static const char *payments_problem(const struct application *a, const char **field)
{
	int64_t sum = 0;
	size_t i;

	*field = "paid";
	if (a->n_payments && a->consulted_on == DAY_NONE)
		return "paid before 会商 (consulted)";
	if (a->n_payments && a->rejected_on != DAY_NONE)
		return "rejected after a payment";
	for (i = 0; i < a->n_payments; i++) {
		if (a->payments[i].yuan <= 0 || amount_problem(a->payments[i].yuan))
			return "a payment must be more than 0";
		if (a->payments[i].on < (i ? a->payments[i - 1].on : a->consulted_on)) {
			*field = "paid_on";
			return "before 会商 or the payment before";
		}
		if (amount_add(&sum, a->payments[i].yuan) || sum > a->approved)
			return "more than the amount approved";
	}
	return NULL;
}

const char *application_problem(const struct application *a, const char **field)
{
	const char *why = item_text_problem(a->company, FUND_NAME_MAX, 1), *u;

	*field = "company";
	if (why)
		return why;
	*field = "uscc";
	u = uscc_problem(a->uscc ? a->uscc : "");
	if (u && strncmp(u, "wrong check character", 21))
		return u;
	*field = "amount";
	if (a->amount <= 0 || amount_problem(a->amount))
		return "must be more than 0";
	why = dates_problem(a, field);
	if (why)
		return why;
	*field = "approved";
	if (a->consulted_on != DAY_NONE && (a->approved <= 0 || a->approved > a->amount))
		return "the amount approved must be 1 yuan to the amount applied";
	if (a->consulted_on == DAY_NONE && a->approved)
		return "an amount approved without 会商 (consulted)";
	*field = "reason";
	if (a->rejected_on != DAY_NONE && !workflow_reason_ok(a->reason))
		return "a rejection needs a reason of 1-2000 characters";
	return payments_problem(a, field);
}

int application_at(const struct application *a, bl_day d, struct fund_state *out)
{
	struct fund_state s = { FST_APPLIED, 0, FS_VERIFY, a->applied_on };
	size_t i;

	if (a->applied_on == DAY_NONE || a->applied_on > d)
		return 0;
	for (i = 0; i < a->n_payments && a->payments[i].on <= d; i++)
		amount_add(&s.paid, a->payments[i].yuan);
	if (a->verified_on <= d) {
		s.status = FST_VERIFIED;
		s.pending = FS_CONSULT;
		s.since = a->verified_on;
	}
	if (a->consulted_on <= d) {
		s.status = s.paid ? FST_PAYING : FST_CONSULTED;
		s.pending = FS_PAY;
		s.since = a->consulted_on;
		if (s.paid >= a->approved) {
			s.status = FST_PAID;
			s.pending = -1;
		}
	}
	if (a->rejected_on <= d) {
		s.status = FST_REJECTED;
		s.pending = -1;
	}
	*out = s;
	return 1;
}

enum fund_status application_status(const struct application *a)
{
	struct fund_state s;

	/* The last day ballast knows: after every step. */
	if (!application_at(a, day_from_ymd(2999, 12, 31), &s))
		return FST_APPLIED;
	return s.status;
}

int application_clock(const struct application *a, const struct policy *p,
		      const struct workcal *cal, bl_day d, struct fund_clock *clock)
{
	struct fund_state s;

	memset(clock, 0, sizeof(*clock));
	clock->step = -1;
	clock->since = clock->due = DAY_NONE;
	if (!application_at(a, d, &s))
		return -1;
	if (s.pending < 0)
		return 0;
	clock->step = s.pending;
	clock->since = s.since;
	clock->limit = p->limit[s.pending];
	clock->owner = p->owner[s.pending];
	clock->due = workcal_add(cal, s.since, clock->limit);
	clock->used = workcal_between(cal, s.since, d);
	clock->late = clock->used > clock->limit ? clock->used - clock->limit : 0;
	return clock->late > 0;
}

/* The day of the last thing done to a. */
static bl_day last_day(const struct application *a)
{
	bl_day last = a->applied_on;

	if (a->verified_on != DAY_NONE)
		last = a->verified_on;
	if (a->consulted_on != DAY_NONE)
		last = a->consulted_on;
	if (a->n_payments)
		last = a->payments[a->n_payments - 1].on;
	return last;
}

static int64_t paid_total(const struct application *a)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < a->n_payments; i++)
		amount_add(&sum, a->payments[i].yuan);
	return sum;
}

/* The checks of each step's change; NULL when it may be made. */
static const char *change_problem(const struct application *a, int act,
				  const struct fund_change *c, const char **field)
{
	*field = "on";
	if (c->on == DAY_NONE)
		return "missing";
	if (c->on < last_day(a))
		return "before the step before";
	*field = "amount";
	if (act == WA_CONSULT && (c->yuan <= 0 || c->yuan > a->amount))
		return "the amount approved must be 1 yuan to the amount applied";
	if (act == WA_PAY && c->yuan <= 0)
		return "a payment must be more than 0";
	if (act == WA_PAY && c->yuan > a->approved - paid_total(a))
		return "more than the amount approved still unpaid";
	*field = "reason";
	if (act == WA_REJECT && !workflow_reason_ok(c->reason))
		return "a rejection needs a reason of 1-2000 characters";
	*field = "action";
	if (act != WA_VERIFY && act != WA_CONSULT && act != WA_PAY && act != WA_REJECT)
		return "not a step of an application";
	*field = NULL;
	return NULL;
}

const char *application_next(const struct application *a, int act, const struct fund_change *c,
			     struct application *next, const char **field)
{
	const char *why = change_problem(a, act, c, field);

	if (why)
		return why;
	application_copy(next, a);
	if (act == WA_VERIFY) {
		next->verified_on = c->on;
		next->status = FST_VERIFIED;
	} else if (act == WA_CONSULT) {
		next->consulted_on = c->on;
		next->approved = c->yuan;
		next->status = FST_CONSULTED;
	} else if (act == WA_PAY) {
		application_add_payment(next, c->on, c->yuan);
		next->status = paid_total(next) == next->approved ? FST_PAID : FST_PAYING;
	} else {
		next->rejected_on = c->on;
		free(next->reason);
		next->reason = xstrdup(c->reason);
		next->status = FST_REJECTED;
	}
	return NULL;
}

static int from_text(const char *s, const char *const *keys, const char *const *labels, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, keys[i]) || !strcmp(s, labels[i]))
			return i;
	return -1;
}

int policy_kind_from_text(const char *s)
{
	return from_text(s, policy_kind_keys, policy_kind_labels, POLICY_KIND__MAX);
}

int fund_step_from_text(const char *s)
{
	return from_text(s, fund_step_keys, fund_step_labels, FS__MAX);
}

int fund_status_from_text(const char *s)
{
	return from_text(s, fund_status_keys, fund_status_labels, FST__MAX);
}
