/* list_xlsx.h — every list of the UI to Excel: a list as its route answers it
 * (a JSON array of objects, already filtered and limited to what the caller
 * may see) written as an XLSX workbook through the writer `ballast export`
 * uses (xlsx_write.h): one sheet of the rows, with Chinese headers, typed
 * cells (万元, percents, real dates) and the codes shown by their Chinese
 * labels, and a second sheet 条件 with the filters the list was taken with.
 * The kinds and their columns are one table (list_xlsx.c). */
#ifndef BL_IO_LIST_XLSX_H
#define BL_IO_LIST_XLSX_H

#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/error.h"

enum list_kind {
	LK_PROJECTS,        /* GET /projects: 项目清单 */
	LK_WARNINGS,        /* GET /warnings: 预警 */
	LK_REPORTS,         /* GET /reports: 月报 (未报送, the verify queue, …) */
	LK_TARGETS,         /* GET /targets: 目标任务 */
	LK_RANKING,         /* GET /ranking: 比武打擂 */
	LK_RANKING_HISTORY, /* GET /ranking/history: one row per round and section */
	LK_AUDIT,           /* GET /audit: 审计日志 */
	LK_ITEMS,           /* GET /items: 督办事项 */
	/* element guarantees and demolition task books */
	LK_SUPPLIES,        /* GET /supplies: 要素保障 (section × element matrix) */
	LK_DEMOLITION,      /* GET /demolition: 征拆任务书 */
	LK_APPLICATIONS,    /* GET /applications: 政策兑现 (h-funds) */
	/* revenue sharing and industrial funds (res_sharing.c) */
	LK_LEDGER,          /* GET /ledger: 招商分成台账, its 合计 row last */
	LK_FUNDS,           /* GET /funds: 产业基金 */
	LK__MAX
};
extern const char *const list_kind_keys[LK__MAX]; /* "projects", … (file names) */

/* Write items (an array of objects; borrowed) as kind k into out (appended;
 * at most max bytes), built in a private temporary file under $TMPDIR that is
 * removed afterwards. caption (borrowed; may be NULL) is an array of
 * [label, value] pairs of text, written to the sheet 条件. BL_OK, or an error
 * with a sentence in err (may be NULL). */
enum bl_err list_xlsx(enum list_kind k, json_t *items, json_t *caption, struct buf *out,
		      size_t max, struct buf *err);

#endif
