/* export.c — `ballast export KIND`: write units, projects, listings or reports
 * as CSV with exactly the columns import reads (src/io/columns.c), so that
 * export then import is lossless. The file appears whole or not at all: it is
 * written beside the target and renamed into place. */
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
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast export units|projects|listings|reports|measures|warnings [options]\n"
	"\n"
	"Write what import reads (measures and warnings: what those commands print).\n"
	"\n"
	"  --db FILE          the database (default $BALLAST_DB, else ./ballast.db)\n"
	"  --format csv       the file format (csv; xlsx comes with the spreadsheet work)\n"
	"  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	"  --header en|zh     English keys (default) or Chinese labels as the header\n"
	"  --bom              start with a UTF-8 byte order mark (for Excel)\n"
	"  --year Y --asof D  for measures and warnings: as those commands take them\n"
	"  -h, --help         this text\n";

struct exporter {
	struct store *st;
	struct buf line;
	FILE *out;
	int zh;               /* Chinese labels and 是/否 */
	const struct column *cols;
	size_t ncols;
	struct unit *units;
	size_t n_units;
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

static void header(struct exporter *ex)
{
	size_t i;

	for (i = 0; i < ex->ncols; i++) {
		if (i)
			buf_addch(&ex->line, ',');
		buf_add_csv_field(&ex->line, ex->zh ? ex->cols[i].label : ex->cols[i].key);
	}
	buf_adds(&ex->line, "\r\n");
}

/* Append one cell; the first cell of a line takes no comma. */
static void cell(struct exporter *ex, int first, const char *s)
{
	if (!first)
		buf_addch(&ex->line, ',');
	buf_add_csv_field(&ex->line, s ? s : "");
}

static void cell_money(struct exporter *ex, int64_t v)
{
	buf_addch(&ex->line, ',');
	if (v != AMOUNT_NONE)
		format_wanyuan(&ex->line, v);
}

static void cell_dec4(struct exporter *ex, int64_t v)
{
	buf_addch(&ex->line, ',');
	if (v != AMOUNT_NONE)
		format_decimal(&ex->line, v, 4);
}

static void cell_day(struct exporter *ex, bl_day d)
{
	char tmp[11];

	cell(ex, 0, day_format(d, tmp));
}

static void tiers_text(struct buf *b, unsigned tiers, int zh)
{
	int t, n = 0;

	for (t = 0; t < TIER__MAX; t++)
		if (tiers & TIER_BIT(t))
			buf_addf(b, "%s%s", n++ ? (zh ? "、" : ";") : "",
				 zh ? tier_labels[t] : tier_keys[t]);
}

static int flush_line(struct exporter *ex)
{
	if (ex->line.err || fwrite(ex->line.s, 1, ex->line.len, ex->out) != ex->line.len)
		return -1;
	buf_reset(&ex->line);
	return 0;
}

static int put_unit(struct exporter *ex, const struct unit *u)
{
	cell(ex, 1, u->code);
	cell(ex, 0, u->name);
	cell(ex, 0, ex->zh ? unit_kind_labels[u->kind] : unit_kind_keys[u->kind]);
	cell(ex, 0, u->parent_id ? unit_code(ex, u->parent_id) : "");
	buf_adds(&ex->line, "\r\n");
	return flush_line(ex);
}

static int put_project(void *ctx, const struct project *p)
{
	struct exporter *ex = ctx;
	int k;

	cell(ex, 1, p->ref);
	cell(ex, 0, p->name);
	cell(ex, 0, unit_code(ex, p->section_id));
	cell(ex, 0, p->department_id ? unit_code(ex, p->department_id) : "");
	cell(ex, 0, p->leader);
	cell(ex, 0, p->code);
	cell(ex, 0, p->company);
	cell(ex, 0, p->uscc);
	cell(ex, 0, ex->zh ? (p->industrial ? "是" : "否") : (p->industrial ? "yes" : "no"));
	cell(ex, 0, p->industry);
	cell(ex, 0, ex->zh ? attracted_labels[p->attracted_by] : attracted_keys[p->attracted_by]);
	cell_money(ex, p->total_investment);
	cell_money(ex, p->capacity);
	cell_dec4(ex, p->land_mu);
	cell_dec4(ex, p->energy_tce);
	cell_day(ex, p->planned_start);
	cell_day(ex, p->planned_completion);
	cell_day(ex, p->planned_production);
	for (k = 0; k < STAGE__MAX; k++)
		cell_day(ex, p->stage_on[k]);
	cell_day(ex, p->land_on);
	cell_day(ex, p->permit_on);
	cell(ex, 0, p->commando);
	buf_adds(&ex->line, ",,,\r\n"); /* year, tiers, annual_plan: in the listings file */
	return flush_line(ex);
}

static int put_listing(void *ctx, const char *ref, const struct listing *l)
{
	struct exporter *ex = ctx;
	int m;

	cell(ex, 1, ref);
	buf_addf(&ex->line, ",%d,", l->year);
	tiers_text(&ex->line, l->tiers, ex->zh);
	cell_money(ex, l->annual_plan);
	for (m = 0; m < 12; m++)
		cell_money(ex, l->has_month_plan ? l->month_plan[m] : AMOUNT_NONE);
	buf_adds(&ex->line, "\r\n");
	return flush_line(ex);
}

static int put_report(void *ctx, const char *ref, const struct report *r)
{
	struct exporter *ex = ctx;
	char month[8];

	cell(ex, 1, ref);
	cell(ex, 0, month_format(r->month, month));
	cell_money(ex, r->invest);
	cell_money(ex, r->output);
	cell(ex, 0, r->progress);
	cell(ex, 0, r->problems);
	buf_adds(&ex->line, "\r\n");
	return flush_line(ex);
}

static enum bl_err export_kind(struct exporter *ex, enum file_kind kind)
{
	enum bl_err rc;
	size_t i;

	ex->cols = file_columns(kind, &ex->ncols);
	header(ex);
	if (flush_line(ex))
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

int export_open(const char *path, struct export_file *f)
{
	f->path = path;
	f->tmp = NULL;
	if (!path || !strcmp(path, "-")) {
		f->fp = stdout;
		return 0;
	}
	f->tmp = xmalloc(strlen(path) + 16);
	memcpy(f->tmp, path, strlen(path));
	memcpy(f->tmp + strlen(path), ".tmp-XXXXXX", 12);
	{
		int fd = mkstemp(f->tmp);

		f->fp = fd < 0 ? NULL : fdopen(fd, "wb");
		if (!f->fp) {
			cli_error("export", "%s: %s", path, strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(f->tmp);
			}
			free(f->tmp);
			f->tmp = NULL;
			return -1;
		}
	}
	return 0;
}

int export_close(struct export_file *f, int ok)
{
	int rc = 0;

	if (f->fp == stdout) {
		if (fflush(stdout))
			rc = -1;
		return ok && !rc ? 0 : -1;
	}
	if (fclose(f->fp))
		ok = 0;
	if (ok && rename(f->tmp, f->path))
		ok = 0;
	if (!ok) {
		cli_error("export", "%s: cannot write: %s", f->path, strerror(errno));
		unlink(f->tmp);
		rc = -1;
	}
	free(f->tmp);
	return rc;
}

static int export_file(const char *db, const char *out, int kind, int zh, int bom)
{
	struct exporter ex;
	struct export_file f;
	enum bl_err rc;

	memset(&ex, 0, sizeof(ex));
	buf_init(&ex.line, 0);
	ex.zh = zh;
	ex.st = cli_open(db, STORE_EXISTING);
	if (!ex.st)
		return EXIT_USER;
	rc = store_units(ex.st, &ex.units, &ex.n_units);
	if (rc) {
		cli_error("export", "%s", store_errmsg(ex.st));
		store_close(ex.st);
		return EXIT_USER;
	}
	if (export_open(out, &f)) {
		rc = BL_EIO;
		goto out;
	}
	ex.out = f.fp;
	if (bom)
		fputs("\xef\xbb\xbf", ex.out);
	rc = export_kind(&ex, (enum file_kind)kind);
	if (rc && rc != BL_EIO)
		cli_error("export", "%s", store_errmsg(ex.st));
	if (export_close(&f, rc == BL_OK) && !rc)
		rc = BL_EIO;
out:
	units_free(ex.units, ex.n_units);
	buf_release(&ex.line);
	store_close(ex.st);
	return rc ? EXIT_USER : 0;
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *out = NULL, *format = "csv", *year = NULL, *asof = NULL;
	int c, k, zh = 0, bom = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'b': bom = 1; break;
		case 'y': year = optarg; break;
		case 'a': asof = optarg; break;
		case 'H':
			if (strcmp(optarg, "en") && strcmp(optarg, "zh")) {
				cli_error("export", "--header takes en or zh");
				return EXIT_USAGE;
			}
			zh = !strcmp(optarg, "zh");
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(format, "csv")) {
		cli_error("export", "--format %s: only csv is available in this version", format);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[optind], "measures") || !strcmp(argv[optind], "warnings"))
		return export_report(argv[optind], db, out, year, asof, zh, bom);
	for (k = 0; k < FILE_KIND__MAX; k++)
		if (!strcmp(argv[optind], file_kind_keys[k]) && k != FILE_TARGETS)
			return export_file(db, out, k, zh, bom);
	cli_error("export", "'%s' is not one of units, projects, listings, reports, measures, "
		  "warnings", argv[optind]);
	return EXIT_USAGE;
}
