/* keyset.c — 64-bit keys with 32-bit values, open addressing (keyset.h). The
 * table doubles past 3/4 full. A Fibonacci hash of all but the low 6 bits
 * picks a block of 64 slots, the low bits the slot in it: keys that differ
 * only there (the consecutive months of one project, as files list them) sit
 * side by side, and a file read in order touches the table in order. */
#include "util/keyset.h"

#include <stdlib.h>

#include "util/xalloc.h"

static size_t slot_of(uint64_t key, size_t cap)
{
	uint64_t block = ((key >> 6) * 0x9e3779b97f4a7c15ull) >> 32;

	return (size_t)(block << 6 | (key & 63)) & (cap - 1);
}

/* Put key → val in a slot of a table with room; no check for the key. */
static void place(uint64_t *keys, uint32_t *vals, size_t cap, uint64_t key, uint32_t val)
{
	size_t i = slot_of(key, cap);

	while (keys[i])
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	vals[i] = val;
}

static void grow(struct keyset *s)
{
	size_t cap = s->cap ? 2 * s->cap : 1024, i;
	uint64_t *keys = xcalloc(cap, sizeof(*keys));
	uint32_t *vals = xmalloc(cap * sizeof(*vals));

	for (i = 0; i < s->cap; i++)
		if (s->keys[i])
			place(keys, vals, cap, s->keys[i], s->vals[i]);
	free(s->keys);
	free(s->vals);
	s->keys = keys;
	s->vals = vals;
	s->cap = cap;
}

int keyset_add(struct keyset *s, uint64_t key, uint32_t val, uint32_t *old)
{
	size_t i;

	if (4 * (s->n + 1) > 3 * s->cap)
		grow(s);
	for (i = slot_of(key, s->cap); s->keys[i]; i = (i + 1) & (s->cap - 1)) {
		if (s->keys[i] == key) {
			if (old)
				*old = s->vals[i];
			return 1;
		}
	}
	s->keys[i] = key;
	s->vals[i] = val;
	s->n++;
	return 0;
}

void keyset_release(struct keyset *s)
{
	free(s->keys);
	free(s->vals);
	s->keys = NULL;
	s->vals = NULL;
	s->n = s->cap = 0;
}
