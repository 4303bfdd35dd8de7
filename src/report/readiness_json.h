/* readiness_json.h — a month's readiness to be issued (core/readiness.h)
 * read from the store and shown as JSON: what GET
 * /api/v1/bulletins/:month/readiness returns and `ballast bulletin --issue`
 * prints before it issues. Also the issued-vs-live comparison of a month's
 * contest round that GET /api/v1/ranking adds. */
#ifndef BL_READINESS_JSON_H
#define BL_READINESS_JSON_H

#include <jansson.h>

#include "core/readiness.h"
#include "store/store.h"

/* The readiness of month over ds (the month's year, loaded by the caller),
 * with the month's report statuses and the pending change requests of its
 * year read from st. BL_EDB (the store's message in err) when a read fails.
 * Release *out with readiness_release; its pointers borrow from ds. */
enum bl_err readiness_load(struct store *st, const struct dataset *ds, bl_month month,
			   struct readiness *out, struct buf *err);

/* {"month", "listed", "owed", "ready", "counts": {"missing", "unverified",
 *  "pending_change"}, "sections": [{"code", "name", "owed", "missing",
 *  "unverified", "pending_change"}], "missing": [{"ref", "name", "section",
 *  "section_name", "status"}], "unverified": [ … ], "pending_change":
 *  [{"id", "ref", "name", "section", "section_name"}]}. Caller owns it. */
json_t *readiness_json(const struct dataset *ds, const struct readiness *r);

/* The issued round of district's month (district: its key, publish.h; saved
 * when its bulletin was issued) against live: *issued gets it (names borrowed from ds; empty when the month was
 * not issued or kept no round) and the answer is {"issue_no", "version",
 * "issued_at", "differs", "sections": [{"code", "rank", "score"}]}, or
 * json_null() when the month was never issued. New reference. */
json_t *ranking_issued_json(struct store *st, const struct dataset *ds,
			    const struct contest_round *live, int64_t district, bl_month month);

#endif
