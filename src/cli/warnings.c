/* warnings.c — `ballast warnings`: every red and yellow warning (预警) of the
 * projects listed in the as-of year, with its reason (DOMAIN.md §6); the
 * thresholds are the store's "warn.*" settings over the defaults. */
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
	"usage: ballast warnings --asof D [--section CODE] [--min yellow|red] [--rule R]\n"
	"                        [FILTERS] [--format table|json|csv] [--db FILE]\n"
	"       ballast warnings --settings [--db FILE]\n"
	"\n"
	"Every warning of the projects listed in the year of D, red first, each with\n"
	"its reason: start overdue 逾期未开工, filed not started 备案未开工, investment\n"
	"lag 投资滞后, completion overdue 逾期未竣工, report missing 月报缺报,\n"
	"supervision item overdue 督办事项逾期, fund step overdue 超期未兑现, and\n"
	"waiting on land or energy 要素保障等待 (yellow past guarantees.wait_days days).\n"
	"\n"
	"  --asof D        the as-of date\n"
	"  --section CODE  only projects in this unit's subtree\n"
	"  --min LEVEL     yellow (default: yellow and red) or red\n"
	"  --rule R        only this rule's warnings: start_overdue, filed_not_started,\n"
	"                  investment_lag, completion_overdue, report_missing,\n"
	"                  item_overdue, fund_overdue, element_wait (or 逾期未开工 …)\n"
	"  --format F      table (default), json, csv\n"
	"  --settings      print the thresholds in effect (keys warn.*,\n"
	"                  guarantees.wait_days) and exit\n"
	"  --db FILE       the database (default $BALLAST_DB, else ./ballast.db)\n"
	CLI_DRAFTS_HELP
	"\n"
	"FILTERS choose the projects as 'ballast measures --help' says (--tier,\n"
	"--department, --industrial, --industry, --stage, --light, --list, --q, …).\n"
	"\n"
	"A month whose report is a draft or was returned is a month not reported.\n"
	"Thresholds are settings stored in the database under the keys --settings\n"
	"prints; a key not stored keeps its default.\n";

static int print_setting(void *ctx, const char *key, const char *value, const char *help)
{
	(void)ctx;
	printf("%s=%s\t# %s\n", key, value, help);
	return 0;
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
		buf_add_csv_field(&out, dataset_unit_code(ds, v[i].p->section_id, ""));
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
		row[3] = dataset_unit_name(ds, v->p->section_id, "");
		row[4] = warning_rule_labels[v->w->rule];
		row[5] = v->w->reason;
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

static int print(const struct dataset *ds, const struct scope_query *q,
		 const struct warning_view *wv, int fmt, int drafts)
{
	int rc = 0;

	if (fmt == FMT_JSON) {
		json_t *doc = warnings_doc_json(ds, q->sc.asof, q->sc.section_code,
						(enum light)q->min, wv);

		if (drafts)
			json_object_set_new(doc, "includes_drafts", json_true());
		return cli_print_json("warnings", doc) ? EXIT_USER : 0;
	}
	if (fmt == FMT_CSV)
		rc = print_csv(ds, wv->v, wv->n, drafts);
	else
		print_table(ds, q->sc.asof, dataset_unit(ds, q->sc.section_id),
			    (enum light)q->min, wv, drafts);
	if (rc || fflush(stdout)) {
		cli_error("warnings", "cannot write the output");
		return EXIT_USER;
	}
	return 0;
}

int cmd_warnings(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"warnings", usage_text, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		SP_PERIOD | SP_FILTERS | SP_BIT(SP_MIN) | SP_BIT(SP_RULE) | SP_BIT(SP_INCLUDE_DRAFTS),
		{ "settings" },
	};
	struct warning_settings ws;
	struct warning_list wl = { NULL, 0, 0, NULL, 0 };
	struct warning_view wv = { NULL, 0, { 0 }, { 0 } };
	struct store *st = NULL;
	struct cli_args a;
	struct dataset ds;
	int rc, loaded = 0, settings, drafts;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	settings = a.flags & 1u;
	drafts = a.q.include_drafts; /* DS_DRAFTS, the labelled preview */
	if (!(a.q.given & SP_BIT(SP_ASOF)) && !settings) {
		cli_error("warnings", "--asof is needed");
		return EXIT_USAGE;
	}
	/* A warning list is of the as-of date's year (DOMAIN.md §6). */
	a.q.given &= ~SP_BIT(SP_YEAR);
	if (!settings && cli_scope_finish("warnings", &a.q, DAY_NONE))
		return EXIT_USAGE;

	rc = EXIT_USER;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st || cli_warning_settings(st, &ws))
		goto out;
	if (settings) {
		warning_settings_each(&ws, print_setting, NULL);
		rc = 0;
		goto out;
	}
	if (store_load_dataset_for(st, a.q.sc.year, month_from_ym(a.q.sc.year, 12),
				   DS_ALL | (drafts ? DS_DRAFTS : 0), &ds)) {
		cli_error("warnings", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (cli_scope_list("warnings", st, &a.q) || cli_scope_resolve("warnings", &a.q, &ds))
		goto out;
	warnings_compute(&ds, &ws, a.q.sc.asof, &wl);
	warnings_select(&ds, &wl, &a.q.sc, (enum light)a.q.min, NULL, NULL, &wv);
	warning_view_keep_rule(&wv, a.q.rule);
	rc = print(&ds, &a.q, &wv, a.fmt, drafts);
out:
	warning_view_release(&wv);
	warning_list_release(&wl);
	if (loaded)
		dataset_release(&ds);
	if (st)
		store_close(st);
	return rc;
}
