/* json_reports.h — the month's report list (GET /reports) from the
 * snapshot: its rows chosen and written straight into the answer's text,
 * member for member what the jansson document used to be (a city's month
 * was 16,000 objects built and freed per request; bench/README.md). */
#ifndef BL_JSON_REPORTS_H
#define BL_JSON_REPORTS_H

#include <jansson.h>
#include <stddef.h>

#include "snap/snapshot.h"
#include "util/buf.h"

/* A row of the list: project i of the dataset and its report (has: 0, none). */
struct month_row {
	size_t i;
	int has;
	struct snapshot_report r;
};

/* The report's status key as the list shows it ("missing": none; a status
 * this binary does not know reads as submitted, as the store reads it). */
const char *month_row_status(const struct month_row *row);
/* The row's report as the jansson object {"invest_yuan", …, "verified_at"}
 * (json_null() when none), for the spreadsheet. */
json_t *month_row_report_json(const struct month_row *row);
/* Append the row's report object as text, byte for byte json_dumps of
 * month_row_report_json (compact, members in order). */
void month_row_report_text(struct buf *b, const struct month_row *row);
/* Append s as jansson writes a string (compact, no ASCII escaping). */
void json_str_jansson(struct buf *b, const char *s);

#endif
