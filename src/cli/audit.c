/* audit.c — `ballast audit`: the audit trail read back, newest first, as
 * GET /api/v1/audit gives it: an import's entry followed by the rows it
 * inserted, each with the row as the import wrote it (store_audit_each). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "io/json_audit.h"
#include "io/parse.h"
#include "store/store_accounts.h"

static const char usage_text[] =
	"usage: ballast audit [--entity E] [--key K] [--limit N] [--offset N]\n"
	"                     [--format table|json] [--db FILE]\n"
	"\n"
	"The audit trail, newest first: who changed what, when, before and after\n"
	"(only the changed fields of an update). An import is one entry (action\n"
	"import, key: the file's name, after: its counts and the digests of its rows)\n"
	"followed by an insert, with the import's id, for each row it inserted, with\n"
	"the row as the import wrote it.\n"
	"\n"
	"  --entity E   only entries of this entity: unit, project, listing, report,\n"
	"               target, indicator, setting, user, api_token, bulletin,\n"
	"               ranking_round\n"
	"  --key K      only entries of this key (a ref, REF/YEAR, REF/MONTH, a code)\n"
	"  --limit N    at most N entries (default 100)\n"
	"  --offset N   skip the first N entries (default 0)\n"
	"  --format F   table (default on a terminal), json\n"
	"  --db FILE    the database (default $BALLAST_DB, else ./ballast.db)\n";

struct audit_args {
	const char *db, *entity, *key, *format;
	int64_t limit, offset;
};

static int take_number(const char *cmd, const struct cli_opt *o, const char *s)
{
	int64_t *out = o->dst;

	if (parse_int(s, out) || *out < o->arg) {
		cli_error(cmd, "--%s %s: not a number from %d", o->name, s, o->arg);
		return -1;
	}
	return 0;
}

/* -1 to go on, else the exit code. */
static int parse(int argc, char **argv, struct audit_args *a)
{
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &a->db }, { .name = "entity", .value = &a->entity },
		{ .name = "key", .value = &a->key },
		{ .name = "limit", .take = take_number, .dst = &a->limit, .arg = 1 },
		{ .name = "offset", .take = take_number, .dst = &a->offset, .arg = 0 },
		{ .name = "format", .value = &a->format },
	};
	int rc = cli_getopt("audit", usage_text, opts, CLI_N(opts), argc, argv);

	return rc < 0 && optind != argc ? cli_usage(usage_text) : rc;
}

static int add_row(void *ctx, const struct audit_entry *e)
{
	char id[24];
	const char *cells[8];

	snprintf(id, sizeof(id), "%lld", (long long)e->id);
	cells[0] = id;
	cells[1] = e->at;
	cells[2] = e->actor;
	cells[3] = e->action;
	cells[4] = e->entity;
	cells[5] = e->key;
	cells[6] = e->before ? e->before : "";
	cells[7] = e->after ? e->after : "";
	out_table_row(ctx, cells);
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	static const char *const head[8] = { "id", "at", "actor", "action", "entity", "key",
					     "before", "after" };
	struct audit_args a = { NULL, NULL, NULL, NULL, 100, 0 };
	struct out_table t;
	struct store *st;
	json_t *items = NULL;
	int rc = parse(argc, argv, &a), fmt;

	if (rc >= 0)
		return rc;
	fmt = cli_format(a.format, (1u << FMT_TABLE) | (1u << FMT_JSON), FMT_JSON);
	if (fmt < 0)
		return EXIT_USAGE;
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	out_table_init(&t, 8);
	out_table_row(&t, head);
	if (fmt == FMT_JSON)
		items = json_array();
	if (store_audit_each(st, a.entity, a.key, a.limit, a.offset,
			     fmt == FMT_JSON ? json_audit_add : add_row,
			     fmt == FMT_JSON ? (void *)items : (void *)&t)) {
		cli_error("audit", "%s", store_errmsg(st));
		rc = EXIT_USER;
	} else if (fmt == FMT_JSON) {
		rc = cli_print_json("audit", json_pack("{s:I, s:I, s:O}", "limit", (json_int_t)a.limit,
						       "offset", (json_int_t)a.offset, "items",
						       items)) ? EXIT_USER : 0;
	} else {
		out_table_print(&t, stdout);
		rc = 0;
	}
	json_decref(items);
	out_table_release(&t);
	store_close(st);
	return rc;
}
