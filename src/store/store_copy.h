/* store_copy.h — `ballast copy`: everything a database holds, copied into a
 * new one of either backend (SQLite file ↔ PostgreSQL, issue #17), then
 * compared row by row with its source and its audit chain verified. Part of
 * the storage interface (copy.c, copy_catalog.c, copy_check.c). */
#ifndef BL_STORE_COPY_H
#define BL_STORE_COPY_H

#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

/* What store_copy did. The caller sets progress, note (each may be NULL) and
 * ctx; the rest is filled. */
struct copy_report {
	/* A table's rows copied so far (every COPY_PROGRESS_ROWS), and once
	 * more with done set when the table is complete. */
	void (*progress)(void *ctx, const char *table, int64_t rows, int done);
	/* What was not carried over or not checked, as one sentence. */
	void (*note)(void *ctx, const char *sentence);
	void *ctx;
	size_t tables;        /* tables copied */
	int64_t rows;         /* rows copied, and found equal */
	int64_t head_id;      /* the audit trail's last entry, the same in both */
	char head_hash[65];   /* its hash */
	int64_t entries;      /* audit entries the copy's chain check walked */
	int64_t problems;     /* what ballast verify finds in the copy */
};
#define COPY_PROGRESS_ROWS 100000

/* Copy the ballast database from (a SQLite file's path or a PostgreSQL
 * connection string) into to, which must hold no row: a SQLite path that
 * does not exist, or a database (either backend) whose tables are all empty
 * (none, or ballast's). The source is read in one snapshot and never written: it
 * must have this ballast's schema version (an older one is refused with the
 * command that upgrades it). The target gets its backend's schema
 * (store_open), then every row of every table with its ids, in one
 * transaction; PostgreSQL's identity sequences are moved past the copied
 * ids; a SQLite target's anchor log starts with the source's anchors up to
 * the copied head (or at the head, with a note, when the source has none).
 * Then every table is compared row by row and value by value with the
 * source, the target's audit chain and rows are verified (store_verify) and
 * its head compared with the source's.
 * BL_OK when the copy is equal and sound. Otherwise a sentence in err:
 * BL_ENOTFOUND (no source), BL_EVERSION (a schema version other than this
 * ballast's), BL_EINVAL (a target that holds rows, or not a place copy can
 * write), BL_EDB/BL_EIO (a failure: the target is left as it was — a SQLite
 * file the copy made removed, a database that was there holding at most
 * ballast's empty tables),
 * BL_ECONFLICT (the committed copy differs from its source or does not
 * verify: err names the first difference or problem). */
enum bl_err store_copy(const char *from, const char *to, struct copy_report *r, struct buf *err);

#endif
