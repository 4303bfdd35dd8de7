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
 * else the computed measures see no projects) into *out. DOMAIN.md §5:
 *  - the value is taken at asof, or at t->due once asof > t->due;
 *  - met when reached (rates: num × 10000 >= value × den, an undefined rate is
 *    not reached; counts and money: actual >= value);
 *  - after the due date and not reached: missed;
 *  - before (or on) the due date and not reached: rate targets are at risk;
 *    counts and money are at risk when actual × total < value × elapsed, with
 *    elapsed = asof − Y-01-01 and total = due − Y-01-01 in days, else on track;
 *  - indicator targets read the indicator series of ds: the value of the
 *    target's measure for unit t->section_id (0 = whole) with the latest month
 *    <= month(judged_on) in t->year; none yet: at risk, or missed after due.
 * Never fails. */
void target_evaluate(const struct dataset *ds, const struct target *t, bl_day asof,
		     struct target_eval *out);

#endif
