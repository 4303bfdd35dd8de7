/* export.c — `ballast export KIND`: io/export.c's export_run() into a file
 * that appears whole or not at all (written beside the target and renamed
 * into place), or to standard output; measures and warnings go to
 * export_report.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/export.h"
#include "io/export.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast export units|projects|listings|reports|indicators|items|measures|\n"
	"                      warnings|taxes|funds [options]\n"
	"\n"
	"Write what import reads (measures and warnings: what those commands print).\n"
	"\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	"  --format csv|xlsx  the file format (default csv); xlsx needs -o FILE\n"
	"  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	"  --header en|zh     English keys or Chinese labels as the header (default:\n"
	"                     en for csv, zh for xlsx)\n"
	"  --bom              start a CSV with a UTF-8 byte order mark (for Excel)\n"
	"  --year Y --asof D  for measures and warnings: as those commands take them\n"
	"  --by KEY --tier T --section CODE --department CODE --industrial\n"
	"                     for measures: the scope and breakdown (see 'measures --help')\n"
	"  --min yellow|red   for warnings: the least level shown\n"
	"  -h, --help         this text\n";

/* A temporary name beside path, created empty (mode 0600); -1 after saying why. */
static int make_temp(const char *cmd, struct export_file *f)
{
	size_t n = strlen(f->path);
	int fd;

	f->tmp = xmalloc(n + 16);
	memcpy(f->tmp, f->path, n);
	memcpy(f->tmp + n, ".tmp-XXXXXX", 12);
	fd = mkstemp(f->tmp);
	if (fd < 0) {
		cli_error(cmd, "%s: %s", f->path, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	return fd;
}

int export_open(const char *path, struct export_file *f)
{
	int fd;

	f->path = path;
	f->tmp = NULL;
	if (!path || !strcmp(path, "-")) {
		f->fp = stdout;
		return 0;
	}
	fd = make_temp("export", f);
	if (fd < 0)
		return -1;
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		cli_error("export", "%s: %s", path, strerror(errno));
		close(fd);
		unlink(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	return 0;
}

int export_open_path(const char *cmd, const char *path, struct export_file *f)
{
	int fd;

	f->path = path;
	f->fp = NULL;
	f->tmp = NULL;
	if (!path || !strcmp(path, "-")) {
		cli_error(cmd, "an XLSX file needs -o FILE");
		return -1;
	}
	fd = make_temp(cmd, f);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int export_close(struct export_file *f, int ok)
{
	int failed = 0;

	if (f->fp == stdout) {
		if (fflush(stdout) && ok) {
			cli_error("export", "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return ok ? 0 : -1;
	}
	if (f->fp && fclose(f->fp))
		failed = 1;
	if (ok && !failed && rename(f->tmp, f->path))
		failed = 1;
	if (ok && failed)
		cli_error("export", "%s: cannot write: %s", f->path, strerror(errno));
	if (!ok || failed)
		unlink(f->tmp);
	free(f->tmp);
	return ok && !failed ? 0 : -1;
}

int export_store(struct store *st, const char *out, int kind, int zh, int bom, int xlsx)
{
	struct export_request rq;
	struct export_file f;
	struct buf err = BUF_INIT;
	enum bl_err rc;

	memset(&rq, 0, sizeof(rq));
	rq.kind = (enum file_kind)kind;
	rq.zh = zh;
	rq.bom = bom;
	rq.xlsx = xlsx;
	if (xlsx ? export_open_path("export", out, &f) : export_open(out, &f))
		return EXIT_USER;
	rq.fp = f.fp;
	rq.xlsx_path = f.tmp;
	rc = export_run(st, &rq, &err);
	if (rc)
		cli_error("export", "%s: %s", out ? out : "standard output", err.s);
	buf_release(&err);
	if (export_close(&f, rc == BL_OK) && !rc)
		rc = BL_EIO;
	return rc ? EXIT_USER : 0;
}

static int export_file(const char *db, const char *out, int kind, int zh, int bom, int xlsx)
{
	struct store *st = cli_open(db, STORE_EXISTING);
	int rc;

	if (!st)
		return EXIT_USER;
	rc = export_store(st, out, kind, zh, bom, xlsx);
	store_close(st);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "header", required_argument, NULL, 'H' },
		{ "bom", no_argument, NULL, 'b' },
		{ "year", required_argument, NULL, 'y' },
		{ "asof", required_argument, NULL, 'a' },
		{ "by", required_argument, NULL, 'B' },
		{ "tier", required_argument, NULL, 't' },
		{ "section", required_argument, NULL, 's' },
		{ "department", required_argument, NULL, 'D' },
		{ "industrial", no_argument, NULL, 'i' },
		{ "min", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_export rx;
	const char *format = "csv", *header = NULL;
	int c, k, xlsx;

	memset(&rx, 0, sizeof(rx));
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': rx.db = optarg; break;
		case 'f': format = optarg; break;
		case 'o': rx.out = optarg; break;
		case 'b': rx.bom = 1; break;
		case 'y': rx.year = optarg; break;
		case 'a': rx.asof = optarg; break;
		case 'B': rx.by = optarg; break;
		case 't': rx.tier = optarg; break;
		case 's': rx.section = optarg; break;
		case 'D': rx.department = optarg; break;
		case 'i': rx.industrial = 1; break;
		case 'm': rx.min = optarg; break;
		case 'H':
			if (strcmp(optarg, "en") && strcmp(optarg, "zh")) {
				cli_error("export", "--header takes en or zh");
				return EXIT_USAGE;
			}
			header = optarg;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(format, "csv") && strcmp(format, "xlsx")) {
		cli_error("export", "--format %s: csv or xlsx", format);
		return EXIT_USAGE;
	}
	xlsx = !strcmp(format, "xlsx");
	if (xlsx && (!rx.out || !strcmp(rx.out, "-"))) {
		cli_error("export", "--format xlsx needs -o FILE");
		return EXIT_USAGE;
	}
	rx.xlsx = xlsx;
	rx.zh = header ? !strcmp(header, "zh") : xlsx;
	rx.what = argv[optind];
	if (!strcmp(argv[optind], "measures") || !strcmp(argv[optind], "warnings"))
		return export_report(&rx);
	if (rx.by || rx.tier || rx.section || rx.department || rx.industrial || rx.min) {
		cli_error("export", "--by, --tier, --section, --department, --industrial and --min "
			  "apply to measures and warnings");
		return EXIT_USAGE;
	}
	for (k = 0; k < FILE_KIND__MAX; k++)
		if (!strcmp(argv[optind], file_kind_keys[k]) && k != FILE_TARGETS)
			return export_file(rx.db, rx.out, k, rx.zh, rx.bom, xlsx);
	cli_error("export", "'%s' is not one of units, projects, listings, reports, indicators, "
		  "items, measures, warnings, taxes, funds", argv[optind]);
	return EXIT_USAGE;
}
