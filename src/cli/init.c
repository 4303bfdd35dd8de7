/* init.c — `ballast init`: create an empty database at the current schema. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const char usage_text[] =
	"usage: ballast init [--db FILE]\n"
	"\n"
	"Create an empty database at the current schema version. Refuses a file that\n"
	"already exists unless it is a ballast database (then it is migrated, if older).\n";

int cmd_init(int argc, char **argv)
{
	const char *db = NULL, *path;
	const struct cli_opt opts[] = { { .name = "db", .value = &db } };
	struct store *st;
	struct stat sb;
	int existed, rc = cli_getopt("init", usage_text, opts, CLI_N(opts), argc, argv);

	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(usage_text);
	path = cli_db_path(db);
	existed = stat(path, &sb) == 0;
	if (existed && sb.st_size > 0) {
		st = cli_open(db, STORE_EXISTING);
		if (!st)
			return EXIT_USER;
		store_close(st);
		fprintf(stderr, "%s: already a ballast database (schema %d)\n", cli_db_shown(path),
			store_schema_version());
		return 0;
	}
	st = cli_open(db, STORE_CREATE);
	if (!st)
		return EXIT_USER;
	store_close(st);
	fprintf(stderr, "%s: created (schema %d)\n", cli_db_shown(path), store_schema_version());
	return 0;
}
