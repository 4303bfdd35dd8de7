/* tmpfile.c — private temporary files (tmpfile.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/tmpfile.h"

int tmpfile_private(const char *stem, struct buf *path, struct buf *err)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	buf_reset(path);
	buf_addf(path, "%s/ballast-%s-XXXXXX", dir && *dir ? dir : "/tmp", stem);
	if (path->err) {
		if (err)
			buf_addf(err, "the temporary directory's name is too long");
		return -1;
	}
	fd = mkstemp(path->s); /* mode 0600 */
	if (fd < 0 && err)
		buf_addf(err, "cannot create %s: %s", path->s, strerror(errno));
	return fd;
}

enum bl_err file_slurp(const char *path, struct buf *out, size_t max, struct buf *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n, start = out->len;
	enum bl_err rc = BL_OK;

	if (!f) {
		if (err)
			buf_addf(err, "cannot read %s: %s", path, strerror(errno));
		return BL_EIO;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len - start + n > max) {
			rc = BL_ELIMIT;
			break;
		}
		buf_add(out, chunk, n);
	}
	if (!rc && ferror(f))
		rc = BL_EIO;
	if (!rc && out->err)
		rc = out->err;
	fclose(f);
	if (rc && err)
		buf_addf(err, "cannot read %s: %s", path,
			 rc == BL_ELIMIT ? "too large" : strerror(errno));
	return rc;
}
