/* res_import.c — POST /api/v1/import/:kind[?dry_run=1]: a file uploaded from
 * the web UI (the request body: CSV or XLSX bytes), checked and written by the
 * same code as `ballast import`, all rows or none, with every problem as a row
 * the UI can show in a table.
 *
 * The import code lives in the CLI (src/cli/import*.c) and reports through
 * stderr; until it offers a library call, the upload is run through this very
 * binary (`/proc/self/exe import KIND FILE --db DB [--dry-run] --actor
 * user:NAME`) in a child process, and its problem lines (FILE:ROW: column
 * (label): value: reason) are parsed here. The child shares nothing with the
 * server but the database file, which SQLite's locking keeps consistent. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http/routes.h"
#include "util/xalloc.h"

#define OUTPUT_MAX (4u << 20) /* bytes of the child's messages kept */

extern char **environ;

static const char *const kinds[] = { "units", "projects", "listings", "reports", "targets" };

/* Run argv, its stderr into out (capped); the exit status, or -1. */
static int run_child(char *const argv[], struct buf *out)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, def;
	int pipefd[2], status = 0, rc;
	pid_t pid;
	char chunk[8192];
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	/* The server blocks SIGINT/SIGTERM and ignores SIGPIPE; the child must not. */
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawn(&pid, "/proc/self/exe", &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pipefd[1]);
	if (rc) {
		close(pipefd[0]);
		return -1;
	}
	for (;;) {
		n = read(pipefd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out->len < OUTPUT_MAX)
			buf_add(out, chunk, (size_t)n);
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One problem or warning line of the child, without the file prefix, into
 * the problems or warnings array; the summary line into *summary. */
static void parse_line(const char *line, json_t *problems, json_t *warnings, json_t *summary)
{
	unsigned long row = 0;
	unsigned long long rows, added, changed, same;
	const char *rest = line, *p;
	json_t *item;
	char *column = NULL, *label = NULL;
	int used = 0;

	if (sscanf(line, "%llu rows: %llu new, %llu changed, %llu unchanged%n", &rows, &added,
		   &changed, &same, &used) == 4 && used) {
		json_object_set_new(summary, "rows", json_integer((json_int_t)rows));
		json_object_set_new(summary, "new", json_integer((json_int_t)added));
		json_object_set_new(summary, "changed", json_integer((json_int_t)changed));
		json_object_set_new(summary, "unchanged", json_integer((json_int_t)same));
		return;
	}
	if (strstr(line, "; nothing was written") || !strncmp(line, "… and ", strlen("… and ")))
		return;
	if (*rest >= '0' && *rest <= '9') {
		row = strtoul(rest, (char **)&p, 10);
		if (p[0] == ':' && p[1] == ' ')
			rest = p + 2;
		else
			row = 0, rest = line;
	}
	/* "key (label): " names the column. */
	p = rest + strspn(rest, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (p > rest && !strncmp(p, " (", 2) && strstr(p, "): ")) {
		const char *close = strstr(p, "): ");

		column = xstrndup(rest, (size_t)(p - rest));
		label = xstrndup(p + 2, (size_t)(close - (p + 2)));
		rest = close + 3;
	}
	item = json_pack("{s:o, s:o, s:o, s:s}", "row", row ? json_integer((json_int_t)row) : json_null(),
			 "column", column ? json_string(column) : json_null(), "label",
			 label ? json_string(label) : json_null(), "message", rest);
	p = strstr(rest, "warning: ");
	if (p && (p == rest || (p >= rest + 2 && p[-2] == ':' && p[-1] == ' ')))
		json_array_append_new(warnings, item);
	else
		json_array_append_new(problems, item);
	free(column);
	free(label);
}

void h_import(struct http_req *rq, struct http_resp *rs)
{
	const char *kind = rq->captures[0], *dry = req_query(rq, "dry_run");
	char path[] = "/tmp/ballast-upload-XXXXXX";
	struct buf out = BUF_INIT, actor = BUF_INIT;
	json_t *problems = NULL, *warnings = NULL, *summary = NULL, *doc;
	char *argv[12], *line, *next;
	int dry_run = dry && *dry && strcmp(dry, "0") && strcmp(dry, "false");
	int fd = -1, code, known = 0;
	size_t i, plen;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		known |= !strcmp(kind, kinds[i]);
	if (!known) {
		resp_bad_request(rs, "kind", "import units, projects, listings, reports or targets");
		return;
	}
	if (!rq->body_len) {
		resp_error(rs, 400, "empty", "the upload is empty", "上传的文件为空", "file");
		return;
	}
	fd = mkstemp(path);
	if (fd < 0 || write(fd, rq->body, rq->body_len) != (ssize_t)rq->body_len) {
		resp_error(rs, 500, "internal", "cannot store the upload", "服务器无法保存上传文件",
			   NULL);
		goto out;
	}
	close(fd);
	fd = -1;
	buf_addf(&actor, "%s", rq->actor_name ? rq->actor_name : "user:?");
	i = 0;
	argv[i++] = (char *)"ballast";
	argv[i++] = (char *)"import";
	argv[i++] = (char *)kind;
	argv[i++] = path;
	argv[i++] = (char *)"--db";
	argv[i++] = (char *)http_db_path(rq);
	argv[i++] = (char *)"--actor";
	argv[i++] = actor.s;
	if (dry_run)
		argv[i++] = (char *)"--dry-run";
	argv[i] = NULL;
	code = run_child(argv, &out);
	if (code < 0 || code > 1) {
		resp_error(rs, 500, "internal", "the import could not run", "导入程序无法运行",
			   NULL);
		goto out;
	}
	problems = json_array();
	warnings = json_array();
	summary = json_object();
	plen = strlen(path);
	for (line = out.s; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line)
			continue;
		if (!strncmp(line, path, plen) && line[plen] == ':')
			parse_line(line + plen + 1 + (line[plen + 1] == ' '), problems, warnings,
				   summary);
		else
			parse_line(line, problems, warnings, summary);
	}
	doc = json_pack("{s:s, s:b, s:b, s:b, s:O, s:O, s:O}", "kind", kind, "dry_run", dry_run,
			"ok", code == 0, "written", code == 0 && !dry_run, "summary", summary,
			"problems", problems, "warnings", warnings);
	/* A check that finds problems did its job (200); an import refused is 422. */
	if (code && !dry_run) {
		json_object_set_new(doc, "error", json_pack("{s:s, s:s, s:s, s:n}", "code", "refused",
			"message", "the file has problems; nothing was written", "message_zh",
			"文件有错误，未写入任何数据", "field"));
		resp_json(rs, 422, doc);
	} else {
		resp_json(rs, 200, doc);
	}
out:
	if (fd >= 0)
		close(fd);
	unlink(path);
	json_decref(problems);
	json_decref(warnings);
	json_decref(summary);
	buf_release(&out);
	buf_release(&actor);
}
