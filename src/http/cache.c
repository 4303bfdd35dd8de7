/* cache.c — the answer cache (cache.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"
#include "util/xalloc.h"

void cache_init(struct answer_cache *c)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
}

void cache_release(struct answer_cache *c)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++)
		free(c->slots[i].body);
	pthread_mutex_destroy(&c->lock);
}

int cache_get(struct answer_cache *c, const char *key, int64_t gen, struct buf *out)
{
	int i, hit = 0;

	if (gen < 0 || strlen(key) >= CACHE_KEY_MAX)
		return 0;
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < CACHE_SLOTS; i++) {
		struct cache_slot *s = &c->slots[i];

		if (s->body && s->gen == gen && !strcmp(s->key, key)) {
			buf_add(out, s->body, s->len);
			s->used = ++c->tick;
			hit = 1;
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void cache_put(struct answer_cache *c, const char *key, int64_t gen, const char *body,
	       size_t len)
{
	struct cache_slot *victim;
	int i;

	if (gen < 0 || strlen(key) >= CACHE_KEY_MAX)
		return;
	pthread_mutex_lock(&c->lock);
	victim = &c->slots[0];
	for (i = 0; i < CACHE_SLOTS; i++) {
		struct cache_slot *s = &c->slots[i];

		if (!s->body || !strcmp(s->key, key)) {
			victim = s;
			break;
		}
		if (s->used < victim->used)
			victim = s;
	}
	free(victim->body);
	snprintf(victim->key, sizeof(victim->key), "%s", key);
	victim->gen = gen;
	victim->body = xmalloc(len + 1);
	memcpy(victim->body, body, len);
	victim->body[len] = '\0';
	victim->len = len;
	victim->used = ++c->tick;
	pthread_mutex_unlock(&c->lock);
}
