/* serve.c — `ballast serve [--listen HOST:PORT]`: the JSON API and the
 * embedded web UI over the database, until SIGINT or SIGTERM. */
#include <getopt.h>
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
	"  --listen HOST:PORT    where to listen (default 127.0.0.1:8080)\n"
	"  --threads N           worker threads (default 2)\n"
	"  --access-log FILE     one line per request to FILE, '-' for stderr (default),\n"
	"                        'off' for none\n"
	"  --max-body BYTES      largest JSON request body (default 1 MiB)\n"
	"  --max-upload BYTES    largest import upload (default 64 MiB)\n"
	"  --idle-timeout SEC    drop a connection silent this long (default 30)\n";

static int parse_listen(const char *s, struct server_options *o)
{
	const char *colon = strrchr(s, ':');
	int64_t port;

	if (!colon || (size_t)(colon - s) >= sizeof(o->host) || colon == s)
		return -1;
	if (parse_int(colon + 1, &port) || port < 1 || port > 65535)
		return -1;
	memcpy(o->host, s, (size_t)(colon - s));
	o->host[colon - s] = '\0';
	o->port = (int)port;
	return 0;
}

static int parse_size(const char *s, size_t *out, int64_t min, int64_t max)
{
	int64_t v;

	if (parse_int(s, &v) || v < min || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "access-log", required_argument, NULL, 'a' },
		{ "max-body", required_argument, NULL, 'b' },
		{ "max-upload", required_argument, NULL, 'u' },
		{ "idle-timeout", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct server_options o;
	const char *db = NULL, *log = "-";
	struct store *st;
	size_t n;
	int c, rc;

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
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l':
			if (parse_listen(optarg, &o)) {
				cli_error("serve", "--listen %s: not HOST:PORT", optarg);
				return EXIT_USAGE;
			}
			break;
		case 't':
			if (parse_size(optarg, &n, 1, 64)) {
				cli_error("serve", "--threads takes 1 to 64");
				return EXIT_USAGE;
			}
			o.threads = (int)n;
			break;
		case 'a': log = optarg; break;
		case 'b':
			if (parse_size(optarg, &o.max_body, 1024, 1 << 30)) {
				cli_error("serve", "--max-body takes 1024 to 1 GiB");
				return EXIT_USAGE;
			}
			break;
		case 'u':
			if (parse_size(optarg, &o.max_upload, 1024, (int64_t)1 << 32)) {
				cli_error("serve", "--max-upload takes 1024 to 4 GiB");
				return EXIT_USAGE;
			}
			break;
		case 'i':
			if (parse_size(optarg, &n, 1, 3600)) {
				cli_error("serve", "--idle-timeout takes 1 to 3600 seconds");
				return EXIT_USAGE;
			}
			o.idle_timeout = (int)n;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
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
