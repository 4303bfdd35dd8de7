/* targets.c — `ballast targets`: every target of a year (目标任务书) with its
 * measure, the pace, and its status at a date (DOMAIN.md §5), as a table,
 * JSON or CSV. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/targets.h"
#include "io/json_reports.h"
#include "io/parse.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast targets [--year Y] [--asof D] [--include-drafts]\n"
	"                       [--format table|json|csv] [--db FILE]\n"
	"       ballast targets --check [--year Y] [--format table|json] [--db FILE]\n"
	"\n"
	"Every target of the year with its actual, the expected-by-now value (序时) and\n"
	"its status: met 已完成, missed 未完成, on_track 进度正常, at_risk 有风险. The\n"
	"due date itself ends a target's period: from it on a target is met or missed.\n"
	"Before it, counts and cumulative sums are held to the time-elapsed pace and\n"
	"may be met early; the rates of the measures compare with the value; a\n"
	"planned total (年度计划投资) and a growth rate (增加值增速), which can fall\n"
	"again, are on track or at risk until the due date, never met early.\n"
	"A demolition target (demolition_area_m2 征拆面积, demolition_households\n"
	"征拆户数) sums, over the demolition tasks of its year and measure in its\n"
	"section subtree, each task's latest progress report by the day judged; its\n"
	"JSON lists those tasks (tasks). It takes a section only (no tier,\n"
	"department or industrial flag).\n"
	"\n"
	"--check lists the figures whose per-section task books (任务书) do not add\n"
	"up to them (counts and amounts; exit 1 when any does not).\n"
	"\n"
	"  --year Y      the year (default: the year of --asof)\n"
	"  --asof D      the as-of date (default: Y-12-31); one of the two is needed\n"
	"  --format F    table (default), json, csv\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n"
	CLI_DRAFTS_HELP;

/* A value in the measure's units as text for a table: rates (ten-thousandths)
 * as a percentage, money in 万元, counts as they are. */
static char *value_text(enum measure_key k, int64_t v, char *out, size_t cap)
{
	char w[32];

	if (measure_info[k].kind == MK_RATE) {
		struct ratio r = { v, 10000 };

		return ratio_format_pct(r, out, cap);
	}
	if (measure_info[k].kind == MK_MONEY)
		snprintf(out, cap, "%s万元", money_format_wan(v, w, sizeof(w)));
	else
		snprintf(out, cap, "%lld", (long long)v);
	return out;
}

/* The same for CSV, without floating point: rates "0.85", money yuan. */
static void value_csv(struct buf *b, enum measure_key k, int64_t v)
{
	format_decimal(b, v, measure_info[k].kind == MK_RATE ? 4 : 0);
}

/* "省 · S01 空港经开区 · 发改 · 产业项目", or "全部". */
static void scope_text(const struct dataset *ds, const struct target *t, struct buf *b)
{
	const struct unit *u;
	size_t start = b->len;

	if (t->tier != TIER_ANY)
		buf_addf(b, "%s重大项目", tier_labels[t->tier]);
	if (t->section_id) {
		u = dataset_unit(ds, t->section_id);
		buf_addf(b, "%s%s", b->len > start ? " · " : "", u && u->name ? u->name : "?");
	}
	if (t->department_id) {
		u = dataset_unit(ds, t->department_id);
		buf_addf(b, "%s%s", b->len > start ? " · " : "", u && u->name ? u->name : "?");
	}
	if (t->industrial)
		buf_addf(b, "%s产业项目", b->len > start ? " · " : "");
	if (b->len == start)
		buf_adds(b, "全部");
}

static int computed_rate(enum measure_key k)
{
	return measure_info[k].kind == MK_RATE && !measure_info[k].indicator;
}

static int print_csv(const struct dataset *ds, const struct target_eval *ev, int drafts)
{
	struct buf out;
	char day[11], mon[8];
	size_t i;
	int rc;

	buf_init(&out, 0);
	buf_adds(&out, "id,measure,label,tier,section,department,industrial,due,value,judged_on,"
		       "actual,actual_num,actual_den,expected,indicator_month,status,status_label\r\n");
	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];
		const struct target_eval *e = &ev[i];

		buf_addf(&out, "%lld,%s,", (long long)t->id, measure_info[t->measure].key);
		buf_add_csv_field(&out, measure_info[t->measure].label_zh);
		buf_addf(&out, ",%s,", t->tier == TIER_ANY ? "" : tier_keys[t->tier]);
		buf_add_csv_field(&out, dataset_unit_code(ds, t->section_id, ""));
		buf_addch(&out, ',');
		buf_add_csv_field(&out, dataset_unit_code(ds, t->department_id, ""));
		buf_addf(&out, ",%d,%s,", t->industrial ? 1 : 0, day_format(t->due, day));
		value_csv(&out, t->measure, t->value);
		buf_addf(&out, ",%s,", day_format(e->judged_on, day));
		if (e->has_actual)
			value_csv(&out, t->measure, e->actual);
		if (computed_rate(t->measure))
			buf_addf(&out, ",%lld,%lld,", (long long)e->rate.num, (long long)e->rate.den);
		else
			buf_adds(&out, ",,,");
		value_csv(&out, t->measure, e->expected);
		buf_addf(&out, ",%s,%s,%s\r\n", month_format(e->indicator_month, mon),
			 target_status_keys[e->status], target_status_labels[e->status]);
	}
	if (drafts)
		cli_csv_add_column(&out, "includes_drafts", "1");
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

static void print_table(const struct dataset *ds, int year, bl_day asof,
			const struct target_eval *ev, int drafts)
{
	struct out_table tab;
	struct buf scope;
	char due[11], value[48], actual[96], expected[48], asof_text[11];
	const char *row[7] = { "指标", "范围", "截止", "目标", "实际", "序时", "状态" };
	size_t i;

	if (drafts)
		printf("%s\n", CLI_DRAFTS_LABEL);
	printf("%d年目标任务  截至%s  共%zu项\n\n", year, day_format(asof, asof_text),
	       ds->n_targets);
	out_table_init(&tab, 7);
	tab.right = 1u << 3 | 1u << 4 | 1u << 5;
	out_table_row(&tab, row);
	buf_init(&scope, 4096);
	for (i = 0; i < ds->n_targets; i++) {
		const struct target *t = &ds->targets[i];
		const struct target_eval *e = &ev[i];

		buf_reset(&scope);
		scope_text(ds, t, &scope);
		if (!e->has_actual) {
			snprintf(actual, sizeof(actual), "—");
		} else if (computed_rate(t->measure)) {
			char pct[16];

			snprintf(actual, sizeof(actual), "%s (%lld/%lld)",
				 ratio_format_pct(e->rate, pct, sizeof(pct)), (long long)e->rate.num,
				 (long long)e->rate.den);
		} else if (e->indicator_month != MONTH_NONE) {
			char v[64];

			/* the figure used, and its month (DOMAIN.md §5) */
			snprintf(actual, sizeof(actual), "%s（%d年%d月）",
				 value_text(t->measure, e->actual, v, sizeof(v)),
				 month_year(e->indicator_month), month_of_year(e->indicator_month));
		} else {
			value_text(t->measure, e->actual, actual, sizeof(actual));
		}
		row[0] = measure_info[t->measure].label_zh;
		row[1] = scope.s;
		row[2] = day_format(t->due, due);
		row[3] = value_text(t->measure, t->value, value, sizeof(value));
		row[4] = actual;
		row[5] = value_text(t->measure, e->expected, expected, sizeof(expected));
		row[6] = target_status_labels[e->status];
		out_table_row(&tab, row);
	}
	out_table_print(&tab, stdout);
	out_table_release(&tab);
	buf_release(&scope);
}

/* --check: the task books that do not add up; EXIT_USER when any. */
static int print_check(const struct dataset *ds, int year, int fmt)
{
	struct book_check bc;
	struct out_table tab;
	struct buf scope;
	char due[11], value[48], sum[48], diff[48];
	const char *row[7] = { "指标", "范围", "截止", "目标", "任务书合计", "差额", "未分解的板块" };
	size_t i, k;
	int rc = 0;

	targets_check_books(ds, &bc);
	if (fmt == FMT_JSON) {
		json_t *root = json_object();

		json_object_set_new(root, "year", json_integer(year));
		json_object_set_new(root, "check", book_check_json(ds, &bc));
		rc = json_dumpf(root, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2)) ? -1 : 0;
		fputc('\n', stdout);
		json_decref(root);
	} else if (!bc.n) {
		printf("%d年目标任务书：各板块任务书之和均等于区级目标。\n", year);
	} else {
		printf("%d年目标任务书：%zu项分解到板块的任务之和与区级目标不符\n\n", year, bc.n);
		out_table_init(&tab, 7);
		tab.right = 1u << 3 | 1u << 4 | 1u << 5;
		out_table_row(&tab, row);
		buf_init(&scope, 4096);
		for (i = 0; i < bc.n; i++) {
			const struct book_gap *g = &bc.gaps[i];
			const struct target *t = &ds->targets[g->total];
			struct buf without = BUF_INIT;
			int64_t d = 0;

			amount_add(&d, g->sum);
			amount_add(&d, -t->value);
			buf_reset(&scope);
			scope_text(ds, t, &scope);
			for (k = 0; k < g->n_without; k++)
				buf_addf(&without, "%s%s", k ? "、" : "",
					 dataset_unit_code(ds, g->without[k], "?"));
			row[0] = measure_info[t->measure].label_zh;
			row[1] = scope.s;
			row[2] = day_format(t->due, due);
			row[3] = value_text(t->measure, t->value, value, sizeof(value));
			row[4] = value_text(t->measure, g->sum, sum, sizeof(sum));
			if (d > 0) {
				char tmp[48];

				snprintf(diff, sizeof(diff), "+%s",
					 value_text(t->measure, d, tmp, sizeof(tmp)));
			} else {
				value_text(t->measure, d, diff, sizeof(diff));
			}
			row[5] = diff;
			row[6] = without.len ? without.s : "—";
			out_table_row(&tab, row);
			buf_release(&without);
		}
		out_table_print(&tab, stdout);
		out_table_release(&tab);
		buf_release(&scope);
	}
	if (!rc && bc.n) {
		cli_error("targets", "%zu task book%s of %d do%s not add up", bc.n,
			  bc.n == 1 ? "" : "s", year, bc.n == 1 ? "es" : "");
		rc = EXIT_USER;
	}
	book_check_release(&bc);
	return rc;
}

int cmd_targets(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"targets", usage_text, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV, SP_PERIOD |
		SP_BIT(SP_INCLUDE_DRAFTS) | SP_BIT(SP_CHECK), { NULL },
	};
	struct target_eval *ev = NULL;
	struct store *st = NULL;
	struct cli_args a;
	struct dataset ds;
	bl_day asof;
	int rc, fmt, year, loaded = 0, drafts, check;
	size_t i;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	drafts = a.q.include_drafts; /* DS_DRAFTS, the labelled preview */
	check = a.q.check;           /* the task books */
	fmt = a.fmt;
	if (check && fmt == FMT_CSV) {
		cli_error("targets", "--check prints a table or json");
		return EXIT_USAGE;
	}
	if (check && drafts) {
		cli_error("targets", "--check reads the task books, not the figures: "
			  "--include-drafts does not apply");
		return EXIT_USAGE;
	}
	if (cli_scope_finish("targets", &a.q, DAY_NONE))
		return EXIT_USAGE;
	year = a.q.sc.year;
	asof = a.q.sc.asof;

	rc = EXIT_USER;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		goto out;
	/* A target is judged by its due date or asof, whichever is first
	 * (DOMAIN.md §5): no report after asof's month is read. */
	if (store_load_dataset_for(st, year, day_month(asof),
				   DS_TARGETS | (drafts ? DS_DRAFTS : 0), &ds)) {
		cli_error("targets", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (check) {
		rc = print_check(&ds, year, fmt);
		if (rc < 0 || fflush(stdout)) {
			cli_error("targets", "cannot write the output");
			rc = EXIT_USER;
		}
		goto out;
	}
	ev = xcalloc(ds.n_targets ? ds.n_targets : 1, sizeof(*ev));
	for (i = 0; i < ds.n_targets; i++)
		target_evaluate(&ds, &ds.targets[i], asof, &ev[i]);
	if (fmt == FMT_JSON) {
		json_t *doc = targets_doc_json(&ds, year, asof, ev);

		if (drafts)
			json_object_set_new(doc, "includes_drafts", json_true());
		rc = cli_print_json("targets", doc) ? EXIT_USER : 0;
		goto out;
	}
	rc = fmt == FMT_CSV ? print_csv(&ds, ev, drafts) : (print_table(&ds, year, asof, ev, drafts), 0);
	if (rc || fflush(stdout)) {
		cli_error("targets", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	free(ev);
	if (loaded)
		dataset_release(&ds);
	if (st)
		store_close(st);
	return rc;
}
