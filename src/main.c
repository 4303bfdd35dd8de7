/* main.c — the ballast binary: a table of subcommands in the style of git. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "init", cmd_init, "create an empty database at the current schema version" },
	{ "demo", cmd_demo, "create a database holding the demo district" },
	{ "import", cmd_import, "import units|projects|listings|reports|targets from CSV, XLSX or XLS" },
	{ "export", cmd_export, "export projects|listings|reports|measures|warnings" },
	{ "template", cmd_template, "an Excel import template (projects, listings, …)" },
	{ "measures", cmd_measures, "the five rates and the other measures (五率)" },
	{ "targets", cmd_targets, "every target with its measure and status" },
	{ "warnings", cmd_warnings, "red/yellow warnings with their reasons" },
	{ "overview", cmd_overview, "a one-screen overview of a year" },
	{ "ranking", cmd_ranking, "the section contest of a district's month (比武打擂)" },
	{ "bulletin", cmd_bulletin, "a district's monthly bulletin as HTML, PDF or XLSX (月度通报)" },
	{ "items", cmd_items, "supervision items (督办事项) with level, deadline and status as of a day" },
	{ "escalate", cmd_escalate, "escalate the items past their deadline by one level (daily)" },
	{ "serve", cmd_serve, "the web UI and the JSON API" },
	{ "settings", cmd_settings, "warning thresholds, contest weights, bulletin title (list, get, set)" },
	{ "user", cmd_user, "accounts and their upkeep: add, list, disable, reset, set-role, revoke …" },
	{ "workflow", cmd_workflow, "who may do what to a report, an item or a change request, from which status" },
	{ "plan", cmd_plan, "issue a year's plan (任务书) and show its state" },
	{ "change-requests", cmd_changes, "changes to an issued plan: list, approve, reject, withdraw" },
	{ "verify", cmd_verify, "check the database and its audit chain" },
	{ "audit", cmd_audit, "the audit trail, newest first: who changed what, before and after" },
	{ "backup", cmd_backup, "a consistent copy of the database, online" },
	/* visits */
	{ "visits", cmd_visits, "site visits (走访, 现场督办) with their findings" },
	{ "schedule", cmd_schedule, "the bimonthly on-site supervision schedule (双月现场督办)" },
	/* element guarantees and demolition task books (DOMAIN.md §7) */
	{ "supplies", cmd_supplies, "element guarantees (要素保障): need vs supplied, who waits" },
	{ "demolition", cmd_demolition, "demolition task books (征拆任务书) and their status" },
	/* policy fulfilment (h-funds) */
	{ "applications", cmd_applications, "special-fund applications (政策兑现) with their step and overdue working days" },
	{ "fund", cmd_fund, "policies, fund application steps and the working-day calendar (政策兑现)" },
	/* h-leads */
	{ "leads", cmd_leads, "the shared lead pool (招商线索) and the 双招双引 counts" },
	/* revenue sharing and industrial funds */
	{ "ledger", cmd_ledger, "the revenue-sharing ledger (招商共享): district and street shares per project and year" },
	/* leader linkage */
	{ "leaders", cmd_leaders, "leader accounts and their projects (领导挂钩): link, unlink" },
	{ "lists", cmd_lists, "named project lists (tags), a filter everywhere: set, show, delete" },
	/* h-copy: moving between SQLite and PostgreSQL (issue #17) */
	{ "copy", cmd_copy, "copy a database into a new one, SQLite or PostgreSQL, verified equal" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ballast COMMAND [options]  (ballast COMMAND --help)\n\n"
		   "ballast runs a district's major-project drive (重大项目建设提速行动).\n\n"
		   "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nThe database is --db FILE, else $BALLAST_DB, else ./ballast.db.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("ballast 0.1.0 (schema %d)\n", store_schema_version());
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ballast: '%s' is not a command; see 'ballast --help'\n", argv[1]);
	return EXIT_USAGE;
}
