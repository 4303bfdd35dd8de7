/* verify.c — `ballast verify` and `ballast backup FILE`: the database's
 * integrity and audit chain, and a consistent online copy. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store_accounts.h"

static const char verify_usage[] =
	"usage: ballast verify [--db FILE]\n"
	"\n"
	"Check the database file (SQLite integrity and foreign keys) and the whole\n"
	"hash-chained audit trail. Exit 0 when sound; 1 naming the first problem.\n";

static const char backup_usage[] =
	"usage: ballast backup FILE [--db FILE]\n"
	"\n"
	"Write a consistent copy of the database to FILE while it may be in use\n"
	"(SQLite online backup). To restore, stop the server and copy FILE back.\n";

/* Parse --db and --help; returns -1 to continue, else an exit code. */
static int parse(int argc, char **argv, const char *usage, const char **db, int positional)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': *db = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != positional) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

int cmd_verify(int argc, char **argv)
{
	const char *db = NULL;
	struct store *st;
	int64_t n;
	int rc = parse(argc, argv, verify_usage, &db, 0);

	if (rc >= 0)
		return rc;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (store_verify(st, &n)) {
		fprintf(stderr, "ballast verify: %s: %s\n", cli_db_path(db), store_errmsg(st));
		rc = EXIT_USER;
	} else {
		printf("%s: sound; %lld audit entries chained\n", cli_db_path(db), (long long)n);
		rc = 0;
	}
	store_close(st);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL;
	struct store *st;
	int rc = parse(argc, argv, backup_usage, &db, 1);

	if (rc >= 0)
		return rc;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (store_backup(st, argv[optind])) {
		cli_error("backup", "%s", store_errmsg(st));
		rc = EXIT_USER;
	} else {
		fprintf(stderr, "%s: backed up to %s\n", cli_db_path(db), argv[optind]);
		rc = 0;
	}
	store_close(st);
	return rc;
}
