/* guarantees.c — `ballast supplies`: element guarantees (要素保障) need
 * against supplied per section and project with who waits on land or energy;
 * `ballast demolition`: the demolition task books (征拆任务书) with each
 * task's status (DOMAIN.md §7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/guarantees_view.h"
#include "core/targets.h"
#include "io/json_guarantees.h"
#include "util/buf.h"

static const char supplies_usage[] =
	"usage: ballast supplies [--year Y] [--asof D] [--section CODE] [--department CODE]\n"
	"                        [--format table|json|csv] [--db FILE]\n"
	"\n"
	"Element guarantees (要素保障): each project's need of land (亩), energy (吨标煤)\n"
	"and funding (万元) for year Y against what was supplied by D (供地批复, 能评批复,\n"
	"贷款, 专项债 …), per section and for the district; the gap is need − supplied.\n"
	"A project whose land or energy need is still short more than guarantees.wait_days\n"
	"(a setting, 90 by default) days after its need date (else the later of its\n"
	"signing date and Y-01-01) is yellow, with the element and the days waited. The\n"
	"needs and supplies come from `ballast import supplies FILE`.\n"
	"\n"
	"  --year Y          the year (default: of --asof, else this year)\n"
	"  --asof D          the day (default today, or Y-12-31 for a past year)\n"
	"  --section CODE    only projects in this unit's subtree\n"
	"  --department CODE only projects this department is responsible for\n"
	"  --format F        table (default), json, csv (a row per project)\n"
	"  --db FILE         the database (default $BALLAST_DB, else ./ballast.db)\n";

static const char demolition_usage[] =
	"usage: ballast demolition [--year Y] [--asof D] [--section CODE]\n"
	"                          [--format table|json|csv] [--db FILE]\n"
	"\n"
	"Demolition task books (征拆任务书): each section's tasks for year Y (㎡ or\n"
	"households, a due date), what is done by D (the latest progress report on or\n"
	"before D, or before the due date once passed) and the status by the targets'\n"
	"rule (DOMAIN.md §5): met once done reaches the task, missed when the due date\n"
	"passed short of it, else on track when done is at least the pace (task ×\n"
	"days elapsed since Y-01-01 ÷ days from Y-01-01 to the due date), else at risk.\n"
	"Tasks and reports come from `ballast import demolition FILE`.\n"
	"\n"
	"  --year Y          the year (default: of --asof, else this year)\n"
	"  --asof D          the day (default today, or Y-12-31 for a past year)\n"
	"  --section CODE    only tasks of this unit's subtree\n"
	"  --format F        table (default), json, csv\n"
	"  --db FILE         the database (default $BALLAST_DB, else ./ballast.db)\n";

/* Open the book and read the query; NULL st after a message (*rc the exit code). */
static struct store *open_book(const char *cmd, struct cli_args *a, struct guarantee_book *b,
			       struct guarantee_query *q, int *rc)
{
	struct store *st;

	*rc = EXIT_USAGE;
	if (cli_scope_finish(cmd, &a->q, scope_today()))
		return NULL;
	*rc = EXIT_USER;
	st = cli_open(a->db, STORE_EXISTING);
	if (!st)
		return NULL;
	if (guarantee_book_load(st, b)) {
		cli_error(cmd, "%s", store_errmsg(st));
		store_close(st);
		return NULL;
	}
	*rc = EXIT_USAGE;
	if (cli_scope_resolve(cmd, &a->q, &b->units)) {
		guarantee_book_release(b);
		store_close(st);
		return NULL;
	}
	memset(q, 0, sizeof(*q));
	q->year = a->q.sc.year;
	q->asof = a->q.sc.asof;
	q->section_id = a->q.sc.section_id;
	q->department_id = a->q.sc.department_id;
	*rc = 0;
	return st;
}

static void add_figures(struct buf *out, const struct element_figure *el)
{
	char t[32];
	int e;

	for (e = 0; e < EL__MAX; e++) {
		buf_addf(out, ",%s", element_amount_text((enum element)e, el[e].need, t));
		buf_addf(out, ",%s", element_amount_text((enum element)e, el[e].supplied, t));
		buf_addf(out, ",%s", element_amount_text((enum element)e,
							  el[e].need - el[e].supplied, t));
	}
}

static int supplies_csv(const struct guarantee_book *b, const struct guarantee_view *v)
{
	struct buf out = BUF_INIT;
	size_t i;
	int rc;

	buf_adds(&out, "ref,name,section,land_need,land_supplied,land_gap,energy_need,"
		       "energy_supplied,energy_gap,funding_need,funding_supplied,funding_gap,"
		       "land_waited,energy_waited,light\r\n");
	for (i = 0; i < v->g.n; i++) {
		const struct guarantee_line *l = &v->g.lines[i];
		const struct project *p = &v->projects[l->project];

		buf_add_csv_field(&out, p->ref ? p->ref : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, p->name ? p->name : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, dataset_unit_code(&b->units, p->section_id, ""));
		add_figures(&out, l->el);
		if (l->waited[EL_LAND] >= 0)
			buf_addf(&out, ",%lld", (long long)l->waited[EL_LAND]);
		else
			buf_adds(&out, ",");
		if (l->waited[EL_ENERGY] >= 0)
			buf_addf(&out, ",%lld", (long long)l->waited[EL_ENERGY]);
		else
			buf_adds(&out, ",");
		buf_addf(&out, ",%s\r\n", l->yellow ? "yellow" : "green");
	}
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

/* One table row of need / supplied / gap per element after name. */
static void figure_row(struct out_table *t, const char *name, const struct element_figure *el,
		       const char *extra)
{
	char cell[EL__MAX * 3][32];
	const char *row[2 + EL__MAX * 3];
	int e;

	row[0] = name;
	for (e = 0; e < EL__MAX; e++) {
		row[1 + 3 * e] = element_amount_text((enum element)e, el[e].need, cell[3 * e]);
		row[2 + 3 * e] = element_amount_text((enum element)e, el[e].supplied, cell[3 * e + 1]);
		row[3 + 3 * e] = element_amount_text((enum element)e, el[e].need - el[e].supplied,
						     cell[3 * e + 2]);
	}
	row[1 + EL__MAX * 3] = extra;
	out_table_row(t, row);
}

static void supplies_table(const struct guarantee_book *b, const struct guarantee_query *q,
			   const struct guarantee_view *v)
{
	static const char *const head[2 + EL__MAX * 3] = {
		"", "用地需求(亩)", "已供", "缺口", "用能需求(吨标煤)", "已供", "缺口",
		"资金需求(万元)", "已供", "缺口", "等待黄灯",
	};
	struct buf why = BUF_INIT;
	struct out_table t;
	char day[11], n[24];
	size_t i;
	int e;

	printf("%d年要素保障（截至%s）：%zu个项目，等待超过%d天的%zu个\n\n", q->year,
	       day_format(q->asof, day), v->g.n, b->wait_days, v->g.district.n_waiting);
	out_table_init(&t, 2 + EL__MAX * 3);
	t.right = ((1u << (EL__MAX * 3)) - 1) << 1 | 1u << (1 + EL__MAX * 3);
	out_table_row(&t, head);
	for (i = 0; i < v->g.n_sections; i++) {
		snprintf(n, sizeof(n), "%zu", v->g.sections[i].n_waiting);
		figure_row(&t, dataset_unit_name(&b->units, v->g.sections[i].unit_id, ""),
			   v->g.sections[i].el, n);
	}
	snprintf(n, sizeof(n), "%zu", v->g.district.n_waiting);
	figure_row(&t, "合计", v->g.district.el, n);
	out_table_print(&t, stdout);
	out_table_release(&t);
	for (i = 0; i < v->g.n; i++) {
		const struct guarantee_line *l = &v->g.lines[i];

		for (e = 0; e < EL__MAX; e++) {
			if (!(l->yellow & (1u << e)))
				continue;
			guarantee_wait_reason(l, (enum element)e, b->wait_days, &why);
			printf("黄灯 %s %s：%s\n", v->projects[l->project].ref,
			       v->projects[l->project].name, why.s);
		}
	}
	buf_release(&why);
}

int cmd_supplies(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"supplies", supplies_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		SP_PERIOD | SP_BIT(SP_SECTION) | SP_BIT(SP_DEPARTMENT), { NULL },
	};
	struct guarantee_book b;
	struct guarantee_query q;
	struct guarantee_view v;
	struct store *st;
	struct cli_args a;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = open_book("supplies", &a, &b, &q, &rc);
	if (!st)
		return rc;
	guarantee_view_make(&b, &q, NULL, &v);
	if (a.fmt == FMT_JSON)
		rc = cli_print_json("supplies", guarantees_json(&b, &q, &v, 0, 0)) ? EXIT_USER : 0;
	else if (a.fmt == FMT_CSV)
		rc = supplies_csv(&b, &v) ? EXIT_USER : 0;
	else
		supplies_table(&b, &q, &v);
	if (!rc && fflush(stdout)) {
		cli_error("supplies", "cannot write the output");
		rc = EXIT_USER;
	}
	guarantee_view_release(&v);
	guarantee_book_release(&b);
	store_close(st);
	return rc;
}

static int demolition_csv(const struct guarantee_book *b, const struct demolition_board *d)
{
	struct buf out = BUF_INIT;
	char d1[11], d2[11];
	size_t i;
	int rc;

	buf_adds(&out, "id,section,name,measure,quantity,due,done,reported_on,expected,status\r\n");
	for (i = 0; i < d->n; i++) {
		const struct demolition_line *l = &d->v[i];

		buf_addf(&out, "%lld,", (long long)l->t->id);
		buf_add_csv_field(&out, dataset_unit_code(&b->units, l->t->section_id, ""));
		buf_addch(&out, ',');
		buf_add_csv_field(&out, l->t->name ? l->t->name : "");
		buf_addf(&out, ",%s,%lld,%s,%lld,%s,%lld,%s\r\n",
			 demolition_measure_keys[l->t->measure], (long long)l->t->quantity,
			 day_format(l->t->due, d1), (long long)l->e.done,
			 day_format(l->e.reported_on, d2), (long long)l->e.expected,
			 target_status_keys[l->e.status]);
	}
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

static void demolition_table(const struct guarantee_book *b, const struct guarantee_query *q,
			     const struct demolition_board *d)
{
	const char *row[8] = { "板块", "任务", "单位", "任务量", "完成时限", "累计完成", "序时应完成",
			       "状态" };
	char day[11], qty[24], done[24], exp[24];
	struct out_table t;
	size_t i;

	printf("%d年征拆任务书（截至%s）：%zu项，已完成%zu、进度正常%zu、有风险%zu、未完成%zu\n\n",
	       q->year, day_format(q->asof, day), d->n, d->by_status[TS_MET],
	       d->by_status[TS_ON_TRACK], d->by_status[TS_AT_RISK], d->by_status[TS_MISSED]);
	out_table_init(&t, 8);
	t.right = 1u << 3 | 1u << 5 | 1u << 6;
	out_table_row(&t, row);
	for (i = 0; i < d->n; i++) {
		const struct demolition_line *l = &d->v[i];

		snprintf(qty, sizeof(qty), "%lld", (long long)l->t->quantity);
		snprintf(done, sizeof(done), "%lld", (long long)l->e.done);
		snprintf(exp, sizeof(exp), "%lld", (long long)l->e.expected);
		row[0] = dataset_unit_name(&b->units, l->t->section_id, "");
		row[1] = l->t->name;
		row[2] = demolition_measure_labels[l->t->measure];
		row[3] = qty;
		row[4] = day_format(l->t->due, day);
		row[5] = done;
		row[6] = exp;
		row[7] = target_status_labels[l->e.status];
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

int cmd_demolition(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"demolition", demolition_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		SP_PERIOD | SP_BIT(SP_SECTION), { NULL },
	};
	struct demolition_board d;
	struct guarantee_book b;
	struct guarantee_query q;
	struct store *st;
	struct cli_args a;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = open_book("demolition", &a, &b, &q, &rc);
	if (!st)
		return rc;
	demolition_board_make(&b, &q, NULL, &d);
	if (a.fmt == FMT_JSON)
		rc = cli_print_json("demolition", demolition_json(&b, &q, &d, 0, 0)) ? EXIT_USER : 0;
	else if (a.fmt == FMT_CSV)
		rc = demolition_csv(&b, &d) ? EXIT_USER : 0;
	else
		demolition_table(&b, &q, &d);
	if (!rc && fflush(stdout)) {
		cli_error("demolition", "cannot write the output");
		rc = EXIT_USER;
	}
	demolition_board_release(&d);
	guarantee_book_release(&b);
	store_close(st);
	return rc;
}
