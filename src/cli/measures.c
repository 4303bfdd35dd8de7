/* measures.c — `ballast measures`: the five rates and the other measures of
 * DOMAIN.md §4 for a scope and an as-of date, overall or broken down, as an
 * aligned table, the JSON of INTERFACES.md "Measures (JSON)", or CSV. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/measures.h"
#include "io/json_measures.h"

static const char usage_text[] =
	"usage: ballast measures [--year Y] [--asof D] [--tier T] [--section CODE]\n"
	"                        [--department CODE] [--industrial] [--by KEY]\n"
	"                        [--format table|json|csv] [--db FILE]\n"
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
	"  --by KEY           break down by tier|section|department|month|industry\n"
	"  --format F         table (default), json, csv\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	CLI_DRAFTS_HELP;

/* The rates in the order of the JSON and of the tables. */
static const enum measure_key rate_keys[] = {
	M_FILING_RATE, M_START_RATE_OF_FILED, M_INVESTMENT_COMPLETION, M_PRODUCTION_RATE,
	M_CAPACITY_RATE, M_START_RATE, M_DUE_START_ATTAINMENT,
};
#define N_RATES (sizeof(rate_keys) / sizeof(rate_keys[0]))

struct measures_opts {
	const char *db, *year, *asof, *tier, *section, *department, *by, *format;
	int industrial;
	int include_drafts; /* DS_DRAFTS: the labelled view with pending drafts */
};

static int parse_tier(const char *s)
{
	int t;

	for (t = 0; t < TIER__MAX; t++)
		if (!strcmp(s, tier_keys[t]) || !strcmp(s, tier_labels[t]))
			return t;
	return -1;
}

/* ---- JSON (INTERFACES.md "Measures (JSON)", built in io/json_measures.c) ---- */

static int print_json(const struct scope *sc, const struct unit *section,
		      const struct unit *dept, const struct measures *m,
		      const struct breakdown_rows *b, int drafts)
{
	json_t *root = measures_doc_json(sc, section ? section->code : NULL,
					 dept ? dept->code : NULL, m, b);
	int rc;

	if (drafts)
		json_object_set_new(root, "includes_drafts", json_true());

	rc = json_dumpf(root, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2) |
					      JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(root);
	return rc ? -1 : 0;
}

/* ---- CSV ---- */

/* num/den to 4 decimals without floating point ("0.8889", "1"), "" when undefined. */
static void add_value4(struct buf *b, struct ratio r)
{
	int64_t v, mag;
	int frac, digits = 4;

	if (!r.den)
		return;
	v = ratio_scaled(r, 10000);
	mag = v < 0 ? -v : v;
	frac = (int)(mag % 10000);
	buf_addf(b, "%s%lld", v < 0 ? "-" : "", (long long)(mag / 10000));
	if (!frac)
		return;
	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	buf_addf(b, ".%0*d", digits, frac);
}

static void csv_header(struct buf *b)
{
	size_t i;

	buf_adds(b, "by,key,name,projects");
	for (i = 0; i < N_RATES; i++) {
		const char *k = measure_info[rate_keys[i]].key;

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
	for (i = 0; i < N_RATES; i++) {
		struct ratio r;

		measure_value(m, rate_keys[i], &r, NULL);
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

static void print_heading(const struct scope *sc, const struct unit *section,
			  const struct unit *dept, const struct measures *m)
{
	char day[11];

	printf("%d年  截至%s", sc->year, day_format(sc->asof, day));
	if (sc->tier != TIER_ANY)
		printf("  %s重大项目", tier_labels[sc->tier]);
	if (section)
		printf("  %s %s", section->code, section->name ? section->name : "");
	if (dept)
		printf("  %s %s", dept->code, dept->name ? dept->name : "");
	if (sc->industrial_only)
		printf("  仅产业项目");
	printf("  项目%lld个\n\n", (long long)m->projects);
}

static void print_table_one(const struct measures *m)
{
	struct out_table t;
	char v[32], a[32], c[32], nd[96];
	const char *row[3];
	size_t i;

	out_table_init(&t, 3);
	t.right = 1u << 1;
	row[0] = "指标", row[1] = "值", row[2] = "分子/分母";
	out_table_row(&t, row);
	for (i = 0; i < N_RATES; i++) {
		struct ratio r;

		measure_value(m, rate_keys[i], &r, NULL);
		if (rate_keys[i] == M_INVESTMENT_COMPLETION)
			snprintf(nd, sizeof(nd), "%s/%s万元", money_format_wan(r.num, a, sizeof(a)),
				 money_format_wan(r.den, c, sizeof(c)));
		else
			snprintf(nd, sizeof(nd), "%lld/%lld", (long long)r.num, (long long)r.den);
		row[0] = measure_info[rate_keys[i]].label_zh;
		row[1] = ratio_format_pct(r, v, sizeof(v));
		row[2] = nd;
		out_table_row(&t, row);
	}
	row[2] = "";
	snprintf(v, sizeof(v), "%lld", (long long)m->new_starts);
	row[0] = measure_info[M_NEW_STARTS].label_zh, row[1] = v;
	out_table_row(&t, row);
	snprintf(v, sizeof(v), "%lld", (long long)m->completions);
	row[0] = measure_info[M_COMPLETIONS].label_zh;
	out_table_row(&t, row);
	snprintf(v, sizeof(v), "%s万元", money_format_wan(m->investment_yuan, a, sizeof(a)));
	row[0] = measure_info[M_INVESTMENT].label_zh;
	out_table_row(&t, row);
	snprintf(v, sizeof(v), "%s万元", money_format_wan(m->annual_plan_yuan, a, sizeof(a)));
	row[0] = measure_info[M_ANNUAL_PLAN].label_zh;
	out_table_row(&t, row);
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

#define BY_COLS (3 + N_RATES + 3)

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
	for (i = 0; i < N_RATES; i++) {
		struct ratio r;

		measure_value(m, rate_keys[i], &r, NULL);
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
	for (i = 0; i < N_RATES; i++)
		head[c++] = measure_info[rate_keys[i]].label_zh;
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

static int parse_opts(int argc, char **argv, struct measures_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "year", required_argument, NULL, 'y' },
		{ "asof", required_argument, NULL, 'a' },
		{ "tier", required_argument, NULL, 't' },
		{ "section", required_argument, NULL, 's' },
		{ "department", required_argument, NULL, 'p' },
		{ "industrial", no_argument, NULL, 'i' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
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
		case 'y': o->year = optarg; break;
		case 'a': o->asof = optarg; break;
		case 't': o->tier = optarg; break;
		case 's': o->section = optarg; break;
		case 'p': o->department = optarg; break;
		case 'i': o->industrial = 1; break;
		case 'b': o->by = optarg; break;
		case 'f': o->format = optarg; break;
		case 'D': o->include_drafts = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("measures", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	if (!o->year && !o->asof) {
		cli_error("measures", "--year or --asof is needed");
		return EXIT_USAGE;
	}
	return -1;
}

/* Fill sc from the options (all but the units); an exit code on error, else -1. */
static int make_scope(const struct measures_opts *o, struct scope *sc, int *by, int *fmt)
{
	int year = 0;
	bl_day asof = DAY_NONE;

	*fmt = cli_format(o->format, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV, FMT_TABLE);
	if (*fmt < 0)
		return EXIT_USAGE;
	*by = o->by ? breakdown_from_key(o->by) : BY_NONE;
	if (*by < 0 || (o->by && *by == BY_NONE)) {
		cli_error("measures", "--by %s: not one of tier, section, department, month, industry",
			  o->by);
		return EXIT_USAGE;
	}
	if (o->year && cli_parse_year("measures", o->year, &year))
		return EXIT_USAGE;
	if (o->asof && cli_parse_day("measures", "--asof", o->asof, &asof))
		return EXIT_USAGE;
	if (!o->year)
		year = day_year(asof);
	if (!o->asof)
		asof = day_from_ymd(year, 12, 31);
	scope_init(sc, year, asof);
	if (o->tier) {
		sc->tier = parse_tier(o->tier);
		if (sc->tier < 0) {
			cli_error("measures", "--tier %s: not one of province, city, district", o->tier);
			return EXIT_USAGE;
		}
	}
	sc->industrial_only = o->industrial;
	return -1;
}

int cmd_measures(int argc, char **argv)
{
	struct measures_opts o;
	struct breakdown_rows b = { NULL, 0 };
	const struct unit *section = NULL, *dept = NULL;
	struct store *st = NULL;
	struct dataset ds;
	struct measures m;
	struct scope sc;
	int rc, by, fmt, loaded = 0;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	rc = make_scope(&o, &sc, &by, &fmt);
	if (rc >= 0)
		return rc;
	rc = EXIT_USER;
	st = cli_open(o.db, STORE_EXISTING);
	if (!st)
		goto out;
	/* The measures read no report after the as-of month and none of the year
	 * before, nor the project details: the lighter load is most of their speed. */
	if (store_load_dataset_for(st, sc.year, day_month(sc.asof),
				   o.include_drafts ? DS_DRAFTS : 0, &ds)) {
		cli_error("measures", "%s", store_errmsg(st));
		goto out;
	}
	loaded = 1;
	if (o.section) {
		section = cli_find_unit(&ds, o.section);
		if (!section || section->kind == UNIT_DEPARTMENT) {
			cli_error("measures", "--section %s: no such section or unit", o.section);
			goto out;
		}
		sc.section_id = section->id;
	}
	if (o.department) {
		dept = cli_find_unit(&ds, o.department);
		if (!dept || dept->kind != UNIT_DEPARTMENT) {
			cli_error("measures", "--department %s: no such department", o.department);
			goto out;
		}
		sc.department_id = dept->id;
	}
	measures_compute(&ds, &sc, &m);
	if (by != BY_NONE)
		measures_breakdown(&ds, &sc, (enum breakdown)by, &b);
	rc = 0;
	if (fmt == FMT_JSON) {
		rc = print_json(&sc, section, dept, &m, by != BY_NONE ? &b : NULL,
				o.include_drafts);
	} else if (fmt == FMT_CSV) {
		rc = print_csv(&m, by != BY_NONE ? &b : NULL, breakdown_keys[by], o.include_drafts);
	} else {
		if (o.include_drafts)
			printf("%s\n", CLI_DRAFTS_LABEL);
		print_heading(&sc, section, dept, &m);
		if (by == BY_NONE)
			print_table_one(&m);
		else
			print_table_by(&m, &b);
	}
	if (rc || fflush(stdout)) {
		cli_error("measures", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	breakdown_rows_release(&b);
	if (loaded)
		dataset_release(&ds);
	if (st)
		store_close(st);
	return rc;
}
