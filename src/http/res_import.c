/* res_import.c — POST /api/v1/import/:kind[?dry_run=1]: a file uploaded from
 * the web UI (the request body: CSV, XLSX or XLS bytes), checked and written
 * by the importer that `ballast import` uses (io/import.c), all rows or none,
 * with every problem as a row the UI can show in a table, its sentence also
 * as a code with figures (io/problem_codes.h) for the UI to translate. The importer checks
 * that the caller's role may write the kind (units: admins only), as it does
 * for the CLI's --actor: 403 forbidden otherwise. The upload is kept
 * in a private temporary file while it is read (the readers work on files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/params.h"
#include "http/routes.h"
#include "io/import.h"
#include "io/problem_codes.h"
#include "util/tmpfile.h"

#define PROBLEMS_MAX 1000 /* rows of problems returned; the rest are counted */

struct collect {
	json_t *problems, *warnings;
};

static void on_problem(void *ctx, const struct import_problem *p)
{
	struct collect *c = ctx;
	json_t *to = p->warning ? c->warnings : c->problems, *params;
	struct problem_code pc;
	int i;

	if (json_array_size(to) >= PROBLEMS_MAX)
		return;
	problem_code(p->message, &pc);
	params = json_object();
	for (i = 0; i < pc.n; i++)
		json_object_set_new(params, pc.params[i].name, json_string(pc.params[i].value));
	json_array_append_new(to, json_pack("{s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "row",
		p->row ? json_integer((json_int_t)p->row) : json_null(), "column",
		p->column ? json_string(p->column) : json_null(), "label",
		p->label ? json_string(p->label) : json_null(), "value",
		p->value ? json_string(p->value) : json_null(), "message", p->message,
		"code", pc.code, "params", params));
}

void h_import(struct http_req *rq, struct http_resp *rs)
{
	const char *kind = rq->captures[0];
	struct scope_query q;
	struct buf path = BUF_INIT;
	struct import_request ir;
	struct import_result res;
	struct collect c = { NULL, NULL };
	json_t *doc;
	int k = import_kind_from_key(kind), fd = -1, rc;

	if (k < 0) {
		resp_bad_request(rs, "kind", "import units, projects, listings, reports, targets, "
				 "indicators, items, supplies, demolition, applications, calendar, leads, taxes or funds");
		return;
	}
	if (http_scope_query(rq, rs, SP_BIT(SP_DRY_RUN), &q))
		return;
	if (!rq->body_len) {
		resp_fail(rs, HE_EMPTY, "the upload is empty", "上传的文件为空", "file");
		return;
	}
	fd = tmpfile_private("upload", &path, NULL);
	if (fd < 0 || write(fd, rq->body, rq->body_len) != (ssize_t)rq->body_len) {
		resp_fail(rs, HE_INTERNAL, "cannot store the upload", "服务器无法保存上传文件",
			   NULL);
		goto out;
	}
	memset(&ir, 0, sizeof(ir));
	ir.kind = (enum file_kind)k;
	ir.path = path.s;
	ir.name = "upload";
	ir.dry_run = q.dry_run;
	ir.actor = &rq->actor; /* the importer checks the kind's resource itself */
	ir.on_problem = on_problem;
	c.problems = json_array();
	c.warnings = json_array();
	ir.ctx = &c;
	rc = import_run(rq->st, &ir, &res, NULL);
	if (res.forbidden) {
		struct buf msg = BUF_INIT;

		buf_addf(&msg, "your role may not import %s", kind);
		resp_fail(rs, HE_FORBIDDEN, msg.s, "您的角色无权导入此类数据", NULL);
		buf_release(&msg);
		goto out;
	}
	doc = json_pack("{s:s, s:b, s:b, s:b, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:O, s:O}",
			"kind", kind, "dry_run", ir.dry_run, "ok", rc == 0, "written",
			rc == 0 && !ir.dry_run, "summary", "rows", (json_int_t)res.rows, "new",
			(json_int_t)res.inserted, "changed", (json_int_t)res.updated, "unchanged",
			(json_int_t)res.unchanged, "problems", (json_int_t)res.problems,
			"warnings", (json_int_t)res.warnings, "problems", c.problems,
			"warnings", c.warnings);
	/* A check that finds problems did its job (200); an import refused is 422. */
	if (rc && !ir.dry_run) {
		resp_fail_doc(rs, HE_REFUSED, doc);
	} else {
		resp_json(rs, 200, doc);
	}
out:
	if (fd >= 0) {
		close(fd);
		unlink(path.s);
	}
	buf_release(&path);
	json_decref(c.problems);
	json_decref(c.warnings);
}
