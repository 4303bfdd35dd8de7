/* store_remove.c — whether a database is there, and removing it (ballast demo
 * --force): a SQLite file and its companions, or a PostgreSQL database's
 * tables (pg.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/pg.h"
#include "store/store.h"

int store_exists(const char *path)
{
	struct stat sb;

	if (db_target_is_pg(path))
		return pg_exists(path);
	return stat(path, &sb) == 0;
}

enum bl_err store_remove(const char *path, struct buf *err)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct buf name = BUF_INIT;
	enum bl_err rc = BL_OK;
	size_t i;

	if (db_target_is_pg(path))
		return pg_remove(path, err);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]) && !rc; i++) {
		buf_reset(&name);
		buf_addf(&name, "%s%s", path, suffix[i]);
		if (unlink(name.s) != 0 && errno != ENOENT) {
			buf_addf(err, "%s: cannot delete: %s", name.s, strerror(errno));
			rc = BL_EIO;
		}
	}
	buf_release(&name);
	return rc;
}
