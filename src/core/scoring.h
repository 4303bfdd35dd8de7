/* scoring.h — the section contest (比武打擂) of DOMAIN.md §7: each section's
 * composite score from weighted measures, the month's ranking, and the round's
 * naming of the leader (擂主), the top three (流动红旗) and the bottom three
 * (约谈). Pure computation: exact integer arithmetic, no I/O. */
#ifndef BL_SCORING_H
#define BL_SCORING_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/measures.h"
#include "core/model.h"
#include "core/warnings.h"

/* The weighted components of the score, in the order of the tables. */
enum contest_part {
	CP_START_RATE,            /* 开工率: started ÷ listed */
	CP_INVESTMENT_COMPLETION, /* 开工项目投资完成率, capped at 100 % */
	CP_NEW_STARTS,            /* 新开工 ÷ the section's task book (任务书), capped at 100 % */
	CP_RED_WARNINGS,          /* 红灯项目 ÷ listed projects; the weight is negative */
	CP_OVERDUE_ITEMS,         /* projects with an overdue supervision item ÷ listed
	                           * projects; weight 0 by default (DOMAIN.md §7) */
	CP_SIGNED_INVESTMENT,     /* 签约投资占比 (双招双引, issue #16 item 4): the intended
	                           * investment of the leads the section's subtree follows
	                           * signed from January 1 to the round's day ÷ that of every
	                           * lead signed then; weight 0 by default */
	CP__MAX
};
extern const char *const contest_part_keys[CP__MAX];   /* "start_rate", … */
extern const char *const contest_part_labels[CP__MAX]; /* "开工率", … */

/* Points per component; a score is Σ weight × share (share in [0, 1]). */
struct contest_weights {
	int w[CP__MAX]; /* defaults 30, 30, 20, −20 (DOMAIN.md §7), 0, 0 */
	int named;      /* how many sections get the red flag and how many are called
	                 * to a talk, at most (3; 0 counts as 3) */
};

/* The defaults of DOMAIN.md §7. */
void contest_weights_defaults(struct contest_weights *cw);
/* Set one weight from its text setting: keys "contest.weight.start_rate",
 * "contest.weight.investment_completion", "contest.weight.new_starts",
 * "contest.weight.red_warnings", "contest.weight.overdue_items",
 * "contest.weight.signed_investment", whole numbers
 * −1000…1000; and "contest.named",
 * 1…20 (core/settings.c has the table). Returns NULL on success, else a static
 * English reason and *cw is unchanged. */
const char *contest_weights_set(struct contest_weights *cw, const char *key, const char *value);
/* 1 when key is one of the keys above. */
int contest_setting_is_ours(const char *key);
/* The setting key of part k ("contest.weight.start_rate"). */
const char *contest_setting_key(enum contest_part k);

/* What a round names a section (bits). */
enum contest_role {
	CONTEST_LEADER = 1u << 0,   /* 擂主: first place */
	CONTEST_RED_FLAG = 1u << 1, /* 流动红旗: the top three (fewer in a small district) */
	CONTEST_TALK = 1u << 2,     /* 约谈: the bottom three (never one with the red flag) */
};

/* One section of a round: its inputs, then what contest_rank() fills in. */
struct contest_entry {
	int64_t unit_id;
	const char *code, *name;    /* borrowed from the dataset (or the caller) */
	int64_t projects;           /* listed projects of the section's subtree */
	struct ratio start_rate;
	struct ratio investment_completion;
	int64_t new_starts;
	int64_t task_new_starts;    /* the task book's value, or -1 when there is none */
	int64_t red_projects;       /* projects with a red warning of a rule other than
	                             * 督办事项逾期, which is weighed on its own */
	int64_t overdue_item_projects; /* projects with an overdue supervision item */
	int64_t signed_yuan;        /* Σ amount of the leads its subtree follows signed
	                             * from January 1 to asof (absent amounts count 0) */
	int64_t signed_yuan_all;    /* the same over every lead of the district: the share's
	                             * denominator (0: undefined, no points) */
	/* Filled by contest_rank(): */
	struct ratio share[CP__MAX]; /* the share each weight multiplies (den 0: undefined) */
	int64_t points[CP__MAX];     /* hundredths of a point, rounded half away from zero */
	int64_t score;               /* Σ points, hundredths of a point */
	int ranked;                  /* 0: no listed projects, so not ranked */
	int rank;                    /* 1-based, equal scores share a rank; 0 when unranked */
	unsigned roles;              /* enum contest_role bits */
};

struct contest_round {
	bl_month month;
	bl_day asof;
	struct contest_weights weights;
	struct contest_entry *entries; /* ranked first, best first; then the unranked by code */
	size_t n;
	size_t n_ranked;
};

/* Score and order the round's entries (in place) under its weights:
 *  - shares: start rate; investment completion capped at 1; new starts ÷ task
 *    capped at 1 (a task book of 0 counts as met); red projects ÷ projects;
 *    projects with an overdue item ÷ projects; signed investment ÷ the
 *    district's signed investment.
 *    An undefined share (zero denominator, or no task book) gives 0 points;
 *  - points = weight × 100 × share, rounded; score = Σ points;
 *  - a section with no projects is not ranked (listed last, by code);
 *  - order: score, then start rate, then code; equal scores share a rank
 *    (1, 2, 2, 4);
 *  - roles by position: the first is the leader; the first k carry the red
 *    flag and the last k are called to talk, k = min(named, ranked ÷ 2) (so
 *    with named 3, six or more sections give three and three, and the two
 *    never overlap); a lone section is the leader with the red flag.
 * Never fails. */
void contest_rank(struct contest_round *r);

/* The month's round over ds (indexed; ds->year should be the month's year), as
 * of the month's last day, for the top-level sections (units of kind section
 * or street whose parent is neither): their subtree's measures, the task book
 * (the year's target on new_starts for exactly that unit, tier any, latest
 * due), red lights under ws, and the signed leads of ds->signings
 * (signed_yuan, signed_yuan_all; sums saturate). Fills and ranks *out (release with
 * contest_round_release). Never fails. */
void contest_compute(const struct dataset *ds, bl_month month, const struct warning_settings *ws,
		     const struct contest_weights *cw, struct contest_round *out);

/* The entry of unit_id in r, or NULL. */
const struct contest_entry *contest_find(const struct contest_round *r, int64_t unit_id);

/* Free the entries and zero *r. */
void contest_round_release(struct contest_round *r);

#endif
