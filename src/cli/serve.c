/* serve.c — `ballast serve [--listen HOST:PORT]`: the JSON API and the
 * embedded web UI over the database, until SIGINT or SIGTERM. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"
#include "io/parse.h"
#include "util/secret.h"

static const char usage_text[] =
	"usage: ballast serve [--listen 127.0.0.1:8080] [--db FILE] [options]\n"
	"\n"
	"Serve the web UI and the JSON API under /api/v1/ (INTERFACES.md) until SIGINT\n"
	"or SIGTERM, then finish the requests in flight and stop. The data is read into\n"
	"memory at the start and every read is answered from there; each write, and a\n"
	"write by another process, is brought in before the next answer (admin guide).\n"
	"It escalates the supervision items by itself (as `ballast escalate` does) when\n"
	"it starts and whenever the day changes, in a thread of its own that requests\n"
	"never wait for.\n"
	"\n"
	"Several servers can share one database (PostgreSQL, or one SQLite file on one\n"
	"machine) behind a load balancer: sessions, the login throttle and every answer\n"
	"follow the database, and the daily escalation and the group-chat sender run in\n"
	"one of them at a time (admin guide, \"Several servers on one database\").\n"
	"\n"
	"  --listen HOST:PORT    where to listen (default 127.0.0.1:8080)\n"
	"  --threads N           worker threads (default 2)\n"
	"  --access-log FILE     one line per request to FILE, '-' for stderr (default),\n"
	"                        'off' for none\n"
	"  --max-body BYTES      largest JSON request body (default 1 MiB)\n"
	"  --max-upload BYTES    largest import upload (default 64 MiB)\n"
	"  --idle-timeout SEC    drop a connection silent this long (default 30)\n";

static int take_listen(const char *cmd, const struct cli_opt *opt, const char *s)
{
	struct server_options *o = opt->dst;
	const char *colon = strrchr(s, ':');
	int64_t port;

	if (!colon || (size_t)(colon - s) >= sizeof(o->host) || colon == s ||
	    parse_int(colon + 1, &port) || port < 1 || port > 65535) {
		cli_error(cmd, "--listen %s: not HOST:PORT", s);
		return -1;
	}
	memcpy(o->host, s, (size_t)(colon - s));
	o->host[colon - s] = '\0';
	o->port = (int)port;
	return 0;
}

/* The options that take a number: their range, the message when out of it,
 * and where the number goes in struct server_options (an int or a size_t). */
static const struct {
	int64_t min, max;
	const char *msg;
	size_t offset;
	int is_size;
} sizes[] = {
	{ 1, 64, "--threads takes 1 to 64", offsetof(struct server_options, threads), 0 },
	{ 1024, 1 << 30, "--max-body takes 1024 to 1 GiB",
	  offsetof(struct server_options, max_body), 1 },
	{ 1024, (int64_t)1 << 32, "--max-upload takes 1024 to 4 GiB",
	  offsetof(struct server_options, max_upload), 1 },
	{ 1, 3600, "--idle-timeout takes 1 to 3600 seconds",
	  offsetof(struct server_options, idle_timeout), 0 },
};

static int take_size(const char *cmd, const struct cli_opt *opt, const char *s)
{
	char *o = opt->dst;
	int64_t v;

	if (parse_int(s, &v) || v < sizes[opt->arg].min || v > sizes[opt->arg].max) {
		cli_error(cmd, "%s", sizes[opt->arg].msg);
		return -1;
	}
	if (sizes[opt->arg].is_size)
		*(size_t *)(o + sizes[opt->arg].offset) = (size_t)v;
	else
		*(int *)(o + sizes[opt->arg].offset) = (int)v;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct server_options o;
	const char *db = NULL, *log = "-";
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &db }, { .name = "listen", .take = take_listen, .dst = &o },
		{ .name = "threads", .take = take_size, .dst = &o, .arg = 0 },
		{ .name = "access-log", .value = &log },
		{ .name = "max-body", .take = take_size, .dst = &o, .arg = 1 },
		{ .name = "max-upload", .take = take_size, .dst = &o, .arg = 2 },
		{ .name = "idle-timeout", .take = take_size, .dst = &o, .arg = 3 },
	};
	struct store *st;
	int rc;

	memset(&o, 0, sizeof(o));
	snprintf(o.host, sizeof(o.host), "127.0.0.1");
	o.port = 8080;
	o.threads = 2;
	o.idle_timeout = 30;
	o.header_limit = 64 * 1024;
	o.max_body = 1 << 20;
	o.max_upload = 64 << 20;
	o.max_connections = 1024;
	o.max_per_ip = 256;
	rc = cli_getopt("serve", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(usage_text);
	if (secret_init()) {
		cli_error("serve", "libsodium cannot initialise");
		return EXIT_USER;
	}
	/* Open once here so a missing or newer database fails before listening. */
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	store_close(st);
	o.db_path = cli_db_path(db);
	if (!strcmp(log, "-")) {
		o.access_log = stderr;
	} else if (strcmp(log, "off")) {
		o.access_log = fopen(log, "a");
		if (!o.access_log) {
			cli_error("serve", "--access-log %s: cannot open", log);
			return EXIT_USER;
		}
		setvbuf(o.access_log, NULL, _IOLBF, 0);
	}
	rc = server_run(&o);
	if (o.access_log && o.access_log != stderr)
		fclose(o.access_log);
	return rc ? EXIT_USER : 0;
}
