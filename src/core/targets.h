/* targets.h — the status of a target (目标任务书) at a date, DOMAIN.md §5:
 * met, missed, on track or at risk, from the measure of the target's scope (or
 * the indicator series a coordinator entered) against the value and the pace. */
#ifndef BL_TARGETS_H
#define BL_TARGETS_H

#include <stdint.h>

#include "core/date.h"
#include "core/measures.h"
#include "core/model.h"

enum target_status {
	TS_MET,      /* 已完成: the value is reached */
	TS_MISSED,   /* 未完成: the due date passed, not reached */
	TS_ON_TRACK, /* 进度正常: before the due date, at or above the pace */
	TS_AT_RISK,  /* 有风险: before the due date, below the pace */
	TS__MAX
};
extern const char *const target_status_keys[TS__MAX];   /* "met", "missed", … */
extern const char *const target_status_labels[TS__MAX]; /* "已完成", … */

struct target_eval {
	bl_day judged_on;     /* min(asof, due): the date the measure is taken at */
	int has_actual;       /* 0: an undefined rate (den 0) or no indicator value yet */
	struct ratio rate;    /* computed rate measures: the actual num/den */
	int64_t actual;       /* count / yuan; rates in ten-thousandths (computed
	                       * rates rounded half up); valid when has_actual */
	int64_t expected;     /* the pace at judged_on (序时): value × elapsed / total
	                       * rounded, for counts and money; the value itself for
	                       * rates and once the due date is reached */
	bl_month indicator_month; /* indicators: the month of the value used, or MONTH_NONE */
	enum target_status status;
};

/* The most a count target may be: far above the projects of any city. */
#define TARGET_COUNT_MAX 1000000

/* DOMAIN.md §5: the range of a target's value for its measure m. A computed
 * rate of §4 is a share of projects or of the plan: 0 … 100 % (0 … 10000
 * ten-thousandths); a growth-rate indicator may fall: −100 % … 100 %; a
 * count 0 … TARGET_COUNT_MAX; money 0 … AMOUNT_MAX yuan. NULL when v lies
 * in range, else a short static English reason. Import and API both ask. */
const char *target_value_problem(enum measure_key m, int64_t v);

/* Evaluate target t at asof over ds (indexed; its year should be t->year,
 * else the computed measures see no projects) into *out. DOMAIN.md §5, the
 * one status function (the targets list, the API and the bulletin's summary
 * and Table 3 all read it):
 *  - the value is taken at asof, or at t->due once asof >= t->due; the due
 *    date itself ends the period: from it on a target is met or missed;
 *  - reached: rates num × 10000 >= value × den (an undefined rate is not
 *    reached); counts, money and indicators actual >= value;
 *  - on or after the due date: met when reached, else missed;
 *  - before it, by the measure's course (model.h enum measure_course):
 *    MC_CUMULATIVE (counts, cumulative sums) met when reached, else on track
 *    when actual × total >= value × elapsed (elapsed = asof − Y-01-01, total =
 *    due − Y-01-01, in days), else at risk; MC_SHARE (the rates of §4) met
 *    when reached, else at risk; MC_LEVEL (a stock such as 年度计划投资, a
 *    growth rate) on track when reached, else at risk — never met early;
 *  - no actual yet (an undefined rate, no indicator value): at risk;
 *  - expected is value × elapsed / total for MC_CUMULATIVE before the due
 *    date, else the value itself;
 *  - indicator targets read the indicator series of ds: the value of the
 *    target's measure for unit t->section_id (0 = whole) with the latest
 *    month <= month(judged_on) in t->year, named in indicator_month.
 * Never fails. */
void target_evaluate(const struct dataset *ds, const struct target *t, bl_day asof,
		     struct target_eval *out);

/* DOMAIN.md §5, the one on-track / at-risk rule, for a target and for what is
 * judged like one (a demolition task, core/demolition.h): a figure that must
 * reach value by due over the period start … due, its actual taken at
 * min(asof, due). */
struct target_pace {
	enum measure_course course;
	int64_t value;        /* what is to be reached */
	bl_day start, due;    /* the period (a target: Y-01-01 … due) */
	int has_actual;       /* 0: nothing to judge yet (at risk before the due date) */
	int reached;          /* the actual reaches value */
	int64_t actual;       /* the figure at min(asof, due), when has_actual */
};
/* The status of p at asof, as target_evaluate states it (which calls this),
 * and the pace at that day in *expected. Never fails. */
enum target_status target_pace_judge(const struct target_pace *p, bl_day asof,
				     int64_t *expected);

/* DOMAIN.md §5, the target a figure of scope sc is compared with: a target
 * on measure k for exactly sc's year, tier, section and department; one of
 * sc's own kind (industrial-only or not) first, and for a scope that is not
 * industrial-only an industrial-only one when it has none. Among those the
 * nearest due on or after sc->asof, else the latest due. NULL when none.
 * sc's other filters are not looked at (see scope_is_narrowed). */
const struct target *target_choose(const struct dataset *ds, const struct scope *sc,
				   enum measure_key k);

/* The task book (新开工任务) of unit unit_id for the contest (DOMAIN.md §7):
 * the value of ds's year's new-starts target for exactly that unit (any tier,
 * no department, not industrial-only) with the latest due; -1 when none. */
int64_t target_task_book(const struct dataset *ds, int64_t unit_id);

/* ---- task books (任务书) add up (DOMAIN.md §5) ---- */

/* A figure whose task books do not add up to it. */
struct book_gap {
	size_t total;     /* index into ds->targets: the district's (or a unit's) figure */
	int64_t sum;      /* Σ value of the books directly under it */
	size_t n_books;   /* how many books that is */
	int64_t *without; /* the section and street units directly under the figure's
	                   * scope that have no book (ids, owned) */
	size_t n_without;
};

struct book_check {
	struct book_gap *gaps; /* in the order of ds->targets */
	size_t n;
};

/* DOMAIN.md §5: targets are split into per-section task books that sum to
 * the district's. Over the targets of ds (indexed), for counts and money
 * (rates do not add up): a target on a section or street unit is a book of
 * the target with the same measure, tier, department, industrial flag and due
 * date on the nearest unit above it that has one (section 0, the whole, at
 * the top). *out gets every target that has books whose values do not sum to
 * its own value (release with book_check_release). "Directly under" a scope:
 * the section and street units below its unit (every unit for 0) reached
 * without passing another section or street. Never fails. */
void targets_check_books(const struct dataset *ds, struct book_check *out);
void book_check_release(struct book_check *c);

#endif
