/* funds_view.h — fund applications as lists, warnings and the bulletin show
 * them: every policy, application, the projects they name, the units and
 * the working-day calendar (the "book", read from the store once), and a
 * selection as of a day under filters and the caller's row rules
 * (access_application_visible). `ballast applications`, the warnings' fund
 * rule and the bulletin's 政策兑现 section read it. */
#ifndef BL_FUNDS_VIEW_H
#define BL_FUNDS_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/funds.h"
#include "core/model.h"
#include "store/store.h"

struct fund_entry {
	struct application a;     /* as stored now */
	const struct policy *pol; /* its policy, in the book */
	const struct project *p;  /* its project (id, ref, name, section_id,
	                           * department_id), NULL when none */
};

struct fund_book {
	struct dataset units;     /* every unit, indexed (units only) */
	struct policy *policies;  /* by id */
	size_t n_policies;
	struct project *projects; /* the projects applications name, by id */
	size_t n_projects;
	struct fund_entry *v;     /* by id */
	size_t n;
	struct workcal_day *days; /* the calendar's entries (names owned) */
	struct workcal cal;       /* over days */
};

/* Read everything above into *b. Release with fund_book_release. BL_OK or
 * the store's error (b is then empty). */
enum bl_err fund_book_load(struct store *st, struct fund_book *b);
void fund_book_release(struct fund_book *b);
const struct policy *fund_book_policy(const struct fund_book *b, int64_t id);
/* The id of the policy named s by its id (decimal) or its name; -1 when none. */
int64_t fund_policy_named(const struct fund_book *b, const char *s);

struct fund_query {
	bl_day asof;
	int overdue;        /* 1: only applications with an overdue step at asof */
	int64_t policy_id;  /* 0: any */
	int step;           /* the step waited for (enum fund_step); -1: any */
	int64_t section_id; /* the project's section subtree; 0: any */
};
void fund_query_init(struct fund_query *q, bl_day asof);

/* One application as of the query's day. */
struct fund_seen {
	const struct fund_entry *e;
	bl_day asof;
	struct fund_state s;
	struct fund_clock clock;
	int overdue;
};

struct fund_selection {
	struct fund_seen *v;  /* overdue first (most working days late first), then id */
	size_t n;
	size_t overdue;
	int64_t applied, approved, paid; /* yuan, summed over the selection */
};

/* The applications of b applied for by q->asof that a (NULL: no row rule)
 * may see and q selects, into *out (release with fund_selection_release). */
void fund_select(const struct fund_book *b, const struct fund_query *q, const struct actor *a,
		 struct fund_selection *out);
void fund_selection_release(struct fund_selection *s);

/* The overdue fund steps at asof of the applications on project_id: how
 * many, and the one most working days late (then the lowest id) into
 * *worst (untouched when none). */
size_t fund_project_overdue(const struct fund_book *b, int64_t project_id, bl_day asof,
			    struct fund_seen *worst);
/* As fund_overdue_text, appended. */
void fund_overdue_append(struct buf *out, const struct fund_book *b, const struct fund_seen *v);

/* The warning's sentence of an overdue step (DOMAIN.md §6: it names the
 * step, its owner and the days): "无锡某某有限公司申请的重大产业项目扶持专项资金
 * 核实环节超期未兑现：责任单位工信局，自2024-09-20起已用6个工作日，时限5个
 * 工作日，超期1个工作日". Into out (reset first). */
void fund_overdue_text(struct buf *out, const struct fund_book *b, const struct fund_seen *v);

#endif
