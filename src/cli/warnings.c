/* warnings.c — `ballast warnings`: every red and yellow warning (预警) of the
 * projects listed in the as-of year, with its reason (DOMAIN.md §6); the
 * thresholds are the store's "warn.*" settings over the defaults. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/warnings.h"
#include "io/json_reports.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast warnings --asof D [--section CODE] [--min yellow|red]\n"
	"                        [--format table|json|csv] [--db FILE]\n"
	"       ballast warnings --settings [--db FILE]\n"
	"\n"
	"Every warning of the projects listed in the year of D, red first, each with\n"
	"its reason: start overdue 逾期未开工, filed not started 备案未开工, investment\n"
	"lag 投资滞后, completion overdue 逾期未竣工, report missing 月报缺报.\n"
	"\n"
	"  --asof D        the as-of date\n"
	"  --section CODE  only projects in this unit's subtree\n"
	"  --min LEVEL     yellow (default: yellow and red) or red\n"
	"  --format F      table (default), json, csv\n"
	"  --settings      print the thresholds in effect (keys warn.*) and exit\n"
	"  --db FILE       the database (default $BALLAST_DB, else ./ballast.db)\n"
	CLI_DRAFTS_HELP
	"\n"
	"A month whose report is a draft or was returned is a month not reported.\n"
	"Thresholds are settings stored in the database under the keys --settings\n"
	"prints; a key not stored keeps its default.\n";

struct warnings_opts {
	const char *db, *asof, *section, *min, *format;
	int settings;
	int include_drafts; /* DS_DRAFTS: the labelled view with pending drafts */
};

static int print_setting(void *ctx, const char *key, const char *value, const char *help)
{
	(void)ctx;
	printf("%s=%s\t# %s\n", key, value, help);
	return 0;
}

static const char *section_code(const struct dataset *ds, const struct project *p)
{
	const struct unit *u = dataset_unit(ds, p->section_id);

	return u && u->code ? u->code : "";
}

static const char *section_name(const struct dataset *ds, const struct project *p)
{
	const struct unit *u = dataset_unit(ds, p->section_id);

	return u && u->name ? u->name : "";
}

static int print_json(const struct dataset *ds, bl_day asof, const struct unit *section,
		      enum light min, const struct warning_view *wv, int drafts)
{
	json_t *root = warnings_doc_json(ds, asof, section ? section->code : NULL, min, wv);
	int rc;

	if (drafts)
		json_object_set_new(root, "includes_drafts", json_true());
	rc = json_dumpf(root, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2));

	fputc('\n', stdout);
	json_decref(root);
	return rc ? -1 : 0;
}

static int print_csv(const struct dataset *ds, const struct warning_shown *v, size_t n,
		     int drafts)
{
	struct buf out;
	size_t i;
	int rc;

	buf_init(&out, 0);
	buf_adds(&out, "ref,name,section,rule,rule_label,level,reason\r\n");
	for (i = 0; i < n; i++) {
		buf_add_csv_field(&out, v[i].p->ref ? v[i].p->ref : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, v[i].p->name ? v[i].p->name : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, section_code(ds, v[i].p));
		buf_addf(&out, ",%s,%s,%s,", warning_rule_keys[v[i].w->rule],
			 warning_rule_labels[v[i].w->rule], light_keys[v[i].w->level]);
		buf_add_csv_field(&out, v[i].w->reason);
		buf_adds(&out, "\r\n");
	}
	if (drafts)
		cli_csv_add_column(&out, "includes_drafts", "1");
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

/* The summary counts what exists in the scope; under --min red it says how
 * many yellow warnings the list leaves out. */
static void print_table(const struct dataset *ds, bl_day asof, const struct unit *section,
			enum light min, const struct warning_view *wv, int drafts)
{
	const char *row[6] = { "灯", "项目编号", "项目名称", "板块", "预警", "原因" };
	struct out_table t;
	size_t i;
	char day[11];

	if (drafts)
		printf("%s\n", CLI_DRAFTS_LABEL);
	printf("截至%s", day_format(asof, day));
	if (section)
		printf("  %s %s", section->code, section->name ? section->name : "");
	printf("  红色预警%zu条  黄色预警%zu条", wv->counts[LIGHT_RED], wv->counts[LIGHT_YELLOW]);
	if (min == LIGHT_RED)
		printf("（本表只列红色预警，黄色预警%zu条未列出）", wv->counts[LIGHT_YELLOW]);
	printf("  （项目：红灯%zu个，黄灯%zu个，绿灯%zu个）\n\n", wv->lights[LIGHT_RED],
	       wv->lights[LIGHT_YELLOW], wv->lights[LIGHT_GREEN]);
	out_table_init(&t, 6);
	out_table_row(&t, row);
	for (i = 0; i < wv->n; i++) {
		const struct warning_shown *v = &wv->v[i];

		row[0] = light_labels[v->w->level];
		row[1] = v->p->ref;
		row[2] = v->p->name;
		row[3] = section_name(ds, v->p);
		row[4] = warning_rule_labels[v->w->rule];
		row[5] = v->w->reason;
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

static int parse_opts(int argc, char **argv, struct warnings_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "asof", required_argument, NULL, 'a' },
		{ "section", required_argument, NULL, 's' },
		{ "min", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "settings", no_argument, NULL, 'S' },
		{ "include-drafts", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'a': o->asof = optarg; break;
		case 's': o->section = optarg; break;
		case 'm': o->min = optarg; break;
		case 'f': o->format = optarg; break;
		case 'S': o->settings = 1; break;
		case 'D': o->include_drafts = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("warnings", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	if (!o->asof && !o->settings) {
		cli_error("warnings", "--asof is needed");
		return EXIT_USAGE;
	}
	return -1;
}

int cmd_warnings(int argc, char **argv)
{
	struct warnings_opts o;
	struct warning_settings ws;
	struct warning_list wl = { NULL, 0, 0, NULL, 0 };
	const struct unit *section = NULL;
	struct warning_view wv = { NULL, 0, { 0 }, { 0 } };
	struct store *st = NULL;
	struct dataset ds;
	enum light min = LIGHT_YELLOW;
	bl_day asof = DAY_NONE;
	int rc, fmt, loaded = 0;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	fmt = cli_format(o.format, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	if (o.min && !strcmp(o.min, "red")) {
		min = LIGHT_RED;
	} else if (o.min && strcmp(o.min, "yellow")) {
		cli_error("warnings", "--min %s: not one of yellow, red", o.min);
		return EXIT_USAGE;
	}
	if (o.asof && cli_parse_day("warnings", "--asof", o.asof, &asof))
		return EXIT_USAGE;

	rc = EXIT_USER;
	st = cli_open(o.db, STORE_EXISTING);
	if (!st)
		goto out;
	if (cli_warning_settings(st, &ws))
		goto out;
	if (o.settings) {
		warning_settings_each(&ws, print_setting, NULL);
		rc = 0;
		goto out;
	}
	if (store_load_dataset_for(st, day_year(asof), month_from_ym(day_year(asof), 12),
				   DS_ALL | (o.include_drafts ? DS_DRAFTS : 0), &ds)) {
		cli_error("warnings", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (o.section) {
		section = cli_find_unit(&ds, o.section);
		if (!section || section->kind == UNIT_DEPARTMENT) {
			cli_error("warnings", "--section %s: no such section or unit", o.section);
			goto out;
		}
	}
	warnings_compute(&ds, &ws, asof, &wl);
	warnings_select(&ds, &wl, section ? section->id : 0, min, NULL, NULL, &wv);
	rc = 0;
	if (fmt == FMT_JSON)
		rc = print_json(&ds, asof, section, min, &wv, o.include_drafts);
	else if (fmt == FMT_CSV)
		rc = print_csv(&ds, wv.v, wv.n, o.include_drafts);
	else
		print_table(&ds, asof, section, min, &wv, o.include_drafts);
	if (rc || fflush(stdout)) {
		cli_error("warnings", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	warning_view_release(&wv);
	warning_list_release(&wl);
	if (loaded)
		dataset_release(&ds);
	if (st)
		store_close(st);
	return rc;
}
