/* common.c — helpers every subcommand uses: the database path, opening it,
 * output formats, error lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/access.h"
#include "core/district.h"
#include "core/warnings.h"
#include "io/parse.h"
#include "store/store_accounts.h"
#include "store/store_leaders.h"

const char *const out_format_keys[FMT__MAX] = {
	"table", "json", "csv", "xlsx", "html", "pdf",
};

const char *cli_db_path(const char *opt_db)
{
	const char *env;

	if (opt_db && *opt_db)
		return opt_db;
	env = getenv("BALLAST_DB");
	if (env && *env)
		return env;
	return "./ballast.db";
}

const char *cli_db_shown(const char *target)
{
	static struct buf shown = BUF_INIT;

	buf_reset(&shown);
	store_describe(&shown, target);
	return shown.s ? shown.s : "";
}

struct store *cli_open(const char *opt_db, enum store_mode mode)
{
	struct buf err = BUF_INIT;
	struct store *st = NULL;
	const char *path = cli_db_path(opt_db);

	buf_init(&err, 4096);
	if (store_open(path, mode, &st, &err)) {
		fprintf(stderr, "ballast: %s: %s\n", cli_db_shown(path), err.len ? err.s : "cannot open");
		st = NULL;
	}
	buf_release(&err);
	return st;
}

int cli_format(const char *s, unsigned allowed, enum out_format def)
{
	int i;

	if (!s)
		return isatty(STDOUT_FILENO) && (allowed & (1u << FMT_TABLE)) ? FMT_TABLE : (int)def;
	for (i = 0; i < FMT__MAX; i++)
		if (!strcmp(s, out_format_keys[i]) && (allowed & (1u << i)))
			return i;
	fprintf(stderr, "ballast: --format %s: not one of", s);
	for (i = 0; i < FMT__MAX; i++)
		if (allowed & (1u << i))
			fprintf(stderr, " %s", out_format_keys[i]);
	fprintf(stderr, "\n");
	return -1;
}

void cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ballast %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_parse_day(const char *cmd, const char *opt, const char *s, bl_day *out)
{
	const char *why = parse_day(s, out);

	if (why) {
		cli_error(cmd, "%s %s: %s", opt, s, why);
		return -1;
	}
	return 0;
}

int cli_month(const char *cmd, const char *s, bl_month *out)
{
	struct scope_query q;
	struct scope_error err;

	if (scope_param_read(SP_MONTH, s, &q, &err)) {
		cli_error(cmd, "%s", err.msg);
		return -1;
	}
	*out = q.month;
	return 0;
}

int cli_args_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
	struct cli_opt o[2 + CLI_FLAGS_MAX + 2 * SP__MAX];
	int flagv[CLI_FLAGS_MAX] = { 0 }, p, k, rc;
	const char *format = NULL;
	size_t n = 0;

	memset(a, 0, sizeof(*a));
	memset(o, 0, sizeof(o));
	scope_query_init(&a->q);
	o[n++] = (struct cli_opt){ .name = "db", .value = &a->db };
	if (cmd->formats)
		o[n++] = (struct cli_opt){ .name = "format", .value = &format };
	for (k = 0; k < CLI_FLAGS_MAX && cmd->flags[k]; k++)
		o[n++] = (struct cli_opt){ .name = cmd->flags[k], .flag = &flagv[k], .on = 1 };
	for (p = 0; p < SP__MAX; p++)
		for (k = 0; k < 2 && (cmd->accept & SP_BIT(p)); k++)
			o[n++] = (struct cli_opt){ .name = k ? scope_params[p].label : scope_params[p].opt,
				.optional = scope_params[p].flag, .take = cli_take_scope, .dst = &a->q,
				.arg = p };
	rc = cli_getopt(cmd->name, cmd->usage, o, n, argc, argv);
	for (k = 0; k < CLI_FLAGS_MAX; k++)
		a->flags |= flagv[k] ? 1u << k : 0;
	if (rc < 0 && optind != argc) {
		cli_error(cmd->name, "unexpected argument '%s'", argv[optind]);
		rc = EXIT_USAGE;
	}
	if (rc < 0 && cmd->formats) {
		a->fmt = cli_format(format, cmd->formats, FMT_TABLE);
		rc = a->fmt < 0 ? EXIT_USAGE : -1;
	}
	return rc;
}

int cli_scope_finish(const char *cmd, struct scope_query *q, bl_day today)
{
	struct scope_error err;

	if (!scope_query_finish(q, today, &err))
		return 0;
	cli_error(cmd, "%s", err.msg);
	return -1;
}

int cli_scope_resolve(const char *cmd, struct scope_query *q, const struct dataset *ds)
{
	struct scope_error err;

	if (!scope_query_resolve(q, ds, &err))
		return 0;
	cli_error(cmd, "%s", err.msg);
	return -1;
}

int cli_scope_list(const char *cmd, struct store *st, struct scope_query *q)
{
	/* The list's ids, kept to the process's end as the query borrows them. */
	static struct project_list list;
	struct scope_error err;
	enum bl_err rc;

	if (!(q->given & SP_BIT(SP_LIST)))
		return 0;
	project_list_release(&list);
	rc = store_list_get(st, q->sc.list_name, &list);
	if (rc == BL_ENOTFOUND) {
		scope_list_missing(q->sc.list_name, &err);
		cli_error(cmd, "%s", err.msg);
		return -1;
	}
	if (rc) {
		cli_error(cmd, "%s", store_errmsg(st));
		return -1;
	}
	q->sc.list_ids = list.project_ids;
	q->sc.n_list_ids = list.n;
	return 0;
}

int cli_print_json(const char *cmd, json_t *doc)
{
	int rc = json_dumpf(doc, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2) |
						 JSON_REAL_PRECISION(15));

	json_decref(doc);
	if (rc || fputc('\n', stdout) == EOF || fflush(stdout)) {
		cli_error(cmd, "cannot write the output");
		return -1;
	}
	return 0;
}

static void report_bad(void *ctx, const char *key, const char *value, const char *why)
{
	++*(int *)ctx;
	fprintf(stderr, "ballast: setting %s = %s: %s\n", key, value, why);
}

int cli_warning_settings(struct store *st, struct warning_settings *ws)
{
	int n_bad = 0;

	if (!warning_settings_load(st, ws, report_bad, &n_bad))
		return 0;
	/* not a bad value (each is named above): the store failed */
	if (!n_bad)
		fprintf(stderr, "ballast: cannot read the settings: %s\n", store_errmsg(st));
	return -1;
}

void cli_csv_add_column(struct buf *csv, const char *head, const char *value)
{
	struct buf out = BUF_INIT;
	const char *p = csv->s, *end;
	int first = 1;

	while ((end = strstr(p, "\r\n"))) {
		buf_add(&out, p, (size_t)(end - p));
		buf_addch(&out, ',');
		buf_add_csv_field(&out, first ? head : value);
		buf_adds(&out, "\r\n");
		p = end + 2;
		first = 0;
	}
	buf_adds(&out, p);
	buf_reset(csv);
	buf_add(csv, out.s, out.len);
	buf_release(&out);
}

int cli_actor(struct store *st, const char *cmd, const char *opt, struct user *u,
	      struct actor *a)
{
	const char *user = getenv("USER");
	struct buf who = BUF_INIT;

	memset(u, 0, sizeof(*u));
	memset(a, 0, sizeof(*a));
	a->role = ROLE_ADMIN;
	if (opt && !strncmp(opt, "user:", 5)) {
		if (store_user_by_name(st, opt + 5, u, NULL)) {
			cli_error(cmd, "--actor %s: no such user", opt);
			return -1;
		}
		if (u->disabled) {
			cli_error(cmd, "--actor %s: the account is disabled", opt);
			user_release(u);
			return -1;
		}
		a->user_id = u->id;
		a->username = u->username;
		a->role = u->role;
		a->unit_id = u->unit_id;
	}
	if (opt)
		buf_adds(&who, opt);
	else
		buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	store_set_actor(st, who.s);
	if (!a->username)
		a->username = opt ? opt : "cli";
	buf_release(&who);
	return 0;
}

int cli_usage(const char *usage)
{
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_take_scope(const char *cmd, const struct cli_opt *o, const char *s)
{
	struct scope_error err;

	if (scope_query_set(o->dst, (enum scope_param)o->arg, s, &err)) {
		cli_error(cmd, "%s", err.msg);
		return -1;
	}
	return 0;
}

#define CLI_OPTS_MAX (8 + CLI_FLAGS_MAX + 2 * SP__MAX)

/* The option whose getopt_long value is c, or NULL. */
static const struct cli_opt *opt_of(const struct cli_opt *opts, size_t n, int c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c == (opts[i].short_name ? opts[i].short_name : 0x100 + (int)i))
			return &opts[i];
	return NULL;
}

int cli_getopt(const char *cmd, const char *usage, const struct cli_opt *opts, size_t n,
	       int argc, char **argv)
{
	struct option o[CLI_OPTS_MAX + 2];
	char shorts[2 * CLI_OPTS_MAX + 2] = "h";
	const struct cli_opt *p;
	size_t i, k = 1;
	int c;

	memset(o, 0, sizeof(o));
	for (i = 0; i < n && i < CLI_OPTS_MAX; i++) {
		o[i] = (struct option){ opts[i].name, opts[i].flag ? no_argument : opts[i].optional ?
					optional_argument : required_argument, NULL,
					opts[i].short_name ? opts[i].short_name : 0x100 + (int)i };
		if (opts[i].short_name) {
			shorts[k++] = opts[i].short_name;
			if (!opts[i].flag)
				shorts[k++] = ':';
		}
	}
	o[i] = (struct option){ "help", no_argument, NULL, 'h' };
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, o, NULL)) != -1) {
		p = c == 'h' ? NULL : opt_of(opts, n, c);
		if (!p) {
			fputs(usage, c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : EXIT_USAGE;
		}
		if (p->flag)
			*p->flag = p->on;
		else if (p->take && p->take(cmd, p, optarg))
			return EXIT_USAGE;
		else if (!p->take)
			*p->value = optarg;
	}
	return -1;
}

/* ---- district1: one instance, many districts ---- */

int cli_district(const char *cmd, struct store *st, const char *code, int need,
		 struct dataset *units, int64_t *key)
{
	struct actor office = { .role = ROLE_ADMIN };
	struct scope_query q;
	struct scope_error err;

	memset(units, 0, sizeof(*units));
	*key = 0;
	if (store_units(st, &units->units, &units->n_units)) {
		cli_error(cmd, "%s", store_errmsg(st));
		return -1;
	}
	dataset_index(units);
	scope_query_init(&q);
	if (code && (scope_param_read(SP_DISTRICT, code, &q, &err) ||
		     scope_query_resolve(&q, units, &err))) {
		cli_error(cmd, "%s", err.msg);
		goto fail;
	}
	if (access_district_pick(&office, units, q.district_id, key) == DISTRICT_OK || !need)
		return 0;
	cli_error(cmd, "this instance holds %zu districts: name one with --district CODE",
		  district_count(units));
fail:
	dataset_release(units);
	return -1;
}
