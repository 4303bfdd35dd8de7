/* store_pool.c — one database connection per worker thread (store_pool.h). */
#include <stdio.h>
#include <stdlib.h>

#include "http/store_pool.h"
#include "util/xalloc.h"

/* The connection of this thread. Not request state: the thread's requests
 * use it one after another, each from start to end. */
static __thread struct store *tl_store;

void store_pool_init(struct store_pool *p, const char *path)
{
	p->path = path;
	pthread_mutex_init(&p->lock, NULL);
	p->stores = NULL;
	p->n = p->alloc = 0;
}

struct store *store_pool_get(struct store_pool *p)
{
	struct buf err = BUF_INIT;

	if (tl_store)
		return tl_store;
	if (store_open(p->path, STORE_EXISTING, &tl_store, &err)) {
		fprintf(stderr, "ballast serve: %s: %s\n", p->path, err.s);
		buf_release(&err);
		return NULL;
	}
	buf_release(&err);
	pthread_mutex_lock(&p->lock);
	XGROW(p->stores, p->alloc, p->n + 1);
	p->stores[p->n++] = tl_store;
	pthread_mutex_unlock(&p->lock);
	return tl_store;
}

void store_pool_release(struct store_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		store_close(p->stores[i]);
	free(p->stores);
	p->stores = NULL;
	p->n = p->alloc = 0;
	pthread_mutex_destroy(&p->lock);
}
