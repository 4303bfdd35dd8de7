/* demolition.c — DOMAIN.md §7 征拆任务书: tasks, progress reports and each
 * task's status, judged by the targets' rule (targets.c target_pace_judge). */
#include "core/demolition.h"

#include <stdlib.h>
#include <string.h>

#include "core/targets.h"

const char *const demolition_measure_keys[DM__MAX] = { "area", "households" };
const char *const demolition_measure_labels[DM__MAX] = { "㎡", "户" };

int demolition_measure_from_text(const char *s)
{
	static const char *const more[DM__MAX] = { "平方米", "户数" };
	int i;

	for (i = 0; s && i < DM__MAX; i++)
		if (!strcmp(s, demolition_measure_keys[i]) ||
		    !strcmp(s, demolition_measure_labels[i]) || !strcmp(s, more[i]))
			return i;
	if (s && (!strcmp(s, "面积") || !strcmp(s, "m2") || !strcmp(s, "m²")))
		return DM_AREA;
	return -1;
}

void demolition_task_init(struct demolition_task *t)
{
	memset(t, 0, sizeof(*t));
	t->due = DAY_NONE;
}

void demolition_task_release(struct demolition_task *t)
{
	free(t->name);
	demolition_task_init(t);
}

const char *demolition_task_problem(const struct demolition_task *t)
{
	size_t len = t->name ? strlen(t->name) : 0;

	if (len < 1 || len > 200)
		return "a name of 1 to 200 bytes";
	if (t->year < 2000 || t->year > 2100)
		return "a year from 2000 to 2100";
	if ((unsigned)t->measure >= DM__MAX)
		return "not a measure (area or households)";
	if (t->quantity < 1 || t->quantity > DEMOLITION_QUANTITY_MAX)
		return "a quantity from 1 to 1000000000";
	if (t->due == DAY_NONE)
		return "a task needs its due date";
	if (t->due <= day_from_ymd(t->year, 1, 1))
		return "due before its year has begun";
	return NULL;
}

const char *demolition_report_problem(const struct demolition_task *t,
				      const struct demolition_report *r)
{
	if (r->done < 0 || r->done > DEMOLITION_QUANTITY_MAX)
		return "done from 0 to 1000000000";
	if (r->on == DAY_NONE)
		return "a report needs its date";
	if (r->on < day_from_ymd(t->year, 1, 1))
		return "a report dated before the task's year";
	return NULL;
}

void demolition_evaluate(const struct demolition_task *t, const struct demolition_report *reports,
			 size_t n, bl_day asof, struct demolition_eval *out)
{
	struct target_pace pace;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->judged_on = asof >= t->due ? t->due : asof;
	out->reported_on = DAY_NONE;
	for (i = 0; i < n; i++) {
		const struct demolition_report *r = &reports[i];

		if (r->task_id != t->id || r->on > out->judged_on)
			continue;
		if (!out->has_report || r->on > out->reported_on) {
			out->has_report = 1;
			out->reported_on = r->on;
			out->done = r->done;
		}
	}
	pace.course = MC_CUMULATIVE;
	pace.value = t->quantity;
	pace.start = day_from_ymd(t->year, 1, 1);
	pace.due = t->due;
	pace.has_actual = 1; /* no report yet: 0 done, as a count target's 0 */
	pace.reached = out->done >= t->quantity;
	pace.actual = out->done;
	out->status = (int)target_pace_judge(&pace, asof, &out->expected);
}

void demolition_book_release(struct demolition_book *b)
{
	size_t i;

	for (i = 0; i < b->n_tasks; i++)
		demolition_task_release(&b->tasks[i]);
	free(b->tasks);
	free(b->reports);
	memset(b, 0, sizeof(*b));
}
