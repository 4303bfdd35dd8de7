/* export.c — `ballast export KIND`: write units, projects, listings or reports
 * as CSV or XLSX with exactly the columns import reads (src/io/columns.c), so
 * that export then import is lossless in either format. The file appears
 * whole or not at all: it is written beside the target and renamed into place. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/export.h"
#include "io/columns.h"
#include "io/parse.h"
#include "io/xlsx_write.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast export units|projects|listings|reports|measures|warnings [options]\n"
	"\n"
	"Write what import reads (measures and warnings: what those commands print).\n"
	"\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	"  --format csv|xlsx  the file format (default csv); xlsx needs -o FILE\n"
	"  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	"  --header en|zh     English keys or Chinese labels as the header (default:\n"
	"                     en for csv, zh for xlsx)\n"
	"  --bom              start a CSV with a UTF-8 byte order mark (for Excel)\n"
	"  --year Y --asof D  for measures and warnings: as those commands take them\n"
	"  --by KEY --tier T --section CODE --department CODE --industrial\n"
	"                     for measures: the scope and breakdown (see 'measures --help')\n"
	"  --min yellow|red   for warnings: the least level shown\n"
	"  -h, --help         this text\n";

#define MAX_COLS 32

struct exporter {
	struct store *st;
	struct buf line;      /* CSV: the line being built */
	FILE *out;
	struct xlsx_writer *xw; /* XLSX: cells go here instead */
	struct xw_col xcols[MAX_COLS];
	size_t col;           /* the next column of the current row */
	int write_failed;     /* a CSV line could not be written */
	int zh;               /* Chinese labels and 是/否 */
	const struct column *cols;
	size_t ncols;
	struct unit *units;
	size_t n_units;
};

static const char *const sheet_names[FILE_KIND__MAX] = {
	"单位", "项目", "年度清单", "月报", "目标",
};

static const char *unit_code(const struct exporter *ex, int64_t id)
{
	size_t lo = 0, hi = ex->n_units;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ex->units[mid].id == id)
			return ex->units[mid].code;
		if (ex->units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

/* ---- cells, in CSV or XLSX ---- */

/* CSV: the separator before every cell but the first. */
static void csv_sep(struct exporter *ex)
{
	if (ex->col)
		buf_addch(&ex->line, ',');
}

static void put_text(struct exporter *ex, const char *s)
{
	if (ex->xw) {
		xw_text(ex->xw, ex->col, s);
	} else {
		csv_sep(ex);
		buf_add_csv_field(&ex->line, s ? s : "");
	}
	ex->col++;
}

static void put_money(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		xw_yuan(ex->xw, ex->col, v);
	} else {
		csv_sep(ex);
		if (v != AMOUNT_NONE)
			format_wanyuan(&ex->line, v);
	}
	ex->col++;
}

static void put_dec4(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		if (v != AMOUNT_NONE)
			xw_num(ex->xw, ex->col, (double)v / 10000.0);
	} else {
		csv_sep(ex);
		if (v != AMOUNT_NONE)
			format_decimal(&ex->line, v, 4);
	}
	ex->col++;
}

static void put_day(struct exporter *ex, bl_day d)
{
	char tmp[11];

	if (ex->xw) {
		xw_day(ex->xw, ex->col++, d);
		return;
	}
	put_text(ex, day_format(d, tmp));
}

static void put_month(struct exporter *ex, bl_month m)
{
	char tmp[8];

	if (ex->xw) {
		xw_month(ex->xw, ex->col++, m);
		return;
	}
	put_text(ex, month_format(m, tmp));
}

static void put_int(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		xw_num(ex->xw, ex->col, (double)v);
	} else {
		csv_sep(ex);
		buf_addf(&ex->line, "%lld", (long long)v);
	}
	ex->col++;
}

/* End the row: a CSV line is written out; 0 or -1 on a write error. */
static int end_row(struct exporter *ex)
{
	ex->col = 0;
	if (ex->xw) {
		xw_row(ex->xw);
		return 0;
	}
	buf_adds(&ex->line, "\r\n");
	if (ex->line.err || fwrite(ex->line.s, 1, ex->line.len, ex->out) != ex->line.len) {
		ex->write_failed = 1;
		return -1;
	}
	buf_reset(&ex->line);
	return 0;
}

static enum xw_type xw_type_of(enum col_type t)
{
	switch (t) {
	case CT_MONEY: return XW_WANYUAN;
	case CT_DEC4: return XW_DEC4;
	case CT_DATE: return XW_DATE;
	case CT_MONTH: return XW_MONTH;
	case CT_YEAR: return XW_INT;
	case CT_CODE: case CT_UNIT: case CT_BOOL: case CT_TIERS: case CT_UNIT_KIND:
	case CT_ATTRACTED: return XW_CODE;
	default: return XW_TEXT;
	}
}

static int header(struct exporter *ex, enum file_kind kind)
{
	size_t i;

	if (ex->xw) {
		for (i = 0; i < ex->ncols && i < MAX_COLS; i++) {
			ex->xcols[i].header = ex->zh ? ex->cols[i].label : ex->cols[i].key;
			ex->xcols[i].type = xw_type_of(ex->cols[i].type);
			ex->xcols[i].width = 0;
		}
		xw_sheet(ex->xw, ex->zh ? sheet_names[kind] : file_kind_keys[kind], ex->xcols, i);
		return 0;
	}
	for (i = 0; i < ex->ncols; i++)
		put_text(ex, ex->zh ? ex->cols[i].label : ex->cols[i].key);
	return end_row(ex);
}

static void tiers_text(struct buf *b, unsigned tiers, int zh)
{
	int t, n = 0;

	for (t = 0; t < TIER__MAX; t++)
		if (tiers & TIER_BIT(t))
			buf_addf(b, "%s%s", n++ ? (zh ? "、" : ";") : "",
				 zh ? tier_labels[t] : tier_keys[t]);
}

static int put_unit(struct exporter *ex, const struct unit *u)
{
	put_text(ex, u->code);
	put_text(ex, u->name);
	put_text(ex, ex->zh ? unit_kind_labels[u->kind] : unit_kind_keys[u->kind]);
	put_text(ex, u->parent_id ? unit_code(ex, u->parent_id) : "");
	return end_row(ex);
}

static int put_project(void *ctx, const struct project *p)
{
	struct exporter *ex = ctx;
	int k;

	put_text(ex, p->ref);
	put_text(ex, p->name);
	put_text(ex, unit_code(ex, p->section_id));
	put_text(ex, p->department_id ? unit_code(ex, p->department_id) : "");
	put_text(ex, p->leader);
	put_text(ex, p->code);
	put_text(ex, p->company);
	put_text(ex, p->uscc);
	put_text(ex, ex->zh ? (p->industrial ? "是" : "否") : (p->industrial ? "yes" : "no"));
	put_text(ex, p->industry);
	put_text(ex, ex->zh ? attracted_labels[p->attracted_by] : attracted_keys[p->attracted_by]);
	put_money(ex, p->total_investment);
	put_money(ex, p->capacity);
	put_dec4(ex, p->land_mu);
	put_dec4(ex, p->energy_tce);
	put_day(ex, p->planned_start);
	put_day(ex, p->planned_completion);
	put_day(ex, p->planned_production);
	for (k = 0; k < STAGE__MAX; k++)
		put_day(ex, p->stage_on[k]);
	put_day(ex, p->land_on);
	put_day(ex, p->permit_on);
	put_text(ex, p->commando);
	put_text(ex, NULL); /* year, tiers, annual_plan: in the listings file */
	put_text(ex, NULL);
	put_text(ex, NULL);
	return end_row(ex);
}

static int put_listing(void *ctx, const char *ref, const struct listing *l)
{
	struct exporter *ex = ctx;
	struct buf tiers = BUF_INIT;
	int m;

	put_text(ex, ref);
	put_int(ex, l->year);
	tiers_text(&tiers, l->tiers, ex->zh);
	put_text(ex, tiers.s);
	buf_release(&tiers);
	put_money(ex, l->annual_plan);
	for (m = 0; m < 12; m++)
		put_money(ex, l->has_month_plan ? l->month_plan[m] : AMOUNT_NONE);
	return end_row(ex);
}

static int put_report(void *ctx, const char *ref, const struct report *r)
{
	struct exporter *ex = ctx;

	put_text(ex, ref);
	put_month(ex, r->month);
	put_money(ex, r->invest);
	put_money(ex, r->output);
	put_text(ex, r->progress);
	put_text(ex, r->problems);
	return end_row(ex);
}

static enum bl_err export_kind(struct exporter *ex, enum file_kind kind)
{
	enum bl_err rc;
	size_t i;

	ex->cols = file_columns(kind, &ex->ncols);
	if (header(ex, kind))
		return BL_EIO;
	switch (kind) {
	case FILE_UNITS:
		for (i = 0; i < ex->n_units; i++)
			if (put_unit(ex, &ex->units[i]))
				return BL_EIO;
		return BL_OK;
	case FILE_PROJECTS:
		rc = store_projects_each(ex->st, put_project, ex);
		break;
	case FILE_LISTINGS:
		rc = store_listings_each(ex->st, 0, put_listing, ex);
		break;
	case FILE_REPORTS:
		rc = store_reports_each(ex->st, put_report, ex);
		break;
	default:
		return BL_EINVAL;
	}
	return rc;
}

/* A temporary name beside path, created empty (mode 0600); -1 after saying why. */
static int make_temp(const char *cmd, struct export_file *f)
{
	size_t n = strlen(f->path);
	int fd;

	f->tmp = xmalloc(n + 16);
	memcpy(f->tmp, f->path, n);
	memcpy(f->tmp + n, ".tmp-XXXXXX", 12);
	fd = mkstemp(f->tmp);
	if (fd < 0) {
		cli_error(cmd, "%s: %s", f->path, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	return fd;
}

int export_open(const char *path, struct export_file *f)
{
	int fd;

	f->path = path;
	f->tmp = NULL;
	if (!path || !strcmp(path, "-")) {
		f->fp = stdout;
		return 0;
	}
	fd = make_temp("export", f);
	if (fd < 0)
		return -1;
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		cli_error("export", "%s: %s", path, strerror(errno));
		close(fd);
		unlink(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	return 0;
}

int export_open_path(const char *cmd, const char *path, struct export_file *f)
{
	int fd;

	f->path = path;
	f->fp = NULL;
	f->tmp = NULL;
	if (!path || !strcmp(path, "-")) {
		cli_error(cmd, "an XLSX file needs -o FILE");
		return -1;
	}
	fd = make_temp(cmd, f);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int export_close(struct export_file *f, int ok)
{
	int failed = 0;

	if (f->fp == stdout) {
		if (fflush(stdout) && ok) {
			cli_error("export", "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return ok ? 0 : -1;
	}
	if (f->fp && fclose(f->fp))
		failed = 1;
	if (ok && !failed && rename(f->tmp, f->path))
		failed = 1;
	if (ok && failed)
		cli_error("export", "%s: cannot write: %s", f->path, strerror(errno));
	if (!ok || failed)
		unlink(f->tmp);
	free(f->tmp);
	return ok && !failed ? 0 : -1;
}

/* Open the output of ex: a CSV stream, or an XLSX workbook at f's temporary
 * name. -1 after saying why. */
static int open_output(struct exporter *ex, const char *out, int xlsx, int bom,
		       struct export_file *f)
{
	struct buf err = BUF_INIT;

	if (!xlsx) {
		if (export_open(out, f))
			return -1;
		ex->out = f->fp;
		if (bom)
			fputs("\xef\xbb\xbf", ex->out);
		return 0;
	}
	if (export_open_path("export", out, f))
		return -1;
	if (xw_open(f->tmp, &ex->xw, &err)) {
		cli_error("export", "%s", err.s);
		unlink(f->tmp);
		free(f->tmp);
		buf_release(&err);
		return -1;
	}
	return 0;
}

/* Write the workbook of an XLSX export; rc is the export's so far. */
static enum bl_err close_xlsx(struct exporter *ex, enum bl_err rc)
{
	struct buf err = BUF_INIT;

	if (!ex->xw)
		return rc;
	if (xw_close(ex->xw, &err) && !rc) {
		cli_error("export", "%s", err.s);
		rc = BL_EIO;
	}
	ex->xw = NULL;
	buf_release(&err);
	return rc;
}

int export_store(struct store *st, const char *out, int kind, int zh, int bom, int xlsx)
{
	struct exporter ex;
	struct export_file f;
	enum bl_err rc;

	memset(&ex, 0, sizeof(ex));
	buf_init(&ex.line, 0);
	ex.zh = zh;
	ex.st = st;
	rc = store_units(ex.st, &ex.units, &ex.n_units);
	if (rc) {
		cli_error("export", "%s", store_errmsg(ex.st));
		return EXIT_USER;
	}
	if (open_output(&ex, out, xlsx, bom, &f)) {
		rc = BL_EIO;
		goto out;
	}
	rc = export_kind(&ex, (enum file_kind)kind);
	if (ex.write_failed)
		rc = BL_EIO;
	if (rc == BL_EIO)
		cli_error("export", "%s: cannot write: %s", out ? out : "standard output",
			  strerror(errno));
	else if (rc)
		cli_error("export", "%s", store_errmsg(ex.st));
	rc = close_xlsx(&ex, rc);
	if (export_close(&f, rc == BL_OK) && !rc)
		rc = BL_EIO;
out:
	units_free(ex.units, ex.n_units);
	buf_release(&ex.line);
	return rc ? EXIT_USER : 0;
}

static int export_file(const char *db, const char *out, int kind, int zh, int bom, int xlsx)
{
	struct store *st = cli_open(db, STORE_EXISTING);
	int rc;

	if (!st)
		return EXIT_USER;
	rc = export_store(st, out, kind, zh, bom, xlsx);
	store_close(st);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "header", required_argument, NULL, 'H' },
		{ "bom", no_argument, NULL, 'b' },
		{ "year", required_argument, NULL, 'y' },
		{ "asof", required_argument, NULL, 'a' },
		{ "by", required_argument, NULL, 'B' },
		{ "tier", required_argument, NULL, 't' },
		{ "section", required_argument, NULL, 's' },
		{ "department", required_argument, NULL, 'D' },
		{ "industrial", no_argument, NULL, 'i' },
		{ "min", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_export rx;
	const char *format = "csv", *header = NULL;
	int c, k, xlsx;

	memset(&rx, 0, sizeof(rx));
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': rx.db = optarg; break;
		case 'f': format = optarg; break;
		case 'o': rx.out = optarg; break;
		case 'b': rx.bom = 1; break;
		case 'y': rx.year = optarg; break;
		case 'a': rx.asof = optarg; break;
		case 'B': rx.by = optarg; break;
		case 't': rx.tier = optarg; break;
		case 's': rx.section = optarg; break;
		case 'D': rx.department = optarg; break;
		case 'i': rx.industrial = 1; break;
		case 'm': rx.min = optarg; break;
		case 'H':
			if (strcmp(optarg, "en") && strcmp(optarg, "zh")) {
				cli_error("export", "--header takes en or zh");
				return EXIT_USAGE;
			}
			header = optarg;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(format, "csv") && strcmp(format, "xlsx")) {
		cli_error("export", "--format %s: csv or xlsx", format);
		return EXIT_USAGE;
	}
	xlsx = !strcmp(format, "xlsx");
	if (xlsx && (!rx.out || !strcmp(rx.out, "-"))) {
		cli_error("export", "--format xlsx needs -o FILE");
		return EXIT_USAGE;
	}
	rx.xlsx = xlsx;
	rx.zh = header ? !strcmp(header, "zh") : xlsx;
	rx.what = argv[optind];
	if (!strcmp(argv[optind], "measures") || !strcmp(argv[optind], "warnings"))
		return export_report(&rx);
	if (rx.by || rx.tier || rx.section || rx.department || rx.industrial || rx.min) {
		cli_error("export", "--by, --tier, --section, --department, --industrial and --min "
			  "apply to measures and warnings");
		return EXIT_USAGE;
	}
	for (k = 0; k < FILE_KIND__MAX; k++)
		if (!strcmp(argv[optind], file_kind_keys[k]) && k != FILE_TARGETS)
			return export_file(rx.db, rx.out, k, rx.zh, rx.bom, xlsx);
	cli_error("export", "'%s' is not one of units, projects, listings, reports, measures, "
		  "warnings", argv[optind]);
	return EXIT_USAGE;
}
