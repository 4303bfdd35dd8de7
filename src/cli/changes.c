/* changes.c — `ballast change-requests`: the change requests to issued plans
 * (DOMAIN.md §3) and the project office's decisions on them. What may be done
 * from which status is the workflow tables' (core/workflow.c, `ballast
 * workflow change|actual`); an approval writes the proposed values. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/changes.h"
#include "io/json_changes.h"
#include "io/parse.h"
#include "store/store_accounts.h"
#include "store/store_changes.h"
#include "util/buf.h"

static const char usage_text[] =
	"usage: ballast change-requests [list] [--status S] [--project REF] [--year Y]\n"
	"                               [--format table|json|csv] [--db FILE]\n"
	"       ballast change-requests show ID [--format table|json] [--db FILE]\n"
	"       ballast change-requests approve ID [--actor NAME] [--db FILE]\n"
	"       ballast change-requests reject ID --reason R [--actor NAME] [--db FILE]\n"
	"       ballast change-requests withdraw ID [--actor NAME] [--db FILE]\n"
	"\n"
	"Once a year's plan is issued (ballast plan issue), its planned dates, tiers,\n"
	"annual and monthly plans change only by a change request (变更申请), and an\n"
	"actual date a section enters waits for confirmation (实际日期确认).\n"
	"\n"
	"list      the requests, newest first (filters: --status pending|approved|\n"
	"          rejected|withdrawn, --project REF, --year Y)\n"
	"show      one request with each field's official and proposed value\n"
	"approve   write the proposed values (refused when an official value changed\n"
	"          since the proposal: reject it then)\n"
	"reject    with a reason of 1 to 2000 characters\n"
	"withdraw  take a pending request back\n"
	"\n"
	"  --format F    table (default on a terminal), json, csv\n"
	"  --reason R    the reason of a rejection\n"
	"  --actor NAME  who the audit trail records (default cli:$USER, acting as the\n"
	"                project office); user:NAME acts as that account\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n";

struct changes_args {
	const char *db, *format, *actor, *reason, *word, *id;
	struct scope_query q; /* --year, --status, --project */
};

/* "planned_start 2024-05-01 → 2024-07-15; …" of cr. */
static void changes_text(struct buf *b, const struct change_request *cr)
{
	json_t *from, *to;
	char *f, *t;
	int k;

	for (k = 0; k < CF__MAX; k++) {
		if (!(cr->fields & CF_BIT(k)))
			continue;
		from = change_value_json(&cr->from, (enum change_field)k);
		to = change_value_json(&cr->to, (enum change_field)k);
		f = json_dumps(from, JSON_ENCODE_ANY | JSON_COMPACT);
		t = json_dumps(to, JSON_ENCODE_ANY | JSON_COMPACT);
		buf_addf(b, "%s%s %s → %s", b->len ? "; " : "", change_field_keys[k], f, t);
		free(f);
		free(t);
		json_decref(from);
		json_decref(to);
	}
}

struct list_ctx {
	int fmt;
	struct out_table t;
	json_t *arr;
	struct buf csv;
};

static int list_one(void *ctx, const struct change_request *cr)
{
	struct list_ctx *c = ctx;
	struct buf ch = BUF_INIT;
	char id[24], year[8];
	const char *cells[8];
	int k;

	if (c->fmt == FMT_JSON) {
		json_array_append_new(c->arr, change_request_json(cr));
		return 0;
	}
	changes_text(&ch, cr);
	snprintf(id, sizeof(id), "%lld", (long long)cr->id);
	snprintf(year, sizeof(year), "%d", cr->year);
	cells[0] = id;
	cells[1] = cr->ref;
	cells[2] = year;
	cells[3] = change_kind_keys[cr->kind];
	cells[4] = change_status_keys[cr->status];
	cells[5] = ch.s;
	cells[6] = cr->proposed_by;
	cells[7] = cr->reason ? cr->reason : "";
	if (c->fmt == FMT_CSV) {
		for (k = 0; k < 8; k++) {
			if (k)
				buf_addch(&c->csv, ',');
			buf_add_csv_field(&c->csv, cells[k]);
		}
		buf_adds(&c->csv, "\r\n");
	} else {
		out_table_row(&c->t, cells);
	}
	buf_release(&ch);
	return 0;
}

static int list(struct store *st, const struct changes_args *a)
{
	static const char *const head[8] = {
		"id", "ref", "year", "kind", "status", "changes", "proposed_by", "reason",
	};
	struct change_filter f = { a->q.change_status, 0, 0 };
	struct list_ctx c;
	struct project p;
	enum bl_err rc;
	int k, out = EXIT_USER;

	memset(&c, 0, sizeof(c));
	c.fmt = cli_format(a->format, 1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV, FMT_TABLE);
	if (c.fmt < 0)
		return EXIT_USAGE;
	if (a->q.given & SP_BIT(SP_YEAR))
		f.year = a->q.sc.year;
	if (a->q.project) {
		if (store_project_by_ref(st, a->q.project, &p)) {
			cli_error("change-requests", "--project %s: no such project", a->q.project);
			return EXIT_USER;
		}
		f.project_id = p.id;
		project_release(&p);
	}
	c.arr = json_array();
	out_table_init(&c.t, 8);
	out_table_row(&c.t, head);
	buf_init(&c.csv, 0);
	for (k = 0; k < 8; k++)
		buf_addf(&c.csv, "%s%s", k ? "," : "", head[k]);
	buf_adds(&c.csv, "\r\n");
	rc = store_changes_each(st, &f, list_one, &c);
	if (rc) {
		cli_error("change-requests", "%s", store_errmsg(st));
	} else if (c.fmt == FMT_JSON) {
		out = cli_print_json("change-requests", json_incref(c.arr)) ? EXIT_USER : 0;
	} else {
		if (c.fmt == FMT_CSV)
			fputs(c.csv.s, stdout);
		else
			out_table_print(&c.t, stdout);
		out = fflush(stdout) ? EXIT_USER : 0;
	}
	json_decref(c.arr);
	out_table_release(&c.t);
	buf_release(&c.csv);
	return out;
}

static int request_id(const char *s, int64_t *id)
{
	if (!s || parse_int(s, id) || *id < 1) {
		cli_error("change-requests", "%s: not the id of a change request", s ? s : "");
		return -1;
	}
	return 0;
}

static int show(struct store *st, const struct changes_args *a)
{
	struct change_request cr;
	struct buf ch = BUF_INIT;
	int64_t id;
	int fmt;

	fmt = cli_format(a->format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	if (request_id(a->id, &id))
		return EXIT_USAGE;
	if (store_change_get(st, id, &cr)) {
		cli_error("change-requests", "%s", store_errmsg(st));
		return EXIT_USER;
	}
	if (fmt == FMT_JSON) {
		cli_print_json("change-requests", change_request_json(&cr));
	} else {
		changes_text(&ch, &cr);
		printf("%lld  %s %s  %d  %s (%s)  %s\n%s\nproposed by %s at %s: %s\n",
		       (long long)cr.id, cr.ref, cr.project_name ? cr.project_name : "", cr.year,
		       change_kind_labels[cr.kind], change_kind_keys[cr.kind],
		       change_status_keys[cr.status], ch.s, cr.proposed_by, cr.proposed_at,
		       cr.reason ? cr.reason : "—");
		if (cr.decided_by)
			printf("%s by %s at %s%s%s\n", change_status_keys[cr.status], cr.decided_by,
			       cr.decided_at, cr.decision_reason ? ": " : "",
			       cr.decision_reason ? cr.decision_reason : "");
	}
	buf_release(&ch);
	change_request_release(&cr);
	return fflush(stdout) ? EXIT_USER : 0;
}

static int decide(struct store *st, const struct changes_args *a, enum wf_action act)
{
	struct change_request now;
	struct change_result res;
	struct actor who;
	struct user u;
	int64_t id;

	if (request_id(a->id, &id))
		return EXIT_USAGE;
	if (cli_actor(st, "change-requests", a->actor, &u, &who))
		return EXIT_USER;
	change_decide(st, &who, id, act, a->reason, &now, &res);
	user_release(&u);
	if (res.outcome) {
		cli_error("change-requests", "%lld: %s", (long long)id, res.msg);
		change_request_release(&now);
		return EXIT_USER;
	}
	fprintf(stderr, "ballast change-requests: %lld (%s %s): %s\n", (long long)id, now.ref,
		change_kind_keys[now.kind], change_status_keys[now.status]);
	change_request_release(&now);
	return 0;
}

/* Parse argv into a; -1 to go on, else the exit code. */
static int parse(int argc, char **argv, struct changes_args *a)
{
	/* --project, --status and --year: the API's parameters, judged and
	 * worded as it judges them */
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &a->db }, { .name = "format", .value = &a->format },
		{ .name = "actor", .value = &a->actor }, { .name = "reason", .value = &a->reason },
		{ .name = "status", .take = cli_take_scope, .dst = &a->q, .arg = SP_CHANGE_STATUS },
		{ .name = "project", .take = cli_take_scope, .dst = &a->q, .arg = SP_PROJECT },
		{ .name = "year", .take = cli_take_scope, .dst = &a->q, .arg = SP_YEAR },
	};
	int rc;

	memset(a, 0, sizeof(*a));
	scope_query_init(&a->q);
	rc = cli_getopt("change-requests", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	a->word = optind < argc ? argv[optind++] : "list";
	a->id = optind < argc ? argv[optind++] : NULL;
	if (optind < argc || (!strcmp(a->word, "list") && a->id) ||
	    (strcmp(a->word, "list") && !a->id))
		return cli_usage(usage_text);
	return -1;
}

int cmd_changes(int argc, char **argv)
{
	static const struct { const char *word; enum wf_action act; } acts[] = {
		{ "approve", WA_APPROVE }, { "reject", WA_REJECT }, { "withdraw", WA_WITHDRAW },
	};
	struct changes_args a;
	struct store *st;
	size_t i;
	int rc = parse(argc, argv, &a);

	if (rc >= 0)
		return rc;
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(a.word, acts[i].word))
			break;
	if (i == sizeof(acts) / sizeof(acts[0]) && strcmp(a.word, "list") &&
	    strcmp(a.word, "show")) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (!strcmp(a.word, "list"))
		rc = list(st, &a);
	else if (!strcmp(a.word, "show"))
		rc = show(st, &a);
	else
		rc = decide(st, &a, acts[i].act);
	store_close(st);
	return rc;
}
