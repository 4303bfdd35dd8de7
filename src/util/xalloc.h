/* xalloc.h — allocation that never returns NULL.
 * Out of memory is not a condition ballast recovers from: these wrappers print a
 * line and abort, so callers carry no dead NULL checks (git's wrapper.c). */
#ifndef BL_XALLOC_H
#define BL_XALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/strdup, but abort on failure. xmalloc(0) returns a
 * unique pointer. The caller frees the result with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);

/* Grow *arr (of *alloc elements of elsize bytes) so that it holds at least
 * need elements; doubles the capacity. */
void xgrow(void **arr, size_t *alloc, size_t need, size_t elsize);
#define XGROW(arr, alloc, need) xgrow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
