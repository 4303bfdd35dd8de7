/* plan.c — `ballast plan issue|status --year Y`: issue a year's list (任务书)
 * and show whether it is issued, by whom and when, and its change requests
 * (DOMAIN.md §3). From the issue on, the year's plan fields change only by
 * an approved change request (`ballast change-requests`). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/changes.h"
#include "io/json_changes.h"
#include "store/store_accounts.h"
#include "store/store_changes.h"

static const char usage_text[] =
	"usage: ballast plan issue --year Y [--actor NAME] [--db FILE]\n"
	"       ballast plan status --year Y [--format table|json] [--db FILE]\n"
	"\n"
	"issue   issue the year's list (下达任务书): from now on its planned dates,\n"
	"        tiers, annual and monthly plans change only by a change request that\n"
	"        a coordinator approves, and actual dates a section enters are pending\n"
	"        until confirmed (ballast change-requests). Refused (exit 1) when the\n"
	"        year is issued already or lists no project.\n"
	"status  whether the year is issued, by whom and when, and how many change\n"
	"        requests are pending, approved, rejected and withdrawn\n"
	"\n"
	"  --year Y      the year (required)\n"
	"  --format F    table (default on a terminal), json\n"
	"  --actor NAME  who the audit trail records (default cli:$USER); user:NAME\n"
	"                must name an enabled coordinator or administrator\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n";

struct plan_args {
	const char *db, *format, *actor, *word;
	struct scope_query q;
};

static int count(void *ctx, const struct change_request *cr)
{
	((int64_t *)ctx)[cr->status]++;
	return 0;
}

static int status(struct store *st, const struct plan_args *a)
{
	struct change_filter f = { -1, 0, a->q.sc.year };
	int64_t n[CR_STATUS__MAX] = { 0 };
	struct plan_issue pi;
	enum bl_err rc;
	json_t *doc;
	int fmt, k;

	fmt = cli_format(a->format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	rc = store_plan_issue_get(st, a->q.sc.year, &pi);
	if (!rc || rc == BL_ENOTFOUND)
		rc = store_changes_each(st, &f, count, n);
	if (rc) {
		cli_error("plan", "%s", store_errmsg(st));
		plan_issue_release(&pi);
		return EXIT_USER;
	}
	if (fmt == FMT_JSON) {
		doc = plan_issue_json(a->q.sc.year, pi.issued_at ? &pi : NULL);
		json_object_set_new(doc, "requests", json_object());
		for (k = 0; k < CR_STATUS__MAX; k++)
			json_object_set_new(json_object_get(doc, "requests"), change_status_keys[k],
					    json_integer((json_int_t)n[k]));
		plan_issue_release(&pi);
		return cli_print_json("plan", doc) ? EXIT_USER : 0;
	}
	if (pi.issued_at)
		printf("%d年计划已下达 (the %d plan is issued): at %s by %s\n", a->q.sc.year,
		       a->q.sc.year, pi.issued_at, pi.issued_by);
	else
		printf("%d年计划尚未下达 (the %d plan is not issued)\n", a->q.sc.year, a->q.sc.year);
	printf("change requests: %lld pending, %lld approved, %lld rejected, %lld withdrawn\n",
	       (long long)n[CR_PENDING], (long long)n[CR_APPROVED], (long long)n[CR_REJECTED],
	       (long long)n[CR_WITHDRAWN]);
	plan_issue_release(&pi);
	return fflush(stdout) ? EXIT_USER : 0;
}

static int issue(struct store *st, const struct plan_args *a)
{
	struct change_result res;
	struct plan_issue pi;
	struct actor who;
	struct user u;

	if (cli_actor(st, "plan", a->actor, &u, &who))
		return EXIT_USER;
	if (!access_allows(who.role, RES_PLANS, ACT_VERIFY)) {
		cli_error("plan", "--actor %s: a %s may not issue a plan", a->actor,
			  role_keys[who.role]);
		user_release(&u);
		return EXIT_USER;
	}
	user_release(&u);
	plan_issue_year(st, a->q.sc.year, &pi, &res);
	if (res.outcome) {
		cli_error("plan", "%s", res.msg);
		plan_issue_release(&pi);
		return EXIT_USER;
	}
	fprintf(stderr, "ballast plan: %d年计划已下达 (the %d plan is issued) at %s by %s\n",
		pi.year, pi.year, pi.issued_at, pi.issued_by);
	plan_issue_release(&pi);
	return 0;
}

/* Parse argv into a; -1 to go on, else the exit code. */
static int parse(int argc, char **argv, struct plan_args *a)
{
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &a->db }, { .name = "format", .value = &a->format },
		{ .name = "actor", .value = &a->actor },
		{ .name = "year", .take = cli_take_scope, .dst = &a->q, .arg = SP_YEAR },
	};
	int rc;

	memset(a, 0, sizeof(*a));
	scope_query_init(&a->q);
	rc = cli_getopt("plan", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1 || (strcmp(argv[optind], "issue") &&
				   strcmp(argv[optind], "status")))
		return cli_usage(usage_text);
	a->word = argv[optind];
	if (!(a->q.given & SP_BIT(SP_YEAR))) {
		cli_error("plan", "--year Y is required");
		return EXIT_USAGE;
	}
	return -1;
}

int cmd_plan(int argc, char **argv)
{
	struct plan_args a;
	struct store *st;
	int rc = parse(argc, argv, &a);

	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	rc = !strcmp(a.word, "issue") ? issue(st, &a) : status(st, &a);
	store_close(st);
	return rc;
}
