/* demolition.h — demolition task books (征拆任务书, DOMAIN.md §7): a section's
 * tasks for a year (an area in ㎡ or a number of households, due by a day),
 * the progress reports (what is done so far, on a day), and each task's
 * status at a date by the targets' own rule (core/targets.h
 * target_pace_judge, DOMAIN.md §5). */
#ifndef BL_DEMOLITION_H
#define BL_DEMOLITION_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum demolition_measure {
	DM_AREA,       /* 面积, ㎡ */
	DM_HOUSEHOLDS, /* 户数, 户 */
	DM__MAX
};
extern const char *const demolition_measure_keys[DM__MAX];   /* "area", "households" */
extern const char *const demolition_measure_labels[DM__MAX]; /* "㎡", "户" */
/* The measure named by key or label (also 平方米, 面积, 户数); -1 when none. */
int demolition_measure_from_text(const char *s);

struct demolition_task {
	int64_t id;
	int64_t section_id;   /* the section (or street) unit whose book it is */
	int year;
	char *name;           /* 任务名称, unique per section and year */
	enum demolition_measure measure;
	int64_t quantity;     /* ㎡ or households, whole */
	bl_day due;           /* 完成时限 */
	int64_t version;
};
void demolition_task_init(struct demolition_task *t);
void demolition_task_release(struct demolition_task *t);

/* A progress report: done so far (cumulative) as of on. */
struct demolition_report {
	int64_t id;
	int64_t task_id;
	bl_day on;
	int64_t done;
	int64_t version;
};

/* The largest quantity of a task: 10^9 ㎡ or households. */
#define DEMOLITION_QUANTITY_MAX INT64_C(1000000000)

/* NULL when t holds together (a name of 1–200 bytes, a year 2000 … 2100, a
 * quantity 1 … DEMOLITION_QUANTITY_MAX, a due day in its year or later);
 * else a short static English reason. */
const char *demolition_task_problem(const struct demolition_task *t);
/* NULL when r fits t (done 0 … DEMOLITION_QUANTITY_MAX, a day given, not
 * before t's year); else a short static English reason. */
const char *demolition_report_problem(const struct demolition_task *t,
				      const struct demolition_report *r);

struct demolition_eval {
	bl_day judged_on;     /* min(asof, due) */
	int has_report;       /* a report on or before judged_on */
	int64_t done;         /* the latest such report's figure; 0 when none */
	bl_day reported_on;   /* its day, or DAY_NONE */
	int64_t expected;     /* the pace at judged_on (序时): quantity × elapsed / total */
	int status;           /* an enum target_status (core/targets.h); an int here so
	                       * that the store, whose names clash with scope.h's,
	                       * can include this header */
};

/* DOMAIN.md §5 applied to task t at asof, over reports (any tasks'; those of
 * t are used): the figure is the latest report of t on or before
 * min(asof, due) (none: 0, and at risk before the due date); t is judged as a
 * cumulative target of value quantity over Y-01-01 … due: met once done >=
 * quantity, missed when the due date passed short of it, else on track when
 * done × total >= quantity × elapsed, else at risk. Never fails. */
void demolition_evaluate(const struct demolition_task *t, const struct demolition_report *reports,
			 size_t n, bl_day asof, struct demolition_eval *out);

/* Every demolition task and progress report (all years), as the store gives
 * them: what the demolition targets (core/demolition_target.h) sum. Owned;
 * release with demolition_book_release. h-demotarget. */
struct demolition_book {
	struct demolition_task *tasks;
	size_t n_tasks;
	struct demolition_report *reports;
	size_t n_reports;
};
void demolition_book_release(struct demolition_book *b);

#endif
