/* problem_codes.c — the importer's sentences as codes (problem_codes.h). A
 * form is the sentence with {name} where a figure goes; a form ending in "…"
 * matches any sentence that starts with it. Keep this table in step with the
 * sentences: tests/unit/test_problem_codes.c holds one of each. */
#include <stdio.h>
#include <string.h>

#include "io/problem_codes.h"

struct form {
	const char *code, *form;
	const char *names[PROBLEM_PARAMS_MAX]; /* of the {}s, in order */
};

static const struct form forms[] = {
	{ "empty", "empty", { NULL } },
	{ "required", "required, but blank", { NULL } },
	{ "column_missing", "required column is missing", { NULL } },
	{ "column_twice", "the column appears twice", { NULL } },
	{ "unknown_column", "unknown column…", { NULL } },
	{ "file_empty", "the file is empty: no header row", { NULL } },
	{ "repeats_row", "repeats row {} of this file", { "row" } },
	{ "longer_than", "longer than {} bytes", { "bytes" } },
	{ "too_long", "too long", { NULL } },
	{ "control_char", "holds a control character or line break", { NULL } },
	{ "not_date", "not a date", { NULL } },
	{ "no_such_day", "no such day", { NULL } },
	{ "year_range", "year out of range (1900-2999)", { NULL } },
	{ "not_month", "not a month", { NULL } },
	{ "no_such_month", "no such month", { NULL } },
	{ "day_not_month", "a day, not a month", { NULL } },
	{ "month_range", "month out of range (2000-01 to 2099-12)", { NULL } },
	{ "not_year", "not a year", { NULL } },
	{ "not_number", "not a number", { NULL } },
	{ "not_whole", "not a whole number", { NULL } },
	{ "thousands_sep", "misplaced thousands separator", { NULL } },
	{ "decimals", "more than {} decimals", { "n" } },
	{ "decimals", "more than {} decimal", { "n" } },
	{ "percent_decimals", "more than 2 decimals in a percent", { NULL } },
	{ "negative", "must not be negative", { NULL } },
	{ "money_range", "out of range: more than 100000000000 万元 (10^15 yuan)", { NULL } },
	{ "money_range", "out of range: more than 10^15 yuan (100000000000 万元)", { NULL } },
	{ "number_range", "out of range: more than 100000000000", { NULL } },
	{ "out_of_range", "out of range", { NULL } },
	{ "not_bool", "not yes or no (是/否)", { NULL } },
	{ "not_tier", "not a tier (省/市/区 or province/city/district)", { NULL } },
	{ "not_attracted", "not 区级 (district) or 街道 (street)", { NULL } },
	{ "code_form", "not in the form YYMM-RRRRRR-DD-TT-NNNNNN", { NULL } },
	{ "code_month", "month in YYMM is not 01-12", { NULL } },
	{ "uscc_length", "not 18 characters", { NULL } },
	{ "invalid_char", "invalid character", { NULL } },
	{ "lowercase", "lowercase letters (use uppercase)", { NULL } },
	{ "check_char", "wrong check character (expected {})", { "expected" } },
	{ "no_unit", "no unit has this code or name", { NULL } },
	{ "unit_ambiguous", "several units have this name; use the unit code", { NULL } },
	{ "unit_kind", "is a {} ({}), not the kind of unit this column takes", { "kind", "label" } },
	{ "not_unit_kind", "not one of city 市, district 区, section 板块, street 街道, department 部门", { NULL } },
	{ "no_parent", "no unit has this code, in the database or in this file", { NULL } },
	{ "parent_loop", "the parents form a loop", { NULL } },
	{ "no_project", "no project has this ref (import projects first)", { NULL } },
	/* leader linkage: a 挂钩领导 cell's names */
	{ "no_leader", "no leader account has this username or name", { NULL } },
	{ "leader_ambiguous", "several leader accounts have this name; use the username", { NULL } },
	{ "too_many_leaders", "more than 16 leaders", { NULL } },
	{ "stage_order", "later than the {} ({}) date {}: stage dates never go backwards", { "stage", "label", "date" } },
	{ "year_blank", "blank, but tiers or an annual plan are given", { NULL } },
	{ "month_plan_sum", "the month-by-month plan adds up to {} yuan, not the annual plan ({} yuan)", { "sum", "annual" } },
	{ "stored_month_plan", "differs from the stored month-by-month plan ({} yuan); import a listings file to change both", { "sum" } },
	{ "not_measure", "not a measure…", { NULL } },
	{ "one_tier", "a target has one tier, or none for all", { NULL } },
	{ "due_year", "not in the target's year {}", { "year" } },
	{ "rate_range", "a rate from 0 to 100%", { NULL } },
	{ "growth_range", "a growth rate from -100% to 100%", { NULL } },
	{ "count_range", "a count from 0 to 1000000", { NULL } },
	{ "not_indicator", "not an indicator…", { NULL } },
	{ "not_spreadsheet", "not a spreadsheet…", { NULL } },
	{ "damaged", "the workbook is damaged…", { NULL } },
	{ "encrypted", "the workbook is password-protected…", { NULL } },
	{ "no_sheets", "the workbook has no sheets", { NULL } },
	{ "encoding", "the input is neither UTF-8 nor GB18030…", { NULL } },
	{ "too_many_rows", "too large: more than {} rows (the limit is {})", { "rows", "limit" } },
	/* ui14 (issue #14 item 10): a project's coordinates */
	{ "lng_range", "out of range: a longitude is from -180 to 180", { NULL } },
	{ "lat_range", "out of range: a latitude is from -90 to 90", { NULL } },
	{ "coord_pair", "blank, but the other coordinate is given: a point needs both 经度 and 纬度", { NULL } },
};

/* Match s against form fm, filling out's figures; 1 on a match. A figure
 * runs to the first place the literal text after it occurs (the last one to
 * the end of s). */
static int match(const struct form *fm, const char *s, struct problem_code *out)
{
	static const char ellipsis[] = "…";
	const char *f = fm->form;

	out->n = 0;
	while (*f) {
		if (!strcmp(f, ellipsis))
			return 1;
		if (f[0] == '{' && f[1] == '}') {
			const char *next = f + 2, *end;
			size_t lit = strcspn(next, "{");
			char want[64];

			if (lit) {
				snprintf(want, sizeof(want), "%.*s", (int)(lit < 63 ? lit : 63), next);
				end = strstr(s, want);
			} else {
				end = s + strlen(s);
			}
			if (!end || end == s || out->n >= PROBLEM_PARAMS_MAX)
				return 0;
			out->params[out->n].name = fm->names[out->n];
			snprintf(out->params[out->n].value, sizeof(out->params[0].value), "%.*s",
				 (int)(end - s), s);
			out->n++;
			s = end;
			f = next;
			continue;
		}
		if (*f != *s)
			return 0;
		f++;
		s++;
	}
	return !*s;
}

void problem_code(const char *message, struct problem_code *out)
{
	size_t i;

	for (i = 0; message && i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (match(&forms[i], message, out)) {
			out->code = forms[i].code;
			return;
		}
	}
	out->code = "other";
	out->n = 0;
}
