/* ranking.c — `ballast ranking`: the section contest (比武打擂) of a month,
 * DOMAIN.md §7 — each section's composite score, the ranking, the leader
 * (擂主), the top three (流动红旗) and the bottom three (约谈). Looking never
 * writes: the month's stored round changes only by `--save`, a coordinator's
 * deliberate act (audited with before and after), or by issuing the month's
 * bulletin. `--history` lists the rounds kept. A thin wrapper over
 * src/report/publish.h. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "report/publish.h"
#include "report/ranking_json.h"
#include "report/readiness_json.h"
#include "store/store_bulletins.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast ranking --month YYYY-MM [--district CODE] [--save [--actor NAME]]\n"
	"                       [--format table|json|csv] [--db FILE]\n"
	"       ballast ranking --history [--district CODE] [--format table|json|csv]\n"
	"                       [--db FILE]\n"
	"\n"
	"The section contest (比武打擂) of a month as of its last day: each top-level\n"
	"section's composite score, the ranking, the leader (擂主), the top three\n"
	"(流动红旗) and the bottom three (约谈). Computed, never stored, unless --save:\n"
	"the month's stored round changes only by --save (audited, the old round kept\n"
	"in the audit trail) or by issuing the month's bulletin.\n"
	"\n"
	"score = Σ weight × share, each share capped at 100 %:\n"
	"  start rate (开工率)                      contest.weight.start_rate             30\n"
	"  investment completion (开工项目投资完成率) contest.weight.investment_completion  30\n"
	"  new starts ÷ task book (新开工任务)       contest.weight.new_starts             20\n"
	"  red projects ÷ projects (红灯项目占比)     contest.weight.red_warnings          -20\n"
	"  projects with an overdue item ÷ projects  contest.weight.overdue_items           0\n"
	"  signed investment ÷ the district's (签约投资占比)\n"
	"                                           contest.weight.signed_investment       0\n"
	"(signed investment: the intended investment of the leads the section's units\n"
	"follow signed from January 1 to the month's end, over that of every lead.)\n"
	"A share with a zero denominator (or no task book) scores 0; a section with no\n"
	"listed projects is not ranked. Ties: start rate, then code. How many get the\n"
	"red flag and how many the talk: contest.named (3; at most half the ranked\n"
	"sections each). Change them with 'ballast settings set'.\n"
	"\n"
	"With --format json, \"issued\" is null until the month's bulletin is issued;\n"
	"then it holds the issue number, version and time, each section's rank and\n"
	"score in the month's stored round, and \"differs\": whether today's figures\n"
	"rank or score any section otherwise.\n"
	"\n"
	"  --month YYYY-MM  the month\n"
	"  --district CODE  the district (区) whose sections are ranked; needed when\n"
	"                   the database holds several districts (a city); with\n"
	"                   --history, only that district's rounds\n"
	"  --save           store the round as the month's round (replacing an earlier\n"
	"                   one when the figures changed); a coordinator's act\n"
	"  --no-save        compute only (the default; kept for old scripts)\n"
	"  --history        list the stored rounds\n"
	"  --format F       table (default on a terminal), json, csv\n"
	"  --actor NAME     who the audit trail records for --save (default cli:$USER)\n"
	"  --db FILE        the database (default $BALLAST_DB, else ./ballast.db)\n";

static const char *role_label(unsigned roles)
{
	if (roles & CONTEST_LEADER)
		return "擂主";
	if (roles & CONTEST_RED_FLAG)
		return "流动红旗";
	if (roles & CONTEST_TALK)
		return "约谈";
	return "";
}

static void fmt_score(char *out, size_t cap, int64_t h)
{
	int64_t mag = h < 0 ? -h : h;

	snprintf(out, cap, "%s%lld.%02lld", h < 0 ? "-" : "", (long long)(mag / 100),
		 (long long)(mag % 100));
}

static void print_table(const struct contest_round *r, int save, int saved)
{
	const struct contest_weights *w = &r->weights;
	struct out_table t;
	char day[11];
	size_t i;

	printf("%d年%d月 比武打擂  截至%s  权重：开工率 %d，开工项目投资完成率 %d，新开工任务 %d，"
	       "红灯项目 %d", month_year(r->month), month_of_year(r->month),
	       day_format(r->asof, day), w->w[CP_START_RATE], w->w[CP_INVESTMENT_COMPLETION],
	       w->w[CP_NEW_STARTS], w->w[CP_RED_WARNINGS]);
	if (w->w[CP_OVERDUE_ITEMS])
		printf("，督办事项逾期项目 %d", w->w[CP_OVERDUE_ITEMS]);
	if (w->w[CP_SIGNED_INVESTMENT])
		printf("，签约投资占比 %d", w->w[CP_SIGNED_INVESTMENT]);
	printf("\n\n");
	out_table_init(&t, 10);
	t.right = 0x3f9;
	out_table_row(&t, (const char *const[]){ "排名", "代码", "板块", "项目", "开工率",
		      "投资完成率", "新开工/任务", "红灯", "综合得分", "评定" });
	for (i = 0; i < r->n; i++) {
		const struct contest_entry *e = &r->entries[i];
		char rank[16], n[24], a[16], b[16], task[48], red[24], score[32];

		snprintf(rank, sizeof(rank), e->ranked ? "%d" : "—", e->rank);
		snprintf(n, sizeof(n), "%lld", (long long)e->projects);
		if (e->task_new_starts >= 0)
			snprintf(task, sizeof(task), "%lld/%lld", (long long)e->new_starts,
				 (long long)e->task_new_starts);
		else
			snprintf(task, sizeof(task), "%lld/—", (long long)e->new_starts);
		snprintf(red, sizeof(red), "%lld", (long long)e->red_projects);
		if (e->ranked)
			fmt_score(score, sizeof(score), e->score);
		else
			snprintf(score, sizeof(score), "不参与排名");
		out_table_row(&t, (const char *const[]){ rank, e->code, e->name, n,
			      ratio_format_pct(e->start_rate, a, sizeof(a)),
			      ratio_format_pct(e->investment_completion, b, sizeof(b)), task, red,
			      score, role_label(e->roles) });
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
	if (saved)
		printf("\n已保存为%d年%d月的比武打擂结果。\n", month_year(r->month),
		       month_of_year(r->month));
	else if (save)
		printf("\n与已保存的%d年%d月结果相同，未改写。\n", month_year(r->month),
		       month_of_year(r->month));
}

static void print_csv(const struct contest_round *r)
{
	struct buf b = BUF_INIT;
	size_t i;
	int k;

	buf_adds(&b, "rank,code,name,projects,start_rate_num,start_rate_den,"
		     "investment_completion_num,investment_completion_den,new_starts,"
		     "new_starts_task,red_projects");
	for (k = 0; k < CP__MAX; k++)
		buf_addf(&b, ",points_%s", contest_part_keys[k]);
	buf_adds(&b, ",score,roles\r\n");
	for (i = 0; i < r->n; i++) {
		const struct contest_entry *e = &r->entries[i];
		char score[32];

		if (e->ranked)
			buf_addf(&b, "%d,", e->rank);
		else
			buf_addch(&b, ',');
		buf_add_csv_field(&b, e->code);
		buf_addch(&b, ',');
		buf_add_csv_field(&b, e->name);
		buf_addf(&b, ",%lld,%lld,%lld,%lld,%lld,%lld,", (long long)e->projects,
			 (long long)e->start_rate.num, (long long)e->start_rate.den,
			 (long long)e->investment_completion.num,
			 (long long)e->investment_completion.den, (long long)e->new_starts);
		if (e->task_new_starts >= 0)
			buf_addf(&b, "%lld", (long long)e->task_new_starts);
		buf_addf(&b, ",%lld", (long long)e->red_projects);
		for (k = 0; k < CP__MAX; k++) {
			fmt_score(score, sizeof(score), e->points[k]);
			buf_addf(&b, ",%s", score);
		}
		fmt_score(score, sizeof(score), e->score);
		buf_addf(&b, ",%s,%s%s%s\r\n", e->ranked ? score : "",
			 e->roles & CONTEST_LEADER ? "leader " : "",
			 e->roles & CONTEST_RED_FLAG ? "red_flag" : "", e->roles & CONTEST_TALK ? "talk" : "");
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
}

/* ---- --history ---- */

struct history {
	const struct dataset *units; /* district1: naming the districts */
	int64_t key;                 /* only this district's rounds; -1: every one */
	enum out_format fmt;
	struct out_table t;
	json_t *list;
	struct buf csv;
};

static int history_row(void *ctx, const struct round_record *r)
{
	struct history *h = ctx;
	const char *dc = dataset_unit_code(h->units, r->district_id, NULL);
	char m[8], *roles[3];
	int k;

	if (h->key >= 0 && r->district_id != h->key)
		return 0;
	month_format(r->month, m);
	if (h->fmt == FMT_JSON) {
		json_t *o = json_object();

		json_object_set_new(o, "month", json_string(m));
		json_object_set_new(o, "district", dc ? json_string(dc) : json_null());
		json_object_set_new(o, "computed_at", json_string(r->computed_at));
		json_object_set_new(o, "weights", json_loads(r->weights, 0, NULL));
		json_object_set_new(o, "result", json_loads(r->result, 0, NULL));
		json_array_append_new(h->list, o);
		return 0;
	}
	if (ranking_json_roles(r->result, roles))
		for (k = 0; k < 3; k++)
			roles[k] = xstrdup("?");
	if (h->fmt == FMT_CSV) {
		buf_addf(&h->csv, "%s,%s", m, r->computed_at);
		for (k = 0; k < 3; k++) {
			buf_addch(&h->csv, ',');
			buf_add_csv_field(&h->csv, roles[k]);
		}
		buf_adds(&h->csv, "\r\n");
	} else {
		out_table_row(&h->t, (const char *const[]){ m, r->computed_at, roles[0], roles[1],
			      roles[2] });
	}
	for (k = 0; k < 3; k++)
		free(roles[k]);
	return 0;
}

static int history(struct store *st, const struct dataset *units, int64_t key,
		   enum out_format fmt)
{
	struct history h;
	int rc;

	memset(&h, 0, sizeof(h));
	h.units = units;
	h.key = key;
	h.fmt = fmt;
	h.list = json_array();
	out_table_init(&h.t, 5);
	out_table_row(&h.t, (const char *const[]){ "月份", "计算时间", "擂主", "流动红旗",
		      "约谈" });
	buf_adds(&h.csv, "month,computed_at,leader,red_flag,talk\r\n");
	rc = store_rounds_each(st, history_row, &h);
	if (rc)
		cli_error("ranking", "%s", store_errmsg(st));
	else if (fmt == FMT_JSON)
		cli_print_json("ranking", json_incref(h.list));
	else if (fmt == FMT_CSV)
		fwrite(h.csv.s, 1, h.csv.len, stdout);
	else
		out_table_print(&h.t, stdout);
	json_decref(h.list);
	out_table_release(&h.t);
	buf_release(&h.csv);
	return rc ? EXIT_USER : 0;
}

static void set_actor(struct store *st, const char *actor)
{
	struct buf who = BUF_INIT;
	const char *user = getenv("USER");

	if (actor)
		buf_adds(&who, actor);
	else
		buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	store_set_actor(st, who.s);
	buf_release(&who);
}

static int run(struct store *st, const struct dataset *units, int64_t key, bl_month month,
	       int save, enum out_format fmt)
{
	struct buf err = BUF_INIT;
	struct contest_round round, prev;
	struct dataset ds;
	int saved = 0, rc;

	memset(&prev, 0, sizeof(prev));
	rc = publish_ranking(st, key, month, save, &ds, &round, &saved, &err);
	if (!rc && fmt == FMT_JSON)
		rc = publish_previous_round(st, key, month, &ds, &prev, &err);
	if (rc) {
		cli_error("ranking", "%s", err.s);
	} else if (fmt == FMT_JSON) {
		json_t *doc = contest_round_json_changes(&round, &prev);

		/* issue #14 item 8: the issued round beside the live one, as the API */
		json_object_set_new(doc, "issued", ranking_issued_json(st, &ds, &round, key, month));
		/* district1: whose contest, as the API says it */
		json_object_set_new(doc, "district", key ? json_string(dataset_unit_code(units, key,
							    "")) : json_null());
		cli_print_json("ranking", doc);
	} else if (fmt == FMT_CSV) {
		print_csv(&round);
	} else {
		print_table(&round, save, saved);
	}
	contest_round_release(&prev);
	contest_round_release(&round);
	dataset_release(&ds);
	buf_release(&err);
	return rc ? EXIT_USER : 0;
}

int cmd_ranking(int argc, char **argv)
{
	const char *db = NULL, *month_s = NULL, *format = NULL, *actor = NULL, *district = NULL;
	int save = 0, hist = 0, fmt, rc;
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &db }, { .name = "month", .value = &month_s },
		{ .name = "save", .flag = &save, .on = 1 }, { .name = "no-save", .flag = &save },
		{ .name = "history", .flag = &hist, .on = 1 }, { .name = "format", .value = &format },
		{ .name = "actor", .value = &actor },
		{ .name = "district", .value = &district }, /* district1 */
	};
	struct dataset units;
	int64_t key;
	struct store *st;
	bl_month month = MONTH_NONE;

	rc = cli_getopt("ranking", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	if (optind != argc || (!hist && !month_s) || (hist && (month_s || save)))
		return cli_usage(usage_text);
	if (month_s && cli_month("ranking", month_s, &month))
		return EXIT_USAGE;
	fmt = cli_format(format, (1u << FMT_TABLE) | (1u << FMT_JSON) | (1u << FMT_CSV), FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (cli_district("ranking", st, district, !hist, &units, &key)) {
		store_close(st);
		return EXIT_USER;
	}
	set_actor(st, actor);
	if (hist)
		rc = history(st, &units, district ? key : -1, (enum out_format)fmt);
	else
		rc = run(st, &units, key, month, save, (enum out_format)fmt);
	dataset_release(&units);
	store_close(st);
	return rc;
}
