/* store_guarantees.h — element guarantees (要素保障, core/guarantees.h) and
 * demolition task books (征拆任务书, core/demolition.h) in the store. Each put
 * is an upsert by the row's natural key, audited (entities "supply",
 * "demolition_task", "demolition_report", keyed by id), inside the caller's
 * transaction; an unchanged row is not written. */
#ifndef BL_STORE_GUARANTEES_H
#define BL_STORE_GUARANTEES_H

#include "core/demolition.h"
#include "core/guarantees.h"
#include "store/store.h"

/* Every supplies row (needs and events) by project, year, element, kind, day,
 * id into *out (n rows; free each with supply_release, then the array). */
enum bl_err store_supplies(struct store *st, struct supply **out, size_t *n);
/* The projects that have supplies rows, by ref, with id, ref, name,
 * section_id, department_id and the signing date set (the rest absent) into
 * *out (release each with project_release, then free the array). */
enum bl_err store_supply_projects(struct store *st, struct project **out, size_t *n);
/* Upsert s by its key: a need by (project, year, element), an event by
 * (project, year, element, kind, day, document number). Sets s->id and
 * s->version; store_last_put says what happened. Audited. */
enum bl_err store_supply_put(struct store *st, struct supply *s);

/* The stored row of key's key (as store_supply_put finds it) into *out
 * (release with supply_release); BL_ENOTFOUND when none. */
enum bl_err store_supply_find(struct store *st, const struct supply *key, struct supply *out);

/* Every demolition task by year, section id, name (*out: release each with
 * demolition_task_release, then free the array). */
enum bl_err store_demolition_tasks(struct store *st, struct demolition_task **out, size_t *n);
/* Every progress report by task, day (free the array). */
enum bl_err store_demolition_reports(struct store *st, struct demolition_report **out,
				     size_t *n);
/* Every task and report into *b (release with demolition_book_release): what
 * the demolition targets read (the dataset, the snapshot). h-demotarget. */
enum bl_err store_demolition_book(struct store *st, struct demolition_book *b);
/* Upsert t by (section, year, name): its measure, quantity and due. Sets
 * t->id and t->version. Audited. */
enum bl_err store_demolition_task_put(struct store *st, struct demolition_task *t);
/* The report of task_id on day on into *out; BL_ENOTFOUND when none. */
enum bl_err store_demolition_report_find(struct store *st, int64_t task_id, bl_day on,
					 struct demolition_report *out);
/* Upsert r by (task, day): its done. Sets r->id and r->version. Audited. */
enum bl_err store_demolition_report_put(struct store *st, struct demolition_report *r);

#endif
