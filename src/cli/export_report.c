/* export_report.c — `ballast export measures|warnings`: the CSV that the
 * measures and warnings commands print, written whole or not at all. The
 * commands print to standard output, so this points standard output at the
 * temporary file while the command runs. */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/export.h"

int export_report(const char *what, const char *db, const char *out, const char *year,
		  const char *asof, int zh, int bom)
{
	const char *argv[16];
	struct export_file f;
	int argc = 0, rc, saved;

	(void)zh; /* the commands' CSV headers are the JSON keys */
	argv[argc++] = what;
	if (db) {
		argv[argc++] = "--db";
		argv[argc++] = db;
	}
	if (year) {
		argv[argc++] = "--year";
		argv[argc++] = year;
	}
	if (asof) {
		argv[argc++] = "--asof";
		argv[argc++] = asof;
	}
	argv[argc++] = "--format";
	argv[argc++] = "csv";
	argv[argc] = NULL;
	if (!out || (out[0] == '-' && !out[1])) {
		if (bom)
			fputs("\xef\xbb\xbf", stdout);
		return what[0] == 'm' ? cmd_measures(argc, (char **)argv)
				      : cmd_warnings(argc, (char **)argv);
	}
	if (export_open(out, &f))
		return EXIT_USER;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	if (saved < 0 || dup2(fileno(f.fp), STDOUT_FILENO) < 0) {
		export_close(&f, 0);
		return EXIT_USER;
	}
	if (bom)
		fputs("\xef\xbb\xbf", stdout);
	rc = what[0] == 'm' ? cmd_measures(argc, (char **)argv)
			    : cmd_warnings(argc, (char **)argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	if (export_close(&f, rc == 0) && !rc)
		rc = EXIT_USER;
	return rc;
}
