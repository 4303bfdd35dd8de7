/* user.c — `ballast user add NAME --role ROLE [--unit CODE]`, `ballast user
 * token NAME`, `list`, `disable NAME` and `enable NAME`: accounts for the web
 * UI and API tokens for scripts. The password comes from standard input (first
 * line) or, on a terminal, a prompt. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store_accounts.h"
#include "util/secret.h"
#include "util/xalloc.h"

#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

static const char usage_text[] =
	"usage: ballast user add NAME --role ROLE [--unit CODE] [--name DISPLAY] [--db FILE]\n"
	"       ballast user token NAME [--db FILE]\n"
	"       ballast user list [--db FILE]\n"
	"       ballast user disable|enable NAME [--actor NAME] [--db FILE]\n"
	"\n"
	"add     create an account; the password is read from standard input (one line)\n"
	"        or prompted for on a terminal (at least 8 characters)\n"
	"token   print a new API token for scripts (Authorization: Bearer TOKEN);\n"
	"        only its hash is kept, so store it now\n"
	"list    the accounts\n"
	"disable the account can no longer log in, and its sessions and tokens stop\n"
	"        working at once; enable undoes it. Both are audited (--actor: who,\n"
	"        default cli)\n"
	"\n"
	"Roles: admin 系统管理员, coordinator 发改委项目办, section 板块/街道 (needs --unit),\n"
	"department 部门 (needs --unit), leader 区领导, auditor 审计/纪检.\n";

/* Read one line of password into out; -1 on error (message printed). */
static int read_password(char *out, size_t cap)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
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
		cli_error("user", "the password is longer than %d characters", PASSWORD_MAX);
		return -1;
	}
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n < PASSWORD_MIN) {
		cli_error("user", "the password needs at least %d characters", PASSWORD_MIN);
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
	if (u.role == ROLE_DEPARTMENT && kind != UNIT_DEPARTMENT) {
		cli_error("user", "--unit %s is not a department", unit);
		return EXIT_USER;
	}
	if (strlen(name) > 64 || strpbrk(name, " \t\r\n:/")) {
		cli_error("user", "%s: a user name has at most 64 characters and no spaces", name);
		return EXIT_USAGE;
	}
	if (read_password(password, sizeof(password)) ||
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

/* Set the account's disabled flag (audited with before and after). */
static int user_set_disabled(struct store *st, const char *name, int disabled)
{
	struct user u;
	int rc = 0;

	if (store_user_by_name(st, name, &u, NULL)) {
		cli_error("user", "%s: no such user", name);
		return EXIT_USER;
	}
	if (u.disabled == disabled) {
		fprintf(stderr, "user %s is already %s\n", name, disabled ? "disabled" : "enabled");
		goto out;
	}
	u.disabled = disabled;
	if (store_begin(st) || store_user_update(st, &u, NULL) || store_commit(st)) {
		cli_error("user", "%s", store_errmsg(st));
		store_rollback(st);
		rc = EXIT_USER;
		goto out;
	}
	fprintf(stderr, "user %s %s\n", name, disabled ? "disabled" : "enabled");
out:
	user_release(&u);
	return rc;
}

static int print_user(void *ctx, const struct user *u)
{
	(void)ctx;
	printf("%-20s %-12s unit=%lld%s\n", u->username, role_keys[u->role], (long long)u->unit_id,
	       u->disabled ? " (disabled)" : "");
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ "actor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *role = NULL, *unit = NULL, *display = NULL, *actor = "cli";
	struct store *st;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'r': role = optarg; break;
		case 'u': unit = optarg; break;
		case 'n': display = optarg; break;
		case 'a': actor = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc || (strcmp(argv[optind], "list") && argc - optind != 2) ||
	    (!strcmp(argv[optind], "list") && argc - optind != 1)) {
		fputs(usage_text, stderr);
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
	if (!strcmp(argv[optind], "add"))
		rc = user_add(st, argv[optind + 1], role, unit, display);
	else if (!strcmp(argv[optind], "token"))
		rc = user_token(st, argv[optind + 1]);
	else if (!strcmp(argv[optind], "disable"))
		rc = user_set_disabled(st, argv[optind + 1], 1);
	else if (!strcmp(argv[optind], "enable"))
		rc = user_set_disabled(st, argv[optind + 1], 0);
	else if (!strcmp(argv[optind], "list"))
		rc = store_users_each(st, print_user, NULL) ? EXIT_USER : 0;
	else {
		fputs(usage_text, stderr);
		rc = EXIT_USAGE;
	}
	store_close(st);
	return rc;
}
