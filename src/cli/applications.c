/* applications.c — `ballast applications`: the special-fund applications
 * (政策兑现, DOMAIN.md §7) with the step each waits for and whether it is
 * overdue in working days as of a day (core/funds_view.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/figures.h"
#include "core/funds_view.h"
#include "io/json_funds.h"
#include "io/parse.h"
#include "util/buf.h"

static const char applications_usage[] =
	"usage: ballast applications [--asof D] [--overdue] [--section CODE] [--policy P]\n"
	"                            [--step S] [--format table|json|csv] [--db FILE]\n"
	"\n"
	"Special-fund applications (政策兑现: 申领 → 核实 → 会商 → 拨付, or 不予支持)\n"
	"as of D (default today): each with its status, the step it waits for, that\n"
	"step's owner unit and time limit in working days, overdue first. A step may\n"
	"take its policy's limit of working days after the day of the step before\n"
	"(that day not counted; weekends, holidays and 调休 as the calendar lists\n"
	"them, `ballast fund calendar`); it is overdue (超期未兑现) from the next\n"
	"working day on. A partial payment does not stop 拨付's clock: it runs\n"
	"until the amount approved is paid in full.\n"
	"\n"
	"  --asof D        the day (default today)\n"
	"  --overdue       only applications with an overdue step at D\n"
	"  --section CODE  only applications on projects in this unit's subtree\n"
	"  --policy P      only this policy's (its id or name)\n"
	"  --step S        only those waiting for verify 核实, consult 会商 or pay 拨付\n"
	"  --format F      table (default), json, csv\n"
	"  --db FILE       the database (default $BALLAST_DB, else ./ballast.db)\n";

static int print_csv(const struct fund_book *b, const struct fund_selection *sel)
{
	struct buf out = BUF_INIT;
	size_t i;
	int rc;

	buf_adds(&out, "id,company,uscc,policy,ref,amount,approved,paid,status,pending_step,"
		       "owner,since,due,used_days,limit_days,overdue,late_days\r\n");
	for (i = 0; i < sel->n; i++) {
		const struct fund_seen *v = &sel->v[i];
		char d1[11], d2[11];

		buf_addf(&out, "%lld,", (long long)v->e->a.id);
		buf_add_csv_field(&out, v->e->a.company ? v->e->a.company : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, v->e->a.uscc ? v->e->a.uscc : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, v->e->pol->name);
		buf_addch(&out, ',');
		buf_add_csv_field(&out, v->e->p && v->e->p->ref ? v->e->p->ref : "");
		buf_addch(&out, ',');
		format_wanyuan(&out, v->e->a.amount);
		buf_addch(&out, ',');
		format_wanyuan(&out, v->s.status >= FST_CONSULTED && v->s.status != FST_REJECTED
				     ? v->e->a.approved : 0);
		buf_addch(&out, ',');
		format_wanyuan(&out, v->s.paid);
		buf_addf(&out, ",%s,%s,", fund_status_keys[v->s.status],
			 v->clock.step >= 0 ? fund_step_keys[v->clock.step] : "");
		buf_add_csv_field(&out, v->clock.step >= 0
					? dataset_unit_code(&b->units, v->clock.owner, "") : "");
		buf_addf(&out, ",%s,%s,%d,%d,%d,%d\r\n", day_format(v->clock.since, d1),
			 day_format(v->clock.due, d2), v->clock.used, v->clock.limit, v->overdue,
			 v->clock.late);
	}
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

static void print_table(const struct fund_book *b, const struct fund_selection *sel,
			bl_day asof)
{
	const char *row[10] = { "编号", "企业", "政策", "申请（万元）", "已拨付（万元）", "状态",
				"待办环节", "责任单位", "时限截止", "超期工作日" };
	char day[11], id[24], late[24], amt[32], paid[32];
	struct out_table t;
	size_t i;

	printf("截至%s  政策兑现申请%zu件，超期未兑现%zu件；申请%s万元，核定%s万元，已拨付%s万元\n\n",
	       day_format(asof, day), sel->n, sel->overdue,
	       money_format_wan(sel->applied, amt, sizeof(amt)),
	       money_format_wan(sel->approved, paid, sizeof(paid)),
	       money_format_wan(sel->paid, late, sizeof(late)));
	out_table_init(&t, 10);
	t.right = 1u << 0 | 1u << 3 | 1u << 4 | 1u << 9;
	out_table_row(&t, row);
	for (i = 0; i < sel->n; i++) {
		const struct fund_seen *v = &sel->v[i];

		snprintf(id, sizeof(id), "%lld", (long long)v->e->a.id);
		snprintf(late, sizeof(late), "%d", v->clock.late);
		row[0] = id;
		row[1] = v->e->a.company;
		row[2] = v->e->pol->name;
		row[3] = money_format_wan(v->e->a.amount, amt, sizeof(amt));
		row[4] = money_format_wan(v->s.paid, paid, sizeof(paid));
		row[5] = fund_status_labels[v->s.status];
		row[6] = v->clock.step >= 0 ? fund_step_labels[v->clock.step] : "";
		row[7] = v->clock.step >= 0 ? dataset_unit_name(&b->units, v->clock.owner, "") : "";
		row[8] = v->clock.step >= 0 ? day_format(v->clock.due, day) : "";
		row[9] = v->overdue ? late : "";
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

int cmd_applications(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"applications", applications_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
		SP_BIT(SP_ASOF) | SP_BIT(SP_OVERDUE) | SP_BIT(SP_SECTION) | SP_BIT(SP_POLICY) |
			SP_BIT(SP_STEP), { NULL },
	};
	struct fund_selection sel = { 0 };
	struct fund_book b;
	struct fund_query q;
	struct store *st;
	struct cli_args a;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (fund_book_load(st, &b)) {
		cli_error("applications", "%s", store_errmsg(st));
		store_close(st);
		return EXIT_USER;
	}
	rc = EXIT_USAGE;
	if (cli_scope_resolve("applications", &a.q, &b.units))
		goto out;
	fund_query_init(&q, a.q.given & SP_BIT(SP_ASOF) ? a.q.sc.asof : scope_today());
	q.overdue = a.q.overdue;
	q.section_id = a.q.sc.section_id;
	q.step = a.q.step;
	if (a.q.policy) {
		q.policy_id = fund_policy_named(&b, a.q.policy);
		if (q.policy_id < 0) {
			cli_error("applications", "--policy %s: no policy has this id or name",
				  a.q.policy);
			goto out;
		}
	}
	fund_select(&b, &q, NULL, &sel);
	rc = 0;
	if (a.fmt == FMT_JSON)
		rc = cli_print_json("applications", fund_list_json(&b, &sel, q.asof, 0, 0))
			     ? EXIT_USER : 0;
	else if (a.fmt == FMT_CSV)
		rc = print_csv(&b, &sel) ? EXIT_USER : 0;
	else
		print_table(&b, &sel, q.asof);
	if (!rc && fflush(stdout)) {
		cli_error("applications", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	fund_selection_release(&sel);
	fund_book_release(&b);
	store_close(st);
	return rc;
}
