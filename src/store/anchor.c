/* anchor.c — the audit chain's anchors outside the database file: after every
 * commit that appended audit entries, the chain's head (last entry id and
 * hash) is appended to a text log beside the database (DB.anchor). Whoever
 * rewrites, truncates or drops the trail inside the file cannot make the
 * chain end at a head the log recorded; verify compares the two. The log is
 * one line per head: "ID HASH TIME", '#' starts a comment. Before the commit
 * a line "P ID HASH TIME" says what the head will be (pending): a process
 * killed between the commit and its line leaves the head pending, not
 * unrecorded, and a transaction that never committed leaves a pending line
 * that verify passes over. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

#define HEADER \
	"# ballast audit anchors: the audit trail's last entry (id, hash, UTC time) after\n" \
	"# each commit. Append-only; keep a copy elsewhere (docs/security.md, Tamper evidence).\n"

/* Write all of text to fd; 0 or -1. */
static int write_all(int fd, const char *text, size_t n)
{
	while (n) {
		ssize_t w = write(fd, text, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		text += w;
		n -= (size_t)w;
	}
	return 0;
}

static void head_line(struct buf *b, int64_t id, const char *hash, int pending)
{
	char now[32];

	store_now_text(now);
	buf_addf(b, "%s%lld %s %s\n", pending ? "P " : "", (long long)id, hash, now);
}

static void append_line(struct store *st, int64_t id, const char *hash, int pending);

void anchor_append(struct store *st, int64_t id, const char *hash)
{
	append_line(st, id, hash, 0);
}

void anchor_pending(struct store *st, int64_t id, const char *hash)
{
	append_line(st, id, hash, 1);
}

static void append_line(struct store *st, int64_t id, const char *hash, int pending)
{
	struct buf line = BUF_INIT;
	struct stat sb;
	int fd;

	if (!st->anchor_path)
		return;
	fd = open(st->anchor_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	/* A new log begins with its header (two writers creating it at once both
	 * write one: comments, harmless). */
	if (!fstat(fd, &sb) && sb.st_size == 0)
		buf_adds(&line, HEADER);
	head_line(&line, id, hash, pending);
	/* One write with O_APPEND: lines of concurrent writers do not interleave. */
	write_all(fd, line.s, line.len);
	close(fd);
	buf_release(&line);
}

/* Write text as the log at path, whole or not at all: written beside it,
 * synced and renamed into place, so a reader never sees half a log. */
static enum bl_err write_log(struct store *st, const char *path, const struct buf *text)
{
	struct buf tmp = BUF_INIT;
	enum bl_err rc = BL_OK;
	int fd;

	buf_addf(&tmp, "%s.tmp", path);
	fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, text->s, text->len) || fsync(fd)) {
		rc = store_fail(st, BL_EIO, "%s: %s", tmp.s, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp.s);
	} else {
		close(fd);
		if (rename(tmp.s, path)) {
			rc = store_fail(st, BL_EIO, "%s: %s", path, strerror(errno));
			unlink(tmp.s);
		}
	}
	buf_release(&tmp);
	return rc;
}

const char *anchor_pg_path(void)
{
	const char *p = getenv("BALLAST_ANCHOR");

	return p && *p ? p : NULL;
}

enum bl_err anchor_start(struct store *st, const char *path, int64_t id, const char *hash,
			 const char *comment)
{
	struct buf text = BUF_INIT;
	enum bl_err rc;

	buf_adds(&text, HEADER);
	if (comment)
		buf_addf(&text, "# %s\n", comment);
	head_line(&text, id, hash, 0);
	rc = write_log(st, path, &text);
	buf_release(&text);
	return rc;
}

enum bl_err anchor_copy(struct store *st, const char *path, int64_t head_id, const char *hash)
{
	struct buf comment = BUF_INIT;
	enum bl_err rc;

	buf_addf(&comment, "a copy (ballast backup) of %s up to entry %lld",
		 st->anchor_path ? st->anchor_path : "(none)", (long long)head_id);
	rc = anchor_copy_from(st, st->anchor_path, path, head_id, hash, comment.s);
	buf_release(&comment);
	return rc;
}

enum bl_err anchor_copy_from(struct store *st, const char *from, const char *path,
			     int64_t head_id, const char *hash, const char *comment)
{
	struct anchor *a = NULL;
	struct buf text = BUF_INIT, err = BUF_INIT;
	enum bl_err rc;
	size_t n = 0, i;
	int have_head = 0;

	if (from && anchor_load(from, &a, &n, &err) != BL_OK)
		n = 0;
	buf_adds(&text, HEADER);
	buf_addf(&text, "# %s\n", comment);
	for (i = 0; i < n && a[i].id <= head_id; i++) {
		if (a[i].pending)
			continue; /* a commit's line before it: the copy has the commits */
		buf_addf(&text, "%lld %s\n", (long long)a[i].id, a[i].hash);
		have_head |= a[i].id == head_id;
	}
	if (!have_head)
		head_line(&text, head_id, hash, 0);
	rc = write_log(st, path, &text);
	free(a);
	buf_release(&text);
	buf_release(&err);
	return rc;
}

static int is_hex64(const char *s, size_t n)
{
	size_t i;

	if (n != 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int cmp_anchor(const void *a, const void *b)
{
	const struct anchor *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

enum bl_err anchor_load(const char *path, struct anchor **out, size_t *n, struct buf *err)
{
	struct anchor *arr = NULL;
	size_t len = 0, alloc = 0, cap = 0;
	char *line = NULL;
	ssize_t got;
	long lineno = 0;
	FILE *fp;

	*out = NULL;
	*n = 0;
	buf_reset(err);
	fp = fopen(path, "re");
	if (!fp) {
		buf_addf(err, "%s: %s", path, strerror(errno));
		return errno == ENOENT ? BL_ENOTFOUND : BL_EIO;
	}
	while ((got = getline(&line, &cap, fp)) >= 0) {
		const char *p = line, *sp;
		char *end;
		long long id;

		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!got || line[0] == '#')
			continue;
		errno = 0;
		XGROW(arr, alloc, len + 1);
		arr[len].pending = !strncmp(p, "P ", 2);
		if (arr[len].pending)
			p += 2;
		id = strtoll(p, &end, 10);
		sp = end;
		if (end == p || *p < '0' || *p > '9' || errno || *sp != ' ')
			goto bad;
		p = sp + 1;
		sp = strchr(p, ' ');
		if (!is_hex64(p, sp ? (size_t)(sp - p) : strlen(p)))
			goto bad;
		arr[len].id = id;
		memcpy(arr[len].hash, p, 64);
		arr[len].hash[64] = '\0';
		len++;
		continue;
bad:
		buf_addf(err, "%s:%ld: not an anchor (ID HASH): %.60s", path, lineno, line);
		free(line);
		free(arr);
		fclose(fp);
		return BL_EINVAL;
	}
	free(line);
	fclose(fp);
	if (len > 1)
		qsort(arr, len, sizeof(*arr), cmp_anchor);
	*out = arr;
	*n = len;
	return BL_OK;
}
