/* workflow.c — `ballast workflow [NAME]`: a workflow's table as core/workflow.c
 * holds it (DOMAIN.md §3: reports, change requests to an issued plan, actual
 * dates entered after the issue): who may do which action from which
 * status, to which status, on what condition. For people checking the rules,
 * and for the tests, which fail when the table has a status, action or role
 * they have no expectation for. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out_table.h"
#include "core/workflow.h"
#include "util/buf.h"

static const char usage_text[] =
	"usage: ballast workflow [NAME] [--format table|json]\n"
	"\n"
	"The table of a workflow: from which status, which action, by whom, to which\n"
	"status, on what condition. NAME is report (default: the monthly reports\n"
	"月度填报), item (supervision items 督办事项), change (a change to an issued\n"
	"year's plan, 计划变更) or actual (an actual date a section entered after the\n"
	"issue, 实际日期确认). \"office\" is a coordinator or an admin; \"own\" a section\n"
	"user on a project of its subtree (and, for an item, the department user that\n"
	"owns it). Other roles read and change nothing (403); a record the caller\n"
	"cannot see answers 404. Needs no database.\n"
	"\n"
	"  --format F  table (default), json\n";

/* The from-statuses of mask as keys ("none" first), into a JSON array. */
static json_t *from_json(const struct workflow_def *d, unsigned mask)
{
	json_t *a = json_array();
	int s;

	if (mask & WF_FROM_NONE)
		json_array_append_new(a, json_string("none"));
	for (s = 0; s < d->n_statuses; s++)
		if (mask & WF_BIT(s))
			json_array_append_new(a, json_string(d->status_keys[s]));
	return a;
}

static json_t *roles_json(unsigned roles)
{
	json_t *a = json_array();
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		if (roles & (1u << r))
			json_array_append_new(a, json_string(role_keys[r]));
	return a;
}

static json_t *def_json(const struct workflow_def *d)
{
	json_t *root = json_object(), *a, *rules = json_array(), *other = json_object();
	size_t i;
	int k;

	json_object_set_new(root, "workflow", json_string(d->key));
	json_object_set_new(root, "label", json_string(d->label));
	json_object_set_new(root, "statuses", from_json(d, ~WF_FROM_NONE));
	a = json_array();
	for (k = 0; k < WA__MAX; k++)
		if (d->actions & (1u << k))
			json_array_append_new(a, json_string(wf_action_keys[k]));
	json_object_set_new(root, "actions", a);
	json_object_set_new(root, "roles", roles_json(~0u));
	json_object_set_new(root, "parties", json_pack("{s:o, s:o}", wf_party_keys[WP_OFFICE],
		roles_json(d->office_roles), wf_party_keys[WP_OWN], roles_json(d->own_roles)));
	json_object_set_new(root, "own", json_string(d->own_label));
	for (i = 0; i < d->n_rules; i++) {
		const struct wf_rule *r = &d->rules[i];
		json_t *who = json_array(), *conds = json_array();

		for (k = 0; k < WP__MAX; k++)
			if (r->who & (1u << k))
				json_array_append_new(who, json_string(wf_party_keys[k]));
		if (r->conds & WFC_REASON)
			json_array_append_new(conds, json_string("reason"));
		if (r->conds & WFC_AMENDMENT)
			json_array_append_new(conds, json_string("amendment"));
		json_array_append_new(rules, json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}",
			"from", from_json(d, r->from), "action", wf_action_keys[r->act], "who", who,
			"to", r->refuse != WFO_OK ? json_null() : r->to == WF_UNCHANGED ?
			json_string("unchanged") : json_string(d->status_keys[r->to]),
			"refused", r->refuse != WFO_OK ? json_string(wf_outcome_keys[r->refuse]) :
			json_null(), "conditions", conds));
	}
	json_object_set_new(root, "rules", rules);
	for (k = 0; k < WA__MAX; k++)
		if (d->actions & (1u << k))
			json_object_set_new(other, wf_action_keys[k], json_string(
				wf_outcome_keys[d->otherwise[k] == WFO_SKIP ? WFO_SKIP :
						WFO_WRONG_STATUS]));
	json_object_set_new(root, "otherwise", other);
	return root;
}

/* The text of an array of strings, joined by ", ". */
static void join(struct buf *b, json_t *a)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < json_array_size(a); i++)
		buf_addf(b, "%s%s", i ? ", " : "", json_string_value(json_array_get(a, i)));
}

static void print_table(json_t *doc)
{
	json_t *rules = json_object_get(doc, "rules"), *parties = json_object_get(doc, "parties");
	struct buf from = BUF_INIT, who = BUF_INIT, cond = BUF_INIT, to = BUF_INIT;
	struct out_table t;
	const char *key;
	json_t *v;
	size_t i;

	printf("%s (%s)\n", json_string_value(json_object_get(doc, "label")),
	       json_string_value(json_object_get(doc, "workflow")));
	join(&who, json_object_get(parties, "office"));
	printf("office = %s", who.s);
	printf("; own = %s\n\n", json_string_value(json_object_get(doc, "own")));
	out_table_init(&t, 5);
	out_table_row(&t, (const char *const[]){ "from", "action", "who", "to", "condition" });
	for (i = 0; i < json_array_size(rules); i++) {
		json_t *r = json_array_get(rules, i);

		join(&from, json_object_get(r, "from"));
		join(&who, json_object_get(r, "who"));
		join(&cond, json_object_get(r, "conditions"));
		buf_reset(&to);
		if (json_is_string(json_object_get(r, "to")))
			buf_adds(&to, json_string_value(json_object_get(r, "to")));
		else
			buf_addf(&to, "refused: %s",
				 json_string_value(json_object_get(r, "refused")));
		out_table_row(&t, (const char *const[]){ from.s, json_string_value(
			json_object_get(r, "action")), who.s, to.s, cond.s });
	}
	out_table_print(&t, stdout);
	out_table_release(&t);
	printf("\nfrom any other status:");
	json_object_foreach(json_object_get(doc, "otherwise"), key, v)
		printf(" %s %s;", key, json_string_value(v));
	printf("\nroles that are neither party: refused (forbidden)\n");
	buf_release(&from);
	buf_release(&who);
	buf_release(&cond);
	buf_release(&to);
}

int cmd_workflow(int argc, char **argv)
{
	const char *format = NULL;
	const struct cli_opt opts[] = { { .name = "format", .value = &format } };
	json_t *doc;
	int fmt, wf = WF_REPORT;

	fmt = cli_getopt("workflow", usage_text, opts, CLI_N(opts), argc, argv);
	if (fmt >= 0)
		return fmt;
	if (argc - optind > 1)
		return cli_usage(usage_text);
	if (optind < argc) {
		wf = workflow_from_key(argv[optind]);
		if (wf < 0) {
			cli_error("workflow", "%s: no such workflow (report, item, change, actual)",
				  argv[optind]);
			return EXIT_USAGE;
		}
	}
	fmt = cli_format(format, 1u << FMT_TABLE | 1u << FMT_JSON, FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	doc = def_json(workflow_def((enum workflow)wf));
	if (fmt == FMT_JSON) {
		json_dumpf(doc, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', stdout);
	} else {
		print_table(doc);
	}
	json_decref(doc);
	return fflush(stdout) ? EXIT_USER : 0;
}
