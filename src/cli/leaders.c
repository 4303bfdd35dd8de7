/* leaders.c — `ballast leaders` and `ballast lists`: leader linkage (领导挂钩,
 * core/leaders.h) from the command line. The leader accounts with their
 * project counts, linking and unlinking a project and a leader; the named
 * project lists, setting one's projects and deleting it. Every measure,
 * warning and project list takes --list NAME (io/scope_params.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "store/store_accounts.h"
#include "store/store_items.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

static const char leaders_usage[] =
	"usage: ballast leaders [--format table|json] [--db FILE]\n"
	"       ballast leaders link REF NAME [--actor NAME] [--db FILE]\n"
	"       ballast leaders unlink REF NAME [--actor NAME] [--db FILE]\n"
	"\n"
	"Leader linkage (领导挂钩): leader accounts (role leader) linked to projects.\n"
	"(none)  every leader account with how many projects it is linked to\n"
	"link    link the project REF to the leader NAME (a username, or a leader's\n"
	"        display name when only one has it); the project's 挂钩领导 text\n"
	"        becomes its leaders' names and its version moves on\n"
	"unlink  undo a link\n"
	"A leader's page (projects, lights, open items, what changed since the last\n"
	"visit) is GET /api/v1/leaders/NAME/projects and the web UI's 我的挂钩项目.\n"
	"\n"
	"  --actor NAME  who the audit trail records (default cli:$USER); user:NAME\n"
	"                must name an enabled coordinator or administrator\n"
	"  --format F    table (default on a terminal), json\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n";

static const char lists_usage[] =
	"usage: ballast lists [--format table|json] [--db FILE]\n"
	"       ballast lists show NAME [--format table|json] [--db FILE]\n"
	"       ballast lists set NAME [REF ...] [--actor NAME] [--db FILE]\n"
	"       ballast lists delete NAME [--actor NAME] [--db FILE]\n"
	"\n"
	"Named project lists (tags, e.g. 书记挂钩10亿以上项目): a list is a filter\n"
	"everywhere: ballast measures|warnings --list NAME, ?list=NAME on the API.\n"
	"(none)  every list with how many projects it holds\n"
	"show    the list's projects (their refs)\n"
	"set     make the list hold exactly these projects (created when new)\n"
	"delete  delete the list (the projects stay)\n"
	"\n"
	"  --actor NAME  who the audit trail records (default cli:$USER)\n"
	"  --format F    table (default on a terminal), json\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n";

struct args {
	const char *db, *format, *actor;
	char **pos;   /* the positional arguments */
	int n;
};

/* Parse argv; -1 to go on, else the exit code. */
static int parse(int argc, char **argv, const char *usage, struct args *a)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "actor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'f': a->format = optarg; break;
		case 'a': a->actor = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	a->pos = argv + optind;
	a->n = argc - optind;
	return -1;
}

/* The actor as for a write of res; -1 after saying why. */
static int writer(struct store *st, const char *cmd, const struct args *a, enum resource res)
{
	struct actor who;
	struct user u;

	if (cli_actor(st, cmd, a->actor, &u, &who))
		return -1;
	user_release(&u);
	if (access_allows(who.role, res, ACT_WRITE))
		return 0;
	cli_error(cmd, "--actor %s: a %s may not do this", a->actor, role_keys[who.role]);
	return -1;
}

struct count_ctx { int64_t user_id; int64_t n; };

static int count_links(void *ctx, const struct leader_link *l)
{
	struct count_ctx *c = ctx;

	c->n += l->user_id == c->user_id;
	return 0;
}

static int leaders_list(struct store *st, int fmt)
{
	struct leader_account *v = NULL;
	struct out_table t;
	json_t *items = json_array();
	size_t n = 0, i;
	char num[24];

	if (store_leader_accounts(st, &v, &n)) {
		cli_error("leaders", "%s", store_errmsg(st));
		json_decref(items);
		return EXIT_USER;
	}
	out_table_init(&t, 3);
	t.right = 1u << 2;
	out_table_row(&t, (const char *[]){ "username", "name 姓名", "projects 挂钩项目" });
	for (i = 0; i < n; i++) {
		struct count_ctx c = { v[i].id, 0 };

		store_leader_links(st, 0, v[i].id, count_links, &c);
		snprintf(num, sizeof(num), "%lld", (long long)c.n);
		out_table_row(&t, (const char *[]){ v[i].username, v[i].display_name, num });
		json_array_append_new(items, json_pack("{s:s, s:o, s:I}", "username", v[i].username,
			"display_name", v[i].display_name ? json_string(v[i].display_name)
			: json_null(), "projects", (json_int_t)c.n));
	}
	leader_accounts_free(v, n);
	if (fmt == FMT_JSON) {
		out_table_release(&t);
		return cli_print_json("leaders", json_pack("{s:o}", "items", items)) ? EXIT_USER : 0;
	}
	json_decref(items);
	out_table_print(&t, stdout);
	out_table_release(&t);
	return 0;
}

struct ids { int64_t v[LEADER_NAMES_MAX + 1]; size_t n; };

static int take_user(void *ctx, const struct leader_link *l)
{
	struct ids *k = ctx;

	if (k->n < LEADER_NAMES_MAX)
		k->v[k->n++] = l->user_id;
	return 0;
}

/* The 挂钩领导 text of the accounts ids (their names, in order); caller frees. */
static char *text_of(const struct leader_account *acc, size_t n_acc, const struct ids *k)
{
	const char *shown[LEADER_NAMES_MAX];
	size_t i, j, n = 0;

	for (i = 0; i < k->n; i++)
		for (j = 0; j < n_acc; j++)
			if (acc[j].id == k->v[i])
				shown[n++] = leader_account_shown(&acc[j]);
	return leader_names_join(shown, n);
}

/* `leaders link|unlink REF NAME` in one transaction. */
static enum bl_err relink(struct store *st, const char *ref, const struct leader_account *who,
			  const struct leader_account *acc, size_t n_acc, int link)
{
	struct ids k = { { 0 }, 0 };
	struct project p;
	char *text = NULL;
	size_t i;
	enum bl_err rc = store_begin(st);

	project_init(&p);
	if (!rc)
		rc = store_project_by_ref(st, ref, &p);
	if (!rc)
		rc = store_leader_links(st, p.id, 0, take_user, &k);
	for (i = 0; !rc && i < k.n && k.v[i] != who->id; i++)
		;
	if (!rc && link && i == k.n && k.n < LEADER_NAMES_MAX)
		k.v[k.n++] = who->id;
	else if (!rc && !link && i < k.n)
		k.v[i] = k.v[--k.n];
	text = rc ? NULL : text_of(acc, n_acc, &k);
	if (!rc)
		rc = store_project_leaders_set(st, p.id, k.v, k.n, text ? text : "", p.version,
					       NULL);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_rollback(st);
	free(text);
	project_release(&p);
	return rc;
}

static int leaders_link(struct store *st, const struct args *a, int link)
{
	struct leader_account *acc = NULL;
	size_t n_acc = 0;
	long k;
	enum bl_err rc;

	if (writer(st, "leaders", a, RES_LEADERS))
		return EXIT_USER;
	if (store_leader_accounts(st, &acc, &n_acc)) {
		cli_error("leaders", "%s", store_errmsg(st));
		return EXIT_USER;
	}
	k = leader_account_match(acc, n_acc, a->pos[2]);
	if (k < 0) {
		cli_error("leaders", "%s: %s", a->pos[2], k == -2
			  ? "several leader accounts have this name; use the username"
			  : "no leader account has this username or name");
		leader_accounts_free(acc, n_acc);
		return EXIT_USER;
	}
	rc = relink(st, a->pos[1], &acc[k], acc, n_acc, link);
	if (rc)
		cli_error("leaders", "%s: %s", a->pos[1], rc == BL_ENOTFOUND
			  ? "no project has this ref" : store_errmsg(st));
	else
		fprintf(stderr, "ballast leaders: %s %s %s\n", a->pos[1],
			link ? "linked to" : "unlinked from", acc[k].username);
	leader_accounts_free(acc, n_acc);
	return rc ? EXIT_USER : 0;
}

int cmd_leaders(int argc, char **argv)
{
	struct args a;
	struct store *st;
	int rc = parse(argc, argv, leaders_usage, &a), fmt, link;

	if (rc >= 0)
		return rc;
	link = a.n == 3 && !strcmp(a.pos[0], "link");
	if (a.n && !link && !(a.n == 3 && !strcmp(a.pos[0], "unlink"))) {
		fputs(leaders_usage, stderr);
		return EXIT_USAGE;
	}
	fmt = cli_format(a.format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	rc = a.n ? leaders_link(st, &a, link) : leaders_list(st, fmt);
	store_close(st);
	return rc;
}

static int print_list(void *ctx, int64_t id, const char *name, int64_t version, int64_t members)
{
	char num[24];

	(void)id;
	(void)version;
	snprintf(num, sizeof(num), "%lld", (long long)members);
	out_table_row(ctx, (const char *[]){ name, num });
	return 0;
}

static int json_list(void *ctx, int64_t id, const char *name, int64_t version, int64_t members)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "name",
					     name, "version", (json_int_t)version, "projects",
					     (json_int_t)members));
	return 0;
}

static int lists_all(struct store *st, int fmt)
{
	struct out_table t;
	json_t *items = json_array();
	enum bl_err rc;

	out_table_init(&t, 2);
	t.right = 1u << 1;
	out_table_row(&t, (const char *[]){ "list 项目清单", "projects 项目数" });
	rc = fmt == FMT_JSON ? store_lists_each(st, json_list, items)
			     : store_lists_each(st, print_list, &t);
	if (rc) {
		cli_error("lists", "%s", store_errmsg(st));
		json_decref(items);
		out_table_release(&t);
		return EXIT_USER;
	}
	if (fmt == FMT_JSON) {
		out_table_release(&t);
		return cli_print_json("lists", json_pack("{s:o}", "items", items)) ? EXIT_USER : 0;
	}
	json_decref(items);
	out_table_print(&t, stdout);
	out_table_release(&t);
	return 0;
}

static int lists_show(struct store *st, const char *name, int fmt)
{
	struct project_list l;
	json_t *refs = json_array();
	struct project p;
	size_t i;
	enum bl_err rc = store_list_get(st, name, &l);

	if (rc) {
		cli_error("lists", "%s: %s", name, rc == BL_ENOTFOUND ? "no project list has this name"
			  : store_errmsg(st));
		json_decref(refs);
		return EXIT_USER;
	}
	for (i = 0; i < l.n; i++) {
		if (store_item_project(st, l.project_ids[i], &p))
			continue;
		if (fmt == FMT_JSON)
			json_array_append_new(refs, json_string(p.ref));
		else
			printf("%s\t%s\n", p.ref, p.name ? p.name : "");
		project_release(&p);
	}
	rc = fmt == FMT_JSON ? (enum bl_err)cli_print_json("lists", json_pack("{s:s, s:I, s:o}",
			       "name", l.name, "version", (json_int_t)l.version, "projects", refs))
			     : (json_decref(refs), BL_OK);
	project_list_release(&l);
	return rc ? EXIT_USER : 0;
}

static int lists_write(struct store *st, const struct args *a, int del)
{
	struct project_list l;
	char why_text[300] = "";
	enum bl_err rc;
	int k;

	project_list_init(&l);
	if (writer(st, "lists", a, RES_LISTS))
		return EXIT_USER;
	rc = store_begin(st);
	if (!rc) {
		rc = store_list_get(st, a->pos[1], &l);
		if (rc == BL_ENOTFOUND && !del) {
			l.name = xstrdup(a->pos[1]);
			rc = BL_OK;
		} else if (rc == BL_ENOTFOUND) {
			snprintf(why_text, sizeof(why_text), "%s: no project list has this name",
				 a->pos[1]);
		}
	}
	if (!rc && !del) {
		const char *zh, *why = project_list_name_check(a->pos[1], &zh);

		if (why) {
			snprintf(why_text, sizeof(why_text), "%s: %s", a->pos[1], why);
			rc = BL_EINVAL;
		}
		free(l.project_ids);
		l.project_ids = xcalloc((size_t)a->n + 1, sizeof(*l.project_ids));
		for (l.n = 0, k = 2; !rc && k < a->n; k++, l.n++)
			if (store_project_id(st, a->pos[k], &l.project_ids[l.n])) {
				snprintf(why_text, sizeof(why_text), "%s: no project has this ref",
					 a->pos[k]);
				rc = BL_EINVAL;
			}
		project_list_normalise(&l);
	}
	if (!rc)
		rc = del ? store_list_delete(st, l.id, l.version) : store_list_put(st, &l);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		store_rollback(st);
		cli_error("lists", "%s", *why_text ? why_text : store_errmsg(st));
	} else {
		fprintf(stderr, "ballast lists: %s %s\n", a->pos[1],
			del ? "deleted" : "set");
	}
	project_list_release(&l);
	return rc ? EXIT_USER : 0;
}

int cmd_lists(int argc, char **argv)
{
	struct args a;
	struct store *st;
	int rc = parse(argc, argv, lists_usage, &a), fmt;
	const char *w = a.n ? a.pos[0] : "";

	if (rc >= 0)
		return rc;
	if (a.n && !(a.n == 2 && (!strcmp(w, "show") || !strcmp(w, "delete"))) &&
	    !(a.n >= 2 && !strcmp(w, "set"))) {
		fputs(lists_usage, stderr);
		return EXIT_USAGE;
	}
	fmt = cli_format(a.format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (!a.n)
		rc = lists_all(st, fmt);
	else if (!strcmp(w, "show"))
		rc = lists_show(st, a.pos[1], fmt);
	else
		rc = lists_write(st, &a, !strcmp(w, "delete"));
	store_close(st);
	return rc;
}
