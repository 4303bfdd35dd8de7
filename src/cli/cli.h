/* cli.h — what the subcommands share: their signature, opening the database,
 * output formats, and reporting errors. Each command lives in its own file
 * (src/cli/NAME.c) and is listed in the table in src/main.c. A command returns
 * the process exit code: 0 success, 1 user error (one line per problem on
 * stderr), 2 bad usage (INTERFACES.md). */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <stdio.h>

#include "store/store.h"

#define EXIT_USER 1
#define EXIT_USAGE 2

enum out_format { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_XLSX, FMT_HTML, FMT_PDF, FMT__MAX };
extern const char *const out_format_keys[FMT__MAX];

/* The database path: --db if given, else $BALLAST_DB, else "./ballast.db". */
const char *cli_db_path(const char *opt_db);
/* Open the database (mode as store_open); on failure print the reason and
 * return NULL. */
struct store *cli_open(const char *opt_db, enum store_mode mode);
/* Parse a --format value; -1 (after printing a usage error) when unknown or not
 * in allowed (a bitmask of 1 << enum out_format). NULL s gives table on a
 * terminal, else def. */
int cli_format(const char *s, unsigned allowed, enum out_format def);

/* Print "ballast CMD: message" to stderr (printf-style). */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a canonical or tolerant date / a year for an option; print the error
 * and return -1 on bad input. */
int cli_parse_day(const char *cmd, const char *opt, const char *s, bl_day *out);
int cli_parse_year(const char *cmd, const char *s, int *out);

/* Today's date (local time), for defaults. */
bl_day cli_today(void);

/* The unit of ds with this code, else with this name when exactly one unit
 * has it; NULL when none. */
const struct unit *cli_find_unit(const struct dataset *ds, const char *code);

struct warning_settings;
/* The warning thresholds in effect: the defaults of DOMAIN.md §6 overridden by
 * the store's warn.* settings. -1 after printing each bad stored setting. */
int cli_warning_settings(struct store *st, struct warning_settings *ws);

/* The commands (src/cli/NAME.c). */
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_measures(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_warnings(int argc, char **argv);
int cmd_overview(int argc, char **argv);
int cmd_ranking(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_backup(int argc, char **argv);

#endif
