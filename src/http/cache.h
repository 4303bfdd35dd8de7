/* cache.h — the server's answer cache: response bodies keyed by a string
 * (the request's path, query, day and, where answers differ per user, the
 * caller's role and unit), each valid while the database's write generation
 * is the one it was computed at. A fixed number of slots, least recently used
 * replaced; bodies may hold NULs (a PDF draft). Thread-safe. */
#ifndef BL_HTTP_CACHE_H
#define BL_HTTP_CACHE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define CACHE_SLOTS 64
#define CACHE_KEY_MAX 512

struct cache_slot {
	char key[CACHE_KEY_MAX];
	int64_t gen;
	char *body;
	size_t len;
	uint64_t used;
};

struct answer_cache {
	pthread_mutex_t lock;
	struct cache_slot slots[CACHE_SLOTS];
	uint64_t tick;
};

void cache_init(struct answer_cache *c);
void cache_release(struct answer_cache *c);
/* Append the body kept under key at generation gen to out: 1 on a hit, 0
 * otherwise (also for gen < 0 or a key too long to keep). */
int cache_get(struct answer_cache *c, const char *key, int64_t gen, struct buf *out);
/* Keep body (len bytes) under key at generation gen. */
void cache_put(struct answer_cache *c, const char *key, int64_t gen, const char *body,
	       size_t len);

#endif
