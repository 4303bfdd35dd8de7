/* holder.c — the current snapshot and its swaps (holder.h). Each snapshot
 * counts its readers under the holder's lock; one that is no longer current
 * is freed by whoever drops its last reader, outside the lock. */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include "snap/holder.h"
#include "snap/snap_int.h"
#include "util/xalloc.h"

struct snap_holder {
	pthread_mutex_t lock;    /* cur and every snapshot's readers, retired */
	pthread_mutex_t refresh; /* held by the one refresh running */
	struct snapshot *cur;
};

enum bl_err snap_holder_open(struct store *st, struct snap_holder **out)
{
	struct snapshot *s;
	enum bl_err rc = snapshot_load(st, &s);

	*out = NULL;
	if (rc)
		return rc;
	*out = xcalloc(1, sizeof(**out));
	pthread_mutex_init(&(*out)->lock, NULL);
	pthread_mutex_init(&(*out)->refresh, NULL);
	(*out)->cur = s;
	return BL_OK;
}

void snap_holder_close(struct snap_holder *h)
{
	if (!h)
		return;
	snapshot_free(h->cur);
	pthread_mutex_destroy(&h->lock);
	pthread_mutex_destroy(&h->refresh);
	free(h);
}

/* Free a snapshot no one reads any more. When a fresh load replaced it, it
 * held a whole copy of the data alone: hand those pages back to the system
 * (malloc_trim, a glibc call), since glibc keeps freed blocks in the arena of
 * the thread that allocated them, and the next load may run on another. */
static void retire(struct snapshot *s)
{
	int whole = s->replaced_whole;

	snapshot_free(s);
	if (whole)
		malloc_trim(0);
}

const struct snapshot *snap_holder_get(struct snap_holder *h)
{
	struct snapshot *s;

	pthread_mutex_lock(&h->lock);
	s = h->cur;
	s->readers++;
	pthread_mutex_unlock(&h->lock);
	return s;
}

void snap_holder_put(struct snap_holder *h, const struct snapshot *cs)
{
	struct snapshot *s = (struct snapshot *)cs; /* ours: the holder made it */
	int gone;

	if (!s)
		return;
	pthread_mutex_lock(&h->lock);
	gone = --s->readers == 0 && s->retired;
	pthread_mutex_unlock(&h->lock);
	if (gone)
		retire(s);
}

enum bl_err snap_holder_refresh(struct snap_holder *h, struct store *st, int wait)
{
	struct snapshot *next = NULL, *old;
	enum bl_err rc;
	int gone;

	if (wait)
		pthread_mutex_lock(&h->refresh);
	else if (pthread_mutex_trylock(&h->refresh))
		return BL_EBUSY;
	/* Only this thread replaces cur, so it may read it unlocked. */
	rc = snapshot_refresh(st, h->cur, &next);
	if (!rc && next) {
		pthread_mutex_lock(&h->lock);
		old = h->cur;
		h->cur = next;
		old->retired = 1;
		old->replaced_whole = next->loaded;
		gone = old->readers == 0;
		pthread_mutex_unlock(&h->lock);
		if (gone)
			retire(old);
	}
	pthread_mutex_unlock(&h->refresh);
	return rc;
}
