/* res_export.c — downloads: GET /api/v1/export/:kind?format=csv|xlsx (what
 * import reads, the same files as `ballast export`) and GET
 * /api/v1/templates/:kind (an import template to fill in, as `ballast
 * template`). An export holds every project, so only the roles that see every
 * project may take one; section and department users export their own list
 * from the projects page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/params.h"
#include "http/routes.h"
#include "io/export.h"
#include "io/import.h"
#include "io/xlsx_template.h"

#define DOWNLOAD_MAX ((size_t)512 << 20)

static const char *const XLSX_MIME =
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

static void attachment(struct http_resp *rs, const char *name, const char *ext)
{
	struct buf d = BUF_INIT;

	/* RFC 6266: an ASCII fallback and the UTF-8 name. */
	buf_addf(&d, "attachment; filename=\"ballast-%s.%s\"", name, ext);
	rs->disposition = buf_detach(&d, NULL);
}

void h_export(struct http_req *rq, struct http_resp *rs)
{
	const char *format = req_query(rq, "format"), *header = req_query(rq, "header");
	int kind = import_kind_from_key(rq->captures[0]), xlsx;
	struct export_request er;
	struct buf err = BUF_INIT;

	if (kind < 0 || kind == FILE_TARGETS) {
		resp_bad_request(rs, "kind", "export units, projects, listings, reports, "
				 "indicators, items, supplies, demolition, applications, calendar, leads, taxes or funds");
		return;
	}
	if (rq->actor.role == ROLE_SECTION || rq->actor.role == ROLE_DEPARTMENT) {
		resp_fail(rs, HE_FORBIDDEN, "an export holds every project; export your "
			   "projects from the project list", "导出包含全部项目，请在项目库中导出本单位项目",
			   NULL);
		return;
	}
	xlsx = format && !strcmp(format, "xlsx");
	if (format && !xlsx && strcmp(format, "csv")) {
		resp_bad_request(rs, "format", "format is csv or xlsx");
		return;
	}
	memset(&er, 0, sizeof(er));
	er.kind = (enum file_kind)kind;
	er.zh = xlsx || (header && !strcmp(header, "zh"));
	er.bom = !xlsx;
	er.xlsx = xlsx;
	er.mem = &rs->body;
	er.max = DOWNLOAD_MAX;
	buf_reset(&rs->body);
	if (export_run(rq->st, &er, &err)) {
		buf_reset(&rs->body);
		resp_fail(rs, HE_INTERNAL, err.len ? err.s : "cannot write the export",
			   "无法生成导出文件", NULL);
	} else {
		rs->status = 200;
		rs->content_type = xlsx ? XLSX_MIME : "text/csv; charset=utf-8";
		attachment(rs, rq->captures[0], xlsx ? "xlsx" : "csv");
	}
	buf_release(&err);
}

void h_template(struct http_req *rq, struct http_resp *rs)
{
	struct buf err = BUF_INIT;
	struct dataset units;
	int kind = import_kind_from_key(rq->captures[0]);
	char *data = NULL;
	size_t len = 0;

	if (kind < 0) {
		resp_bad_request(rs, "kind", "a template of units, projects, listings, reports, "
				 "targets, indicators, items, supplies, demolition, applications, calendar, leads, taxes or funds");
		return;
	}
	if (load_units(rq, rs, &units))
		return;
	if (xlsx_template_mem((enum file_kind)kind, units.units, units.n_units, &data, &len, &err)) {
		resp_fail(rs, HE_INTERNAL, err.len ? err.s : "cannot make the template",
			   "无法生成模板", NULL);
	} else {
		buf_reset(&rs->body);
		buf_add(&rs->body, data, len);
		rs->status = 200;
		rs->content_type = XLSX_MIME;
		attachment(rs, rq->captures[0], "template.xlsx");
	}
	free(data);
	buf_release(&err);
	dataset_release(&units);
}
