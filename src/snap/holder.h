/* holder.h — the current snapshot of the data (snapshot.h), shared by the
 * server's worker threads. A request takes it with a reference and gives it
 * back at its end; a refresh makes the next snapshot from it on the side
 * and swaps it in. The lock readers share is held only to take, give back
 * and swap a pointer, never while anything is computed or read from the
 * database, so readers never wait for each other or for a refresh, and a
 * request sees one snapshot from its start to its end: all of a write or
 * none of it. One refresh runs at a time. */
#ifndef BL_SNAP_HOLDER_H
#define BL_SNAP_HOLDER_H

#include "snap/snapshot.h"
#include "store/store.h"

struct snap_holder;

/* A holder with the store's data loaded now (snapshot_load); on error *out
 * is NULL and store_errmsg(st) says why. Close with snap_holder_close once
 * no request holds a snapshot. */
enum bl_err snap_holder_open(struct store *st, struct snap_holder **out);
void snap_holder_close(struct snap_holder *h);

/* The current snapshot, with a reference the caller gives back with
 * snap_holder_put (it stays valid and unchanged until then). */
const struct snapshot *snap_holder_get(struct snap_holder *h);
void snap_holder_put(struct snap_holder *h, const struct snapshot *s);

/* Bring the current snapshot up to st's write generation (snapshot_refresh)
 * and swap the new one in. When another thread is refreshing: with wait 0
 * return BL_EBUSY at once (that refresh brings the snapshot up to date
 * anyway), with wait 1 wait for it first. BL_OK when current. */
enum bl_err snap_holder_refresh(struct snap_holder *h, struct store *st, int wait);

#endif
