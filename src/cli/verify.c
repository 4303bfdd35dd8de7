/* verify.c — `ballast verify` and `ballast backup FILE`: the database's
 * integrity and audit chain, and a consistent online copy. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_accounts.h"

static const char verify_usage[] =
	"usage: ballast verify [--anchor FILE] [--db FILE]\n"
	"\n"
	"Check that nothing was changed behind ballast's back: the database file\n"
	"(SQLite integrity and foreign keys); the hash-chained audit trail, entry by\n"
	"entry; the trail against its anchors outside the file (the anchor log every\n"
	"commit appends the trail's last entry to: DB.anchor beside the database, or\n"
	"for PostgreSQL the file $BALLAST_ANCHOR names, given to every process that\n"
	"writes to it), so that deleting the last entries, dropping the trail or\n"
	"rewriting it with recomputed hashes shows; and every row of every table\n"
	"against the trail's last value of it, naming the table, the key and the\n"
	"field that differ, rows with no audit entry and audited rows that are missing.\n"
	"\n"
	"Exit 0 when all of it holds, printing the trail's last entry and hash (note\n"
	"them somewhere else: with --anchor they can be checked later); 1 with one\n"
	"line per problem.\n"
	"\n"
	"  --anchor FILE  the anchor log to check against (default DB.anchor, or\n"
	"                 $BALLAST_ANCHOR for PostgreSQL): a copy\n"
	"                 kept elsewhere, or a file of lines \"ID HASH\" you noted\n"
	"  --db FILE      the database (default $BALLAST_DB, else ./ballast.db)\n";

static const char backup_usage[] =
	"usage: ballast backup FILE [--db FILE]\n"
	"\n"
	"Write a consistent copy of the database to FILE while it may be in use\n"
	"(SQLite online backup), and its anchor log to FILE.anchor. To restore, stop\n"
	"the server and copy both back (FILE to DB, FILE.anchor to DB.anchor).\n"
	"A PostgreSQL database is refused: use pg_dump, or ballast copy --to FILE.db.\n";

/* Parse --db, --anchor (when anchor is not NULL) and --help; returns -1 to
 * continue, else an exit code. */
static int parse(int argc, char **argv, const char *usage, const char **db, const char **anchor,
		 int positional)
{
	const struct cli_opt opts[] = { { .name = "db", .value = db },
					{ .name = "anchor", .value = anchor } };
	int rc = cli_getopt("verify", usage, opts, anchor ? 2 : 1, argc, argv);

	if (rc < 0 && argc - optind != positional)
		return cli_usage(usage);
	return rc;
}

#define SHOWN_MAX 200 /* problems printed; the rest are counted */

struct shown {
	int64_t n;
};

static void print_problem(void *ctx, const char *sentence)
{
	struct shown *c = ctx;

	if (c->n++ < SHOWN_MAX)
		fprintf(stderr, "ballast verify: %s\n", sentence);
}

static void print_note(void *ctx, const char *sentence)
{
	(void)ctx;
	fprintf(stderr, "ballast verify: note: %s\n", sentence);
}

int cmd_verify(int argc, char **argv)
{
	const char *db = NULL, *anchor = NULL;
	struct verify_report r;
	struct shown shown = { 0 };
	struct store *st;
	int rc = parse(argc, argv, verify_usage, &db, &anchor, 0);

	if (rc >= 0)
		return rc;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	memset(&r, 0, sizeof(r));
	r.problem = print_problem;
	r.note = print_note;
	r.ctx = &shown;
	if (store_verify(st, anchor, &r)) {
		fprintf(stderr, "ballast verify: %s: %s\n", cli_db_shown(cli_db_path(db)), store_errmsg(st));
		rc = EXIT_USER;
	} else if (r.problems) {
		if (r.problems > SHOWN_MAX)
			fprintf(stderr, "ballast verify: … and %lld more\n",
				(long long)(r.problems - SHOWN_MAX));
		fprintf(stderr, "ballast verify: %s: NOT sound: %lld problem%s\n", cli_db_shown(cli_db_path(db)),
			(long long)r.problems, r.problems == 1 ? "" : "s");
		rc = EXIT_USER;
	} else {
		printf("%s: sound; %lld audit entries chained, %lld rows as the trail has them, ",
		       cli_db_shown(cli_db_path(db)), (long long)r.entries, (long long)r.rows);
		/* PostgreSQL without $BALLAST_ANCHOR or --anchor keeps no anchor
		 * log: said, not a path of NULL. */
		if (r.anchored_id >= 0)
			printf("anchored in %s at entry %lld\n",
			       anchor ? anchor : store_anchor_path(st), (long long)r.anchored_id);
		else
			printf("no anchor log to check the head against\n");
		printf("head: entry %lld %s\n", (long long)r.head_id, r.head_hash);
		rc = 0;
	}
	store_close(st);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL;
	struct store *st;
	int rc = parse(argc, argv, backup_usage, &db, NULL, 1);

	if (rc >= 0)
		return rc;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (store_backup(st, argv[optind])) {
		cli_error("backup", "%s", store_errmsg(st));
		rc = EXIT_USER;
	} else {
		fprintf(stderr, "%s: backed up to %s\n", cli_db_shown(cli_db_path(db)), argv[optind]);
		rc = 0;
	}
	store_close(st);
	return rc;
}
