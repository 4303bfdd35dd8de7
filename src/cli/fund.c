/* fund.c — `ballast fund`: the writes of policy fulfilment (政策兑现,
 * DOMAIN.md §7) from the command line: the working-day calendar (an admin's),
 * policies (the office's), entering an application and making its steps (as
 * core/workflow.c's WF_FUND lets the actor: --actor user:NAME acts as that
 * account, else the command acts as the admin). The lists are `ballast
 * applications` and `ballast fund calendar|policies`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/funds.h"
#include "io/json_funds.h"
#include "io/parse.h"
#include "store/store_accounts.h"
#include "store/store_funds.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char fund_usage[] =
	"usage: ballast fund COMMAND [options] [--actor user:NAME] [--db FILE]\n"
	"\n"
	"The working-day calendar (its time limits count working days):\n"
	"  calendar [--format table|json]   the listed days: holidays (放假) and\n"
	"                                   make-up working days (调休上班)\n"
	"  holiday DAY [NAME]               list DAY as a holiday\n"
	"  workday DAY [NAME]               list DAY as a make-up working day\n"
	"  unlist DAY                       take DAY off the list (as its weekday says)\n"
	"  official YEAR                    list the State Council's calendar of YEAR as\n"
	"                                   ballast ships it (2023, 2024)\n"
	"Policies (政策):\n"
	"  policies [--format table|json]\n"
	"  policy NAME --kind K --year Y --limits V,C,P --owners A,V,C,P\n"
	"        add or change a policy: K major_industrial 重大产业项目扶持专项资金,\n"
	"        listing 上市奖励, specialised 专精特新, other 其他; the time limits of\n"
	"        核实, 会商, 拨付 in working days (1-250) from the step before; the owner\n"
	"        units (code or name) of 申领, 核实, 会商, 拨付\n"
	"Applications (申请):\n"
	"  apply --policy NAME --company C --uscc CODE --amount 万元 --on D [--ref REF]\n"
	"  verify ID --on D                 核实\n"
	"  consult ID --on D --amount 万元   会商: the amount approved\n"
	"  pay ID --on D --amount 万元       拨付: a payment (partial payments allowed;\n"
	"                                   never more than approved in all)\n"
	"  reject ID --on D --reason TEXT   不予支持\n"
	"\n"
	"Every write is audited. A step by a department account is allowed when its\n"
	"unit owns the step the application waits for.\n";

struct fund_args {
	const char *db, *actor, *kind, *year, *limits, *owners, *policy, *company, *uscc;
	const char *amount, *on, *ref, *reason, *format;
	char **pos;
	int n_pos;
};

static int parse(int argc, char **argv, struct fund_args *a)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "actor", required_argument, NULL, 'A' },
		{ "kind", required_argument, NULL, 'k' }, { "year", required_argument, NULL, 'y' },
		{ "limits", required_argument, NULL, 'l' }, { "owners", required_argument, NULL, 'o' },
		{ "policy", required_argument, NULL, 'p' }, { "company", required_argument, NULL, 'c' },
		{ "uscc", required_argument, NULL, 'u' }, { "amount", required_argument, NULL, 'm' },
		{ "on", required_argument, NULL, 'n' }, { "ref", required_argument, NULL, 'r' },
		{ "reason", required_argument, NULL, 'R' }, { "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char **slot[128] = { 0 };
	int c;

	memset(a, 0, sizeof(*a));
	slot['d'] = &a->db, slot['A'] = &a->actor, slot['k'] = &a->kind, slot['y'] = &a->year;
	slot['l'] = &a->limits, slot['o'] = &a->owners, slot['p'] = &a->policy;
	slot['c'] = &a->company, slot['u'] = &a->uscc, slot['m'] = &a->amount, slot['n'] = &a->on;
	slot['r'] = &a->ref, slot['R'] = &a->reason, slot['f'] = &a->format;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c > 0 && c < 128 && slot[c]) {
			*slot[c] = optarg;
			continue;
		}
		fputs(fund_usage, c == 'h' ? stdout : stderr);
		return c == 'h' ? 0 : EXIT_USAGE;
	}
	a->pos = argv + optind;
	a->n_pos = argc - optind;
	if (!a->n_pos) {
		fputs(fund_usage, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

/* A result's message, as the exit code. */
static int report(const char *verb, const struct fund_result *res)
{
	if (res->outcome == WFO_OK && !res->err)
		return 0;
	cli_error("fund", "%s: %s%s%s", verb, res->field ? res->field : "",
		  res->field ? ": " : "", res->msg);
	return EXIT_USER;
}

/* A year 2000-2099 from s; 0 when it is not one. */
static int atoi_year(const char *s)
{
	int y = 0, i;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return !s[4] && y >= 2000 && y <= 2099 ? y : 0;
}

/* ---- the calendar ---- */

static int print_day(void *ctx, const struct workcal_day *d)
{
	static const char *const wd[8] = { "", "一", "二", "三", "四", "五", "六", "日" };
	char day[11];

	(void)ctx;
	printf("%s  周%s  %s  %s\n", day_format(d->day, day), wd[day_weekday(d->day)],
	       workcal_kind_labels[d->kind], d->name ? d->name : "");
	return 0;
}

static int day_json_row(void *ctx, const struct workcal_day *d)
{
	char day[11];

	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:i, s:s?}", "day",
		day_format(d->day, day), "kind", workcal_kind_keys[d->kind], "kind_label",
		workcal_kind_labels[d->kind], "weekday", day_weekday(d->day), "name", d->name));
	return 0;
}

static int list_calendar(struct store *st, const struct fund_args *a)
{
	int fmt = cli_format(a->format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	json_t *rows;

	if (fmt < 0)
		return EXIT_USAGE;
	if (fmt == FMT_TABLE)
		return store_workdays_each(st, print_day, NULL) ? EXIT_USER : 0;
	rows = json_array();
	if (store_workdays_each(st, day_json_row, rows)) {
		json_decref(rows);
		return EXIT_USER;
	}
	return cli_print_json("fund", json_pack("{s:o}", "items", rows)) ? EXIT_USER : 0;
}

/* List (kind) or unlist (-1) the days; in one transaction. */
static int put_days(struct store *st, const struct workcal_day *d, size_t n, int unlist)
{
	enum bl_err rc = store_begin(st);
	size_t i;

	for (i = 0; !rc && i < n; i++)
		rc = unlist ? store_workday_delete(st, d[i].day) : store_workday_put(st, &d[i]);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		cli_error("fund", "%s", store_errmsg(st));
		store_rollback(st);
		return EXIT_USER;
	}
	return 0;
}

static int calendar_write(struct store *st, const struct fund_args *a, const char *verb,
			  const struct actor *who)
{
	struct workcal_day d[WORKCAL_OFFICIAL_MAX];
	size_t n;
	int year;

	if (!access_allows(who->role, RES_CALENDAR, ACT_WRITE)) {
		cli_error("fund", "%s: only an admin edits the calendar", verb);
		return EXIT_USER;
	}
	if (!strcmp(verb, "official")) {
		year = a->n_pos > 1 ? atoi_year(a->pos[1]) : 0;
		n = workcal_official(year, d, WORKCAL_OFFICIAL_MAX);
		if (!n) {
			cli_error("fund", "official: ballast ships the calendars of 2023 and 2024, "
				  "not '%s'; list the days with holiday and workday", a->n_pos > 1 ?
				  a->pos[1] : "");
			return EXIT_USAGE;
		}
		return put_days(st, d, n, 0);
	}
	if (a->n_pos < 2 || cli_parse_day("fund", verb, a->pos[1], &d[0].day))
		return EXIT_USAGE;
	d[0].kind = strcmp(verb, "workday") ? WC_HOLIDAY : WC_WORKDAY;
	d[0].name = a->n_pos > 2 ? a->pos[2] : NULL;
	return put_days(st, d, 1, !strcmp(verb, "unlist"));
}

/* ---- policies ---- */

static int print_policy(void *ctx, const struct policy *p)
{
	const struct dataset *units = ctx;

	printf("%lld  %s  %s  %d  核实%d/会商%d/拨付%d个工作日  %s/%s/%s/%s\n", (long long)p->id,
	       p->name, policy_kind_labels[p->kind], p->year, p->limit[FS_VERIFY],
	       p->limit[FS_CONSULT], p->limit[FS_PAY],
	       dataset_unit_name(units, p->owner[FS_APPLY], "?"),
	       dataset_unit_name(units, p->owner[FS_VERIFY], "?"),
	       dataset_unit_name(units, p->owner[FS_CONSULT], "?"),
	       dataset_unit_name(units, p->owner[FS_PAY], "?"));
	return 0;
}

struct policy_rows {
	const struct dataset *units;
	json_t *rows;
};

static int policy_row(void *ctx, const struct policy *p)
{
	struct policy_rows *r = ctx;

	json_array_append_new(r->rows, policy_json(r->units, p));
	return 0;
}

static int list_policies(struct store *st, const struct fund_args *a,
			 const struct dataset *units)
{
	int fmt = cli_format(a->format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	struct policy_rows r = { units, NULL };

	if (fmt < 0)
		return EXIT_USAGE;
	if (fmt == FMT_TABLE)
		return store_policies_each(st, print_policy, (void *)units) ? EXIT_USER : 0;
	r.rows = json_array();
	if (store_policies_each(st, policy_row, &r)) {
		json_decref(r.rows);
		return EXIT_USER;
	}
	return cli_print_json("fund", json_pack("{s:o}", "items", r.rows)) ? EXIT_USER : 0;
}

/* Split s at commas into up to n parts (each in its own buffer of cap). */
static int split(const char *s, char out[][64], int n)
{
	int k = 0;
	size_t len;

	while (s && k < n) {
		const char *comma = strchr(s, ',');

		len = comma ? (size_t)(comma - s) : strlen(s);
		if (len >= 64)
			return -1;
		memcpy(out[k], s, len);
		out[k++][len] = '\0';
		s = comma ? comma + 1 : NULL;
	}
	return s ? -1 : k;
}

/* The policy a's options give, into p (its id and version when named so). */
static int policy_of(struct store *st, const struct fund_args *a, const struct dataset *units,
		     struct policy *p)
{
	char parts[FS__MAX][64];
	const struct unit *u;
	const char *field;
	int i, n;

	if (a->n_pos < 2 || !a->kind || !a->year || !a->limits || !a->owners) {
		cli_error("fund", "policy: NAME, --kind, --year, --limits and --owners are required");
		return EXIT_USAGE;
	}
	if (store_policy_by_name(st, a->pos[1], p) == BL_OK)
		free(p->name);
	else
		policy_init(p);
	p->name = xstrdup(a->pos[1]);
	p->kind = (enum policy_kind)policy_kind_from_text(a->kind);
	p->year = atoi_year(a->year);
	n = split(a->limits, parts, 3);
	for (i = 0; n == 3 && i < 3; i++) {
		int64_t v = 0;

		if (parse_decimal(parts[i], 0, &v) || v < 1 || v > FUND_LIMIT_MAX)
			n = -1;
		else
			p->limit[FS_VERIFY + i] = (int)v;
	}
	if (n != 3 || (int)p->kind < 0) {
		cli_error("fund", "policy: --limits takes three numbers V,C,P; --kind one of "
			  "major_industrial, listing, specialised, other");
		return EXIT_USAGE;
	}
	n = split(a->owners, parts, FS__MAX);
	for (i = 0; i < FS__MAX; i++) {
		u = n == FS__MAX ? dataset_find_unit(units, parts[i]) : NULL;
		if (!u) {
			cli_error("fund", "policy: --owners takes four unit codes or names "
				  "(申领, 核实, 会商, 拨付); '%s' is not one", n == FS__MAX ?
				  parts[i] : a->owners);
			return EXIT_USER;
		}
		p->owner[i] = u->id;
	}
	if (policy_problem(p, &field)) {
		cli_error("fund", "policy: %s: %s", field, policy_problem(p, &field));
		return EXIT_USER;
	}
	return 0;
}

static int put_policy(struct store *st, const struct fund_args *a, const struct dataset *units,
		      const struct actor *who)
{
	struct policy p;
	enum bl_err rc;
	int bad;

	if (!access_allows(who->role, RES_POLICIES, ACT_WRITE)) {
		cli_error("fund", "policy: only the project office keeps the policies");
		return EXIT_USER;
	}
	policy_init(&p);
	bad = policy_of(st, a, units, &p);
	if (bad) {
		policy_release(&p);
		return bad;
	}
	rc = store_begin(st);
	if (!rc)
		rc = store_policy_put(st, &p);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		cli_error("fund", "policy: %s", store_errmsg(st));
		store_rollback(st);
	} else {
		fprintf(stderr, "ballast fund: policy %lld %s\n", (long long)p.id, p.name);
	}
	policy_release(&p);
	return rc ? EXIT_USER : 0;
}

/* ---- applications ---- */

static int apply(struct store *st, const struct fund_args *a, const struct actor *who)
{
	struct application app;
	struct fund_result res;
	struct policy pol;
	struct project p;
	const char *why;
	int rc = EXIT_USAGE;

	application_init(&app);
	policy_init(&pol);
	project_init(&p);
	if (!a->policy || !a->company || !a->uscc || !a->amount || !a->on) {
		cli_error("fund", "apply: --policy, --company, --uscc, --amount and --on are required");
		goto out;
	}
	if (cli_parse_day("fund", "--on", a->on, &app.applied_on))
		goto out;
	why = parse_wanyuan(a->amount, &app.amount);
	if (why) {
		cli_error("fund", "apply: --amount %s: %s", a->amount, why);
		goto out;
	}
	rc = EXIT_USER;
	if (store_policy_by_name(st, a->policy, &pol)) {
		cli_error("fund", "apply: %s", store_errmsg(st));
		goto out;
	}
	if (a->ref && store_project_by_ref(st, a->ref, &p)) {
		cli_error("fund", "apply: --ref %s: no such project", a->ref);
		goto out;
	}
	app.policy_id = pol.id;
	app.project_id = a->ref ? p.id : 0;
	app.company = xstrdup(a->company);
	app.uscc = xstrdup(a->uscc);
	fund_enter(st, who, &app, &res);
	rc = report("apply", &res);
	if (!rc)
		printf("%lld\n", (long long)app.id);
out:
	application_release(&app);
	policy_release(&pol);
	project_release(&p);
	return rc;
}

static int make_step(struct store *st, const struct fund_args *a, const struct actor *who,
		     int act)
{
	struct fund_change c = { DAY_NONE, 0, a->reason };
	struct application now;
	struct fund_result res;
	int64_t id = 0;
	const char *why;
	int rc;

	if (a->n_pos < 2 || parse_decimal(a->pos[1], 0, &id) || id <= 0 || !a->on) {
		cli_error("fund", "%s: an application's id and --on D are required", a->pos[0]);
		return EXIT_USAGE;
	}
	if (cli_parse_day("fund", "--on", a->on, &c.on))
		return EXIT_USAGE;
	if ((act == WA_CONSULT || act == WA_PAY) && !a->amount) {
		cli_error("fund", "%s: --amount 万元 is required", a->pos[0]);
		return EXIT_USAGE;
	}
	why = a->amount ? parse_wanyuan(a->amount, &c.yuan) : NULL;
	if (why) {
		cli_error("fund", "%s: --amount %s: %s", a->pos[0], a->amount, why);
		return EXIT_USAGE;
	}
	fund_step(st, who, id, 0, act, &c, &now, &res);
	rc = report(a->pos[0], &res);
	if (!rc)
		fprintf(stderr, "ballast fund: %lld %s\n", (long long)id,
			fund_status_keys[now.status]);
	application_release(&now);
	return rc;
}

static int run(struct store *st, const struct fund_args *a, const struct actor *who,
	       const struct dataset *units)
{
	static const struct { const char *verb; int act; } steps[] = {
		{ "verify", WA_VERIFY }, { "consult", WA_CONSULT }, { "pay", WA_PAY },
		{ "reject", WA_REJECT },
	};
	const char *verb = a->pos[0];
	size_t i;

	if (!strcmp(verb, "calendar"))
		return list_calendar(st, a);
	if (!strcmp(verb, "holiday") || !strcmp(verb, "workday") || !strcmp(verb, "unlist") ||
	    !strcmp(verb, "official"))
		return calendar_write(st, a, verb, who);
	if (!strcmp(verb, "policies"))
		return list_policies(st, a, units);
	if (!strcmp(verb, "policy"))
		return put_policy(st, a, units, who);
	if (!strcmp(verb, "apply"))
		return apply(st, a, who);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(verb, steps[i].verb))
			return make_step(st, a, who, steps[i].act);
	cli_error("fund", "'%s' is not a fund command; see ballast fund --help", verb);
	return EXIT_USAGE;
}

int cmd_fund(int argc, char **argv)
{
	struct dataset units;
	struct fund_args a;
	struct store *st;
	struct actor who;
	struct user u;
	int rc = parse(argc, argv, &a);

	if (rc >= 0)
		return rc;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	memset(&units, 0, sizeof(units));
	if (cli_actor(st, "fund", a.actor, &u, &who)) {
		store_close(st);
		return EXIT_USER;
	}
	rc = EXIT_USER;
	if (!store_units(st, &units.units, &units.n_units)) {
		dataset_index(&units);
		rc = run(st, &a, &who, &units);
	} else {
		cli_error("fund", "%s", store_errmsg(st));
	}
	dataset_release(&units);
	user_release(&u);
	store_close(st);
	return rc;
}
