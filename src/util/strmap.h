/* strmap.h — a string → int64 hash map (open addressing, FNV-1a), for lookups
 * by user keys (project refs, unit codes) in bulk work such as imports. */
#ifndef BL_STRMAP_H
#define BL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char *key;     /* owned copy; NULL for an empty slot */
	int64_t value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t n, cap;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Set key to value (the key is copied), replacing any earlier value. */
void strmap_put(struct strmap *m, const char *key, int64_t value);
/* 1 and *value when key is present, else 0. value may be NULL. */
int strmap_get(const struct strmap *m, const char *key, int64_t *value);
/* Free every key and the table. */
void strmap_release(struct strmap *m);

#endif
