/* common.c — helpers every subcommand uses: the database path, opening it,
 * output formats, error lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/warnings.h"
#include "io/parse.h"

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

struct store *cli_open(const char *opt_db, enum store_mode mode)
{
	struct buf err = BUF_INIT;
	struct store *st = NULL;
	const char *path = cli_db_path(opt_db);

	buf_init(&err, 4096);
	if (store_open(path, mode, &st, &err)) {
		fprintf(stderr, "ballast: %s: %s\n", path, err.len ? err.s : "cannot open");
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

int cli_parse_year(const char *cmd, const char *s, int *out)
{
	int64_t v;

	if (parse_int(s, &v) || v < 1900 || v > 2999) {
		cli_error(cmd, "--year %s: not a year between 1900 and 2999", s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

bl_day cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const struct unit *cli_find_unit(const struct dataset *ds, const char *code)
{
	const struct unit *by_name = NULL;
	size_t i, names = 0;

	for (i = 0; i < ds->n_units; i++) {
		if (ds->units[i].code && !strcmp(ds->units[i].code, code))
			return &ds->units[i];
		if (ds->units[i].name && !strcmp(ds->units[i].name, code)) {
			by_name = &ds->units[i];
			names++;
		}
	}
	return names == 1 ? by_name : NULL;
}

static void report_bad(void *ctx, const char *key, const char *value, const char *why)
{
	(void)ctx;
	fprintf(stderr, "ballast: setting %s = %s: %s\n", key, value, why);
}

int cli_warning_settings(struct store *st, struct warning_settings *ws)
{
	return warning_settings_load(st, ws, report_bad, NULL);
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
