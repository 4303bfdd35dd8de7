/* ledger.c — `ballast ledger`: the revenue-sharing ledger (招商共享分成台账,
 * DOMAIN.md §7, core/sharing.h) per project, street and year, with the rule
 * that produced each line; and its rules (--rules). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "io/json_sharing.h"
#include "store/store_sharing.h"
#include "util/buf.h"

static const char ledger_usage[] =
	"usage: ballast ledger [--year Y] [--street CODE] [--rules]\n"
	"                      [--format table|json|csv] [--db FILE]\n"
	"\n"
	"The revenue-sharing ledger (招商共享分成台账): for each tax record (import kind\n"
	"taxes) of a district-attracted project, the year after landing, the street's\n"
	"and the district's shares in yuan and the rule that split it. Year 1 is the\n"
	"calendar year of landing (落户日期 landed_on, else the signing date); by\n"
	"default years 1-6 go wholly to the street and from year 7 district : street\n"
	"= 1 : 4. The street gets floor(tax x permille / 1000), the district the rest.\n"
	"Tax records no rule covers (a street-attracted project, no landing date, a\n"
	"year before landing) have no line; the table counts them.\n"
	"\n"
	"  --year Y       only the tax of year Y (default: every year)\n"
	"  --street CODE  only projects in this street's (section's) subtree\n"
	"  --rules        list the sharing rules instead (built-in defaults included)\n"
	"  --format F     table (default), json, csv\n"
	"  --db FILE      the database (default $BALLAST_DB, else ./ballast.db)\n";

static int print_csv(const struct sharing_data *d, const struct ledger *l)
{
	struct buf out = BUF_INIT;
	char day[11];
	size_t i;
	int rc;

	buf_adds(&out, "ref,project,street,landed_on,year,year_no,tax,street_share,"
		       "district_share,street_permille,rule_id,rule\r\n");
	for (i = 0; i < l->n; i++) {
		const struct ledger_line *ln = &l->lines[i];

		buf_add_csv_field(&out, ln->project->ref ? ln->project->ref : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, ln->project->name ? ln->project->name : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, dataset_unit_code(&d->units, ln->street_id, ""));
		buf_addf(&out, ",%s,%d,%d,%lld,%lld,%lld,%d,%lld,", day_format(ln->landed_on, day),
			 ln->year, ln->year_no, (long long)ln->tax, (long long)ln->street,
			 (long long)ln->district, ln->rule->street_permille, (long long)ln->rule->id);
		buf_add_csv_field(&out, ln->rule->name ? ln->rule->name : "");
		buf_adds(&out, "\r\n");
	}
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

static void print_table(const struct sharing_data *d, const struct ledger *l)
{
	const char *row[8] = { "项目", "街道", "年度", "落户第几年", "税收(元)", "街道(元)",
			       "区级(元)", "规则" };
	char c[5][24];
	struct out_table t;
	size_t i;

	printf("分成台账：%zu条，税收%lld元，街道%lld元，区级%lld元", l->n, (long long)l->tax,
	       (long long)l->street, (long long)l->district);
	if (l->unshared)
		printf("（另有%zu条税收记录无适用规则，未分成）", l->unshared);
	printf("\n\n");
	out_table_init(&t, 8);
	t.right = 0x7cu;
	out_table_row(&t, row);
	for (i = 0; i < l->n; i++) {
		const struct ledger_line *ln = &l->lines[i];

		snprintf(c[0], sizeof(c[0]), "%d", ln->year);
		snprintf(c[1], sizeof(c[1]), "%d", ln->year_no);
		snprintf(c[2], sizeof(c[2]), "%lld", (long long)ln->tax);
		snprintf(c[3], sizeof(c[3]), "%lld", (long long)ln->street);
		snprintf(c[4], sizeof(c[4]), "%lld", (long long)ln->district);
		row[0] = ln->project->ref;
		row[1] = dataset_unit_name(&d->units, ln->street_id, "");
		row[2] = c[0];
		row[3] = c[1];
		row[4] = c[2];
		row[5] = c[3];
		row[6] = c[4];
		row[7] = ln->rule->name;
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

/* "第1–6年" / "第7年起"; "2026–2030年" / "2026年起" / "不限" into out. */
static void rule_text(const struct sharing_rule *r, char nth[32], char valid[32])
{
	if (r->nth_to)
		snprintf(nth, 32, "第%d–%d年", r->nth_from, r->nth_to);
	else
		snprintf(nth, 32, "第%d年起", r->nth_from);
	if (r->valid_from && r->valid_to)
		snprintf(valid, 32, "%d–%d年", r->valid_from, r->valid_to);
	else if (r->valid_from)
		snprintf(valid, 32, "%d年起", r->valid_from);
	else if (r->valid_to)
		snprintf(valid, 32, "至%d年", r->valid_to);
	else
		snprintf(valid, 32, "不限");
}

static int print_rules(const struct sharing_data *d, int fmt)
{
	const char *row[7] = { "编号", "规则", "招商主体", "落户单位", "落户后", "税收年度",
			       "街道分成‰" };
	char id[24], nth[32], valid[32], pm[8];
	struct out_table t;
	json_t *arr;
	size_t i, n = d->n_rules + SHARING_N_DEFAULTS;

	if (fmt == FMT_JSON) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, sharing_rule_json(&d->units, i < d->n_rules ?
					      &d->rules[i] : &sharing_defaults[i - d->n_rules]));
		return cli_print_json("ledger", json_pack("{s:o}", "items", arr));
	}
	out_table_init(&t, 7);
	out_table_row(&t, row);
	for (i = 0; i < n; i++) {
		const struct sharing_rule *r = i < d->n_rules ? &d->rules[i]
							      : &sharing_defaults[i - d->n_rules];

		snprintf(id, sizeof(id), "%lld", (long long)r->id);
		snprintf(pm, sizeof(pm), "%d", r->street_permille);
		rule_text(r, nth, valid);
		row[0] = id;
		row[1] = r->name;
		row[2] = attracted_labels[r->attracted_by];
		row[3] = r->landed_in ? dataset_unit_name(&d->units, r->landed_in, "") : "不限";
		row[4] = nth;
		row[5] = valid;
		row[6] = pm;
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
	return 0;
}

static int run(const struct cli_args *a, struct store *st, int rules)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct scope_error err;
	struct scope_query q = a->q;
	struct ledger l;
	int rc = EXIT_USER;

	if (store_load_sharing(st, &d)) {
		cli_error("ledger", "%s", store_errmsg(st));
		return EXIT_USER;
	}
	if (scope_query_resolve(&q, &d.units, &err)) {
		cli_error("ledger", "%s", err.msg);
		rc = EXIT_USAGE;
		goto out;
	}
	if (rules) {
		rc = print_rules(&d, a->fmt) ? EXIT_USER : 0;
		goto out;
	}
	f.year = q.given & SP_BIT(SP_YEAR) ? q.sc.year : 0;
	f.street = q.street_id;
	if (ledger_build(&d, &f, &l)) {
		cli_error("ledger", "a total exceeds the largest amount");
		goto out;
	}
	rc = 0;
	if (a->fmt == FMT_JSON)
		rc = cli_print_json("ledger", ledger_json(&d, &l, f.year, q.street_code)) ? EXIT_USER
											  : 0;
	else if (a->fmt == FMT_CSV)
		rc = print_csv(&d, &l) ? EXIT_USER : 0;
	else
		print_table(&d, &l);
	ledger_release(&l);
out:
	sharing_data_release(&d);
	return rc;
}

int cmd_ledger(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"ledger", ledger_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		SP_BIT(SP_YEAR) | SP_BIT(SP_STREET), { "rules", NULL },
	};
	struct store *st;
	struct cli_args a;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	rc = run(&a, st, a.flags & 1u);
	if (!rc && fflush(stdout)) {
		cli_error("ledger", "cannot write the output");
		rc = EXIT_USER;
	}
	store_close(st);
	return rc;
}
