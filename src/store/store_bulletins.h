/* store_bulletins.h — what the monthly bulletin (月度通报) and the section
 * contest (比武打擂) keep: issued bulletins, frozen as the bytes of their three
 * formats, and the contest's monthly rounds (DOMAIN.md §7, §8). Writes run in
 * the caller's transaction (store_begin … store_commit) and are audited. */
#ifndef BL_STORE_BULLETINS_H
#define BL_STORE_BULLETINS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

/* The frozen renderings of an issued bulletin. */
enum bulletin_blob {
	BLOB_HTML,
	BLOB_PDF,
	BLOB_XLSX,
	BLOB__MAX
};
extern const char *const bulletin_blob_keys[BLOB__MAX]; /* "html", "pdf", "xlsx" */

struct bulletin_record {
	int64_t district_id;   /* the issuing district (a unit of kind district), or 0:
	                        * the instance's own (an instance of at most one
	                        * district, and every bulletin issued before
	                        * district1's migration) */
	bl_month month;
	int version;           /* 第N版: 1 for the first issue, then one more per re-issue */
	char *reason;          /* why this version was issued; NULL for version 1 */
	int issue_no;          /* 第N期 */
	char *issued_at;       /* UTC, ISO 8601 ("2024-07-05T02:30:00.123Z") */
	char *issued_by;       /* the actor */
	unsigned char *blob[BLOB__MAX]; /* NULL when not read (or empty) */
	size_t len[BLOB__MAX];          /* byte lengths, also when not read */
};

/* Free the strings and blobs of r and zero it. */
void bulletin_record_release(struct bulletin_record *r);

/* The issued bulletin of district_id (0: the instance's own) and month into
 * *out (release with bulletin_record_release): its version (0: the latest). blobs is a bitmask of 1 << enum bulletin_blob
 * saying which blobs to read (lengths are always filled). BL_ENOTFOUND when
 * the month was never issued, or has no such version. */
enum bl_err store_bulletin_get_version(struct store *st, int64_t district_id, bl_month month,
				       int version, unsigned blobs, struct bulletin_record *out);
/* The latest version: store_bulletin_get_version(st, district_id, month, 0, …). */
enum bl_err store_bulletin_get(struct store *st, int64_t district_id, bl_month month,
			       unsigned blobs, struct bulletin_record *out);

/* The audit key of a version of a district's month's bulletin: "2024-06" for
 * version 1 (as before versions existed), "2024-06/v2" for the later ones;
 * a district's (district_id > 0) with its id in front: "7/2024-06/v2". */
void bulletin_audit_key(int64_t district_id, bl_month month, int version, char out[48]);

/* Store an issued bulletin of r->district_id and r->month: the three blobs
 * must be given. A month issued
 * before is never overwritten: with replace (a re-issue) the record is stored
 * as the month's next version, and r->reason (1–2000 characters) must say why
 * (BL_EINVAL otherwise); without replace, BL_ECONFLICT. r->version is ignored;
 * *version (may be NULL) gets the version stored. Audit entry: action "issue"
 * (version 1) or "reissue", entity "bulletin", key bulletin_audit_key(), JSON
 * holding the month, version, reason, issue number, issued_at, issued_by and
 * each blob's byte count and SHA-256 (never the blobs). Inside store_begin. */
enum bl_err store_bulletin_put(struct store *st, const struct bulletin_record *r, int replace,
			       int *version);

/* Call fn for every issued bulletin version ordered by month, district id,
 * then version newest first (r->district_id says whose), without blobs (lengths filled); r is valid only during the
 * call. Stops at fn's first non-zero return (returned as BL_EINVAL). */
enum bl_err store_bulletins_each(struct store *st,
				 int (*fn)(void *ctx, const struct bulletin_record *r), void *ctx);

/* One stored contest round. weights and result are JSON texts the caller
 * defines (src/report/ranking_json.h). */
struct round_record {
	int64_t district_id; /* as a bulletin_record's */
	bl_month month;
	char *computed_at; /* UTC, ISO 8601 */
	char *weights;
	char *result;
};
void round_record_release(struct round_record *r);

/* Insert or update the round of r->district_id and r->month. When weights and result equal the
 * stored ones nothing is written (store_last_put() says PUT_UNCHANGED) and the
 * stored computed_at stays. Audit: entity "ranking_round", key the month, the
 * JSON {"computed_at", "weights", "result"}; key the month, with the
 * district's id in front for a district's ("7/2024-06"). Inside store_begin. */
enum bl_err store_round_put(struct store *st, const struct round_record *r);
/* The round of district_id (0: the instance's own) and month into *out
 * (release with round_record_release); BL_ENOTFOUND when none is stored. */
enum bl_err store_round_get(struct store *st, int64_t district_id, bl_month month,
			    struct round_record *out);
/* Every stored round ordered by month, then district id; r is valid only
 * during the call. */
enum bl_err store_rounds_each(struct store *st,
			      int (*fn)(void *ctx, const struct round_record *r), void *ctx);

#endif
