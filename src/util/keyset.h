/* keyset.h — a set of 64-bit keys, each with a 32-bit value (open addressing,
 * linear probing), for checks over every row of a large file that must stay
 * small: 12 bytes a slot, about 24 MiB for a million keys. The importer
 * remembers in it which (project, month) rows a file has had, and on which
 * row. */
#ifndef BL_KEYSET_H
#define BL_KEYSET_H

#include <stddef.h>
#include <stdint.h>

struct keyset {
	uint64_t *keys; /* 0: an empty slot */
	uint32_t *vals;
	size_t n, cap;  /* cap: 0 or a power of two */
};

#define KEYSET_INIT { NULL, NULL, 0, 0 }

/* Add key (not 0) with value val, unless it is there: then 1 and *old (may
 * be NULL) gets its value, which stays. 0 when added. */
int keyset_add(struct keyset *s, uint64_t key, uint32_t val, uint32_t *old);
/* Free the table; s is empty and reusable. */
void keyset_release(struct keyset *s);

#endif
