/* cli.h — what the subcommands share: their signature, opening the database,
 * output formats, and reporting errors. Each command lives in its own file
 * (src/cli/NAME.c) and is listed in the table in src/main.c. A command returns
 * the process exit code: 0 success, 1 user error (one line per problem on
 * stderr), 2 bad usage (INTERFACES.md). */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "io/scope_params.h"
#include "store/store.h"

#define EXIT_USER 1
#define EXIT_USAGE 2

enum out_format { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_XLSX, FMT_HTML, FMT_PDF, FMT__MAX };
extern const char *const out_format_keys[FMT__MAX];

/* The database path: --db if given, else $BALLAST_DB, else "./ballast.db". */
/* The database as messages name it (store_describe: a PostgreSQL target
 * without its host, user or password). Valid until the next call: the CLI
 * prints one database at a time. */
const char *cli_db_shown(const char *target);
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

/* Parse a canonical or tolerant date for an option; print the error and
 * return -1 on bad input. */
int cli_parse_day(const char *cmd, const char *opt, const char *s, bl_day *out);


/* ---- options of a command's own: one table, one getopt loop ---- */

/* One option: --name, and -short_name when that is not 0. A flag (no value)
 * writes on to *flag; an option with a value stores its argument in *value
 * (borrowed from argv), or, with take, hands it to take, which returns 0, or
 * -1 after printing why. */
struct cli_opt {
	const char *name;
	char short_name;
	const char **value;
	int *flag, on;
	int optional;                     /* with take: the value may be left out (NULL) */
	int (*take)(const char *cmd, const struct cli_opt *o, const char *s);
	void *dst;                        /* take's destination */
	int arg;                          /* take's argument (a scope parameter, a minimum, a row) */
};
/* Parse argv by the n options of opts and --help. -1 to go on (the operands
 * start at argv[optind]); else the exit code: 0 after --help (usage on
 * standard output), EXIT_USAGE after an unknown option (usage on standard
 * error) or a value take refused. */
int cli_getopt(const char *cmd, const char *usage, const struct cli_opt *opts, size_t n,
	       int argc, char **argv);
/* The number of elements of the array a. */
#define CLI_N(a) (sizeof(a) / sizeof((a)[0]))
/* Print usage on standard error; EXIT_USAGE. */
int cli_usage(const char *usage);
/* A cli_opt take: the scope parameter o->arg (enum scope_param) into the
 * struct scope_query o->dst, judged and worded as the API judges it
 * ("ballast CMD: message" on error). */
int cli_take_scope(const char *cmd, const struct cli_opt *o, const char *s);

/* ---- options: the common ones and the scope parameters ---- */

#define CLI_FLAGS_MAX 4
/* A command's options beyond --db, --format and --help. */
struct cli_cmd {
	const char *name;                 /* "measures", for messages */
	const char *usage;                /* printed by --help, and on bad usage */
	unsigned formats;                 /* 1 << enum out_format allowed; 0: no --format */
	sp_set accept;                    /* SP_BIT() of the scope parameters taken */
	const char *flags[CLI_FLAGS_MAX]; /* its own --flags without a value, or NULL */
};
struct cli_args {
	const char *db;
	int fmt;                          /* enum out_format (table on a terminal) */
	unsigned flags;                   /* bit k: cmd->flags[k] was given */
	struct scope_query q;             /* the scope parameters (io/scope_params.h) */
};
/* getopt_long's val for scope parameter p and the command's flag k. */
#define CLI_SCOPE_OPT 0x1000
#define CLI_FLAG_OPT 0x2000
/* Parse argv for cmd into *a. Each scope parameter is taken by its --option
 * and its Chinese label (--层级 省); a yes/no takes an optional value
 * (--industrial, --industrial=no); a bad value prints "ballast CMD: message",
 * the message the API gives for it. -1 to go on; else the exit code: 0
 * after --help, EXIT_USAGE on bad usage. a borrows argv's strings. */
int cli_args_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a);
/* A month given to an option of the command's own (--month), read as the
 * parameter month is everywhere (scope_param_read); 0, or -1 after printing
 * the message the API gives for the same value. */
int cli_month(const char *cmd, const char *s, bl_month *out);
/* scope_query_finish / scope_query_resolve, printing the message on error;
 * 0 or -1. */
int cli_scope_finish(const char *cmd, struct scope_query *q, bl_day today);
int cli_scope_resolve(const char *cmd, struct scope_query *q, const struct dataset *ds);
/* When q names a list (--list, leader linkage): read it from st into q->sc
 * (its ids live until the process ends). 0, or -1 after a message. */
int cli_scope_list(const char *cmd, struct store *st, struct scope_query *q);
/* Print doc (its reference is stolen) as indented JSON and a newline on
 * standard output; 0, or -1 after printing "cannot write the output". */
int cli_print_json(const char *cmd, json_t *doc);

struct warning_settings;
/* The warning thresholds in effect: the defaults of DOMAIN.md §6 overridden by
 * the store's warn.* settings. -1 after printing each bad stored setting. */
int cli_warning_settings(struct store *st, struct warning_settings *ws);

/* DOMAIN.md §3: the coordinator's view of the figures with pending drafts
 * (--include-drafts on measures, targets and warnings). A table opens with
 * this line; JSON says "includes_drafts": true; CSV gets a last column
 * includes_drafts = 1 on every row (cli_csv_add_column). */
#define CLI_DRAFTS_LABEL "【含草稿预览】以下数字计入了尚未提交的月报草稿（已退回的月报不计），" \
	"仅供项目办预览；正式数字、通报和比武打擂只计已提交和已核实的月报。"
#define CLI_DRAFTS_HELP \
	"  --include-drafts  count pending draft reports too: the project office's\n" \
	"                    preview, labelled as such (DOMAIN.md §3); the figures\n" \
	"                    proper count submitted and verified reports only\n"

struct actor;
struct user;
/* Who a command that writes acts as (--actor NAME, may be NULL), for the
 * audit trail and for core's rules: as user:NAME, that account with its role
 * and unit (-1 after saying why when there is no such account or it is
 * disabled; u holds its strings, release with user_release); any other NAME,
 * or none (cli:$USER), is the machine's operator, who acts as the office
 * (role admin). Sets the store's actor. */
int cli_actor(struct store *st, const char *cmd, const char *opt, struct user *u,
	      struct actor *a);

/* district1 (issue #17 item 5): the district a command's act is of, from
 * its --district CODE (NULL: not given), as the office (the operator) acts:
 * *key is its key (publish.h; 0 in an instance of at most one district);
 * *units receives every unit, indexed (release with dataset_release), for
 * naming the districts. -1 after a message when the code names no district,
 * or when the instance holds several, none is named and need is set (else
 * *key is 0 then: a list of every district's). */
int cli_district(const char *cmd, struct store *st, const char *code, int need,
		 struct dataset *units, int64_t *key);

struct buf;
/* Append a column to every line of the CSV text in csv (lines end in
 * "\r\n"; the first is the header): head on the first line, value on the
 * others. */
void cli_csv_add_column(struct buf *csv, const char *head, const char *value);

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
/* leader linkage (leaders.c) */
int cmd_leaders(int argc, char **argv);
int cmd_lists(int argc, char **argv);
int cmd_workflow(int argc, char **argv);
int cmd_supplies(int argc, char **argv);   /* guarantees.c */
int cmd_demolition(int argc, char **argv);
int cmd_items(int argc, char **argv);    /* items.c */
int cmd_ledger(int argc, char **argv);   /* ledger.c: revenue sharing */
int cmd_escalate(int argc, char **argv); /* items.c */
int cmd_visits(int argc, char **argv);   /* visits.c */
int cmd_schedule(int argc, char **argv); /* visits.c */
int cmd_applications(int argc, char **argv); /* applications.c (h-funds) */
int cmd_fund(int argc, char **argv);         /* fund.c (h-funds) */
int cmd_audit(int argc, char **argv);
int cmd_plan(int argc, char **argv);     /* plan.c */
int cmd_changes(int argc, char **argv);  /* changes.c */
int cmd_leads(int argc, char **argv);    /* leads.c (h-leads) */
int cmd_copy(int argc, char **argv);     /* copy.c (h-copy) */

#endif
