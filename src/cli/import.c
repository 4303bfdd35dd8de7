/* import.c — `ballast import KIND FILE`: the importer (io/import.c) on the
 * command line: all rows or none, every problem printed as FILE:ROW: column
 * (label): value: reason, then a summary line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/import.h"
#include "io/parse.h"
#include "io/table.h"
#include "store/store_accounts.h"

static const char usage_text[] =
	"usage: ballast import units|projects|listings|reports|targets|indicators|items|\n"
	"                      supplies|demolition|applications|calendar|leads|taxes|funds FILE [options]\n"
	"\n"
	"Import a CSV file (UTF-8, UTF-8 with BOM, or GB18030), an Excel workbook\n"
	"(.xlsx, as Excel, WPS or LibreOffice save it) or an Excel 97-2003 workbook\n"
	"(.xls); the format is told by the content, not the name. The header is the\n"
	"first non-empty row; its cells may be the English keys or the Chinese\n"
	"labels, in any order. Every row is written, or none: all problems are\n"
	"listed as FILE:ROW: column (label): value: reason (ROW: the sheet's row).\n"
	"Rows are written as they are read, in one transaction. The audit trail\n"
	"records the rows added as one entry (action import, with the digest of\n"
	"their values) and each row changed as an entry of its own ('ballast audit').\n"
	"\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	"  --sheet NAME       the sheet of a workbook to read (default: the first)\n"
	"  --max-rows N       refuse a file of more than N rows (default 1048576, at\n"
	"                     most 16777216: a province's reports in one CSV file)\n"
	"  --dry-run          check everything, write nothing\n"
	"  --ignore-unknown   skip columns ballast does not know instead of refusing\n"
	"  --actor NAME       who the audit trail records (default cli:$USER); as\n"
	"                     user:NAME, that account's role must allow the import\n"
	"  -h, --help         this text\n";

static int take_max_rows(const char *cmd, const struct cli_opt *o, const char *s)
{
	int64_t v;

	if (parse_int(s, &v) || v < 1 || v > TABLE_MAX_ROWS_RAISED) {
		cli_error(cmd, "--max-rows %s: not a number of rows from 1 to %d", s,
			  TABLE_MAX_ROWS_RAISED);
		return -1;
	}
	*(size_t *)o->dst = (size_t)v;
	return 0;
}

#define ACCOUNT_PREFIX "user:" /* as the server names its actors (http/routes.c) */

/* --actor user:NAME acts as that account, with its role's permissions (the
 * importer checks them); any other --actor, or none, is the machine's operator
 * named for the audit trail. 0, or -1 after saying why. */
static int account_actor(struct store *st, const char *actor, struct user *u, struct actor *a)
{
	const char *name = actor + strlen(ACCOUNT_PREFIX);

	if (store_user_by_name(st, name, u, NULL) != BL_OK) {
		cli_error("import", "--actor %s: no such user", actor);
		return -1;
	}
	if (u->disabled) {
		cli_error("import", "--actor %s: the account is disabled", actor);
		return -1;
	}
	a->user_id = u->id;
	a->username = u->username;
	a->role = u->role;
	a->unit_id = u->unit_id;
	return 0;
}

static int run(struct import_request *rq, const char *db, const char *actor)
{
	struct import_result res;
	struct buf who = BUF_INIT, text = BUF_INIT;
	const char *file = rq->path;
	struct user u;
	struct actor a;
	struct store *st;
	int rc;

	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	memset(&u, 0, sizeof(u));
	if (actor && !strncmp(actor, ACCOUNT_PREFIX, strlen(ACCOUNT_PREFIX))) {
		if (account_actor(st, actor, &u, &a)) {
			user_release(&u);
			store_close(st);
			return EXIT_USER;
		}
		rq->actor = &a;
	}
	if (actor) {
		buf_adds(&who, actor);
	} else {
		const char *user = getenv("USER");

		buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	}
	store_set_actor(st, who.s);
	rc = import_run(st, rq, &res, &text);
	fputs(text.s, stderr);
	if (res.lines_dropped)
		fprintf(stderr, "%s: … and %zu more lines\n", file, res.lines_dropped);
	if (rc)
		fprintf(stderr, "%s: %zu problem%s; nothing was written\n", file, res.problems,
			res.problems == 1 ? "" : "s");
	else
		fprintf(stderr, "%s: %zu rows: %zu new, %zu changed, %zu unchanged%s%s\n", file,
			res.rows, res.inserted, res.updated, res.unchanged,
			res.warnings ? "; warnings above" : "",
			rq->dry_run ? " (dry run: nothing was written)" : "");
	buf_release(&who);
	buf_release(&text);
	user_release(&u);
	rq->actor = NULL;
	store_close(st);
	return rc ? EXIT_USER : 0;
}

int cmd_import(int argc, char **argv)
{
	struct import_request rq;
	const char *db = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &db },
		{ .name = "dry-run", .flag = &rq.dry_run, .on = 1 },
		{ .name = "ignore-unknown", .flag = &rq.ignore_unknown, .on = 1 },
		{ .name = "actor", .value = &actor },
		{ .name = "sheet", .value = &rq.sheet },
		{ .name = "max-rows", .take = take_max_rows, .dst = &rq.max_rows },
	};
	int kind;

	memset(&rq, 0, sizeof(rq));
	kind = cli_getopt("import", usage_text, opts, CLI_N(opts), argc, argv);
	if (kind >= 0)
		return kind;
	if (argc - optind != 2)
		return cli_usage(usage_text);
	kind = import_kind_from_key(argv[optind]);
	if (kind < 0) {
		cli_error("import", "'%s' is not one of units, projects, listings, reports, "
			  "targets, indicators, items, supplies, demolition, applications, calendar, leads, taxes, funds", argv[optind]);
		return EXIT_USAGE;
	}
	rq.kind = (enum file_kind)kind;
	rq.path = argv[optind + 1];
	rq.progress = isatty(STDERR_FILENO);
	return run(&rq, db, actor);
}
