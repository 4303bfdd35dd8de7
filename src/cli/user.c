/* user.c — `ballast user`: accounts for the web UI and API tokens for
 * scripts, and their upkeep (issue #14): add, token, tokens, list, disable,
 * enable, reset, set-role, revoke. A password comes from standard input (first
 * line) or, on a terminal, a prompt, and passes the rule of core/password.h.
 * Every change is one transaction and audited (--actor: who, default cli). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/password.h"
#include "store/store_accounts.h"
#include "util/secret.h"
#include "io/parse.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast user add NAME --role ROLE [--unit CODE] [--name DISPLAY] [--db FILE]\n"
	"       ballast user token NAME [--db FILE]\n"
	"       ballast user tokens NAME [--format table|json|csv] [--db FILE]\n"
	"       ballast user list [--format table|json|csv] [--db FILE]\n"
	"       ballast user disable|enable NAME [--actor NAME] [--db FILE]\n"
	"       ballast user reset NAME [--actor NAME] [--db FILE]\n"
	"       ballast user set-role NAME ROLE [--unit CODE] [--actor NAME] [--db FILE]\n"
	"       ballast user revoke NAME [--token ID | --all] [--actor NAME] [--db FILE]\n"
	"\n"
	"add      create an account; the password is read from standard input (one line)\n"
	"         or prompted for on a terminal\n"
	"token    print a new API token for scripts (Authorization: Bearer TOKEN);\n"
	"         only its hash is kept, so store it now\n"
	"tokens   the account's API tokens: id, created, last used (not recorded: -),\n"
	"         revoked or not; never the token itself\n"
	"list     the accounts\n"
	"disable  the account can no longer log in; its sessions end at once and its\n"
	"         API tokens stop working while it is disabled. enable undoes it\n"
	"reset    set a new password, read as for add; the account's sessions end\n"
	"set-role change the role (and with --unit the unit; a role without a unit\n"
	"         drops it); the account's sessions end, so it logs in again\n"
	"revoke   end the account's sessions; --token ID: revoke that API token\n"
	"         instead; --all: the sessions and every API token\n"
	"\n"
	"Passwords: at least 10 characters, not the user name, and at least two kinds\n"
	"of characters (lower-case letters, upper-case letters, digits, others).\n"
	"Every change is audited; --actor names who made it (default cli).\n"
	"\n"
	"Roles: admin 系统管理员, coordinator 发改委项目办, section 板块/街道 (needs --unit),\n"
	"department 部门 (needs --unit), leader 区领导, auditor 审计/纪检.\n";

/* Read one line of password into out and check it against the rule for the
 * account name; -1 on error (message printed). */
static int read_password(const char *name, char *out, size_t cap)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	enum password_problem problem;
	size_t n;

	if (tty) {
		fprintf(stderr, "password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(out, (int)cap, stdin))
		out[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	n = strlen(out);
	if (n && out[n - 1] != '\n' && !feof(stdin)) {
		cli_error("user", "the password is longer than %d bytes", PASSWORD_MAX);
		return -1;
	}
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	problem = password_problem(out, name);
	if (problem) {
		cli_error("user", "%s: %s", password_problem_text[problem], password_rule);
		return -1;
	}
	return 0;
}

static int find_unit_id(struct store *st, const char *code, int64_t *id, enum unit_kind *kind)
{
	struct unit *units;
	size_t n, i;
	int rc = -1;

	if (store_units(st, &units, &n))
		return -1;
	for (i = 0; i < n; i++) {
		if (!strcmp(units[i].code, code)) {
			*id = units[i].id;
			*kind = units[i].kind;
			rc = 0;
		}
	}
	units_free(units, n);
	return rc;
}

/* The unit of id: its code (copied into out) and kind; "" when none. */
static void unit_of(struct store *st, int64_t id, char *out, size_t cap, enum unit_kind *kind)
{
	struct unit *units;
	size_t n, i;

	out[0] = '\0';
	if (!id || store_units(st, &units, &n))
		return;
	for (i = 0; i < n; i++) {
		if (units[i].id == id) {
			snprintf(out, cap, "%s", units[i].code);
			if (kind)
				*kind = units[i].kind;
		}
	}
	units_free(units, n);
}

static int user_add(struct store *st, const char *name, const char *role, const char *unit,
		    const char *display)
{
	char password[PASSWORD_MAX + 2], hash[SECRET_HASH_MAX];
	struct user u;
	enum unit_kind kind = UNIT_SECTION;
	int r;

	memset(&u, 0, sizeof(u));
	r = role ? role_from_key(role) : -1;
	if (r < 0) {
		cli_error("user", "--role must be one of admin, coordinator, section, department, "
			  "leader, auditor");
		return EXIT_USAGE;
	}
	u.role = (enum role)r;
	if (role_needs_unit(u.role) && !unit) {
		cli_error("user", "a %s user needs --unit CODE", role);
		return EXIT_USAGE;
	}
	if (unit && find_unit_id(st, unit, &u.unit_id, &kind)) {
		cli_error("user", "--unit %s: no unit has this code", unit);
		return EXIT_USER;
	}
	if (unit && !role_unit_fits(u.role, kind)) {
		cli_error("user", "--unit %s is a %s: a section user belongs to a section or street, "
			  "a department user to a department", unit, unit_kind_keys[kind]);
		return EXIT_USER;
	}
	if (strlen(name) > 64 || strpbrk(name, " \t\r\n:/")) {
		cli_error("user", "%s: a user name has at most 64 characters and no spaces", name);
		return EXIT_USAGE;
	}
	if (read_password(name, password, sizeof(password)) ||
	    secret_password_hash(password, hash)) {
		memset(password, 0, sizeof(password));
		return EXIT_USER;
	}
	memset(password, 0, sizeof(password));
	u.username = (char *)name;
	u.display_name = (char *)display;
	if (store_begin(st) || store_user_add(st, &u, hash) || store_commit(st)) {
		cli_error("user", "%s", store_errmsg(st));
		store_rollback(st);
		return EXIT_USER;
	}
	fprintf(stderr, "user %s (%s) added\n", name, role_keys[u.role]);
	return 0;
}

static int user_token(struct store *st, const char *name)
{
	char token[TOKEN_TEXT], hash[TOKEN_HASH_TEXT];
	struct user u;

	if (store_user_by_name(st, name, &u, NULL)) {
		cli_error("user", "%s: no such user", name);
		return EXIT_USER;
	}
	secret_token(token);
	secret_token_hash(token, hash);
	if (store_begin(st) || store_token_add(st, u.id, hash) || store_commit(st)) {
		cli_error("user", "%s", store_errmsg(st));
		store_rollback(st);
		user_release(&u);
		return EXIT_USER;
	}
	user_release(&u);
	printf("%s\n", token);
	return 0;
}

/* Begin a write and read the user name into *u; EXIT_USER (after a message)
 * when it cannot, with nothing left open. */
static int begin_user(struct store *st, const char *name, struct user *u)
{
	memset(u, 0, sizeof(*u));
	if (store_begin(st)) {
		cli_error("user", "%s", store_errmsg(st));
		return EXIT_USER;
	}
	if (store_user_by_name(st, name, u, NULL)) {
		cli_error("user", "%s: no such user", name);
		store_rollback(st);
		return EXIT_USER;
	}
	return 0;
}

/* Commit, or roll back after printing the store's reason; 0 or EXIT_USER. */
static int finish(struct store *st, enum bl_err rc)
{
	if (!rc)
		rc = store_commit(st);
	if (!rc)
		return 0;
	cli_error("user", "%s", store_errmsg(st));
	store_rollback(st);
	return EXIT_USER;
}

/* Set the account's disabled flag (audited with before and after); disabling
 * ends its sessions in the same transaction. */
static int user_set_disabled(struct store *st, const char *name, int disabled)
{
	struct user u;
	int64_t ended = 0;
	enum bl_err rc;
	int code;

	code = begin_user(st, name, &u);
	if (code)
		return code;
	if (u.disabled == disabled) {
		store_rollback(st);
		fprintf(stderr, "user %s is already %s\n", name, disabled ? "disabled" : "enabled");
		goto out;
	}
	u.disabled = disabled;
	rc = store_user_update(st, &u, NULL);
	if (!rc && disabled)
		rc = store_user_sessions_end(st, u.id, NULL, &ended);
	code = finish(st, rc);
	if (!code && disabled)
		fprintf(stderr, "user %s disabled; sessions ended: %lld\n", name, (long long)ended);
	else if (!code)
		fprintf(stderr, "user %s enabled\n", name);
out:
	user_release(&u);
	return code;
}

/* A new password from standard input; the account's sessions end. */
static int user_reset(struct store *st, const char *name)
{
	char password[PASSWORD_MAX + 2], hash[SECRET_HASH_MAX];
	struct user u;
	int64_t ended = 0;
	enum bl_err rc;
	int code;

	if (store_user_by_name(st, name, &u, NULL)) {
		cli_error("user", "%s: no such user", name);
		return EXIT_USER;
	}
	user_release(&u);
	if (read_password(name, password, sizeof(password)) ||
	    secret_password_hash(password, hash)) {
		memset(password, 0, sizeof(password));
		return EXIT_USER;
	}
	memset(password, 0, sizeof(password));
	code = begin_user(st, name, &u);
	if (code)
		return code;
	rc = store_user_set_password(st, &u, hash);
	if (!rc)
		rc = store_user_sessions_end(st, u.id, NULL, &ended);
	code = finish(st, rc);
	if (!code)
		fprintf(stderr, "user %s: password reset; sessions ended: %lld\n", name,
			(long long)ended);
	user_release(&u);
	return code;
}

/* Change the role, and the unit with --unit (a role without a unit drops it;
 * one with keeps the current unit when it fits); the sessions end. */
static int user_set_role(struct store *st, const char *name, const char *role, const char *unit)
{
	char code_before[64], code_after[64];
	enum unit_kind kind = UNIT_SECTION;
	enum role was;
	struct user u;
	int64_t unit_id = 0, ended = 0;
	enum bl_err rc;
	int r, code;

	r = role_from_key(role);
	if (r < 0) {
		cli_error("user", "%s: a role is one of admin, coordinator, section, department, "
			  "leader, auditor", role);
		return EXIT_USAGE;
	}
	if (unit && find_unit_id(st, unit, &unit_id, &kind)) {
		cli_error("user", "--unit %s: no unit has this code", unit);
		return EXIT_USER;
	}
	code = begin_user(st, name, &u);
	if (code)
		return code;
	unit_of(st, u.unit_id, code_before, sizeof(code_before), unit ? NULL : &kind);
	if (unit)
		u.unit_id = unit_id;
	else if (!role_needs_unit((enum role)r))
		u.unit_id = 0;
	if (role_needs_unit((enum role)r) && !u.unit_id) {
		store_rollback(st);
		cli_error("user", "a %s user needs --unit CODE", role);
		code = EXIT_USAGE;
		goto out;
	}
	if (u.unit_id && !role_unit_fits((enum role)r, kind)) {
		store_rollback(st);
		cli_error("user", "a section user belongs to a section or street, a department "
			  "user to a department: give --unit CODE");
		code = EXIT_USER;
		goto out;
	}
	unit_of(st, u.unit_id, code_after, sizeof(code_after), NULL);
	if (u.role == (enum role)r && !strcmp(code_before, code_after)) {
		store_rollback(st);
		fprintf(stderr, "user %s is already %s%s%s\n", name, role,
			*code_after ? " of " : "", code_after);
		goto out;
	}
	was = u.role;
	u.role = (enum role)r;
	rc = store_user_update(st, &u, NULL);
	if (!rc)
		rc = store_user_sessions_end(st, u.id, NULL, &ended);
	code = finish(st, rc);
	if (!code)
		fprintf(stderr, "user %s: %s%s%s -> %s%s%s; sessions ended: %lld\n", name,
			role_keys[was], *code_before ? " of " : "", code_before, role,
			*code_after ? " of " : "", code_after, (long long)ended);
out:
	user_release(&u);
	return code;
}

/* End the sessions, or revoke one token (token > 0), or both and every
 * token (all). */
static int user_revoke(struct store *st, const char *name, int64_t token, int all)
{
	struct revoke_req req;
	struct revoke_result res;
	struct user u;
	int code;

	memset(&req, 0, sizeof(req));
	req.sessions = token <= 0;
	req.all_tokens = all;
	req.token_id = token;
	code = begin_user(st, name, &u);
	if (code)
		return code;
	code = finish(st, store_user_revoke(st, &u, &req, &res));
	if (!code)
		fprintf(stderr, "user %s: sessions ended: %lld, API tokens revoked: %lld\n", name,
			(long long)res.sessions, (long long)res.tokens);
	user_release(&u);
	return code;
}

/* ---- listings: accounts and tokens, as a table, JSON or CSV ---- */

struct list_ctx {
	struct store *st;
	enum out_format fmt;
	struct out_table t;
	json_t *arr;
	struct buf csv;
};

static void list_begin(struct list_ctx *c, struct store *st, int fmt, size_t ncols,
		       const char *const *head, const char *csv_head)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->fmt = (enum out_format)fmt;
	c->arr = json_array();
	out_table_init(&c->t, ncols);
	out_table_row(&c->t, head);
	buf_adds(&c->csv, csv_head);
}

static int list_end(struct list_ctx *c, enum bl_err rc)
{
	if (rc) {
		cli_error("user", "%s", store_errmsg(c->st));
	} else if (c->fmt == FMT_JSON) {
		json_dumpf(c->arr, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', stdout);
	} else if (c->fmt == FMT_CSV) {
		fwrite(c->csv.s, 1, c->csv.len, stdout);
	} else {
		out_table_print(&c->t, stdout);
	}
	json_decref(c->arr);
	out_table_release(&c->t);
	buf_release(&c->csv);
	return rc ? EXIT_USER : 0;
}

static int list_user(void *ctx, const struct user *u)
{
	struct list_ctx *c = ctx;
	char unit[64];

	unit_of(c->st, u->unit_id, unit, sizeof(unit), NULL);
	if (c->fmt == FMT_JSON) {
		json_array_append_new(c->arr, json_pack("{s:s, s:s, s:o, s:o, s:b, s:I}",
			"username", u->username, "role", role_keys[u->role],
			"unit", *unit ? json_string(unit) : json_null(), "display_name",
			u->display_name ? json_string(u->display_name) : json_null(),
			"disabled", u->disabled, "version", (json_int_t)u->version));
	} else if (c->fmt == FMT_CSV) {
		buf_add_csv_field(&c->csv, u->username);
		buf_addf(&c->csv, ",%s,", role_keys[u->role]);
		buf_add_csv_field(&c->csv, unit);
		buf_addch(&c->csv, ',');
		buf_add_csv_field(&c->csv, u->display_name ? u->display_name : "");
		buf_addf(&c->csv, ",%d\r\n", u->disabled != 0);
	} else {
		out_table_row(&c->t, (const char *const[]){ u->username, role_keys[u->role],
			      *unit ? unit : "-", u->display_name ? u->display_name : "-",
			      u->disabled ? "disabled" : "active" });
	}
	return 0;
}

static int user_list(struct store *st, int fmt)
{
	struct list_ctx c;

	list_begin(&c, st, fmt, 5, (const char *const[]){ "username", "role", "unit",
		   "display_name", "status" }, "username,role,unit,display_name,disabled\r\n");
	return list_end(&c, store_users_each(st, list_user, &c));
}

static int list_token(void *ctx, const struct api_token_info *t)
{
	struct list_ctx *c = ctx;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	if (c->fmt == FMT_JSON) {
		json_array_append_new(c->arr, json_pack("{s:I, s:s, s:o, s:b}", "id",
			(json_int_t)t->id, "created_at", t->created_at, "last_used_at",
			t->last_used_at ? json_string(t->last_used_at) : json_null(),
			"revoked", t->revoked));
	} else if (c->fmt == FMT_CSV) {
		buf_addf(&c->csv, "%s,%s,%s,%d\r\n", id, t->created_at,
			 t->last_used_at ? t->last_used_at : "", t->revoked);
	} else {
		out_table_row(&c->t, (const char *const[]){ id, t->created_at,
			      t->last_used_at ? t->last_used_at : "-",
			      t->revoked ? "revoked" : "active" });
	}
	return 0;
}

static int user_tokens(struct store *st, const char *name, int fmt)
{
	struct list_ctx c;
	struct user u;
	int code;

	if (store_user_by_name(st, name, &u, NULL)) {
		cli_error("user", "%s: no such user", name);
		return EXIT_USER;
	}
	list_begin(&c, st, fmt, 4, (const char *const[]){ "id", "created", "last_used",
		   "status" }, "id,created_at,last_used_at,revoked\r\n");
	c.t.right = 1;
	code = list_end(&c, store_user_tokens_each(st, u.id, list_token, &c));
	user_release(&u);
	return code;
}

/* The number of positional arguments (after the verb) each verb takes. */
static int verb_args(const char *verb)
{
	static const struct { const char *verb; int n; } verbs[] = {
		{ "add", 1 }, { "token", 1 }, { "tokens", 1 }, { "list", 0 }, { "disable", 1 },
		{ "enable", 1 }, { "reset", 1 }, { "set-role", 2 }, { "revoke", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(verb, verbs[i].verb))
			return verbs[i].n;
	return -1;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *role = NULL, *unit = NULL, *display = NULL, *actor = "cli";
	const char *format = NULL, *token = NULL, *verb, *name;
	int64_t token_id = 0;
	struct store *st;
	int rc, all = 0, fmt = FMT_TABLE;
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &db }, { .name = "role", .value = &role },
		{ .name = "unit", .value = &unit }, { .name = "name", .value = &display },
		{ .name = "actor", .value = &actor }, { .name = "format", .value = &format },
		{ .name = "token", .value = &token }, { .name = "all", .flag = &all, .on = 1 },
	};

	rc = cli_getopt("user", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	verb = optind < argc ? argv[optind] : "";
	if (verb_args(verb) < 0 || argc - optind - 1 != verb_args(verb))
		return cli_usage(usage_text);
	name = argc - optind > 1 ? argv[optind + 1] : NULL;
	if (token) {
		token_id = parse_id(token);
		if (token_id < 0 || all || strcmp(verb, "revoke")) {
			cli_error("user", "--token ID (a whole number) goes with revoke, without --all");
			return EXIT_USAGE;
		}
	}
	if (all && strcmp(verb, "revoke")) {
		cli_error("user", "--all goes with revoke");
		return EXIT_USAGE;
	}
	if (format || !strcmp(verb, "list") || !strcmp(verb, "tokens")) {
		fmt = cli_format(format, (1u << FMT_TABLE) | (1u << FMT_JSON) | (1u << FMT_CSV),
				 FMT_TABLE);
		if (fmt < 0)
			return EXIT_USAGE;
	}
	if (secret_init()) {
		cli_error("user", "libsodium cannot initialise");
		return EXIT_USER;
	}
	st = cli_open(db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	store_set_actor(st, actor);
	if (!strcmp(verb, "add"))
		rc = user_add(st, name, role, unit, display);
	else if (!strcmp(verb, "token"))
		rc = user_token(st, name);
	else if (!strcmp(verb, "tokens"))
		rc = user_tokens(st, name, fmt);
	else if (!strcmp(verb, "disable"))
		rc = user_set_disabled(st, name, 1);
	else if (!strcmp(verb, "enable"))
		rc = user_set_disabled(st, name, 0);
	else if (!strcmp(verb, "reset"))
		rc = user_reset(st, name);
	else if (!strcmp(verb, "set-role"))
		rc = user_set_role(st, name, argv[optind + 2], unit);
	else if (!strcmp(verb, "revoke"))
		rc = user_revoke(st, name, token_id, all);
	else
		rc = user_list(st, fmt);
	store_close(st);
	return rc;
}
