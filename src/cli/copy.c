/* copy.c — `ballast copy --from DB --to DB`: a database copied into a new
 * one, between SQLite and PostgreSQL in either direction, checked equal
 * (store_copy.h). Progress on standard error, the summary on standard output. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/store_copy.h"

static const char copy_usage[] =
	"usage: ballast copy --from DB --to DB\n"
	"\n"
	"Copy everything a ballast database holds into a new one: SQLite to\n"
	"PostgreSQL, PostgreSQL to SQLite, or within one backend. Every table, every\n"
	"row with its ids, in one transaction on the target; then the copy is checked:\n"
	"every table row by row and value by value against the source, the copy's\n"
	"audit chain and rows as 'ballast verify' checks them, and its last audit\n"
	"entry against the source's.\n"
	"\n"
	"  --from DB  the source: a SQLite file, or a PostgreSQL connection string\n"
	"             (postgres://USER@HOST/NAME or 'host=DIR dbname=NAME user=U').\n"
	"             Read in one snapshot and never written, so a server may keep\n"
	"             using it; it must have this ballast's schema version (upgrade\n"
	"             an older one first: any command that opens it upgrades it).\n"
	"  --to DB    the target: a SQLite path that does not exist yet, or a database\n"
	"             without rows (createdb NAME; ballast init; what a failed copy\n"
	"             left). One that holds data is refused and nothing is written.\n"
	"\n"
	"A SQLite target gets an anchor log (DB.anchor) with the source's anchors up\n"
	"to the copied head; from PostgreSQL, which keeps none, it starts at the head.\n"
	"\n"
	"Rows per table go to standard error. Exit 0 when the copy is equal and\n"
	"sound, printing its tables, rows and audit head; 1 with the reason: when the\n"
	"copy failed the target is left as it was (a new SQLite file is removed; a\n"
	"database that was there keeps at most ballast's empty tables, which a later\n"
	"copy accepts); when the finished copy differs, the first difference.\n";

static void print_progress(void *ctx, const char *table, int64_t rows, int done)
{
	(void)ctx;
	if (done)
		fprintf(stderr, "ballast copy: %s: %lld row%s\n", table, (long long)rows,
			rows == 1 ? "" : "s");
	else
		fprintf(stderr, "ballast copy: %s: %lld rows …\n", table, (long long)rows);
}

static void print_note(void *ctx, const char *sentence)
{
	(void)ctx;
	fprintf(stderr, "ballast copy: note: %s\n", sentence);
}

int cmd_copy(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct cli_opt opts[] = { { .name = "from", .value = &from },
					{ .name = "to", .value = &to } };
	struct copy_report r = { .progress = print_progress, .note = print_note };
	struct buf err = BUF_INIT;
	int rc = cli_getopt("copy", copy_usage, opts, CLI_N(opts), argc, argv);

	if (rc >= 0)
		return rc;
	if (!from || !to || optind != argc)
		return cli_usage(copy_usage);
	if (store_copy(from, to, &r, &err)) {
		cli_error("copy", "%s", err.s);
		buf_release(&err);
		return EXIT_USER;
	}
	printf("copied: %zu tables, %lld rows, equal row by row; %lld audit entries chained, "
	       "sound\n", r.tables, (long long)r.rows, (long long)r.entries);
	printf("head: entry %lld %s\n", (long long)r.head_id, r.head_hash);
	buf_release(&err);
	return 0;
}
