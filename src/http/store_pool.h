/* store_pool.h — the server's database connections: one per worker thread,
 * opened on the thread's first request and closed when the server stops. A
 * connection serves one request at a time (a worker runs a handler to its
 * end), so no request's state is kept in it between calls: the audit actor
 * is set right before each handler (routes.c). */
#ifndef BL_HTTP_STORE_POOL_H
#define BL_HTTP_STORE_POOL_H

#include <pthread.h>
#include <stddef.h>

#include "store/store.h"

struct store_pool {
	const char *path;
	pthread_mutex_t lock;
	struct store **stores;
	size_t n, alloc;
};

void store_pool_init(struct store_pool *p, const char *path);
/* This thread's connection, opened on first use; NULL (message printed) when
 * the database cannot be opened. */
struct store *store_pool_get(struct store_pool *p);
/* Close every connection (after the workers stopped). */
void store_pool_release(struct store_pool *p);

#endif
