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
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *path;
	struct store *st;
	struct stat sb;
	int c, existed;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	path = cli_db_path(db);
	existed = stat(path, &sb) == 0;
	if (existed && sb.st_size > 0) {
		st = cli_open(db, STORE_EXISTING);
		if (!st)
			return EXIT_USER;
		store_close(st);
		fprintf(stderr, "%s: already a ballast database (schema %d)\n", path,
			store_schema_version());
		return 0;
	}
	st = cli_open(db, STORE_CREATE);
	if (!st)
		return EXIT_USER;
	store_close(st);
	fprintf(stderr, "%s: created (schema %d)\n", path, store_schema_version());
	return 0;
}
