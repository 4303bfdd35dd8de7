/* leads.c — `ballast leads`: the shared lead pool (招商线索, issue #16;
 * h-leads) with every detail (the operator of the machine sees all, as the
 * project office), and with --counts the 双招双引 table per unit for a year
 * or a month. Moves go through the API (POST /api/v1/leads/…) or the leads
 * import; the rules are core/leads.c and core/workflow.c's WF_LEAD. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "io/json_leads.h"
#include "io/parse.h"
#include "store/store_leads.h"
#include "store/store_sharing.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char leads_usage[] =
	"usage: ballast leads [--section CODE] [--industry TEXT] [--q TEXT]\n"
	"                     [--format table|json|csv] [--db FILE]\n"
	"       ballast leads --counts [--year Y | --month YYYY-MM] [--format table|json|csv]\n"
	"\n"
	"The shared lead pool (招商线索): every lead with its company, industry chain,\n"
	"stage (线索 → 洽谈 → 意向 → 签约, or 放弃 with a reason), the unit that found\n"
	"it and the unit following it, the intended investment and the project it\n"
	"became. On the web, every section sees every lead's company, chain and stage,\n"
	"and only the following unit and the project office its details.\n"
	"\n"
	"With --counts, the 双招双引 table per unit (the district, each section and\n"
	"street) for the year (default this year) or the month: leads found (by\n"
	"found_on), leads signed and their intended investment (by signed_on, for the\n"
	"following unit), funds brought (the registry's funds whose brought_by is the\n"
	"unit itself, not its subtree, registered in the period) and the\n"
	"talents or teams the unit reported (POST /api/v1/leads/talents).\n"
	"\n"
	"  --section CODE    only leads followed by a unit of this subtree\n"
	"  --industry TEXT   only leads of this industry chain\n"
	"  --q TEXT          text in the company's name\n"
	"  --counts          the 双招双引 table instead of the leads\n"
	"  --year Y          the year of the table (default this year)\n"
	"  --month M         one month of the table, YYYY-MM\n"
	"  --format F        table (default), json, csv\n"
	"  --db FILE         the database (default $BALLAST_DB, else ./ballast.db)\n";

#define LEADS_PARAMS (SP_BIT(SP_SECTION) | SP_BIT(SP_INDUSTRY) | SP_BIT(SP_Q) | \
		      SP_BIT(SP_YEAR) | SP_BIT(SP_MONTH))

struct book {
	struct lead *v;
	size_t n, alloc;
};

static int add_lead(void *ctx, const struct lead *l)
{
	struct book *b = ctx;

	XGROW(b->v, b->alloc, b->n + 1);
	lead_copy(&b->v[b->n++], l);
	return 0;
}

static int matches(const struct dataset *units, const struct lead *l, const struct scope *sc)
{
	if (sc->section_id && !dataset_in_subtree(units, l->followed_by, sc->section_id))
		return 0;
	if (sc->industry && (!l->industry || strcmp(l->industry, sc->industry)))
		return 0;
	return !sc->q || (l->company && strstr(l->company, sc->q));
}

static void print_list(const struct dataset *units, const struct book *b, const struct scope *sc,
		       int fmt)
{
	const char *row[8] = { "编号", "企业名称", "产业链", "阶段", "发现单位", "跟进单位",
			       "意向投资（万元）", "项目编号" };
	struct out_table t;
	struct buf money = BUF_INIT;
	json_t *items = json_array();
	char id[24];
	size_t i, n = 0;

	out_table_init(&t, 8);
	t.right = 1u << 0 | 1u << 6;
	out_table_row(&t, row);
	if (fmt == FMT_CSV)
		printf("id,company,industry,stage,found_by,followed_by,amount,ref\r\n");
	for (i = 0; i < b->n; i++) {
		const struct lead *l = &b->v[i];

		if (!matches(units, l, sc))
			continue;
		n++;
		json_array_append_new(items, lead_json(units, l, 1));
		snprintf(id, sizeof(id), "%lld", (long long)l->id);
		buf_reset(&money);
		if (l->amount != AMOUNT_NONE)
			format_wanyuan(&money, l->amount);
		row[0] = id;
		row[1] = l->company;
		row[2] = l->industry ? l->industry : "";
		row[3] = lead_stage_labels[l->stage];
		row[4] = dataset_unit_name(units, l->found_by, "");
		row[5] = dataset_unit_name(units, l->followed_by, "");
		row[6] = money.s;
		row[7] = l->project_ref ? l->project_ref : "";
		if (fmt == FMT_TABLE) {
			out_table_row(&t, row);
			continue;
		}
		if (fmt == FMT_CSV) {
			struct buf line = BUF_INIT;
			size_t k;

			for (k = 0; k < 8; k++) {
				if (k)
					buf_addch(&line, ',');
				buf_add_csv_field(&line, k == 3 ? lead_stage_keys[l->stage] :
						  k == 4 ? dataset_unit_code(units, l->found_by, "") :
						  k == 5 ? dataset_unit_code(units, l->followed_by, "") :
						  row[k]);
			}
			printf("%s\r\n", line.s);
			buf_release(&line);
		}
	}
	if (fmt == FMT_JSON)
		cli_print_json("leads", json_pack("{s:I, s:O}", "total", (json_int_t)n, "items", items));
	else if (fmt == FMT_TABLE)
		out_table_print(&t, stdout);
	json_decref(items);
	out_table_release(&t);
	buf_release(&money);
}

static void print_counts(const struct dataset *units, const struct lead_period *p,
			 const struct lead_count *rows, size_t n, int fmt)
{
	const char *row[6] = { "单位", "发现线索", "签约项目", "签约投资（万元）", "引进基金",
			       "引进人才/团队" };
	char c[4][24];
	struct buf money = BUF_INIT;
	struct out_table t;
	size_t i;

	if (fmt == FMT_JSON) {
		cli_print_json("leads", lead_counts_json(units, p, rows, n));
		return;
	}
	out_table_init(&t, 6);
	t.right = 0x3eu;
	out_table_row(&t, row);
	if (fmt == FMT_CSV)
		printf("unit,found,signed,signed_yuan,funds,talents\r\n");
	for (i = 0; i < n; i++) {
		const struct lead_count *r = &rows[i];

		if (fmt == FMT_CSV) {
			printf("%s,%lld,%lld,%lld,%lld,%lld\r\n",
			       dataset_unit_code(units, r->unit_id, ""), (long long)r->found,
			       (long long)r->signed_n, (long long)r->signed_yuan,
			       (long long)r->funds, (long long)r->talents);
			continue;
		}
		snprintf(c[0], sizeof(c[0]), "%lld", (long long)r->found);
		snprintf(c[1], sizeof(c[1]), "%lld", (long long)r->signed_n);
		snprintf(c[2], sizeof(c[2]), "%lld", (long long)r->funds);
		snprintf(c[3], sizeof(c[3]), "%lld", (long long)r->talents);
		buf_reset(&money);
		format_wanyuan(&money, r->signed_yuan);
		row[0] = dataset_unit_name(units, r->unit_id, "");
		row[1] = c[0];
		row[2] = c[1];
		row[3] = money.s;
		row[4] = c[2];
		row[5] = c[3];
		out_table_row(&t, row);
	}
	if (fmt == FMT_TABLE) {
		if (p->month)
			printf("双招双引 %d年%d月\n\n", p->year, p->month);
		else
			printf("双招双引 %d年\n\n", p->year);
		out_table_print(&t, stdout);
	}
	out_table_release(&t);
	buf_release(&money);
}

/* The counts of the period a asks for; -1 after a message. */
static int counts(struct store *st, const struct dataset *units, const struct book *b,
		  const struct cli_args *a)
{
	struct talent_count *tc = NULL;
	struct fund_value *fv = NULL;
	struct lead_count *rows = NULL;
	struct lead_inputs in;
	struct lead_period p;
	size_t n_tc = 0, n_fv = 0, n_rows = 0;
	int rc = -1;

	p.year = a->q.given & SP_BIT(SP_YEAR) ? a->q.sc.year : day_year(scope_today());
	p.month = 0;
	if (a->q.month != MONTH_NONE) {
		p.year = month_year(a->q.month);
		p.month = month_of_year(a->q.month);
	}
	if (store_talents(st, &tc, &n_tc) || store_fund_values(st, p.year, &fv, &n_fv)) {
		cli_error("leads", "%s", store_errmsg(st));
		goto out;
	}
	in = (struct lead_inputs){ b->v, b->n, tc, n_tc, fv, n_fv };
	if (lead_counts(units, &in, &p, &rows, &n_rows))
		cli_error("leads", "a sum of the counts is out of range");
	else {
		print_counts(units, &p, rows, n_rows, a->fmt);
		rc = 0;
	}
out:
	free(rows);
	free(fv);
	free(tc);
	return rc;
}

int cmd_leads(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"leads", leads_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		LEADS_PARAMS, { "counts", NULL },
	};
	struct book b = { 0 };
	struct dataset units;
	struct store *st;
	struct cli_args a;
	size_t i;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	memset(&units, 0, sizeof(units));
	rc = EXIT_USER;
	if (store_units(st, &units.units, &units.n_units) || store_leads_each(st, add_lead, &b)) {
		cli_error("leads", "%s", store_errmsg(st));
		goto out;
	}
	dataset_index(&units);
	if (cli_scope_resolve("leads", &a.q, &units)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (a.flags & 1u)
		rc = counts(st, &units, &b, &a) ? EXIT_USER : 0;
	else {
		print_list(&units, &b, &a.q.sc, a.fmt);
		rc = 0;
	}
	if (!rc && fflush(stdout)) {
		cli_error("leads", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	for (i = 0; i < b.n; i++)
		lead_release(&b.v[i]);
	free(b.v);
	dataset_release(&units);
	store_close(st);
	return rc;
}
