/* ranking_json.h — the contest round (core/scoring.h) as JSON: what
 * `ballast ranking --format json` prints, what `GET /api/v1/ranking` returns,
 * and what the ranking_rounds table keeps (weights and result). */
#ifndef BL_RANKING_JSON_H
#define BL_RANKING_JSON_H

#include <jansson.h>

#include "core/scoring.h"

/* {"start_rate": 30, "investment_completion": 30, "new_starts": 20,
 *  "red_warnings": -20}. Caller owns the reference (json_decref). */
json_t *contest_weights_json(const struct contest_weights *w);

/* {"month": "2024-06", "asof": "2024-06-30", "weights": {…},
 *  "sections": [{"rank": 1, "code": "S01", "name": "…", "projects": 39,
 *    "start_rate": {"num", "den", "value"}, "investment_completion": {…},
 *    "new_starts": 14, "new_starts_task": 21 | null, "red_projects": 1,
 *    "points": {"start_rate": 22.31, …}, "score": 71.23,
 *    "roles": ["leader", "red_flag"] | ["talk"] | []}, …],
 *  "leader": "S01" | null, "red_flag": ["S01", …], "talk": [ … ]}
 * Unranked sections (no projects) come last with "rank": null and
 * "score": null. Caller owns the reference. */
json_t *contest_round_json(const struct contest_round *r);

/* contest_round_json(r) with, per section, "change": the places gained (+)
 * or lost (−) since prev, last month's saved round, null when either round
 * does not rank it; and "previous_round": prev's month, null when prev is
 * empty (DOMAIN.md §7: read from the saved round, never recomputed). What
 * `ballast ranking --format json` and GET /api/v1/ranking show; never what
 * is stored. Caller owns the reference. */
json_t *contest_round_json_changes(const struct contest_round *r,
				   const struct contest_round *prev);

/* Compact text of j (sorted as built), for storing; caller frees with free(). */
char *ranking_json_text(const json_t *j);

/* From a stored result: the names of the leader, the red-flag and the talk
 * sections, each joined by "、" into out[0..2] (caller frees each with free());
 * -1 when the text is not a round's JSON. */
int ranking_json_roles(const char *result, char *out[3]);

/* A stored round's result read back for its ranks (DOMAIN.md §7: the change
 * since last month is the saved round's, never a recomputation): *out gets
 * the month and one entry per section of the result whose code is a unit of
 * ds, with unit_id, code and name (borrowed from ds), ranked, rank and score
 * (hundredths); the other fields stay 0. Release with contest_round_release.
 * -1 (and *out empty) when the text is not a round's JSON. */
int ranking_json_parse(const char *result, const struct dataset *ds, struct contest_round *out);

#endif
