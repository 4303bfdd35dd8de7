/* pg.h — what only a PostgreSQL store needs (pg.c). Private to src/store. */
#ifndef BL_PG_H
#define BL_PG_H

#include "store/store.h"

struct store;

/* The newest schema version PostgreSQL's steps reach. */
int pg_schema_version(void);
/* After db_open of a PostgreSQL target: check its schema version and migrate
 * it (STORE_CREATE makes a new one in an empty database). */
enum bl_err pg_store_open(struct store *st, const char *target, enum store_mode mode);
/* 1 when the PostgreSQL database at target holds ballast's tables; 0 when
 * not, or when it cannot be reached. */
int pg_exists(const char *target);
/* Drop every table of ballast's PostgreSQL database at target (err says why
 * not). */
enum bl_err pg_remove(const char *target, struct buf *err);

#endif
