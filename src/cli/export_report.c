/* export_report.c — `ballast export measures|warnings`: the CSV that the
 * measures and warnings commands print, written whole or not at all; or the
 * same table as an XLSX sheet with typed cells (rates as percents, money in
 * 万元, Chinese headers). The commands print to standard output, so this points
 * standard output at the file (CSV) or at a scratch file that is read back as
 * CSV (XLSX) while the command runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/export.h"
#include "core/model.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "util/xalloc.h"

#define MAX_SCRATCH ((long)256 << 20)
#define MAX_COLS 64

/* The command line of the measures or warnings command; argv holds 24. */
static int build_argv(const struct report_export *rx, const char **argv)
{
	int argc = 0;

	argv[argc++] = rx->what;
#define OPT(name, value)                          \
	do {                                      \
		if (value) {                      \
			argv[argc++] = name;      \
			argv[argc++] = value;     \
		}                                 \
	} while (0)
	OPT("--db", rx->db);
	OPT("--year", rx->year);
	OPT("--asof", rx->asof);
	OPT("--by", rx->by);
	OPT("--tier", rx->tier);
	OPT("--section", rx->section);
	OPT("--department", rx->department);
	OPT("--min", rx->min);
#undef OPT
	if (rx->industrial)
		argv[argc++] = "--industrial";
	argv[argc++] = "--format";
	argv[argc++] = "csv";
	argv[argc] = NULL;
	return argc;
}

/* Run the command with its standard output going to fp. */
static int run_into(const struct report_export *rx, FILE *fp)
{
	const char *argv[24];
	int argc = build_argv(rx, argv), rc, saved;

	if (rx->bom)
		fputs("\xef\xbb\xbf", fp);
	fflush(fp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	if (saved < 0 || dup2(fileno(fp), STDOUT_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		cli_error("export", "cannot redirect the output");
		return EXIT_USER;
	}
	rc = rx->what[0] == 'm' ? cmd_measures(argc, (char **)argv)
				: cmd_warnings(argc, (char **)argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return rc;
}

/* ---- XLSX: the CSV's columns with labels and types ---- */

struct report_col {
	char label[128];
	enum xw_type type;
	int yuan;   /* the CSV has yuan; the sheet shows 万元 */
	int level;  /* warning levels: red → 红 */
};

static const struct {
	const char *key, *label;
	enum xw_type type;
	int yuan;
} fixed_cols[] = {
	{ "by", "分组", XW_CODE, 0 },
	{ "key", "代码", XW_CODE, 0 },
	{ "projects", "项目数", XW_INT, 0 },
	{ "new_starts", "新开工数", XW_INT, 0 },
	{ "completions", "竣工数", XW_INT, 0 },
	{ "investment_yuan", "完成投资（万元）", XW_WANYUAN, 1 },
	{ "annual_plan_yuan", "年度计划投资（万元）", XW_WANYUAN, 1 },
	{ "land_to_start_count", "拿地即开工项目数", XW_INT, 0 },
	{ "land_to_start_median_days", "拿地到开工天数（中位数）", XW_NUMBER, 0 },
	{ "land_to_start_max_days", "拿地到开工天数（最长）", XW_INT, 0 },
	{ "ref", "项目编号", XW_CODE, 0 },
	{ "section", "所属板块", XW_CODE, 0 },
	{ "rule", "预警规则", XW_CODE, 0 },
	{ "rule_label", "预警类型", XW_CODE, 0 },
	{ "level", "等级", XW_CODE, 0 },
	{ "reason", "原因", XW_TEXT, 0 },
};

/* The label and type of the CSV column key. */
static void map_column(const char *what, const char *key, int zh, struct report_col *c)
{
	size_t i, n;
	int k;

	memset(c, 0, sizeof(*c));
	snprintf(c->label, sizeof(c->label), "%s", key);
	c->type = XW_NUMBER;
	c->level = !strcmp(key, "level");
	if (!strcmp(key, "name")) {
		if (zh)
			snprintf(c->label, sizeof(c->label), "%s",
				 what[0] == 'm' ? "名称" : "项目名称");
		c->type = XW_TEXT;
		return;
	}
	for (i = 0; i < sizeof(fixed_cols) / sizeof(fixed_cols[0]); i++) {
		if (strcmp(key, fixed_cols[i].key))
			continue;
		if (zh)
			snprintf(c->label, sizeof(c->label), "%s", fixed_cols[i].label);
		c->type = fixed_cols[i].type == XW_WANYUAN && !zh ? XW_INT : fixed_cols[i].type;
		c->yuan = fixed_cols[i].yuan && zh;
		return;
	}
	for (k = 0; k < MEASURE__MAX; k++) {
		const struct measure_info *m = &measure_info[k];
		int money = k == M_INVESTMENT_COMPLETION;

		n = strlen(m->key);
		if (m->kind != MK_RATE || strncmp(key, m->key, n))
			continue;
		if (!key[n]) {
			if (zh)
				snprintf(c->label, sizeof(c->label), "%s", m->label_zh);
			c->type = XW_PERCENT;
			return;
		}
		if (strcmp(key + n, "_num") && strcmp(key + n, "_den"))
			continue;
		if (zh)
			snprintf(c->label, sizeof(c->label), "%s（%s%s）", m->label_zh,
				 key[n + 1] == 'n' ? "分子" : "分母", money ? "，万元" : "");
		c->type = money ? (zh ? XW_WANYUAN : XW_INT) : XW_INT;
		c->yuan = money && zh;
		return;
	}
}

static const char *zh_value(const struct report_col *c, const char *v)
{
	static const struct { const char *en, *zh; } words[] = {
		{ "red", "红" }, { "yellow", "黄" }, { "none", "合计" }, { "tier", "层级" },
		{ "section", "板块" }, { "department", "部门" }, { "month", "月份" },
		{ "industry", "产业链" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(v, words[i].en) && (c->level || !strcmp(c->label, "分组")))
			return words[i].zh;
	return v;
}

static void put_cell(struct xlsx_writer *w, size_t col, const struct report_col *c,
		     const char *v, int zh)
{
	char *end;
	double d;

	if (!*v)
		return;
	if (c->type == XW_TEXT || c->type == XW_CODE) {
		/* A workbook stores text as text: no formula guard there. */
		v = csv_field_unguard(v);
		xw_text(w, col, zh ? zh_value(c, v) : v);
		return;
	}
	d = strtod(v, &end);
	if (*end)
		xw_text(w, col, v);
	else
		xw_num(w, col, c->yuan ? d / 10000.0 : d);
}

/* Write the CSV in data as a sheet of the workbook at path. */
static int csv_to_xlsx(const struct report_export *rx, const char *data, size_t len,
		       const char *path)
{
	struct csv_reader *r = NULL;
	struct xlsx_writer *w = NULL;
	struct report_col *rc = NULL;
	struct xw_col xc[MAX_COLS];
	struct buf err = BUF_INIT;
	char **f;
	size_t n, i, ncols = 0;
	int fail = 1;

	if (csv_open_mem(data, len, &r, &err) || csv_next(r, &f, &n, &err) ||
	    xw_open(path, &w, &err))
		goto out;
	ncols = n < MAX_COLS ? n : MAX_COLS;
	rc = xcalloc(ncols, sizeof(*rc));
	for (i = 0; i < ncols; i++) {
		map_column(rx->what, f[i], rx->zh, &rc[i]);
		xc[i].header = rc[i].label;
		xc[i].type = rc[i].type;
		xc[i].width = !strcmp(f[i], "reason") ? 70 : 0;
	}
	xw_sheet(w, rx->zh ? (rx->what[0] == 'm' ? "指标" : "预警") : rx->what, xc, ncols);
	while (csv_next(r, &f, &n, &err) == BL_OK) {
		for (i = 0; i < n && i < ncols; i++)
			put_cell(w, i, &rc[i], f[i], rx->zh);
		xw_row(w);
	}
	fail = 0;
out:
	if (w && xw_close(w, &err))
		fail = 1;
	if (fail)
		cli_error("export", "%s", err.len ? err.s : "cannot write the XLSX workbook");
	free(rc);
	csv_close(r);
	buf_release(&err);
	return fail ? -1 : 0;
}

/* Run the command into a scratch file and read it back; NULL on failure. */
static char *capture(const struct report_export *rx, size_t *len, int *rc)
{
	FILE *scratch = tmpfile();
	char *data = NULL;
	long size;

	*rc = EXIT_USER;
	if (!scratch) {
		cli_error("export", "cannot create a scratch file");
		return NULL;
	}
	*rc = run_into(rx, scratch);
	if (*rc)
		goto out;
	size = ftell(scratch);
	if (size < 0 || size > MAX_SCRATCH || fseek(scratch, 0, SEEK_SET)) {
		cli_error("export", "the %s table is too large", rx->what);
		*rc = EXIT_USER;
		goto out;
	}
	data = xmalloc((size_t)size + 1);
	*len = fread(data, 1, (size_t)size, scratch);
out:
	fclose(scratch);
	return data;
}

static int export_xlsx(const struct report_export *rx)
{
	struct export_file f;
	size_t len = 0;
	int rc;
	char *data = capture(rx, &len, &rc);

	if (!data)
		return rc ? rc : EXIT_USER;
	rc = EXIT_USER;
	if (!export_open_path("export", rx->out, &f)) {
		int ok = !csv_to_xlsx(rx, data, len, f.tmp);

		if (!export_close(&f, ok) && ok)
			rc = 0;
	}
	free(data);
	return rc;
}

int export_report(const struct report_export *rx)
{
	const char *argv[24];
	struct export_file f;
	int argc, rc;

	if (rx->xlsx)
		return export_xlsx(rx);
	if (!rx->out || (rx->out[0] == '-' && !rx->out[1])) {
		argc = build_argv(rx, argv);
		if (rx->bom)
			fputs("\xef\xbb\xbf", stdout);
		return rx->what[0] == 'm' ? cmd_measures(argc, (char **)argv)
					  : cmd_warnings(argc, (char **)argv);
	}
	if (export_open(rx->out, &f))
		return EXIT_USER;
	rc = run_into(rx, f.fp);
	if (export_close(&f, rc == 0) && !rc)
		rc = EXIT_USER;
	return rc;
}
