/* items.c — `ballast items`: the supervision items (督办事项, DOMAIN.md §7) with
 * their level, deadline and status as of a day, and `ballast escalate`: the
 * daily escalation run once (core/escalate.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/escalate.h"
#include "core/items_view.h"
#include "io/json_items.h"
#include "util/buf.h"

static const char items_usage[] =
	"usage: ballast items [--asof D] [--overdue] [--section CODE] [--level 1-4]\n"
	"                     [--category C] [--owner CODE] [--state S] [--department CODE]\n"
	"                     [--q TEXT] [--format table|json|csv] [--db FILE]\n"
	"\n"
	"Supervision items (督办事项) with their level, deadline and status as of D\n"
	"(default today): pending first, the earliest deadline first. An item is\n"
	"overdue when it is pending (open or answered) after its deadline day\n"
	"(办结时限), whatever level it has been escalated to since. Status, level and\n"
	"deadline are the item's as of D; title, category and owner as they are now.\n"
	"\n"
	"  --asof D          the day (default today)\n"
	"  --overdue         only items overdue at D\n"
	"  --section CODE    only items of projects in this unit's subtree\n"
	"  --level L         1 板块协调, 2 部门协调, 3 区领导协调, 4 区协调会\n"
	"  --category C      land 用地, energy 用能, funds 资金, approval 审批,\n"
	"                    demolition 征拆, other 其他\n"
	"  --owner CODE      the owner unit (责任单位), by code or name\n"
	"  --state S         open, answered, resolved, closed, or pending (open or answered)\n"
	"  --department CODE only items of projects this department is responsible for\n"
	"  --q TEXT          text in the title or the project's ref or name\n"
	"  --format F        table (default), json, csv\n"
	"  --db FILE         the database (default $BALLAST_DB, else ./ballast.db)\n";

#define ITEMS_PARAMS                                                                       \
	(SP_BIT(SP_ASOF) | SP_BIT(SP_SECTION) | SP_BIT(SP_DEPARTMENT) | SP_BIT(SP_Q) |        \
	 SP_BIT(SP_OVERDUE) | SP_BIT(SP_LEVEL) | SP_BIT(SP_CATEGORY) | SP_BIT(SP_OWNER) |     \
	 SP_BIT(SP_STATE))

static int print_csv(const struct item_book *b, const struct item_selection *sel)
{
	struct buf out = BUF_INIT;
	char d1[11], d2[11];
	size_t i;
	int rc;

	buf_adds(&out, "id,ref,project,section,title,category,owner,level,raised_on,deadline,"
		       "level_deadline,status,overdue,days_late\r\n");
	for (i = 0; i < sel->n; i++) {
		const struct item_seen *v = &sel->v[i];
		const struct item *it = &v->e->it;

		buf_addf(&out, "%lld,", (long long)it->id);
		buf_add_csv_field(&out, v->e->p->ref ? v->e->p->ref : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, v->e->p->name ? v->e->p->name : "");
		buf_addch(&out, ',');
		buf_add_csv_field(&out, dataset_unit_code(&b->units, v->e->p->section_id, ""));
		buf_addch(&out, ',');
		buf_add_csv_field(&out, it->title ? it->title : "");
		buf_addf(&out, ",%s,", item_category_keys[it->category]);
		buf_add_csv_field(&out, dataset_unit_code(&b->units, it->owner_id, ""));
		buf_addf(&out, ",%d,%s,%s,", v->s.level, day_format(it->raised_on, d1),
			 day_format(v->s.deadline, d2));
		buf_addf(&out, "%s,%s,%d,%lld\r\n", day_format(v->s.level_deadline, d1),
			 item_status_keys[v->s.status], v->overdue, (long long)v->days_late);
	}
	rc = out.err || fwrite(out.s, 1, out.len, stdout) != out.len ? -1 : 0;
	buf_release(&out);
	return rc;
}

static void print_table(const struct item_book *b, const struct item_selection *sel,
			bl_day asof)
{
	const char *row[9] = { "编号", "项目", "事项", "类别", "责任单位", "层级", "办结时限",
			       "状态", "逾期天数" };
	char day[11], id[24], late[24];
	const char *sep;
	struct out_table t;
	size_t i;
	int l;

	printf("截至%s  督办事项%zu项，未办结%zu项，逾期%zu项", day_format(asof, day), sel->n,
	       sel->pending, sel->overdue);
	for (l = ITEM_LEVEL_MIN, sep = "（"; l <= ITEM_LEVEL_MAX; l++) {
		if (!sel->by_level[l])
			continue;
		printf("%s%s%zu项", sep, item_level_labels[l], sel->by_level[l]);
		sep = "、";
	}
	printf("%s\n\n", strcmp(sep, "（") ? "）" : "");
	out_table_init(&t, 9);
	t.right = 1u << 0 | 1u << 8;
	out_table_row(&t, row);
	for (i = 0; i < sel->n; i++) {
		const struct item_seen *v = &sel->v[i];

		snprintf(id, sizeof(id), "%lld", (long long)v->e->it.id);
		snprintf(late, sizeof(late), "%lld", (long long)v->days_late);
		row[0] = id;
		row[1] = v->e->p->ref;
		row[2] = v->e->it.title;
		row[3] = item_category_labels[v->e->it.category];
		row[4] = dataset_unit_name(&b->units, v->e->it.owner_id, "");
		row[5] = item_level_labels[v->s.level];
		row[6] = day_format(v->s.deadline, day);
		row[7] = item_status_labels[v->s.status];
		row[8] = v->overdue ? late : "";
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

/* The query of a's parameters, resolved against b's units; -1 after a message. */
static int query_of(struct cli_args *a, const struct item_book *b, struct item_query *q)
{
	if (cli_scope_resolve("items", &a->q, &b->units))
		return -1;
	item_query_init(q, a->q.given & SP_BIT(SP_ASOF) ? a->q.sc.asof : scope_today());
	q->overdue = a->q.overdue;
	q->level = a->q.level;
	q->category = a->q.category;
	q->state = a->q.state;
	q->owner_id = a->q.owner_id;
	q->section_id = a->q.sc.section_id;
	q->department_id = a->q.sc.department_id;
	q->q = a->q.sc.q;
	return 0;
}

int cmd_items(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"items", items_usage, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV, ITEMS_PARAMS,
		{ NULL },
	};
	struct item_selection sel = { 0 };
	struct item_book b;
	struct item_query q;
	struct store *st;
	struct cli_args a;
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (item_book_load(st, &b)) {
		cli_error("items", "%s", store_errmsg(st));
		store_close(st);
		return EXIT_USER;
	}
	rc = EXIT_USAGE;
	if (query_of(&a, &b, &q))
		goto out;
	item_select(&b, &q, NULL, &sel);
	rc = 0;
	if (a.fmt == FMT_JSON)
		rc = cli_print_json("items", item_list_json(&b, &sel, q.asof, 0, 0)) ? EXIT_USER : 0;
	else if (a.fmt == FMT_CSV)
		rc = print_csv(&b, &sel) ? EXIT_USER : 0;
	else
		print_table(&b, &sel, q.asof);
	if (!rc && fflush(stdout)) {
		cli_error("items", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	item_selection_release(&sel);
	item_book_release(&b);
	store_close(st);
	return rc;
}

/* ---- ballast escalate ---- */

static const char escalate_usage[] =
	"usage: ballast escalate [--asof D] [--format table|json] [--db FILE]\n"
	"\n"
	"Escalate every pending supervision item (open or answered) past its level's\n"
	"deadline (本级时限: its deadline 办结时限 when raised, then set by each\n"
	"escalation) by one level, as of D (default today): 1 板块协调 → 2 部门协调 →\n"
	"3 区领导协调 → 4 区协调会, with a new level deadline D + the new level's days\n"
	"(settings items.days.level1 … level4); its deadline stays, and it stays\n"
	"overdue until solved. An item at level 4 stays there. Each\n"
	"step is on the item's timeline and in the audit trail. Running it again for\n"
	"the same day changes nothing; an item with a step after D is left alone,\n"
	"and D may not be after today. `ballast serve` runs it by itself each day.\n"
	"\n"
	"  --asof D     the day (default today)\n"
	"  --format F   table (default), json\n"
	"  --db FILE    the database (default $BALLAST_DB, else ./ballast.db)\n";

static void print_run(const struct escalation_run *r, const struct item_book *b)
{
	const char *row[7] = { "编号", "项目", "事项", "原层级", "升至", "原本级时限", "新本级时限" };
	char day[11], d2[11], id[24];
	struct out_table t;
	size_t i;

	printf("截至%s：升级%zu项（未办结%zu项；已在区协调会逾期%zu项；有更晚记录未处理%zu项）\n",
	       day_format(r->asof, day), r->n, r->pending, r->top, r->later);
	if (!r->n)
		return;
	printf("\n");
	out_table_init(&t, 7);
	out_table_row(&t, row);
	for (i = 0; i < r->n; i++) {
		const struct escalation *e = &r->v[i];
		const struct item_entry *en = item_book_find(b, e->item_id);

		snprintf(id, sizeof(id), "%lld", (long long)e->item_id);
		row[0] = id;
		row[1] = en ? en->p->ref : "";
		row[2] = en ? en->it.title : "";
		row[3] = item_level_labels[e->from];
		row[4] = item_level_labels[e->to];
		row[5] = day_format(e->was_deadline, day);
		row[6] = day_format(e->deadline, d2);
		out_table_row(&t, row);
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
}

static void bad_setting(void *ctx, const char *key, const char *value, const char *why)
{
	(void)ctx;
	fprintf(stderr, "ballast: setting %s = %s: %s\n", key, value, why);
}

int cmd_escalate(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"escalate", escalate_usage, 1u << FMT_TABLE | 1u << FMT_JSON, SP_BIT(SP_ASOF),
		{ NULL },
	};
	struct escalation_run run = { 0 };
	struct item_settings is;
	struct item_book b;
	struct buf who = BUF_INIT;
	struct store *st;
	struct cli_args a;
	const char *user = getenv("USER");
	bl_day asof, today = scope_today();
	char d1[11], d2[11];
	int rc;

	rc = cli_args_parse(&cmd, argc, argv, &a);
	if (rc >= 0)
		return rc;
	asof = a.q.given & SP_BIT(SP_ASOF) ? a.q.sc.asof : today;
	if (asof > today) {
		cli_error("escalate", "--asof %s: after today (%s); a day that has not come "
			  "cannot be escalated", day_format(asof, d1), day_format(today, d2));
		return EXIT_USER;
	}
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	rc = EXIT_USER;
	if (item_settings_load(st, &is, bad_setting, NULL))
		goto out;
	buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	store_set_actor(st, who.s);
	if (items_escalate(st, asof, &is, &run)) {
		cli_error("escalate", "%s", store_errmsg(st));
		goto out;
	}
	if (item_book_load(st, &b)) {
		cli_error("escalate", "%s", store_errmsg(st));
		goto out;
	}
	rc = 0;
	if (a.fmt == FMT_JSON)
		rc = cli_print_json("escalate", escalation_json(&run, &b)) ? EXIT_USER : 0;
	else
		print_run(&run, &b);
	item_book_release(&b);
	if (!rc && fflush(stdout)) {
		cli_error("escalate", "cannot write the output");
		rc = EXIT_USER;
	}
out:
	escalation_run_release(&run);
	buf_release(&who);
	store_close(st);
	return rc;
}
