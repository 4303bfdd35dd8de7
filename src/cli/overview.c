/* overview.c — `ballast overview`: one screen of a year for the people who run
 * the drive: lists per tier, start rates against their targets, the five rates,
 * investment against plan and pace (序时), new starts and completions against
 * targets, warning counts, and the sections side by side. Every figure is one
 * the measures, targets and warnings commands also print, so each can be traced. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/measures.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "util/buf.h"

static const char usage_text[] =
	"usage: ballast overview --year Y --asof D [--db FILE]\n"
	"\n"
	"One screen of the year as of D: projects per tier, start rates against\n"
	"targets, the five rates, investment against plan and pace, warnings, and the\n"
	"sections side by side. Defaults: --year the as-of year, else this year;\n"
	"--asof today within the year, else its last day.\n";

/* The target of measure k at tier (TIER_ANY: all tiers) over the whole
 * district as of asof (target_choose), or NULL. */
static const struct target *find_target(const struct dataset *ds, enum measure_key k,
					int tier, bl_day asof)
{
	struct scope sc;

	scope_init(&sc, ds->year, asof);
	sc.tier = tier;
	return target_choose(ds, &sc, k);
}

static void target_text(struct buf *b, const struct dataset *ds, const struct target *t,
			bl_day asof)
{
	struct target_eval ev;
	char due[11], tmp[32];

	if (!t) {
		buf_adds(b, "无目标");
		return;
	}
	target_evaluate(ds, t, asof, &ev);
	day_format(t->due, due);
	buf_addf(b, "目标 %s %s", due + 5, t->industrial ? "产业项目 " : "");
	if (measure_info[t->measure].kind == MK_RATE) {
		target_pct(b, t->value);
	} else if (measure_info[t->measure].kind == MK_MONEY) {
		buf_addf(b, "%s 万元", money_format_wan(t->value, tmp, sizeof(tmp)));
	} else {
		buf_addf(b, "%lld", (long long)t->value);
	}
	buf_addf(b, " %s", target_status_labels[ev.status]);
}

static void print_tiers(const struct dataset *ds, bl_day asof)
{
	struct out_table t;
	struct scope sc;
	struct buf tg = BUF_INIT;
	int tier;

	out_table_init(&t, 5);
	t.right = 0x6;
	out_table_row(&t, (const char *const[]){ "层级", "项目", "开工率", "新开工", "目标" });
	for (tier = 0; tier < TIER__MAX; tier++) {
		struct measures m;
		char n[24], rate[16], ns[24];

		scope_init(&sc, ds->year, asof);
		sc.tier = tier;
		measures_compute(ds, &sc, &m);
		snprintf(n, sizeof(n), "%lld", (long long)m.projects);
		snprintf(ns, sizeof(ns), "%lld", (long long)m.new_starts);
		buf_reset(&tg);
		target_text(&tg, ds, find_target(ds, M_START_RATE, tier, asof), asof);
		out_table_row(&t, (const char *const[]){ tier_labels[tier], n,
			      ratio_format_pct(m.start_rate, rate, sizeof(rate)), ns, tg.s });
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
	buf_release(&tg);
}

static void print_totals(const struct dataset *ds, bl_day asof, const struct measures *m)
{
	struct buf b = BUF_INIT;
	char r[5][16], inv[32], plan[32], pct[16];
	struct ratio done = { m->investment_yuan, m->annual_plan_yuan };
	struct ratio pace = pace_of_year(ds->year, asof);

	printf("\n五率  备案率 %s  备案项目开工率 %s  开工项目投资完成率 %s  竣工项目投产率 %s  "
	       "产能达效率 %s\n",
	       ratio_format_pct(m->filing_rate, r[0], 16),
	       ratio_format_pct(m->start_rate_of_filed, r[1], 16),
	       ratio_format_pct(m->investment_completion, r[2], 16),
	       ratio_format_pct(m->production_rate, r[3], 16),
	       ratio_format_pct(m->capacity_rate, r[4], 16));
	printf("完成投资 %s 万元，年度计划 %s 万元，完成 %s（序时进度 %s）\n",
	       money_format_wan(m->investment_yuan, inv, sizeof(inv)),
	       money_format_wan(m->annual_plan_yuan, plan, sizeof(plan)),
	       ratio_format_pct(done, pct, sizeof(pct)), ratio_format_pct(pace, r[0], 16));
	target_text(&b, ds, find_target(ds, M_NEW_STARTS, TIER_ANY, asof), asof);
	printf("新开工 %lld 个（%s）", (long long)m->new_starts, b.s);
	buf_reset(&b);
	target_text(&b, ds, find_target(ds, M_COMPLETIONS, TIER_ANY, asof), asof);
	printf("，竣工 %lld 个（%s）\n", (long long)m->completions, b.s);
	buf_release(&b);
}

static void print_sections(const struct dataset *ds, bl_day asof)
{
	struct breakdown_rows rows;
	struct out_table t;
	struct scope sc;
	size_t i;

	scope_init(&sc, ds->year, asof);
	measures_breakdown(ds, &sc, BY_SECTION, &rows);
	out_table_init(&t, 6);
	t.right = 0x3c;
	out_table_row(&t, (const char *const[]){ "板块", "名称", "项目", "开工率",
		      "投资完成率", "新开工" });
	for (i = 0; i < rows.n; i++) {
		const struct breakdown_row *r = &rows.rows[i];
		char n[24], a[16], b[16], ns[24];

		snprintf(n, sizeof(n), "%lld", (long long)r->m.projects);
		snprintf(ns, sizeof(ns), "%lld", (long long)r->m.new_starts);
		out_table_row(&t, (const char *const[]){ r->key, r->name, n,
			      ratio_format_pct(r->m.start_rate, a, sizeof(a)),
			      ratio_format_pct(r->m.investment_completion, b, sizeof(b)), ns });
	}
	printf("\n");
	out_table_print(&t, stdout);
	out_table_release(&t);
	breakdown_rows_release(&rows);
}

static void print_lights(const struct dataset *ds, struct store *st, bl_day asof)
{
	struct warning_settings ws;
	struct warning_list wl;
	size_t i, n[LIGHT__MAX] = { 0 };
	char day[11];

	if (cli_warning_settings(st, &ws))
		return;
	warnings_compute(ds, &ws, asof, &wl);
	for (i = 0; i < wl.n_lights; i++)
		n[wl.lights[i]]++;
	printf("\n预警  红灯 %zu 个  黄灯 %zu 个  绿灯 %zu 个（ballast warnings --asof %s）\n",
	       n[LIGHT_RED], n[LIGHT_YELLOW], n[LIGHT_GREEN], day_format(asof, day));
	warning_list_release(&wl);
}

int cmd_overview(int argc, char **argv)
{
	static const struct cli_cmd cmd = { "overview", usage_text, 0, SP_PERIOD, { NULL } };
	struct cli_args a;
	struct dataset ds;
	struct measures m;
	struct store *st;
	char day[11];
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (cli_scope_finish("overview", &a.q, scope_today()))
		return EXIT_USAGE;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (store_load_dataset(st, a.q.sc.year, &ds)) {
		cli_error("overview", "%s", store_errmsg(st));
		store_close(st);
		return EXIT_USER;
	}
	printf("重大项目建设 %d 年，截至 %s\n\n", a.q.sc.year, day_format(a.q.sc.asof, day));
	print_tiers(&ds, a.q.sc.asof);
	measures_compute(&ds, &a.q.sc, &m);
	print_totals(&ds, a.q.sc.asof, &m);
	print_lights(&ds, st, a.q.sc.asof);
	print_sections(&ds, a.q.sc.asof);
	dataset_release(&ds);
	store_close(st);
	return 0;
}
