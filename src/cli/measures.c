/* measures.c — `ballast measures`: the five rates and the other measures of
 * DOMAIN.md §4 for a scope and an as-of date, overall or broken down, as an
 * aligned table, the JSON of INTERFACES.md "Measures (JSON)", or CSV. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/measures.h"
#include "io/json_measures.h"
#include "io/parse.h"

static const char usage_text[] =
	"usage: ballast measures [--year Y] [--asof D] [--tier T] [--section CODE]\n"
	"                        [--department CODE] [--industrial] [--by KEY]\n"
	"                        [FILTERS] [--format table|json|csv] [--db FILE]\n"
	"\n"
	"The five rates (五率) and the other measures of the projects listed in a year\n"
	"(DOMAIN.md §4), as of a date. A rate with a zero denominator is undefined (—).\n"
	"\n"
	"  --year Y           the year (default: the year of --asof)\n"
	"  --asof D           the as-of date (default: Y-12-31); one of the two is needed\n"
	"  --tier T           province|city|district (省|市|区): projects listed at it\n"
	"  --section CODE     the projects of a unit's subtree (section, street, district)\n"
	"  --department CODE  the projects of one department\n"
	"  --industrial       industrial projects (产业项目) only\n"
	"  --by KEY           break down by tier|section|department|month|industry|\n"
	"                     district (a city comparing its districts)\n"
	"  --format F         table (default), json, csv\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	"\n"
	"FILTERS narrow the projects further, as the API's lists do:\n"
	"  --industry TEXT, --stage S, --reached S [--reached-from D], --not-reached S,\n"
	"  --due-start, --kind new|continuing, --q TEXT,\n"
	"  --list NAME (a named project list: ballast lists)\n"
	"Every option may also be given by its Chinese label (--层级 省).\n"
	CLI_DRAFTS_HELP;

/* ---- CSV ---- */

/* num/den to 4 decimals without floating point ("0.8889", "1"), "" when undefined. */
static void add_value4(struct buf *b, struct ratio r)
{
	if (r.den)
		format_decimal(b, ratio_scaled(r, 10000), 4);
}

static void csv_header(struct buf *b)
{
	size_t i;

	buf_adds(b, "by,key,name,projects");
	for (i = 0; i < N_MEASURE_RATES; i++) {
		const char *k = measure_info[measure_rates[i]].key;

		buf_addf(b, ",%s,%s_num,%s_den", k, k, k);
	}
	buf_adds(b, ",new_starts,completions,investment_yuan,annual_plan_yuan,"
		    "land_to_start_count,land_to_start_median_days,land_to_start_max_days\r\n");
}

static void csv_row(struct buf *b, const char *by, const char *key, const char *name,
		    const struct measures *m)
{
	size_t i;

	buf_add_csv_field(b, by);
	buf_addch(b, ',');
	buf_add_csv_field(b, key);
	buf_addch(b, ',');
	buf_add_csv_field(b, name);
	buf_addf(b, ",%lld", (long long)m->projects);
	for (i = 0; i < N_MEASURE_RATES; i++) {
		struct ratio r;

		measure_value(m, measure_rates[i], &r, NULL);
		buf_addch(b, ',');
		add_value4(b, r);
		buf_addf(b, ",%lld,%lld", (long long)r.num, (long long)r.den);
	}
	buf_addf(b, ",%lld,%lld,%lld,%lld,%lld", (long long)m->new_starts,
		 (long long)m->completions, (long long)m->investment_yuan,
		 (long long)m->annual_plan_yuan, (long long)m->land_to_start_count);
	if (m->land_to_start_count)
		buf_addf(b, ",%lld%s,%lld", (long long)(m->land_to_start_median_x2 / 2),
			 m->land_to_start_median_x2 % 2 ? ".5" : "", (long long)m->land_to_start_max);
	else
		buf_adds(b, ",,");
	buf_adds(b, "\r\n");
}

static int print_csv(const struct measures *m, const struct breakdown_rows *b, const char *by,
		     int drafts)
{
	struct buf out;
	size_t i;
	int rc;

	buf_init(&out, 0);
	csv_header(&out);
	csv_row(&out, "none", "", "全部", m);
	for (i = 0; b && i < b->n; i++)
		csv_row(&out, by, b->rows[i].key, b->rows[i].name, &b->rows[i].m);
	if (drafts)
		cli_csv_add_column(&out, "includes_drafts", "1");
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

/* ---- table ---- */

static void print_heading(const struct dataset *ds, const struct scope *sc,
			  const struct measures *m)
{
	const struct unit *section = dataset_unit(ds, sc->section_id);
	const struct unit *dept = dataset_unit(ds, sc->department_id);
	char day[11], tmp[32];
	int p;

	printf("%d年  截至%s", sc->year, day_format(sc->asof, day));
	if (sc->tier != TIER_ANY)
		printf("  %s重大项目", tier_labels[sc->tier]);
	if (section)
		printf("  %s %s", section->code, section->name ? section->name : "");
	if (dept)
		printf("  %s %s", dept->code, dept->name ? dept->name : "");
	if (sc->industrial_only)
		printf("  仅产业项目");
	for (p = SP_INDUSTRY; p <= SP_Q; p++) {
		const char *v = scope_param_value(sc, (enum scope_param)p, 1, tmp, sizeof(tmp));

		if (v)
			printf("  %s：%s", scope_params[p].label, v);
	}
	printf("  项目%lld个\n\n", (long long)m->projects);
}

static void print_table_one(const struct measures *m)
{
	const char *row[3] = { "指标", "值", "分子/分母" };
	char v[32], a[32], c[32], nd[96];
	struct out_table t;
	int k;

	out_table_init(&t, 3);
	t.right = 1u << 1;
	out_table_row(&t, row);
	/* the rates, then the counts and amounts, in measure_info's order */
	for (k = 0; k <= M_ANNUAL_PLAN; k++) {
		struct ratio r;
		int64_t n;

		measure_value(m, (enum measure_key)k, &r, &n);
		nd[0] = '\0';
		if (k == M_INVESTMENT_COMPLETION)
			snprintf(nd, sizeof(nd), "%s/%s万元", money_format_wan(r.num, a, sizeof(a)),
				 money_format_wan(r.den, c, sizeof(c)));
		else if (measure_info[k].kind == MK_RATE)
			snprintf(nd, sizeof(nd), "%lld/%lld", (long long)r.num, (long long)r.den);
		if (measure_info[k].kind == MK_RATE)
			ratio_format_pct(r, v, sizeof(v));
		else if (measure_info[k].kind == MK_MONEY)
			snprintf(v, sizeof(v), "%s万元", money_format_wan(n, a, sizeof(a)));
		else
			snprintf(v, sizeof(v), "%lld", (long long)n);
		row[0] = measure_info[k].label_zh, row[1] = v, row[2] = nd;
		out_table_row(&t, row);
	}
	row[0] = "拿地即开工（中位/最长，天）";
	if (m->land_to_start_count) {
		snprintf(v, sizeof(v), "%lld%s/%lld", (long long)(m->land_to_start_median_x2 / 2),
			 m->land_to_start_median_x2 % 2 ? ".5" : "", (long long)m->land_to_start_max);
		snprintf(nd, sizeof(nd), "%lld个项目", (long long)m->land_to_start_count);
	} else {
		snprintf(v, sizeof(v), "—");
		nd[0] = '\0';
	}
	row[1] = v, row[2] = nd;
	out_table_row(&t, row);
	out_table_print(&t, stdout);
	out_table_release(&t);
}

#define BY_COLS (3 + N_MEASURE_RATES + 3)

static void table_by_row(struct out_table *t, const char *key, const char *name,
			 const struct measures *m)
{
	char text[BY_COLS][48];
	const char *row[BY_COLS];
	size_t i, c = 0;

	row[c++] = key;
	row[c++] = name;
	snprintf(text[c], sizeof(text[c]), "%lld", (long long)m->projects);
	row[c] = text[c], c++;
	for (i = 0; i < N_MEASURE_RATES; i++) {
		struct ratio r;

		measure_value(m, measure_rates[i], &r, NULL);
		row[c] = ratio_format_pct(r, text[c], sizeof(text[c])), c++;
	}
	snprintf(text[c], sizeof(text[c]), "%lld", (long long)m->new_starts);
	row[c] = text[c], c++;
	snprintf(text[c], sizeof(text[c]), "%lld", (long long)m->completions);
	row[c] = text[c], c++;
	row[c] = money_format_wan(m->investment_yuan, text[c], sizeof(text[c])), c++;
	out_table_row(t, row);
}

static void print_table_by(const struct measures *m, const struct breakdown_rows *b)
{
	const char *head[BY_COLS];
	struct out_table t;
	size_t i, c = 0;

	out_table_init(&t, BY_COLS);
	t.right = ~0u << 2;
	head[c++] = "代码";
	head[c++] = "名称";
	head[c++] = "项目";
	for (i = 0; i < N_MEASURE_RATES; i++)
		head[c++] = measure_info[measure_rates[i]].label_zh;
	head[c++] = "新开工";
	head[c++] = "竣工";
	head[c++] = "完成投资(万元)";
	out_table_row(&t, head);
	for (i = 0; i < b->n; i++)
		table_by_row(&t, b->rows[i].key, b->rows[i].name, &b->rows[i].m);
	table_by_row(&t, "", "全部", m);
	out_table_print(&t, stdout);
	out_table_release(&t);
}

/* ---- the command ---- */

static int print(const struct dataset *ds, const struct scope *sc, int fmt, int by, int drafts)
{
	struct breakdown_rows b = { NULL, 0 };
	struct measures m;
	int rc = 0;

	measures_compute_by(ds, sc, (enum breakdown)by, &m, &b);
	if (fmt == FMT_JSON) {
		json_t *doc = measures_doc_json(ds, sc, &m, by != BY_NONE ? &b : NULL,
						(enum breakdown)by);

		if (drafts)
			json_object_set_new(doc, "includes_drafts", json_true());
		rc = cli_print_json("measures", doc);
	} else {
		if (fmt == FMT_CSV) {
			rc = print_csv(&m, by != BY_NONE ? &b : NULL, breakdown_keys[by], drafts);
		} else {
			if (drafts)
				printf("%s\n", CLI_DRAFTS_LABEL);
			print_heading(ds, sc, &m);
			if (by == BY_NONE)
				print_table_one(&m);
			else
				print_table_by(&m, &b);
		}
		if (rc || fflush(stdout)) {
			cli_error("measures", "cannot write the output");
			rc = -1;
		}
	}
	breakdown_rows_release(&b);
	return rc ? EXIT_USER : 0;
}

int cmd_measures(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"measures", usage_text, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		MEASURES_PARAMS | SP_BIT(SP_INCLUDE_DRAFTS), { NULL },
	};
	struct store *st = NULL;
	struct cli_args a;
	struct dataset ds;
	int rc, loaded = 0, drafts;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	drafts = a.q.include_drafts; /* DS_DRAFTS, the labelled preview */
	if (cli_scope_finish("measures", &a.q, DAY_NONE))
		return EXIT_USAGE;
	rc = EXIT_USER;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		goto out;
	/* The measures read no report after the as-of month and none of the year
	 * before, nor (mostly) the project details: the lighter load is most of
	 * their speed. */
	if (store_load_dataset_for(st, a.q.sc.year, day_month(a.q.sc.asof),
				   measures_doc_parts(&a.q.sc, a.q.by) | (drafts ? DS_DRAFTS : 0),
				   &ds)) {
		cli_error("measures", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (cli_scope_list("measures", st, &a.q) || cli_scope_resolve("measures", &a.q, &ds))
		goto out;
	rc = print(&ds, &a.q.sc, a.fmt, a.q.by, drafts);
out:
	if (loaded)
		dataset_release(&ds);
	if (st)
		store_close(st);
	return rc;
}
