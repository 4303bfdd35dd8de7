/* visits.c — `ballast visits`: the site visits (走访, 现场督办) with their
 * findings, and `ballast schedule`: the bimonthly on-site supervision
 * schedule (双月现场督办, core/visits.h) of the window holding a day. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/figures.h"
#include "io/json_visits.h"
#include "store/store_items.h"
#include "store/store_visits.h"

static const char visits_usage[] =
	"usage: ballast visits [--ref REF] [--format table|json] [--db FILE]\n"
	"\n"
	"Site visits (走访): commando-team visits (突击队走访), bimonthly on-site\n"
	"supervision (双月现场督办) and others, the latest first, with who went and\n"
	"what they found. Record them in the web UI or with POST /api/v1/visits.\n"
	"\n"
	"  --ref REF   only this project's visits\n"
	"  --format F  table (default), json\n"
	"  --db FILE   the database (default $BALLAST_DB, else ./ballast.db)\n";

static const char schedule_usage[] =
	"usage: ballast schedule [--asof D] [--section CODE] [--format table|json] [--db FILE]\n"
	"\n"
	"The bimonthly on-site supervision schedule (双月现场督办) of the two-month window\n"
	"holding D (default today): the projects listed in the window's year with a total\n"
	"investment at or above the setting supervision.threshold_yuan (10 亿 by default)\n"
	"that, on the window's first day, are filed but not started (备案未开工) or red,\n"
	"grouped by section; each is visited when a visit of kind supervision lies in\n"
	"the window. Windows open in odd months (January, March, …) or, with the\n"
	"setting supervision.months=even, in even months.\n"
	"\n"
	"  --asof D        a day of the window (default today)\n"
	"  --section CODE  only projects in this unit's subtree\n"
	"  --format F      table (default), json\n"
	"  --db FILE       the database (default $BALLAST_DB, else ./ballast.db)\n";

struct rows {
	struct store *st;
	json_t *items;
	int64_t project_id;
	enum bl_err rc;
};

static int add_visit(void *ctx, const struct visit *v)
{
	struct rows *r = ctx;
	struct project p;

	r->rc = store_item_project(r->st, v->project_id, &p);
	if (r->rc)
		return 1;
	json_array_insert_new(r->items, 0, visit_json(v, &p)); /* the latest first */
	project_release(&p);
	return 0;
}

static void print_visits(json_t *items)
{
	const char *row[6] = { "日期", "项目编号", "项目名称", "类型", "走访人员", "发现问题" };
	struct out_table t;
	size_t i;
	json_t *v;

	out_table_init(&t, 6);
	out_table_row(&t, row);
	json_array_foreach(items, i, v) {
		row[0] = json_string_value(json_object_get(v, "on"));
		row[1] = json_string_value(json_object_get(v, "ref"));
		row[2] = json_string_value(json_object_get(v, "project_name"));
		row[3] = json_string_value(json_object_get(v, "kind_label"));
		row[4] = json_string_value(json_object_get(v, "who"));
		row[5] = json_string_value(json_object_get(v, "findings"));
		if (!row[5])
			row[5] = "";
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

int cmd_visits(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"visits", visits_usage, 1u << FMT_TABLE | 1u << FMT_JSON, SP_BIT(SP_REF), { NULL },
	};
	struct rows r = { NULL, NULL, 0, BL_OK };
	struct cli_args a;
	struct project p;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	r.st = cli_open(a.db, STORE_EXISTING);
	if (!r.st)
		return EXIT_USER;
	rc = EXIT_USER;
	if (a.q.ref) {
		if (store_project_by_ref(r.st, a.q.ref, &p)) {
			cli_error("visits", "--ref %s: no such project", a.q.ref);
			goto out;
		}
		r.project_id = p.id;
		project_release(&p);
	}
	r.items = json_array();
	if (store_visits_each(r.st, r.project_id, add_visit, &r) || r.rc) {
		cli_error("visits", "%s", store_errmsg(r.st));
		goto out;
	}
	if (a.fmt == FMT_JSON) {
		rc = cli_print_json("visits", json_pack("{s:I, s:O}", "total",
			(json_int_t)json_array_size(r.items), "items", r.items)) ? EXIT_USER : 0;
	} else {
		print_visits(r.items);
		rc = fflush(stdout) ? EXIT_USER : 0;
	}
out:
	json_decref(r.items);
	store_close(r.st);
	return rc;
}

static int keep_section(void *ctx, size_t i)
{
	const struct scope_query *q = ((const void **)ctx)[0];
	const struct dataset *ds = ((const void **)ctx)[1];

	return !q->sc.section_id || dataset_in_subtree(ds, ds->projects[i].section_id,
							q->sc.section_id);
}

static void print_schedule(const struct dataset *ds, const struct schedule *s)
{
	const char *row[6] = { "板块", "项目编号", "项目名称", "总投资（万元）", "列入原因", "督办" };
	struct out_table t;
	char from[11], to[11], money[32], on[11], done[48];
	size_t i;

	printf("双月现场督办 %s 至 %s  应督办%zu个，已督办%zu个，未督办%zu个\n\n",
	       day_format(s->from, from), day_format(s->to, to), s->n, s->visited,
	       s->n - s->visited);
	out_table_init(&t, 6);
	out_table_row(&t, row);
	for (i = 0; i < s->n; i++) {
		const struct schedule_entry *e = &s->v[i];
		const struct project *p = &ds->projects[e->project];

		money_format_wan(p->total_investment, money, sizeof(money));
		if (e->visits)
			snprintf(done, sizeof(done), "已督办 %s", day_format(e->visited_on, on));
		else
			snprintf(done, sizeof(done), "未督办");
		row[0] = dataset_unit_name(ds, p->section_id, "");
		row[1] = p->ref;
		row[2] = p->name;
		row[3] = money;
		row[4] = e->filed_not_started && e->red ? "备案未开工、红灯" :
			 e->filed_not_started ? "备案未开工" : "红灯";
		row[5] = done;
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

int cmd_schedule(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"schedule", schedule_usage, 1u << FMT_TABLE | 1u << FMT_JSON,
		SP_BIT(SP_ASOF) | SP_BIT(SP_SECTION), { NULL },
	};
	struct schedule_settings ss;
	struct warning_settings ws;
	struct schedule s = { 0 };
	struct store *st;
	struct cli_args a;
	struct dataset ds;
	bl_day asof, from, to;
	const void *keep[2];
	int rc, loaded = 0;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	asof = a.q.given & SP_BIT(SP_ASOF) ? a.q.sc.asof : scope_today();
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	rc = EXIT_USER;
	if (schedule_settings_load(st, &ss) || cli_warning_settings(st, &ws)) {
		cli_error("schedule", "a stored supervision.* or warn.* setting is bad");
		goto out;
	}
	schedule_window(asof, &ss, &from, &to);
	if (store_load_dataset_for(st, day_year(from), day_month(from), DS_ALL, &ds)) {
		cli_error("schedule", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (cli_scope_resolve("schedule", &a.q, &ds))
		goto out;
	if (schedule_compute(st, &ds, &ws, &ss, asof, &s)) {
		cli_error("schedule", "%s", store_errmsg(st));
		goto out;
	}
	keep[0] = &a.q;
	keep[1] = &ds;
	schedule_keep(&s, keep_section, keep);
	if (a.fmt == FMT_JSON) {
		rc = cli_print_json("schedule", schedule_json(&ds, &s, &ss, asof)) ? EXIT_USER : 0;
	} else {
		print_schedule(&ds, &s);
		rc = fflush(stdout) ? EXIT_USER : 0;
	}
out:
	schedule_release(&s);
	if (loaded)
		dataset_release(&ds);
	store_close(st);
	return rc;
}
