/* warnings.c — the DOMAIN.md §6 rules over projects, listings and reports
 * (their thresholds as text settings, "warn.*": warnings_load.c). Money stays
 * integer yuan; percentages are integer tenths, for the sentence only. */
#include "core/warnings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/funds_view.h"
#include "core/guarantees.h"
#include "core/items.h"
#include "core/measures.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *const warning_rule_keys[WR__MAX] = {
	"start_overdue", "filed_not_started", "investment_lag", "completion_overdue",
	"report_missing", "item_overdue", "fund_overdue", "element_wait",
};
const char *const warning_rule_labels[WR__MAX] = {
	"逾期未开工", "备案未开工", "投资滞后", "逾期未竣工", "月报缺报", "督办事项逾期",
	"超期未兑现", "要素保障等待",
};
const char *const light_keys[LIGHT__MAX] = { "green", "yellow", "red" };
const char *const light_labels[LIGHT__MAX] = { "绿", "黄", "红" };
const char *const lag_form_keys[LAG_FORM__MAX] = { "ratio", "points" };

void warning_settings_defaults(struct warning_settings *ws)
{
	*ws = (struct warning_settings){
		.start_overdue_yellow_days = 0,
		.start_overdue_red_days = 30,
		.filed_not_started_yellow_days = 90,
		.filed_not_started_red_days = 180,
		.lag_form = LAG_RATIO,
		.lag_yellow_pct = 80,
		.lag_red_pct = 50,
		.lag_yellow_points = 10,
		.lag_red_points = 30,
		.completion_overdue_yellow_days = 0,
		.completion_overdue_red_days = 60,
		.report_due_day = 10,
		.element_wait_days = GUARANTEE_WAIT_DAYS_DEFAULT,
	};
}

/* ---- the rules ---- */

/* A project's overdue supervision items at asof: how many, and the one
 * past its deadline longest. */
struct overdue_items {
	size_t n;
	const struct item_track *worst;
	struct item_state s;
};

/* What the rules of one project read. */
struct facts {
	const struct project *p;
	const struct listing *l;
	const struct year_reports *r;
	int year;
	bl_day asof;
	bl_day reached[STAGE__MAX]; /* project_reached() of each stage */
	bl_day started;  /* reached[STAGE_STARTED], DAY_NONE when not at all */
	const struct overdue_items *items;
	const struct fund_book *funds; /* the dataset's, or NULL */
	const struct guarantee_line **waits; /* per project index, or NULL (h-wait) */
	const struct guarantee_line *wait;   /* this project's line, or NULL */
	/* Of the period, the same for every project (facts_period): */
	int n_months;    /* pace_months(year, asof) */
	bl_month owed;   /* the month whose report is owed by asof (月报缺报) */
};

/* A rule's reason: the Chinese sentence, and its code and figures. */
struct why {
	struct buf text;
	const char *code;
	struct warning_param params[WARNING_PARAMS_MAX];
	size_t n;
};

/* Cut s back to whole UTF-8 characters (a text cut to fit ends in one). */
static void utf8_whole(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (!i)
		return;
	c = (unsigned char)s[i - 1];
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (i - 1 + need > n)
		s[i - 1] = '\0';
}

static void why_param(struct why *why, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void why_param(struct why *why, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (why->n >= WARNING_PARAMS_MAX)
		return;
	why->params[why->n].name = name;
	va_start(ap, fmt);
	vsnprintf(why->params[why->n].value, sizeof(why->params[0].value), fmt, ap);
	va_end(ap);
	utf8_whole(why->params[why->n].value);
	why->n++;
}

static void add(struct warning_list *wl, size_t project, enum warning_rule rule,
		enum light level, struct why *why)
{
	struct warning *w;

	XGROW(wl->items, wl->alloc, wl->n + 1);
	w = &wl->items[wl->n++];
	w->project = project;
	w->rule = rule;
	w->level = level;
	w->reason = buf_detach(&why->text, NULL);
	w->code = why->code;
	memcpy(w->params, why->params, sizeof(w->params));
	w->n_params = why->n;
	if (level > wl->lights[project])
		wl->lights[project] = level;
}

/* The level for being `late` days late with thresholds yellow/red (late >
 * yellow → yellow, late > red → red), LIGHT_GREEN when neither. */
static enum light level_for(int64_t late, int yellow, int red)
{
	if (late > red)
		return LIGHT_RED;
	if (late > yellow)
		return LIGHT_YELLOW;
	return LIGHT_GREEN;
}

/* DOMAIN.md §6 逾期未开工: planned start passed and not started by asof. */
static enum light rule_start_overdue(const struct facts *f, const struct warning_settings *ws,
				     struct why *why)
{
	char day[11];
	int64_t late;
	enum light lv;

	if (f->p->planned_start == DAY_NONE || f->started <= f->asof)
		return LIGHT_GREEN;
	late = (int64_t)f->asof - f->p->planned_start;
	lv = level_for(late, ws->start_overdue_yellow_days, ws->start_overdue_red_days);
	if (lv != LIGHT_GREEN && why) {
		buf_addf(&why->text, "计划%s开工，已逾期%lld天未开工", day_format(f->p->planned_start, day),
			 (long long)late);
		why_param(why, "planned", "%s", day);
		why_param(why, "days", "%lld", (long long)late);
	}
	return lv;
}

/* DOMAIN.md §6 备案未开工: filed by asof, more than N days ago, not started. */
static enum light rule_filed_not_started(const struct facts *f,
					 const struct warning_settings *ws, struct why *why)
{
	bl_day filed = f->reached[STAGE_FILED];
	char day[11];
	int64_t days;
	enum light lv;

	if (filed > f->asof || f->started <= f->asof)
		return LIGHT_GREEN;
	days = (int64_t)f->asof - filed;
	lv = level_for(days, ws->filed_not_started_yellow_days, ws->filed_not_started_red_days);
	if (lv != LIGHT_GREEN && why) {
		buf_addf(&why->text, "%s备案，已%lld天未开工", day_format(filed, day), (long long)days);
		why_param(why, "filed", "%s", day);
		why_param(why, "days", "%lld", (long long)days);
	}
	return lv;
}

/* DOMAIN.md §6 逾期未竣工: planned completion passed and not completed. */
static enum light rule_completion_overdue(const struct facts *f,
					  const struct warning_settings *ws, struct why *why)
{
	char day[11];
	int64_t late;
	enum light lv;

	if (f->p->planned_completion == DAY_NONE ||
	    f->reached[STAGE_COMPLETED] <= f->asof)
		return LIGHT_GREEN;
	late = (int64_t)f->asof - f->p->planned_completion;
	lv = level_for(late, ws->completion_overdue_yellow_days, ws->completion_overdue_red_days);
	if (lv != LIGHT_GREEN && why) {
		buf_addf(&why->text, "计划%s竣工，已逾期%lld天未竣工",
			 day_format(f->p->planned_completion, day), (long long)late);
		why_param(why, "planned", "%s", day);
		why_param(why, "days", "%lld", (long long)late);
	}
	return lv;
}

/* Integer tenths of a × 100 / b, rounded, as "61.7" into out. */
static char *tenths_pct(int64_t a, int64_t b, char *out, size_t cap)
{
	struct ratio r = { a, b };

	ratio_format_pct(r, out, cap);
	out[strcspn(out, "%")] = '\0';
	return out;
}

/* 投资滞后, ratio form: "截至6月完成投资…万元，序时计划…万元，完成…%，低于80%". */
static void lag_ratio_why(struct why *why, int n, int64_t inv, int64_t ptd, int pct)
{
	char a[32], b[32], c[32];

	buf_addf(&why->text, "截至%d月完成投资%s万元，序时计划%s万元，完成%s%%，低于%d%%", n,
		 money_format_wan(inv, a, sizeof(a)), money_format_wan(ptd, b, sizeof(b)),
		 tenths_pct(inv, ptd, c, sizeof(c)), pct);
	why->code = "investment_lag_ratio";
	why_param(why, "months", "%d", n);
	why_param(why, "invest", "%s", a);
	why_param(why, "plan", "%s", b);
	why_param(why, "pct", "%s", c);
	why_param(why, "threshold", "%d", pct);
}

/* 投资滞后, points form: completion of the annual plan against pace. */
static void lag_points_why(struct why *why, int n, int64_t inv, int64_t ptd, int64_t annual,
			   int64_t gap)
{
	char a[32], b[32], c[32], d[32], e[32];

	buf_addf(&why->text, "截至%d月完成投资%s万元，占年度计划%s万元的%s%%，序时进度%s%%，"
		 "低于序时%s个百分点", n, money_format_wan(inv, a, sizeof(a)),
		 money_format_wan(annual, b, sizeof(b)), tenths_pct(inv, annual, c, sizeof(c)),
		 tenths_pct(ptd, annual, d, sizeof(d)), tenths_pct(gap, annual, e, sizeof(e)));
	why->code = "investment_lag_points";
	why_param(why, "months", "%d", n);
	why_param(why, "invest", "%s", a);
	why_param(why, "annual", "%s", b);
	why_param(why, "pct", "%s", c);
	why_param(why, "pace", "%s", d);
	why_param(why, "points", "%s", e);
}

/* The investment-lag rule (DOMAIN.md §6 投资滞后), decisions:
 * - it applies to projects started by asof whose plan-to-date is > 0;
 * - plan-to-date (序时计划) = the month-by-month plan summed through
 *   month(asof) when the listing has one, else annual plan × month(asof) / 12
 *   in integer yuan (rounded down);
 * - invest-to-date = the reports of months 1 … month(asof) of the year;
 * - ratio form: yellow when invest < yellow_pct % of plan-to-date, red when
 *   < red_pct %; points form: completion (invest ÷ annual plan) lies more than
 *   yellow_points / red_points percentage points below pace (plan-to-date ÷
 *   annual plan), i.e. (plan-to-date − invest) × 100 > points × annual. */
static enum light rule_investment_lag(const struct facts *f,
				      const struct warning_settings *ws, struct why *why)
{
	int64_t ptd, inv = 0, gap, annual = f->l->annual_plan;
	int n = f->n_months;
	enum light lv = LIGHT_GREEN;
	int k;

	if (f->started > f->asof)
		return LIGHT_GREEN;
	/* the month-by-month plan's sum stands for an absent annual plan (the
	 * points form divides by it); a plan to date of 0 (before the year, or
	 * nothing planned yet) gives no lag in either form: no investment is
	 * below 0 % of it, nor below a pace of 0 */
	if (f->l->has_month_plan && annual == AMOUNT_NONE)
		annual = listing_plan_through(f->l, 12);
	ptd = listing_plan_through(f->l, n);
	for (k = 0; k < n; k++)
		amount_add(&inv, f->r->invest[k]);
	gap = ptd; /* ptd − inv, checked (inv ≥ −INT64_MAX, so −inv exists) */
	amount_add(&gap, -inv);

	if (ws->lag_form == LAG_RATIO) {
		if ((__int128)inv * 100 < (__int128)ws->lag_red_pct * ptd)
			lv = LIGHT_RED;
		else if ((__int128)inv * 100 < (__int128)ws->lag_yellow_pct * ptd)
			lv = LIGHT_YELLOW;
		if (lv != LIGHT_GREEN && why)
			lag_ratio_why(why, n, inv, ptd,
				      lv == LIGHT_RED ? ws->lag_red_pct : ws->lag_yellow_pct);
		return lv;
	}
	if (annual <= 0)
		return LIGHT_GREEN;
	if (((__int128)ptd - inv) * 100 > (__int128)ws->lag_red_points * annual)
		lv = LIGHT_RED;
	else if (((__int128)ptd - inv) * 100 > (__int128)ws->lag_yellow_points * annual)
		lv = LIGHT_YELLOW;
	if (lv != LIGHT_GREEN && why)
		lag_points_why(why, n, inv, ptd, annual, gap);
	return lv;
}

static void month_zh(bl_month mo, char *out, size_t cap)
{
	snprintf(out, cap, "%d年%d月", month_year(mo), month_of_year(mo));
}

/* The bit of month mo (of the dataset's year or the one before) in
 * year_reports' reported and uncounted; -1 for a month further back. */
static int month_bit(const struct facts *f, bl_month mo)
{
	int m = month_of_year(mo);

	if (month_year(mo) == f->year)
		return m - 1;
	if (month_year(mo) == f->year - 1)
		return 12 + m - 1;
	return -1;
}

/* 1 when the project reported month mo with a report that counts (DOMAIN.md
 * §3: a draft or a returned report is "not reported"); months further back
 * are taken as reported (not known). */
static int reported(const struct facts *f, bl_month mo)
{
	int b = month_bit(f, mo);

	return b < 0 || ((f->r->reported >> b) & 1u);
}

/* 1 when month mo has a report that does not count (draft or returned). */
static int uncounted(const struct facts *f, bl_month mo)
{
	int b = month_bit(f, mo);

	return b >= 0 && ((f->r->uncounted >> b) & 1u);
}

/* "；2024年5月月报已保存未提交或已被退回，不计入" for the months of mo[0..n) that
 * have a report that does not count, so that a section sees why a month it
 * filled is still missing. */
static void uncounted_note(const struct facts *f, const bl_month *mo, int n, struct why *why)
{
	char a[24], iso[8];
	struct buf months = BUF_INIT;
	int i, any = 0;

	for (i = 0; i < n; i++) {
		if (!uncounted(f, mo[i]))
			continue;
		month_zh(mo[i], a, sizeof(a));
		buf_addf(&why->text, "%s%s", any++ ? "、" : "；", a);
		buf_addf(&months, "%s%s", months.len ? "," : "", month_format(mo[i], iso));
	}
	if (any) {
		buf_adds(&why->text, "月报已保存未提交或已被退回，不计入");
		why_param(why, "uncounted", "%s", months.s);
	}
	buf_release(&months);
}


/* DOMAIN.md §6 月报缺报, decisions: after the due day (10th) of a month the
 * previous month's report is owed, up to it the month before that (f->owed,
 * facts_period); only
 * projects started by the end of the owed month owe it. Yellow: the owed
 * month is absent; red: the month before it is absent too, counted only when
 * the project had started by that month's end. */
static enum light rule_report_missing(const struct facts *f,
				      const struct warning_settings *ws, struct why *why)
{
	bl_month owed = f->owed, before = owed - 1;
	char a[24], b[24], day[11], iso[8];
	int two;

	(void)ws; /* its due day is in f->owed */
	if (f->started > month_last_day(owed) || reported(f, owed))
		return LIGHT_GREEN;
	two = f->started <= month_last_day(before) && !reported(f, before);
	if (!why) /* the light alone */
		return two ? LIGHT_RED : LIGHT_YELLOW;
	month_zh(owed, a, sizeof(a));
	day_format(f->asof, day);
	if (two) {
		bl_month both[2] = { before, owed };

		month_zh(before, b, sizeof(b));
		buf_addf(&why->text, "%s、%s月报均未报送（截至%s", b, a, day);
		why->code = "report_missing_two";
		why_param(why, "before", "%s", month_format(before, iso));
		why_param(why, "month", "%s", month_format(owed, iso));
		why_param(why, "asof", "%s", day);
		uncounted_note(f, both, 2, why);
		buf_adds(&why->text, "）");
		return LIGHT_RED;
	}
	buf_addf(&why->text, "%s月报未报送（截至%s", a, day);
	why_param(why, "month", "%s", month_format(owed, iso));
	why_param(why, "asof", "%s", day);
	uncounted_note(f, &owed, 1, why);
	buf_adds(&why->text, "）");
	return LIGHT_YELLOW;
}

/* DOMAIN.md §6 督办事项逾期: red when a supervision item of the project is
 * pending (open or answered) after its deadline day (core/items.h), its
 * state as of asof. The sentence names the one late longest. */
static enum light rule_item_overdue(const struct facts *f, const struct warning_settings *ws,
				    struct why *why)
{
	const struct overdue_items *o = f->items;
	char day[11];

	(void)ws;
	if (!o || !o->n)
		return LIGHT_GREEN;
	if (!why) /* the light alone */
		return LIGHT_RED;
	if (o->n > 1)
		buf_addf(&why->text, "%zu项督办事项逾期未办结，逾期最久的", o->n);
	else
		buf_adds(&why->text, "督办事项");
	buf_addf(&why->text, "“%s”（第%d级·%s）办结时限%s，已逾期%lld天", o->worst->title,
		 o->s.level, item_level_labels[o->s.level >= ITEM_LEVEL_MIN &&
					       o->s.level <= ITEM_LEVEL_MAX ? o->s.level : 0],
		 day_format(o->s.deadline, day), (long long)item_days_late(&o->s, f->asof));
	why->code = o->n > 1 ? "item_overdue_many" : "item_overdue";
	why_param(why, "n", "%zu", o->n);
	why_param(why, "title", "%s", o->worst->title);
	why_param(why, "level", "%d", o->s.level);
	why_param(why, "deadline", "%s", day);
	why_param(why, "days", "%lld", (long long)item_days_late(&o->s, f->asof));
	return LIGHT_RED;
}

/* DOMAIN.md §6, 超期未兑现: a fund step of an application on this project
 * past its limit in working days (core/funds.h application_clock); the
 * reason names the step, its owner and the days, of the latest one. */
static enum light rule_fund_overdue(const struct facts *f, const struct warning_settings *ws,
				    struct why *why)
{
	struct fund_seen worst;
	size_t n;
	char day[11];

	(void)ws;
	n = f->funds ? fund_project_overdue(f->funds, f->p->id, f->asof, &worst) : 0;
	if (!n)
		return LIGHT_GREEN;
	if (!why)
		return LIGHT_RED;
	if (n > 1)
		buf_addf(&why->text, "%zu项政策兑现环节超期，超期最久的是", n);
	fund_overdue_append(&why->text, f->funds, &worst);
	why->code = n > 1 ? "fund_overdue_many" : "fund_overdue";
	why_param(why, "n", "%zu", n);
	why_param(why, "company", "%s", worst.e->a.company ? worst.e->a.company : "");
	why_param(why, "step", "%s", fund_step_keys[worst.clock.step]);
	why_param(why, "owner", "%s", dataset_unit_name(&f->funds->units, worst.clock.owner, ""));
	why_param(why, "since", "%s", day_format(worst.clock.since, day));
	why_param(why, "days", "%d", worst.clock.late);
	return LIGHT_RED;
}

/* DOMAIN.md §7 要素保障 (h-wait): yellow when the project's land or energy
 * need for the year has been short more than guarantees.wait_days (the one
 * rule of core/guarantees.c); the sentence names each element and its days. */
static enum light rule_element_wait(const struct facts *f, const struct warning_settings *ws,
				    struct why *why)
{
	const struct guarantee_line *l = f->wait;
	struct buf one = BUF_INIT;
	char need[32], got[32], day[11];
	int e, first = -1;

	if (!l || !(l->yellow & ((1u << EL_LAND) | (1u << EL_ENERGY))))
		return LIGHT_GREEN;
	if (!why)
		return LIGHT_YELLOW;
	for (e = EL_LAND; e <= EL_ENERGY; e++) {
		if (!(l->yellow & (1u << e)))
			continue;
		guarantee_wait_reason(l, (enum element)e, ws->element_wait_days, &one);
		buf_addf(&why->text, "%s%s", first < 0 ? "" : "；", one.s);
		if (first < 0) {
			first = e;
			why_param(why, "element", "%s", element_keys[e]);
			why_param(why, "days", "%lld", (long long)l->waited[e]);
			continue;
		}
		why->code = "element_wait_two"; /* element, days, then the second's */
		why_param(why, "element2", "%s", element_keys[e]);
		why_param(why, "days2", "%lld", (long long)l->waited[e]);
		why_param(why, "limit", "%d", ws->element_wait_days);
	}
	buf_release(&one);
	if (why->n == 2) { /* one element: its need, supply and since too */
		why_param(why, "need", "%s", element_amount_text((enum element)first, l->el[first].need, need));
		why_param(why, "supplied", "%s",
			  element_amount_text((enum element)first, l->el[first].supplied, got));
		why_param(why, "since", "%s", day_format(l->since[first], day));
		why_param(why, "limit", "%d", ws->element_wait_days);
	}
	return LIGHT_YELLOW;
}

typedef enum light (*rule_fn)(const struct facts *, const struct warning_settings *,
			      struct why *);

static const rule_fn rules[WR__MAX] = {
	[WR_START_OVERDUE] = rule_start_overdue,
	[WR_FILED_NOT_STARTED] = rule_filed_not_started,
	[WR_INVESTMENT_LAG] = rule_investment_lag,
	[WR_COMPLETION_OVERDUE] = rule_completion_overdue,
	[WR_REPORT_MISSING] = rule_report_missing,
	[WR_ITEM_OVERDUE] = rule_item_overdue,
	[WR_FUND_OVERDUE] = rule_fund_overdue,
	[WR_ELEMENT_WAIT] = rule_element_wait,
};

/* Each project's overdue items as of asof (per project index). */
static struct overdue_items *overdue_items_of(const struct dataset *ds, bl_day asof)
{
	struct overdue_items *o = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*o));
	size_t i;

	for (i = 0; i < ds->n_items; i++) {
		const struct item_track *t = &ds->items[i];
		struct item_state s;
		struct overdue_items *po;

		if (t->project >= ds->n_projects || !item_track_at(t, asof, &s) ||
		    !item_overdue(&s, asof))
			continue;
		po = &o[t->project];
		po->n++;
		if (!po->worst || s.deadline < po->s.deadline) {
			po->worst = t;
			po->s = s;
		}
	}
	return o;
}

/* What every project's rules share: the period (DOMAIN.md §6: the months
 * elapsed; after the due day of a month the report of the month before is
 * owed, up to it the one before that). */
static void facts_period(const struct dataset *ds, const struct warning_settings *ws,
			 bl_day asof, struct facts *f)
{
	int y, m, d;

	f->year = ds->year;
	f->asof = asof;
	f->funds = ds->funds;
	f->n_months = pace_months(ds->year, asof);
	day_to_ymd(asof, &y, &m, &d);
	f->owed = month_from_ym(y, m) - (d > ws->report_due_day ? 1 : 2);
}

/* Project i's own facts (over: each project's overdue items), the dates it
 * reached each stage in one backward pass (project_reached). */
static void facts_of(const struct dataset *ds, size_t i, const struct overdue_items *over,
		     struct facts *f)
{
	bl_day best = DAY_NONE;
	int k;

	f->p = &ds->projects[i];
	f->l = &ds->listings[i];
	f->r = &ds->reports[i];
	f->items = &over[i];
	f->wait = f->waits ? f->waits[i] : NULL;
	for (k = STAGE__MAX - 1; k >= 0; k--) {
		if (f->p->stage_on[k] < best)
			best = f->p->stage_on[k];
		f->reached[k] = best;
	}
	f->started = f->reached[STAGE_STARTED];
}

/* Project i's warnings into out (its lights sized already). */
static void project_warnings(const struct dataset *ds, const struct warning_settings *ws,
			     struct facts *f, const struct overdue_items *over, size_t i,
			     struct why *why, struct warning_list *out)
{
	int k;

	facts_of(ds, i, over, f);
	out->lights[i] = LIGHT_GREEN;
	for (k = 0; k < WR__MAX; k++) {
		enum light lv;

		buf_reset(&why->text);
		why->code = warning_rule_keys[k];
		why->n = 0;
		lv = rules[k](f, ws, why);
		if (lv != LIGHT_GREEN)
			add(out, i, (enum warning_rule)k, lv, why);
	}
}

/* The warnings of projects [first, last) of ds into out (every light green
 * but theirs). */
static void compute_range(const struct dataset *ds, const struct warning_settings *ws,
			  bl_day asof, size_t first, size_t last, struct warning_list *out)
{
	struct overdue_items *over;
	struct guarantees g;
	struct facts f;
	struct why why;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->lights = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*out->lights));
	out->n_lights = ds->n_projects;
	over = overdue_items_of(ds, asof);
	facts_period(ds, ws, asof, &f);
	f.waits = guarantee_lines_of(ds, asof, ws->element_wait_days, &g);
	buf_init(&why.text, 4096);
	for (i = first; i < last && i < ds->n_projects; i++)
		project_warnings(ds, ws, &f, over, i, &why, out);
	buf_release(&why.text);
	free(f.waits);
	guarantees_release(&g);
	free(over);
}

void warnings_compute(const struct dataset *ds, const struct warning_settings *ws,
		      bl_day asof, struct warning_list *out)
{
	compute_range(ds, ws, asof, 0, ds->n_projects, out);
}

void warnings_compute_one(const struct dataset *ds, const struct warning_settings *ws,
			  bl_day asof, size_t i, struct warning_list *out)
{
	compute_range(ds, ws, asof, i, i + 1, out);
}

/* The worst light of the project in f (its facts filled). */
static enum light light_of(const struct facts *f, const struct warning_settings *ws)
{
	enum light worst = LIGHT_GREEN;
	int k;

	for (k = 0; k < WR__MAX; k++) {
		enum light lv = rules[k](f, ws, NULL);

		if (lv > worst)
			worst = lv;
	}
	return worst;
}

void warnings_lights_of(const struct dataset *ds, const struct warning_settings *ws,
			bl_day asof, const size_t *idx, size_t n, enum light *out)
{
	struct overdue_items *over = overdue_items_of(ds, asof);
	struct guarantees g;
	struct facts f;
	size_t k;

	facts_period(ds, ws, asof, &f);
	f.waits = guarantee_lines_of(ds, asof, ws->element_wait_days, &g);
	for (k = 0; k < n; k++) {
		size_t i = idx ? idx[k] : k;

		facts_of(ds, i, over, &f);
		out[k] = light_of(&f, ws);
	}
	free(f.waits);
	guarantees_release(&g);
	free(over);
}

void warnings_lights(const struct dataset *ds, const struct warning_settings *ws,
		     bl_day asof, enum light *out)
{
	warnings_lights_of(ds, ws, asof, NULL, ds->n_projects, out);
}

void warning_list_release(struct warning_list *wl)
{
	size_t i;

	for (i = 0; i < wl->n; i++)
		free(wl->items[i].reason);
	free(wl->items);
	free(wl->lights);
	memset(wl, 0, sizeof(*wl));
}
