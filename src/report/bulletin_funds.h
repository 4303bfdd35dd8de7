/* bulletin_funds.h — the bulletin's 政策兑现 section (DOMAIN.md §7, §8): the
 * special-fund applications of the year with the amounts applied, approved
 * and paid by the month's end, and every fund step overdue then
 * (超期未兑现), by owner unit. Computed from the dataset's fund book
 * (core/funds_view.h); pure. */
#ifndef BL_BULLETIN_FUNDS_H
#define BL_BULLETIN_FUNDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/funds_view.h"
#include "report/doc.h"

/* One owner unit's overdue steps. */
struct fund_owner_row {
	int64_t owner;            /* unit id */
	size_t n;                 /* overdue steps */
	size_t by_step[FS__MAX];  /* of them, per step */
	int max_late;             /* the most working days late */
};

struct bulletin_funds {
	int present;              /* 0: the dataset has no applications: no section */
	size_t applications;      /* applied for in the year by asof */
	size_t paid_in_full, rejected;
	int64_t applied, approved, paid; /* yuan, of those */
	struct fund_seen *overdue; /* every overdue step at asof (any year's), most
	                            * working days late first; owned */
	size_t n_overdue;
	struct fund_owner_row *owners; /* by overdue steps (most first), then unit
	                                * code; owned */
	size_t n_owners;
};

/* The section of the bulletin of year as of asof from ds->funds (NULL or
 * without applications: present 0), of the projects of district_id's subtree
 * (0: every one). Release with bulletin_funds_release. */
void bulletin_funds_build(const struct dataset *ds, int year, bl_day asof, int64_t district_id,
			  struct bulletin_funds *out);
void bulletin_funds_release(struct bulletin_funds *f);

/* Append the section to d, when present: a heading (h2, e.g. "（七）政策兑现"),
 * a paragraph with the figures, the owners' table (caption "表N …" from
 * table_no) and the overdue steps' table. n_months names the month. */
void bulletin_funds_doc(const struct bulletin_funds *f, const struct dataset *ds, int n_months,
			const char *h2, int table_no, struct doc *d);

#endif
