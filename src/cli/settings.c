/* settings.c — `ballast settings list|get KEY|set KEY VALUE|unset KEY`: the
 * warning thresholds and rule form, the contest weights and how many sections
 * it names, the bulletin's title and issuer (core/settings.h). Every change is
 * checked against the table and audited with the value before and after. */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/access.h"
#include "core/settings.h"
#include "report/settings_json.h"
#include "store/store_accounts.h"

static const char usage_text[] =
	"usage: ballast settings list [--format table|json|csv] [--db FILE]\n"
	"       ballast settings get KEY [--format table|json] [--db FILE]\n"
	"       ballast settings set KEY VALUE [--actor NAME] [--db FILE]\n"
	"       ballast settings unset KEY [--actor NAME] [--db FILE]\n"
	"\n"
	"The settings an administrator may change: the warning thresholds and the\n"
	"investment-lag rule's form (warn.*), the contest weights and how many\n"
	"sections get the red flag and a talk (contest.*), the bulletin's title and\n"
	"issuer (bulletin.*).\n"
	"\n"
	"list    every setting: key, value in effect, default, label\n"
	"get     the value in effect of KEY (the default when it is not set)\n"
	"set     change KEY to VALUE, checked against its type and range\n"
	"unset   remove KEY's value: its default applies again\n"
	"\n"
	"  --format F    table (default on a terminal), json, csv\n"
	"  --actor NAME  who the audit trail records (default cli:$USER); user:NAME\n"
	"                must name an enabled administrator\n"
	"  --db FILE     the database (default $BALLAST_DB, else ./ballast.db)\n";

#define ACCOUNT_PREFIX "user:" /* as the server names its actors (http/routes.c) */

struct settings_args {
	const char *db, *format, *actor;
};

/* ---- list and get ---- */

struct list_ctx {
	enum out_format fmt;
	const char *only;  /* get: the one key */
	struct out_table t;
	json_t *arr;
	struct buf csv;
	int found;
};

static const char *default_text(const struct setting_def *d)
{
	return d->def ? d->def : d->def_note;
}

static int list_row(void *ctx, const struct setting_view *v)
{
	struct list_ctx *c = ctx;
	const char *value = v->value ? v->value : default_text(v->d);

	if (c->only && strcmp(c->only, v->d->key))
		return 0;
	c->found = 1;
	if (c->fmt == FMT_JSON) {
		json_array_append_new(c->arr, setting_view_json(v));
	} else if (c->only) {
		printf("%s\n", value);
	} else if (c->fmt == FMT_CSV) {
		buf_add_csv_field(&c->csv, v->d->key);
		buf_addch(&c->csv, ',');
		buf_add_csv_field(&c->csv, v->value ? v->value : "");
		buf_addch(&c->csv, ',');
		buf_add_csv_field(&c->csv, v->d->def ? v->d->def : "");
		buf_addch(&c->csv, ',');
		buf_add_csv_field(&c->csv, v->is_set ? "1" : "0");
		buf_addch(&c->csv, ',');
		buf_add_csv_field(&c->csv, v->d->label);
		buf_adds(&c->csv, "\r\n");
	} else {
		out_table_row(&c->t, (const char *const[]){ v->d->key, value,
			      default_text(v->d), v->is_set ? "" : "默认", v->d->label });
	}
	return c->only != NULL;
}

static int list(struct store *st, const char *format, const char *only)
{
	struct list_ctx c;
	int fmt, rc = 0;

	/* get prints the bare value as its table form, for scripts. */
	fmt = cli_format(format, only ? (1u << FMT_TABLE) | (1u << FMT_JSON)
				      : (1u << FMT_TABLE) | (1u << FMT_JSON) | (1u << FMT_CSV),
			 FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	memset(&c, 0, sizeof(c));
	c.fmt = (enum out_format)fmt;
	c.only = only;
	c.arr = json_array();
	out_table_init(&c.t, 5);
	out_table_row(&c.t, (const char *const[]){ "设置项", "当前值", "默认值", "", "名称" });
	buf_adds(&c.csv, "key,value,default,is_set,label\r\n");
	if (settings_each(st, list_row, &c)) {
		cli_error("settings", "%s", store_errmsg(st));
		rc = EXIT_USER;
	} else if (only && !c.found) {
		cli_error("settings", "no setting is named %s ('ballast settings list' names them)",
			  only);
		rc = EXIT_USER;
	} else if (c.fmt == FMT_JSON) {
		json_dumpf(only ? json_array_get(c.arr, 0) : c.arr, stdout,
			   JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', stdout);
	} else if (c.fmt == FMT_CSV) {
		fwrite(c.csv.s, 1, c.csv.len, stdout);
	} else if (!only) {
		out_table_print(&c.t, stdout);
	}
	json_decref(c.arr);
	out_table_release(&c.t);
	buf_release(&c.csv);
	return rc;
}

/* ---- set and unset ---- */

/* --actor user:NAME acts as that account: it must exist, be enabled and may
 * write settings (core/access.c). Any other actor is the machine's operator. */
static int actor_may_write(struct store *st, const char *actor)
{
	struct user u;
	int ok;

	if (!actor || strncmp(actor, ACCOUNT_PREFIX, strlen(ACCOUNT_PREFIX)))
		return 1;
	if (store_user_by_name(st, actor + strlen(ACCOUNT_PREFIX), &u, NULL)) {
		cli_error("settings", "--actor %s: no such user", actor);
		return 0;
	}
	ok = !u.disabled && access_allows(u.role, RES_SETTINGS, ACT_WRITE);
	if (u.disabled)
		cli_error("settings", "--actor %s: the account is disabled", actor);
	else if (!ok)
		cli_error("settings", "--actor %s: a %s may not change settings", actor,
			  role_keys[u.role]);
	user_release(&u);
	return ok;
}

static int write_one(struct store *st, const struct settings_args *a, const char *key,
		     const char *value)
{
	struct buf err = BUF_INIT, who = BUF_INIT;
	const char *user = getenv("USER");
	char *old = NULL;
	int rc = EXIT_USER;

	if (!actor_may_write(st, a->actor))
		goto out;
	if (a->actor)
		buf_adds(&who, a->actor);
	else
		buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	store_set_actor(st, who.s);
	if (store_setting_get(st, key, &old) == BL_ENOTFOUND)
		old = NULL;
	if (settings_write(st, &key, &value, 1, &err, NULL)) {
		if (setting_find(key))
			cli_error("settings", "%s", err.s);
		else
			cli_error("settings", "%s ('ballast settings list' names them)", err.s);
		goto out;
	}
	if (store_last_put(st) == PUT_UNCHANGED)
		fprintf(stderr, "ballast settings: %s is %s already; nothing changed\n", key,
			value ? value : "at its default");
	else if (value)
		fprintf(stderr, "ballast settings: %s: %s → %s\n", key, old ? old : "(default)",
			value);
	else
		fprintf(stderr, "ballast settings: %s: %s → (default)\n", key, old);
	rc = 0;
out:
	free(old);
	buf_release(&err);
	buf_release(&who);
	return rc;
}

/* Options before or after the words; a VALUE may start with '-' (a negative
 * weight), so anything that is not one of the options below is a word, and
 * "--" ends the options. Fills pos[] (at most 3 words); returns the number of
 * words, -1 on bad usage, -2 after --help. */
static int parse_args(int argc, char **argv, struct settings_args *a, const char *pos[3])
{
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{ "--db", offsetof(struct settings_args, db) },
		{ "--format", offsetof(struct settings_args, format) },
		{ "--actor", offsetof(struct settings_args, actor) },
	};
	int i, n = 0, words_only = 0;
	size_t k;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int matched = 0;

		if (!words_only && !strcmp(arg, "--")) {
			words_only = 1;
			continue;
		}
		if (!words_only && (!strcmp(arg, "--help") || !strcmp(arg, "-h"))) {
			fputs(usage_text, stdout);
			return -2;
		}
		for (k = 0; !words_only && k < sizeof(opts) / sizeof(opts[0]); k++) {
			size_t len = strlen(opts[k].name);
			const char **slot = (const char **)((char *)a + opts[k].off);

			if (strncmp(arg, opts[k].name, len))
				continue;
			if (arg[len] == '=') {
				*slot = arg + len + 1;
			} else if (!arg[len]) {
				if (i + 1 >= argc)
					return -1;
				*slot = argv[++i];
			} else {
				continue;
			}
			matched = 1;
			break;
		}
		if (matched)
			continue;
		if (!words_only && arg[0] == '-' && arg[1] == '-')
			return -1; /* an unknown option */
		if (n == 3)
			return -1;
		pos[n++] = arg;
	}
	return n;
}

int cmd_settings(int argc, char **argv)
{
	struct settings_args a;
	const char *pos[3] = { NULL, NULL, NULL };
	struct store *st;
	int n, rc;

	n = parse_args(argc, argv, &a, pos);
	if (n == -2)
		return 0;
	if (n < 1 || (!strcmp(pos[0], "list") && n != 1) ||
	    ((!strcmp(pos[0], "get") || !strcmp(pos[0], "unset")) && n != 2) ||
	    (!strcmp(pos[0], "set") && n != 3) ||
	    (strcmp(pos[0], "list") && strcmp(pos[0], "get") && strcmp(pos[0], "set") &&
	     strcmp(pos[0], "unset"))) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	if (!strcmp(pos[0], "list"))
		rc = list(st, a.format, NULL);
	else if (!strcmp(pos[0], "get"))
		rc = list(st, a.format, pos[1]);
	else
		rc = write_one(st, &a, pos[1], !strcmp(pos[0], "set") ? pos[2] : NULL);
	store_close(st);
	return rc;
}
