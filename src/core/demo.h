/* demo.h — the seed's demo district, generated: 无锡市 → 新吴区 → 6 sections and
 * 5 departments, the 2024 lists (9 provincial / 52 city / 156 district projects),
 * their stage dates, plans, monthly reports, the 2024 targets and the statistics
 * bureau's indicator series (DOMAIN.md §2, §3, §5). Pure: no I/O, no clock. */
#ifndef BL_DEMO_H
#define BL_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/demolition.h"
#include "core/guarantees.h"
#include "core/items.h"
#include "core/model.h"
#include "core/sharing.h"

/* The year the demo's lists, plans and targets are for. */
#define DEMO_YEAR 2024
/* Where the demo's indicator figures say they come from (来源). */
#define DEMO_INDICATOR_SOURCE "区统计局"

/* A supervision item (督办事项) with its timeline: steps[0] raises it; each
 * step's after is the item's state after it, and it is the state after the
 * last. Its project_id and owner_id are generator ids. */
struct demo_item {
	struct item it;
	struct item_step *steps;
	size_t n_steps;
};

/* Everything demo_generate() makes. Ids are the generator's own, not database
 * ids: units are numbered 1..n_units in array order (units[i].id == i + 1) and
 * every unit id in the data (parent_id, section_id, department_id, a target's
 * section_id, an indicator's unit_id when not 0) names one of them; projects are
 * numbered by position, so a listing's or report's project_id p is
 * projects[p - 1] (projects[i].id == i + 1). The units come parents first.
 * A writer maps both kinds of id to the database's as it stores them. */
struct demo_data {
	struct unit *units;
	size_t n_units;
	struct project *projects;
	size_t n_projects;
	struct listing *listings;     /* one per project, for DEMO_YEAR */
	size_t n_listings;
	struct report *reports;       /* ordered by project, then month */
	size_t n_reports;
	struct target *targets;
	size_t n_targets;
	struct indicator_value *indicators; /* unit_id 0: the whole instance */
	size_t n_indicators;
	struct demo_item *items;      /* supervision items, by raise day */
	size_t n_items;
	/* element guarantees (project_id: the generator's) and demolition task
	 * books (section_id a generator unit id; a report's task_id is its task's
	 * position + 1, as dtasks[i].id == i + 1) */
	struct supply *supplies;
	size_t n_supplies;
	struct demolition_task *dtasks;
	size_t n_dtasks;
	struct demolition_report *dreports;
	size_t n_dreports;
	/* revenue sharing and industrial funds (demo_sharing.c) */
	struct tax_record *taxes;     /* project_id: the generator's (index + 1) */
	size_t n_taxes;
	struct fund *funds;           /* brought_by: the generator's unit ids */
	size_t n_funds;
};

/* Fill *out (overwritten, not released) with the demo district as known on
 * asof. Its supervision items come from the reports' problems (one per
 * spell of a problem, raised on the 15th of the month after its first
 * report, solved when the problem leaves the reports; a stalled project's
 * never), from the April and June site visits of projects that have not
 * started on time, and from the project office directly for projects filed
 * long ago; each escalates day by day under the default days per level. The same seed and asof give the same data, byte for byte. asof hides
 * what has not happened yet (a stage date, a report month or an indicator
 * month after it is absent) and decides which reports are recent: those of
 * asof's month are submitted, older ones verified, and two lagging projects
 * have not reported for their last one and two months (each has a draft of
 * the last month it owes, which counts nowhere). Everything else is
 * the same whatever asof is. asof is meant to lie in DEMO_YEAR; other dates
 * are clamped into it. The caller releases *out with demo_data_release(). */
void demo_generate(uint64_t seed, bl_day asof, struct demo_data *out);

/* Free everything *d owns and zero it. */
void demo_data_release(struct demo_data *d);

/* ui14 (issue #14 item 10): the demo district's boundary for the project
 * map — a made-up outline (示例区, no real place), its vertices in
 * millionths of a degree, closed (the last equals the first). Every demo
 * project lies inside it. */
#define DEMO_BOUNDARY_NAME "示例区（虚构边界）"
extern const int64_t demo_boundary[][2];
extern const size_t demo_boundary_n;
/* 1 when (lng, lat) lies inside the demo boundary. */
int demo_boundary_contains(int64_t lng, int64_t lat);

#endif
