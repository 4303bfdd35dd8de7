/* inbox.h — what needs a user now (待办, issue #13 item 6): items assigned to
 * their unit due within three days or overdue, the answers waiting for the
 * project office, returned reports, last month's reports not submitted after
 * the 5th, reports waiting to be verified, and projects of theirs that turned
 * red in the last seven days. Pure: the caller hands in the data (the item
 * book, the year's dataset, the warnings' thresholds, recent report
 * statuses); GET /api/v1/inbox is its only reader. */
#ifndef BL_INBOX_H
#define BL_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/items_view.h"
#include "core/warnings.h"

/* An item is due soon when its deadline is at most this many days away. */
#define INBOX_DUE_DAYS 3
/* A month's report is owed by the caller after this day of the next month. */
#define INBOX_REPORT_DAY 5
/* A red light is new when the project was not red this many days before. */
#define INBOX_NEW_RED_DAYS 7

enum inbox_kind {
	IB_ITEM_OVERDUE,      /* 督办事项已逾期 */
	IB_ITEM_DUE,          /* 督办事项即将到期 */
	IB_ITEM_ANSWERED,     /* 事项已答复，待确认 (office) */
	IB_REPORT_RETURNED,   /* 月报被退回 */
	IB_REPORTS_MISSING,   /* 上月月报未报送 (after the 5th) */
	IB_REPORTS_TO_VERIFY, /* 月报待核实 (office) */
	IB_NEW_RED,           /* 新亮红灯 */
	IB__MAX
};
extern const char *const inbox_kind_keys[IB__MAX];   /* "item_overdue", … */
extern const char *const inbox_kind_labels[IB__MAX]; /* "督办事项已逾期", … */

/* A report's status in a recent month (what the caller hands in). */
struct inbox_report {
	int64_t project_id;
	bl_month month;
	enum report_status status;
};

struct inbox_input {
	const struct actor *a;
	/* A leader's linked projects (领导挂钩, by account, not by name): their
	 * ids ascending (borrowed), n_leader_projects of them. */
	const int64_t *leader_projects;
	size_t n_leader_projects;
	bl_day today;
	const struct item_book *items;
	const struct dataset *ds;  /* today's year, with the previous year's report bits */
	const struct warning_settings *ws;
	const struct inbox_report *reports; /* the last three months' reports */
	size_t n_reports;
};

struct inbox_entry {
	enum inbox_kind kind;
	const struct item_seen *item;  /* item kinds: into the entry list's selection */
	const struct project *p;       /* the project (items: the book's; else ds's), or NULL */
	bl_month month;                /* report kinds; MONTH_NONE else */
	size_t count;                  /* reports: how many projects */
	int64_t days;                  /* overdue: days late; due: days left */
	char *text;                    /* one Chinese sentence; owned */
};

struct inbox {
	struct item_selection items;   /* the items the entries point into */
	struct inbox_entry *v;         /* the most urgent first */
	size_t n, alloc;
	size_t counts[IB__MAX];
};

/* What needs in->a on in->today, into *out (release with inbox_release).
 * Whose is what: a section user's items are those of its subtree (project or
 * owner), a department user's those it owns, a leader's the items at level 3
 * or 4 of the projects linked to its account (all of them when none is), the
 * office's (coordinator, admin) the answered items and those at level
 * 4; projects likewise (a section's subtree, a department's responsibility, a
 * leader's linked ones, every project for the office); an auditor has none. */
void inbox_build(const struct inbox_input *in, struct inbox *out);
void inbox_release(struct inbox *ib);

#endif
