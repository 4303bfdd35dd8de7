/* json_visits.h — commando teams, site visits and the bimonthly supervision
 * schedule (core/visits.h) as the JSON the CLI prints and the API returns. */
#ifndef BL_JSON_VISITS_H
#define BL_JSON_VISITS_H

#include <jansson.h>

#include "core/visits.h"

/* A visit: id, ref, project_name (p may be NULL: both null), on, kind,
 * kind_label, who, findings, recorded_by, recorded_at, version. New
 * reference. */
json_t *visit_json(const struct visit *v, const struct project *p);
/* A team: id, name, members (an array of {"name", "account": bool}: a line
 * that names an account — is_account(ctx, name) — is one), version; null
 * for t NULL. New reference. */
json_t *team_json(const struct team *t, int (*is_account)(void *ctx, const char *name),
		  void *ctx);
/* The schedule: {"asof", "from", "to", "months", "threshold_yuan", "total",
 * "visited", "not_visited", "sections": [{"code", "name", "total", "visited",
 * "projects": [{"ref", "name", "total_investment", "filed_not_started",
 * "red", "reasons": ["filed_not_started", "red"], "visited", "visited_on",
 * "visit_id", "visits"}]}]}. New reference. */
json_t *schedule_json(const struct dataset *ds, const struct schedule *s,
		      const struct schedule_settings *ss, bl_day asof);

#endif
