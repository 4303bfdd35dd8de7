/* publish.h — the bulletin and the contest against the store: drafting a
 * month's bulletin from today's data, fetching an issued one's frozen bytes,
 * issuing (render the three formats, store them and the month's round in one
 * transaction), and computing/saving a month's contest round. What the CLI
 * commands and the HTTP handlers call; results are bytes or structs in
 * memory. Settings read from the store: warning thresholds (warn.*), contest
 * weights (contest.weight.*), the bulletin's title (bulletin.title) and issuer
 * (bulletin.issuer). Errors: a bl_err and one sentence in err (may be NULL). */
#ifndef BL_PUBLISH_H
#define BL_PUBLISH_H

#include "core/scoring.h"
#include "report/bulletin.h"
#include "report/render.h"
#include "store/store.h"
#include "store/store_bulletins.h"

/* district1 (issue #17 item 5): every act below is of one district, named by
 * its key (core/district.h district_key, access_district_pick): a district
 * unit's id — its sections ranked, its projects counted, its rows stored —
 * or 0, the instance's own (all of it, as before districts were told apart).
 *
 * The contest round of district's month from the store's data as of the
 * month's last day. ds receives the year's dataset the round borrows its names from: the
 * caller releases the round (contest_round_release) and then ds
 * (dataset_release). When save, the round is stored (store_round_put, in its
 * own transaction, audited under the store's actor); *saved (may be NULL)
 * says whether that wrote anything. */
enum bl_err publish_ranking(struct store *st, int64_t district, bl_month month, int save,
			    struct dataset *ds, struct contest_round *round, int *saved,
			    struct buf *err);

/* Settings as key, value pairs (store_settings_each, or a snapshot's):
 * each calls fn for every one and returns non-zero when it cannot. */
typedef int (*settings_walk)(const void *src,
			     int (*fn)(void *ctx, const char *key, const char *value),
			     void *ctx);
/* The contest round of month from ds (the month's year, loaded by the caller:
 * a server reads its snapshot's) under the settings each(src, …) walks, as
 * publish_ranking computes it without saving. BL_EINVAL (a sentence in err)
 * when a setting is bad; release the round with contest_round_release. */
enum bl_err publish_ranking_from(const struct dataset *ds, int64_t district, bl_month month,
				 settings_walk each, const void *src, struct contest_round *round,
				 struct buf *err);

/* The saved contest round of the month before month, in the same year
 * (DOMAIN.md §7: "change since last month" is read from it), into *prev with
 * its names borrowed from ds (the dataset of month's year); *prev is empty
 * (n == 0) in January or when no round of that month was saved. Release with
 * contest_round_release. */
enum bl_err publish_previous_round(struct store *st, int64_t district, bl_month month,
				   const struct dataset *ds, struct contest_round *prev,
				   struct buf *err);

/* The draft bulletin of month in fmt, from today's data, appended to out. */
enum bl_err publish_draft(struct store *st, int64_t district, bl_month month,
			  enum render_format fmt, struct buf *out, struct buf *err);

/* A download: which bulletin, and what was served. */
struct bulletin_fetch {
	int64_t district;        /* the district's key (district1) */
	bl_month month;
	int version;             /* 第N版 wanted; 0: the latest */
	enum render_format fmt;
	int force_draft;         /* publish_fetch: a draft even when the month was issued */
	/* Filled by the call: */
	int issue_no;            /* the issue number served; 0 for a draft */
	int version_served;      /* the version served; 0 for a draft */
};

/* The frozen bytes of f->month's issued bulletin (version f->version, or the
 * latest) in f->fmt, appended to out, byte for byte as issued. BL_ENOTFOUND
 * (err untouched) when the month was not issued or has no such version. */
enum bl_err publish_issued(struct store *st, struct bulletin_fetch *f, struct buf *out,
			   struct buf *err);

/* What a download gives: the issued bulletin's frozen bytes when the month
 * was issued (unless f->force_draft), else the draft. A version asked for
 * that does not exist is BL_ENOTFOUND, never a draft. */
enum bl_err publish_fetch(struct store *st, struct bulletin_fetch *f, struct buf *out,
			  struct buf *err);

struct issue_opts {
	int64_t district;      /* the district's key (district1) */
	int issue_no;          /* 0: keep a re-issued month's number, else the month's number */
	int reissue;           /* 1: issue an issued month again, as its next version */
	const char *reason;    /* with reissue: why (1–2000 characters), printed in it */
	const char *actor;     /* issued_by; also the audit actor (store_set_actor) */
	const char *issued_at; /* UTC ISO 8601; NULL: now */
	bl_day issued_on;      /* the date printed; DAY_NONE: today (local time) */
};

/* Issue month's bulletin: render HTML, PDF and XLSX of today's data with the
 * issue date, number and version, then in one transaction store them frozen
 * (store_bulletin_put) and the month's contest round. A month issued before
 * is never overwritten: BL_ECONFLICT unless io->reissue, which stores the next
 * version (第2版 …) and needs io->reason (BL_EINVAL without one); the earlier
 * versions stay as they were. out (may be NULL) receives the stored record
 * with its blobs (release with bulletin_record_release). */
enum bl_err publish_issue(struct store *st, bl_month month, const struct issue_opts *io,
			  struct bulletin_record *out, struct buf *err);

#endif
