/* readiness.h — what is missing before a month's bulletin and contest round
 * are issued (issue #14 item 8): the listed projects that owe the month's
 * report and have none that counts, the reports submitted but not verified,
 * and the change requests still pending — counted per section and listed; and
 * whether today's contest round differs from the one issued. Pure: the caller
 * hands in the month's year dataset, the month's report statuses and the
 * pending requests. Read by GET /api/v1/bulletins/:month/readiness and
 * `ballast bulletin --issue`. */
#ifndef BL_READINESS_H
#define BL_READINESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/scoring.h"

/* A report of the month as stored (any status). */
struct readiness_report {
	int64_t project_id;
	enum report_status status;
};

/* A pending change request (变更申请 待审核). */
struct readiness_change {
	int64_t id;
	int64_t project_id;
};

struct readiness_input {
	const struct dataset *ds;  /* the month's year (every listed project) */
	bl_month month;
	const struct readiness_report *reports; /* the month's; any order */
	size_t n_reports;
	const struct readiness_change *changes; /* pending, of the month's year */
	size_t n_changes;
};

/* Per section (the project's own section unit, projects.section_id). */
struct readiness_section {
	int64_t section_id;
	const char *code;  /* the unit's code, borrowed from ds ("" when none) */
	size_t owed;       /* listed projects started by the month's last day */
	size_t missing;    /* of them, no submitted or verified report */
	size_t unverified; /* reports submitted, not verified */
	size_t pending;    /* pending change requests of its projects */
};

enum readiness_kind {
	RD_MISSING,    /* 未报送: started, listed, no report that counts (none,
	                * a draft or a returned one) */
	RD_UNVERIFIED, /* 待核实: submitted, not verified */
	RD_PENDING,    /* 待审核变更: a pending change request */
	RD__MAX
};
extern const char *const readiness_kind_keys[RD__MAX];   /* "missing", … */
extern const char *const readiness_kind_labels[RD__MAX]; /* "未报送", … */

struct readiness_row {
	enum readiness_kind kind;
	size_t project;            /* index into ds->projects, or (size_t)-1 when
	                            * a change's project is not listed in the year */
	int64_t project_id;
	const char *ref;           /* the project's, borrowed from ds; "" when not listed */
	int64_t change_id;         /* RD_PENDING; else 0 */
	enum report_status status; /* RD_MISSING: the report's, or REPORT_STATUS__MAX
	                            * when there is none */
};

struct readiness {
	bl_month month;
	size_t listed;                 /* projects listed in the year */
	size_t owed;                   /* of them, owing the month's report */
	size_t counts[RD__MAX];
	struct readiness_row *rows;    /* by kind, then by project ref */
	size_t n_rows;
	struct readiness_section *sections; /* by section code; only sections with
	                                     * a listed project */
	size_t n_sections;
};

/* What is missing for in->month into *out (release with readiness_release).
 * DOMAIN.md §3: a report is owed by a listed project started by the month's
 * last day (as the missing-report warning reads it); only a submitted or
 * verified report counts. */
void readiness_compute(const struct readiness_input *in, struct readiness *out);
void readiness_release(struct readiness *r);
/* 1 when nothing is missing (every count 0). */
int readiness_clear(const struct readiness *r);

/* 1 when the live round differs from the issued one: a section ranked in one
 * and not the other, or with another rank or score (hundredths), or a
 * section present in one only; else 0. Entries are matched by unit code. */
int contest_round_differs(const struct contest_round *live,
			  const struct contest_round *issued);

#endif
