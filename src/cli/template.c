/* template.c — `ballast template KIND -o FILE.xlsx`: the import template of a
 * kind of file (io/xlsx_template.h), with the database's sections and
 * departments in its drop-down lists when there is a database. Written whole
 * or not at all, like an export. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/export.h"
#include "io/xlsx_template.h"

static const char usage_text[] =
	"usage: ballast template units|projects|listings|reports|targets|indicators|items|\n"
	"                        supplies|demolition|applications|calendar|leads|taxes|funds -o FILE.xlsx [--db FILE]\n"
	"\n"
	"Write an Excel template for an import file: Chinese headers (required ones\n"
	"in red), a comment and an input hint on every column, drop-down lists (tiers,\n"
	"yes/no, sections, departments, measures) and a sheet 填写说明 describing\n"
	"each column. Fill in the first sheet and import it as it is.\n"
	"\n"
	"  -o, --output FILE  the workbook to write (atomically)\n"
	"  --db FILE          take the lists of sections and departments from this\n"
	"                     database (default $BALLAST_DB, else ./ballast.db if it\n"
	"                     exists; without one those two lists are left out)\n"
	"  -h, --help         this text\n";

/* The units for the lists: from --db or $BALLAST_DB (which must open), else
 * from ./ballast.db when it exists. -1 after printing why. */
static int load_units(const char *db, struct unit **units, size_t *n)
{
	const char *env = getenv("BALLAST_DB");
	const char *path = cli_db_path(db);
	struct store *st;
	int rc = 0;

	*units = NULL;
	*n = 0;
	if (!db && !(env && *env) && access(path, F_OK))
		return 0;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return -1;
	if (store_units(st, units, n)) {
		cli_error("template", "%s", store_errmsg(st));
		rc = -1;
	}
	store_close(st);
	return rc;
}

int cmd_template(int argc, char **argv)
{
	const char *db = NULL, *out = NULL;
	const struct cli_opt opts[] = { { .name = "db", .value = &db },
					{ .name = "output", .short_name = 'o', .value = &out } };
	struct buf err = BUF_INIT;
	struct export_file f;
	struct unit *units = NULL;
	size_t n_units = 0;
	int k, kind = -1, rc = cli_getopt("template", usage_text, opts, CLI_N(opts), argc, argv);

	if (rc >= 0)
		return rc;
	if (argc - optind != 1 || !out)
		return cli_usage(usage_text);
	rc = EXIT_USER;
	for (k = 0; k < FILE_KIND__MAX; k++)
		if (!strcmp(argv[optind], file_kind_keys[k]))
			kind = k;
	if (kind < 0) {
		cli_error("template", "'%s' is not one of units, projects, listings, reports, "
			  "targets, indicators, items, supplies, demolition, applications, calendar, leads, taxes, funds", argv[optind]);
		return EXIT_USAGE;
	}
	if (load_units(db, &units, &n_units) || export_open_path("template", out, &f))
		goto out;
	if (xlsx_template_write((enum file_kind)kind, units, n_units, f.tmp, &err))
		cli_error("template", "%s: %s", out, err.s);
	else
		rc = 0;
	if (export_close(&f, rc == 0))
		rc = EXIT_USER;
out:
	units_free(units, n_units);
	buf_release(&err);
	return rc;
}
