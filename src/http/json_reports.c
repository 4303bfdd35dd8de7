/* json_reports.c — a report of the month's list as jansson values or as the
 * same text (json_reports.h). */
#include "core/model.h"
#include "http/json_reports.h"

const char *month_row_status(const struct month_row *row)
{
	if (!row->has)
		return "missing";
	return report_status_keys[row->r.status < REPORT_STATUS__MAX ? row->r.status
								      : REPORT_SUBMITTED];
}

static json_t *amount(int64_t v)
{
	return v == AMOUNT_NONE ? json_null() : json_integer((json_int_t)v);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *month_row_report_json(const struct month_row *row)
{
	const struct snapshot_report *r = &row->r;

	if (!row->has)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:I, s:o, s:o, s:o, s:o, s:o}",
			 "invest_yuan", amount(r->invest), "output_yuan", amount(r->output),
			 "progress", str_or_null(r->progress), "problems", str_or_null(r->problems),
			 "status", month_row_status(row), "version", (json_int_t)r->version,
			 "return_reason", str_or_null(r->return_reason), "submitted_by",
			 str_or_null(r->submitted_by), "submitted_at", str_or_null(r->submitted_at),
			 "verified_by", str_or_null(r->verified_by), "verified_at",
			 str_or_null(r->verified_at));
}

/* jansson's dump_string without flags: the two mandatory escapes, the short
 * forms of five control characters, \uXXXX (upper case) for the others. */
void json_str_jansson(struct buf *b, const char *s)
{
	buf_add_json_str_as(b, s, 1);
}

static void member_str(struct buf *b, const char *key, const char *v)
{
	buf_adds(b, ",\"");
	buf_adds(b, key);
	buf_adds(b, "\":");
	if (v)
		json_str_jansson(b, v);
	else
		buf_adds(b, "null");
}

static void member_amount(struct buf *b, const char *key, int64_t v)
{
	buf_addch(b, '"');
	buf_adds(b, key);
	buf_adds(b, "\":");
	if (v == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		buf_add_int(b, v);
}

void month_row_report_text(struct buf *b, const struct month_row *row)
{
	const struct snapshot_report *r = &row->r;

	if (!row->has) {
		buf_adds(b, "null");
		return;
	}
	buf_addch(b, '{');
	member_amount(b, "invest_yuan", r->invest);
	buf_addch(b, ',');
	member_amount(b, "output_yuan", r->output);
	member_str(b, "progress", r->progress);
	member_str(b, "problems", r->problems);
	member_str(b, "status", month_row_status(row));
	buf_adds(b, ",\"version\":");
	buf_add_int(b, r->version);
	member_str(b, "return_reason", r->return_reason);
	member_str(b, "submitted_by", r->submitted_by);
	member_str(b, "submitted_at", r->submitted_at);
	member_str(b, "verified_by", r->verified_by);
	member_str(b, "verified_at", r->verified_at);
	buf_addch(b, '}');
}
