/* bulletin.h — the monthly bulletin (月度通报) of DOMAIN.md §8 as content:
 * every figure the bulletin states, computed once from a year's dataset as of
 * the month's last day (measures, targets, warnings, the contest round and
 * the project lists), then the Chinese summary and the document built from it.
 * Pure: no I/O; the writers (render.h) and the store side (publish.h) are
 * separate. */
#ifndef BL_BULLETIN_H
#define BL_BULLETIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/guarantees_view.h"
#include "core/items.h"
#include "core/measures.h"
#include "core/model.h"
#include "core/scoring.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "report/bulletin_funds.h"
#include "report/doc.h"
#include "util/buf.h"

#define BULLETIN_TITLE "重大项目建设月度通报"

struct bulletin_opts {
	bl_month month;
	/* district1: the district the bulletin is of (its unit id; 0: the whole
	 * dataset); the dataset given to bulletin_build is already its view
	 * (core/district.h), this narrows the fund steps and guarantees. */
	int64_t district_id;
	int issue_no;            /* 第N期; 0: the month's number (6 for June) */
	const char *title;       /* NULL: BULLETIN_TITLE */
	const char *issuer;      /* NULL: "<district>重大项目建设领导小组办公室" */
	bl_day issued_on;        /* the issue date printed; DAY_NONE for a draft */
	int version;             /* 第N版; 0 or 1: the first, not printed */
	const char *reason;      /* why this version was issued (version > 1), or NULL */
	/* The audit trail's last entry when issued (id 0: not printed): an anchor
	 * of the trail on paper, outside the database (docs/security.md). */
	int64_t audit_id;
	const char *audit_hash;  /* 64 hex digits */
	struct warning_settings ws;
	struct contest_weights cw;
	/* Last month's saved contest round (DOMAIN.md §7: the change since last
	 * month is read from it, never recomputed), or NULL when none was saved;
	 * borrowed during bulletin_build only. */
	const struct contest_round *prev;
	/* Element guarantees and demolition task books, read from the store by
	 * the caller (guarantees_view.h); NULL: the bulletin has no 要素保障
	 * section. Borrowed: it must outlive the bulletin. */
	const struct guarantee_book *guarantees;
};

/* Defaults: the warning and contest defaults, a draft of no month. */
void bulletin_opts_init(struct bulletin_opts *o, bl_month month);

/* A target a figure is compared with, and its status at the as-of date. */
struct target_ref {
	const struct target *t;  /* NULL: there is none */
	struct target_eval ev;
};

/* The project lists of DOMAIN.md §8. */
enum project_list {
	PL_RED,               /* 红灯预警项目 */
	PL_FILED_NOT_STARTED, /* 备案未开工项目 */
	PL_STARTED_MONTH,     /* 本月新开工项目 */
	PL_COMPLETED_MONTH,   /* 本月竣工项目 */
	PL_OVERDUE,           /* 逾期项目: start or completion overdue */
	PL__MAX
};

struct list_item {
	size_t project;   /* index into ds->projects */
	const char *ref;  /* the project's ref, borrowed from ds */
	bl_day date;      /* filed / started / completed / planned date */
	int64_t days;     /* days since filing, or days late; 0 when not relevant */
	enum light light; /* the project's light */
	char *reason;     /* owned; the warnings' sentences, or NULL */
};

struct item_list {
	struct list_item *items;
	size_t n, alloc;
};

/* A supervision item overdue at the month's end (逾期事项, DOMAIN.md §8), as
 * it stood then. */
struct overdue_item {
	const struct item_track *t; /* borrowed from the dataset */
	const char *section;        /* its project's section code (borrowed), "" when none */
	struct item_state s;
	int64_t days_late;
};

struct bulletin {
	const struct dataset *ds;  /* borrowed; must outlive the bulletin */
	int64_t district_id;       /* district1: bulletin_opts' */
	int year;
	bl_month month;
	bl_day asof;               /* the month's last day */
	int n_months;              /* months of the year counted: month number, 1–12 */
	int issue_no;
	char *title, *issuer, *district; /* owned */
	bl_day issued_on;          /* DAY_NONE: a draft */
	int version;               /* 第N版 (1: the first) */
	char *reason;              /* owned; why this version was issued, or NULL */
	int64_t audit_id;          /* the trail's last entry when issued; 0: not printed */
	char audit_hash[65];

	struct measures all;                 /* every listed project */
	struct measures tiers[TIER__MAX];    /* per tier */
	struct target_ref tier_target[TIER__MAX]; /* each tier's start-rate target */
	struct target_ref start_target;      /* start rate, whole list */
	struct target_ref new_starts_target; /* 新开工数, whole list */
	struct target_ref completions_target;/* 竣工数, whole list */
	struct measures kinds[PK__MAX];      /* new / continuing */

	/* Investment by month 1…12: cumulative reported, and the cumulative plan
	 * to date (month plans where given, else annual × m / 12). */
	int64_t cum_invest[12], cum_plan[12];
	int64_t month_invest;      /* reported for this month */
	int64_t reports_month;     /* projects that reported this month */
	int64_t reports_owed;      /* projects started by the month's end */
	struct ratio pace;         /* 序时进度 n_months / 12 */
	/* Start rate per month (‱, CHART_NONE when undefined): whole list, then tiers. */
	int64_t trend[1 + TIER__MAX][12];

	struct breakdown_rows by_industry, by_section;
	struct contest_round round; /* this month */
	struct contest_round prev;  /* last month's saved round (same year): a copy of
	                             * o->prev; n == 0 in January or when none was saved */
	struct warning_list wl;
	size_t lights[LIGHT__MAX];
	struct item_list lists[PL__MAX];
	/* 逾期事项: the items of the listed projects overdue at asof, by section
	 * code, then level (highest first), then days late (most first). */
	struct overdue_item *overdue;
	size_t n_overdue;
	size_t overdue_by_level[ITEM_LEVEL_MAX + 1];
	struct bulletin_funds funds; /* 政策兑现 (bulletin_funds.h; h-funds) */
	struct target_eval *evals; /* one per ds->targets */
	/* 要素保障 (bulletin_guarantees.c): every project's need and supply at
	 * asof, from the book o->guarantees (gbook NULL: none). */
	const struct guarantee_book *gbook;
	struct guarantee_view guarantees;
};

/* Compute the bulletin of o->month over ds (indexed, ds->year the month's
 * year) into *out (release with bulletin_release). Never fails. */
void bulletin_build(const struct dataset *ds, const struct bulletin_opts *o, struct bulletin *out);
void bulletin_release(struct bulletin *b);

/* The 要素保障 section (bulletin_guarantees.c): its figures from gb (NULL:
 * none), called by bulletin_build; released by bulletin_release; and its
 * heading （h2_no） and tables 表table_no and 表table_no+1 appended to d
 * (nothing when there is no book). */
void bulletin_guarantees_build(struct bulletin *b, const struct guarantee_book *gb);
void bulletin_guarantees_release(struct bulletin *b);
void bulletin_guarantees_doc(const struct bulletin *b, struct doc *d, int h2_no, int table_no);

/* The generated summary (summary.c): paragraphs of Chinese prose, each
 * appended to out followed by '\n'. Grammatical for a target met, missed or
 * absent and for undefined rates. */
void bulletin_summary(const struct bulletin *b, struct buf *out);
/* The closing requirements paragraph (工作要求), appended to out. */
void bulletin_requirements(const struct bulletin *b, struct buf *out);

/* The whole bulletin as a document (bulletin_doc.c): headings, the summary,
 * tables and charts. d must be empty (doc_init); release with doc_release. */
void bulletin_doc(const struct bulletin *b, struct doc *d);

/* Text helpers shared by summary.c and bulletin_doc.c. */
/* money_phrase() and target_pct() are in core/figures.h. */
/* When a target is due: "9月底", "年底", "3月15日". */
void due_phrase(struct buf *b, bl_day due);
/* The unit's name, or "—". */
const char *unit_name(const struct dataset *ds, int64_t id);

#endif
