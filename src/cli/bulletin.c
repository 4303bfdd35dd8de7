/* bulletin.c — `ballast bulletin`: the monthly bulletin (月度通报, DOMAIN.md §8)
 * as HTML, PDF or XLSX. A month that was issued gives its frozen bytes; any
 * other month (or --draft) a draft from today's data; --issue renders all
 * three formats and stores them frozen with an issue number; --list shows the
 * issued ones. A thin wrapper over src/report/publish.h. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/export.h"
#include "cli/out_table.h"
#include "core/district.h"
#include "io/parse.h"
#include "report/publish.h"
#include "report/readiness_json.h"

static const char usage_text[] =
	"usage: ballast bulletin --month YYYY-MM [--format html|pdf|xlsx] -o FILE\n"
	"                        [--draft | --version N] [--db FILE]\n"
	"       ballast bulletin --month YYYY-MM --issue [--yes] [--reissue --reason TEXT]\n"
	"                        [--issue-no N] [--actor NAME] [--format F -o FILE] [--db FILE]\n"
	"       ballast bulletin --month YYYY-MM --readiness [--format table|json] [--db FILE]\n"
	"       ballast bulletin --list [--district CODE] [--format table|json|csv] [--db FILE]\n"
	"\n"
	"The monthly bulletin (重大项目建设月度通报): the summary in Chinese, the five\n"
	"rates, start rates against targets, investment against plan and pace, the\n"
	"breakdowns, the section contest and the project lists, with charts, as of the\n"
	"month's last day.\n"
	"\n"
	"A month that was issued gives the issued bytes of its latest version, the\n"
	"same however the data changed since; a month never issued gives a draft\n"
	"(草稿) from today's data. An issued bulletin is never overwritten: a re-issue\n"
	"adds the month's next version (第2版 …) with its reason, and every version\n"
	"stays downloadable, byte for byte (--version N).\n"
	"\n"
	"  --month YYYY-MM  the month\n"
	"  --district CODE  the district (区) whose bulletin it is: its projects, its\n"
	"                   sections ranked. Needed when the database holds several\n"
	"                   districts (a city); with --list, only that district's\n"
	"  --format F       html, pdf or xlsx (default: from the -o file's extension)\n"
	"  -o FILE          where to write (- for standard output)\n"
	"  --draft          a draft from today's data even when the month was issued\n"
	"  --version N      version N of the issued bulletin (default: the latest)\n"
	"  --issue          issue the month (coordinator): render all three formats and\n"
	"                   keep them frozen, with the issue number (第N期) and the issuer;\n"
	"                   also saves the month's contest round. It first prints what\n"
	"                   the month lacks (reports not submitted, submitted but not\n"
	"                   verified, change requests pending) and, when anything is\n"
	"                   missing, issues only with --yes\n"
	"  --yes            with --issue: issue even though something is missing\n"
	"  --readiness      print what the month lacks before it is issued, per section\n"
	"                   and project, and change nothing\n"
	"  --reissue        with --issue: issue a month issued before again, as its next\n"
	"                   version; the earlier versions are kept as they were\n"
	"  --reason TEXT    with --reissue (needed): why, printed in the new version\n"
	"  --issue-no N     with --issue: the issue number (default: the month's number,\n"
	"                   6 for June; a re-issue keeps its number)\n"
	"  --actor NAME     who issues, for the record and the audit trail\n"
	"                   (default cli:$USER)\n"
	"  --list           list the issued bulletins, every version\n"
	"  --db FILE        the database (default $BALLAST_DB, else ./ballast.db)\n"
	"\n"
	"Settings: bulletin.title (default 重大项目建设月度通报), bulletin.issuer (default\n"
	"<district>重大项目建设领导小组办公室), the warn.* thresholds and the\n"
	"contest.weight.* weights (ballast ranking --help).\n";

struct bulletin_args {
	const char *db, *month, *format, *out, *actor, *issue_no, *reason, *version, *district;
	struct dataset units; /* every unit, for the districts (cli_district) */
	int64_t key;          /* the district's key (publish.h) */
	int draft, issue, reissue, list, yes, readiness;
};

static char *actor_name(const char *actor)
{
	struct buf who = BUF_INIT;
	const char *user = getenv("USER");

	if (actor)
		buf_adds(&who, actor);
	else
		buf_addf(&who, "cli:%s", user && *user ? user : "unknown");
	return buf_detach(&who, NULL);
}

/* The format from --format, else from the file's extension; -1 after a usage
 * message. */
static int pick_format(const struct bulletin_args *a)
{
	const char *dot;
	int f;

	if (a->format) {
		f = render_format_from_key(a->format);
		if (f < 0)
			fprintf(stderr, "ballast bulletin: --format %s: not one of html pdf xlsx\n",
				a->format);
		return f;
	}
	dot = a->out ? strrchr(a->out, '.') : NULL;
	f = dot ? render_format_from_key(dot + 1) : -1;
	if (f < 0)
		fprintf(stderr, "ballast bulletin: --format html|pdf|xlsx is needed\n");
	return f;
}

static int write_bytes(const char *path, const char *s, size_t n)
{
	struct export_file f;
	int ok;

	if (export_open(path, &f))
		return -1;
	ok = fwrite(s, 1, n, f.fp) == n;
	return export_close(&f, ok);
}

/* ---- --list ---- */

struct list_ctx {
	const struct bulletin_args *a;
	int districts;         /* the instance holds several: a district column */
	enum out_format fmt;
	struct out_table t;
	json_t *arr;
	struct buf csv;
};

static int list_row(void *ctx, const struct bulletin_record *r)
{
	struct list_ctx *c = ctx;
	char m[8], no[16], ver[16], sz[BLOB__MAX][24];
	const char *dc = dataset_unit_code(&c->a->units, r->district_id, NULL);
	int k;

	if (c->a->district && r->district_id != c->a->key)
		return 0;
	month_format(r->month, m);
	snprintf(no, sizeof(no), "%d", r->issue_no);
	snprintf(ver, sizeof(ver), "%d", r->version);
	for (k = 0; k < BLOB__MAX; k++)
		snprintf(sz[k], sizeof(sz[k]), "%zu", r->len[k]);
	if (c->fmt == FMT_JSON) {
		json_t *o = json_object(), *bytes = json_object();

		json_object_set_new(o, "month", json_string(m));
		json_object_set_new(o, "district", dc ? json_string(dc) : json_null());
		json_object_set_new(o, "version", json_integer(r->version));
		json_object_set_new(o, "reason", r->reason ? json_string(r->reason) : json_null());
		json_object_set_new(o, "issue_no", json_integer(r->issue_no));
		json_object_set_new(o, "issued_at", json_string(r->issued_at));
		json_object_set_new(o, "issued_by", json_string(r->issued_by));
		for (k = 0; k < BLOB__MAX; k++)
			json_object_set_new(bytes, bulletin_blob_keys[k], json_integer((json_int_t)r->len[k]));
		json_object_set_new(o, "bytes", bytes);
		json_array_append_new(c->arr, o);
	} else if (c->fmt == FMT_CSV) {
		buf_addf(&c->csv, "%s,%d,%s,", m, r->issue_no, r->issued_at);
		buf_add_csv_field(&c->csv, r->issued_by);
		buf_addf(&c->csv, ",%s,%s,%s,%d,", sz[0], sz[1], sz[2], r->version);
		buf_add_csv_field(&c->csv, r->reason ? r->reason : "");
		if (c->districts) {
			buf_addch(&c->csv, ',');
			buf_add_csv_field(&c->csv, dc ? dc : "");
		}
		buf_adds(&c->csv, "\r\n");
	} else {
		out_table_row(&c->t, (const char *const[]){ m, no, ver, r->issued_at, r->issued_by,
			      sz[0], sz[1], sz[2], r->reason ? r->reason : "", dc ? dc : "" });
	}
	return 0;
}

static int list(struct store *st, const struct bulletin_args *a)
{
	struct list_ctx c;
	int fmt, rc;

	fmt = cli_format(a->format, (1u << FMT_TABLE) | (1u << FMT_JSON) | (1u << FMT_CSV),
			 FMT_TABLE);
	if (fmt < 0)
		return EXIT_USAGE;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.districts = district_count(&a->units) > 1;
	c.fmt = (enum out_format)fmt;
	c.arr = json_array();
	out_table_init(&c.t, c.districts ? 10 : 9);
	c.t.right = 0xe6;
	out_table_row(&c.t, (const char *const[]){ "月份", "期数", "版本", "签发时间", "签发人",
		      "HTML字节", "PDF字节", "XLSX字节", "再次印发原因", "区" });
	buf_addf(&c.csv, "month,issue_no,issued_at,issued_by,html_bytes,pdf_bytes,xlsx_bytes,"
		 "version,reason%s\r\n", c.districts ? ",district" : "");
	rc = store_bulletins_each(st, list_row, &c);
	if (rc) {
		cli_error("bulletin", "%s", store_errmsg(st));
	} else if (c.fmt == FMT_JSON) {
		json_dumpf(c.arr, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', stdout);
	} else if (c.fmt == FMT_CSV) {
		fwrite(c.csv.s, 1, c.csv.len, stdout);
	} else {
		out_table_print(&c.t, stdout);
	}
	json_decref(c.arr);
	out_table_release(&c.t);
	buf_release(&c.csv);
	return rc ? EXIT_USER : 0;
}

/* ---- readiness (issue #14 item 8) ---- */

static void readiness_text(FILE *f, const struct dataset *ds, const struct readiness *r,
			   int rows)
{
	char m[8];
	size_t i;

	fprintf(f, "%s: %zu projects listed, %zu owe the month's report: %zu not reported, "
		"%zu submitted and not verified; %zu change requests pending\n",
		month_format(r->month, m), r->listed, r->owed, r->counts[RD_MISSING],
		r->counts[RD_UNVERIFIED], r->counts[RD_PENDING]);
	for (i = 0; i < r->n_sections; i++) {
		const struct readiness_section *s = &r->sections[i];

		if (s->missing || s->unverified || s->pending)
			fprintf(f, "  %s %s: %zu of %zu not reported, %zu not verified, %zu "
				"change requests pending\n", s->code,
				dataset_unit_name(ds, s->section_id, ""), s->missing, s->owed,
				s->unverified, s->pending);
	}
	for (i = 0; rows && i < r->n_rows; i++)
		fprintf(f, "  %s %s %s\n", readiness_kind_labels[r->rows[i].kind], r->rows[i].ref,
			r->rows[i].project == (size_t)-1 ? ""
			: ds->projects[r->rows[i].project].name);
}

/* The month's readiness printed to f (as text, or JSON when json; the
 * projects listed only on stdout, --readiness); *clear says whether nothing
 * is missing. EXIT_USER when it cannot be read. */
static int readiness_print(struct store *st, int64_t key, bl_month month, FILE *f, int json,
			   int *clear)
{
	struct readiness r;
	struct buf err = BUF_INIT;
	struct dataset whole, ds;
	int rc = EXIT_USER;

	if (store_load_dataset(st, month_year(month), &whole)) {
		cli_error("bulletin", "%s", store_errmsg(st));
		return EXIT_USER;
	}
	/* district1: a district's readiness is of its projects */
	if (key)
		district_view(&whole, key, &ds);
	else
		ds = whole;
	if (readiness_load(st, &ds, month, &r, &err)) {
		cli_error("bulletin", "%s", err.s);
		goto out;
	}
	if (json) {
		json_t *o = readiness_json(&ds, &r);

		json_dumpf(o, f, JSON_INDENT(2));
		fputc('\n', f);
		json_decref(o);
	} else {
		readiness_text(f, &ds, &r, f == stdout);
	}
	*clear = readiness_clear(&r);
	readiness_release(&r);
	rc = 0;
out:
	if (key)
		district_view_release(&ds);
	dataset_release(&whole);
	buf_release(&err);
	return rc;
}

/* ---- issue / fetch ---- */

static int issue(struct store *st, bl_month month, const struct bulletin_args *a, int fmt)
{
	struct issue_opts io;
	struct bulletin_record rec;
	struct buf err = BUF_INIT;
	char *who = actor_name(a->actor), m[8];
	int64_t no = 0;
	int rc = EXIT_USER, clear = 0;

	if (a->issue_no && (parse_int(a->issue_no, &no) || no < 1 || no > 9999)) {
		cli_error("bulletin", "--issue-no %s: not a whole number from 1 to 9999", a->issue_no);
		free(who);
		return EXIT_USAGE;
	}
	if (readiness_print(st, a->key, month, stderr, 0, &clear))
		goto out;
	if (!clear && !a->yes) {
		cli_error("bulletin", "not issued: the month lacks what is listed above; give --yes "
			  "to issue it anyway");
		goto out;
	}
	memset(&io, 0, sizeof(io));
	io.district = a->key;
	io.issue_no = (int)no;
	io.reissue = a->reissue;
	io.reason = a->reason;
	io.actor = who;
	io.issued_on = DAY_NONE;
	if (publish_issue(st, month, &io, &rec, &err)) {
		cli_error("bulletin", "%s", err.s);
		goto out;
	}
	if (rec.version > 1)
		fprintf(stderr, "ballast bulletin: re-issued %s as %d年第%d期 第%d版 by %s (html %zu, "
			"pdf %zu, xlsx %zu bytes); the earlier versions are kept\n",
			month_format(month, m), month_year(month), rec.issue_no, rec.version,
			rec.issued_by, rec.len[BLOB_HTML], rec.len[BLOB_PDF], rec.len[BLOB_XLSX]);
	else
		fprintf(stderr, "ballast bulletin: issued %s as %d年第%d期 by %s (html %zu, pdf %zu, "
			"xlsx %zu bytes)\n", month_format(month, m), month_year(month), rec.issue_no,
			rec.issued_by, rec.len[BLOB_HTML], rec.len[BLOB_PDF], rec.len[BLOB_XLSX]);
	rc = 0;
	if (a->out && write_bytes(a->out, (const char *)rec.blob[fmt], rec.len[fmt]))
		rc = EXIT_USER;
	bulletin_record_release(&rec);
out:
	free(who);
	buf_release(&err);
	return rc;
}

static int fetch(struct store *st, bl_month month, const struct bulletin_args *a, int fmt)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct bulletin_fetch f;
	int issue_no, rc = EXIT_USER;
	int64_t version = 0;
	char m[8];

	if (a->version && (parse_int(a->version, &version) || version < 1 || version > 9999)) {
		cli_error("bulletin", "--version %s: not a whole number from 1 to 9999", a->version);
		return EXIT_USAGE;
	}
	memset(&f, 0, sizeof(f));
	f.district = a->key;
	f.month = month;
	f.version = (int)version;
	f.fmt = (enum render_format)fmt;
	f.force_draft = a->draft;
	if (publish_fetch(st, &f, &out, &err)) {
		cli_error("bulletin", "%s", err.s);
		goto out;
	}
	issue_no = f.issue_no;
	if (write_bytes(a->out, out.s, out.len))
		goto out;
	month_format(month, m);
	if (strcmp(a->out, "-")) {
		if (issue_no && f.version_served > 1)
			fprintf(stderr, "ballast bulletin: wrote %s: the issued %d年第%d期 第%d版 (%s, "
				"%zu bytes)\n", a->out, month_year(month), issue_no, f.version_served,
				m, out.len);
		else if (issue_no)
			fprintf(stderr, "ballast bulletin: wrote %s: the issued %d年第%d期 (%s, "
				"%zu bytes)\n", a->out, month_year(month), issue_no, m, out.len);
		else
			fprintf(stderr, "ballast bulletin: wrote %s: a draft of %s from today's data "
				"(%zu bytes)\n", a->out, m, out.len);
	}
	rc = 0;
out:
	buf_release(&out);
	buf_release(&err);
	return rc;
}

/* Parse argv into a; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct bulletin_args *a)
{
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &a->db }, { .name = "month", .value = &a->month },
		{ .name = "format", .value = &a->format },
		{ .name = "output", .short_name = 'o', .value = &a->out },
		{ .name = "draft", .flag = &a->draft, .on = 1 },
		{ .name = "issue", .flag = &a->issue, .on = 1 },
		{ .name = "reissue", .flag = &a->reissue, .on = 1 },
		{ .name = "issue-no", .value = &a->issue_no }, { .name = "actor", .value = &a->actor },
		{ .name = "reason", .value = &a->reason }, { .name = "version", .value = &a->version },
		{ .name = "list", .flag = &a->list, .on = 1 },
		{ .name = "yes", .flag = &a->yes, .on = 1 },
		{ .name = "readiness", .flag = &a->readiness, .on = 1 },
		{ .name = "district", .value = &a->district }, /* district1 */
	};
	int rc;

	memset(a, 0, sizeof(*a));
	rc = cli_getopt("bulletin", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(usage_text);
	if (a->list)
		return a->month || a->issue || a->out || a->readiness ? cli_usage(usage_text) : -1;
	if (a->readiness)
		return !a->month || a->issue || a->out || a->draft || a->version ||
		       (a->format && strcmp(a->format, "table") && strcmp(a->format, "json")) ?
		       cli_usage(usage_text) : -1;
	if (a->yes && !a->issue)
		return cli_usage(usage_text);
	if (!a->month || (!a->issue && !a->out) || (a->issue && a->draft) ||
	    ((a->reissue || a->issue_no) && !a->issue) || (a->reason && !a->reissue) ||
	    (a->version && (a->issue || a->draft)))
		return cli_usage(usage_text);
	return -1;
}

int cmd_bulletin(int argc, char **argv)
{
	struct bulletin_args a;
	struct store *st;
	bl_month month = MONTH_NONE;
	int rc, fmt = RENDER_PDF;

	rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (a.month && cli_month("bulletin", a.month, &month))
		return EXIT_USAGE;
	if (!a.list && !a.readiness && (a.out || a.format)) {
		fmt = pick_format(&a);
		if (fmt < 0)
			return EXIT_USAGE;
	}
	st = cli_open(a.db, STORE_EXISTING);
	if (!st)
		return EXIT_USER;
	/* district1: the list needs a district only to filter by */
	if (cli_district("bulletin", st, a.district, !a.list, &a.units, &a.key)) {
		store_close(st);
		return EXIT_USER;
	}
	if (a.list)
		rc = list(st, &a);
	else if (a.readiness)
		rc = readiness_print(st, a.key, month, stdout,
				     a.format && !strcmp(a.format, "json"), &(int){ 0 });
	else if (a.issue)
		rc = issue(st, month, &a, fmt);
	else
		rc = fetch(st, month, &a, fmt);
	dataset_release(&a.units);
	store_close(st);
	render_shutdown();
	return rc;
}
