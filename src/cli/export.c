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
	"usage: ballast export units|projects|listings|reports|indicators|items|supplies|\n"
	"                      demolition|applications|calendar|leads|taxes|funds|measures|\n"
	"                      warnings [options]\n"
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

static int take_header(const char *cmd, const struct cli_opt *o, const char *s)
{
	if (strcmp(s, "en") && strcmp(s, "zh")) {
		cli_error(cmd, "--header takes en or zh");
		return -1;
	}
	*(const char **)o->dst = s;
	return 0;
}

int cmd_export(int argc, char **argv)
{
	struct report_export rx;
	const char *format = "csv", *header = NULL;
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &rx.db }, { .name = "format", .value = &format },
		{ .name = "output", .short_name = 'o', .value = &rx.out },
		{ .name = "header", .take = take_header, .dst = &header },
		{ .name = "bom", .flag = &rx.bom, .on = 1 }, { .name = "year", .value = &rx.year },
		{ .name = "asof", .value = &rx.asof }, { .name = "by", .value = &rx.by },
		{ .name = "tier", .value = &rx.tier }, { .name = "section", .value = &rx.section },
		{ .name = "department", .value = &rx.department },
		{ .name = "industrial", .flag = &rx.industrial, .on = 1 },
		{ .name = "min", .value = &rx.min },
	};
	int k, xlsx;

	memset(&rx, 0, sizeof(rx));
	k = cli_getopt("export", usage_text, opts, CLI_N(opts), argc, argv);
	if (k >= 0)
		return k;
	if (argc - optind != 1)
		return cli_usage(usage_text);
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
		  "items, supplies, demolition, applications, calendar, leads, taxes, funds, measures, warnings", argv[optind]);
	return EXIT_USAGE;
}
