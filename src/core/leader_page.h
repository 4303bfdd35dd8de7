/* leader_page.h — a leader's page (我的挂钩项目, DOMAIN.md §7): the projects
 * linked to the account with their lights and open items, and what changed
 * on each since the leader's last visit (their records, reports and items as
 * the audit trail names them, and their lights: the colour on the visit's day
 * against today's). The HTTP page and the CLI show what this computes. */
#ifndef BL_LEADER_PAGE_H
#define BL_LEADER_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/items_view.h"
#include "core/leaders.h"
#include "core/warnings.h"

/* A change the trail names: its project's ref and enum leader_change. */
struct leader_change_ref {
	char *ref;
	int change;
};

struct leader_page_input {
	const struct dataset *ds;        /* the year of asof (lights; section) */
	const struct warning_settings *ws;
	bl_day asof;
	bl_day seen_on;                  /* the last visit's day; DAY_NONE: never */
	const struct project *projects;  /* the linked projects (id, ref, name,
	                                  * section_id at least), n_projects */
	size_t n_projects;
	const struct item_book *items;   /* every item (NULL: none) */
	const struct leader_change_ref *changes; /* since the visit, n_changes */
	size_t n_changes;
};

struct leader_row {
	const struct project *p;   /* the input's */
	long index;                /* in ds, or -1 when not listed in ds's year */
	int light;                 /* enum light as of asof; -1 when not listed */
	int light_before;          /* as of seen_on; -1 when unknown (never
	                            * visited, another year, not listed) */
	size_t open_items;         /* open or answered as of asof */
	size_t overdue_items;      /* of those, past their deadline */
	unsigned changes;          /* 1u << enum leader_change */
};

struct leader_page {
	struct leader_row *v;      /* changed first, then red, yellow, green,
	                            * not listed; then by ref */
	size_t n;
	size_t changed;            /* rows with a change */
	size_t by_light[LIGHT__MAX];
	size_t open_items, overdue_items;
};

/* Build the page of in into *out (release with leader_page_release). */
void leader_page_build(const struct leader_page_input *in, struct leader_page *out);
void leader_page_release(struct leader_page *pg);

#endif
