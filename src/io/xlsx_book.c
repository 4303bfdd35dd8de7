/* xlsx_book.c — the parts of an XLSX workbook that come before its sheet
 * (xlsx_int.h): the package and workbook relationships, the sheet list and
 * date system (workbook.xml), which cell styles show dates (styles.xml), and
 * the shared strings, which are kept in memory for the sheet's cells. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/xlsx_int.h"
#include "io/xlsx_value.h"
#include "util/xalloc.h"

#define MAX_RELS 10000
#define MAX_NUMFMTS 4096
#define MAX_XFS 65536
#define MAX_TARGET 1024

/* Parse a whole (small) part with the given handlers; the context x comes
 * first in the handlers' user data. BL_ENOTFOUND when the part is absent. */
static enum bl_err parse_part(struct xlsx_reader *r, const char *name, uint64_t max,
			      struct xlsx_xml *x, XML_StartElementHandler start,
			      XML_EndElementHandler end, XML_CharacterDataHandler text,
			      struct buf *err)
{
	struct xlsx_part p;
	enum bl_err rc;
	size_t got;

	rc = xlsx_part_open(r, name, max, &p, err);
	if (rc)
		return rc;
	xlsx_xml_init(x, err);
	XML_SetElementHandler(x->xp, start, end);
	if (text)
		XML_SetCharacterDataHandler(x->xp, text);
	for (;;) {
		void *chunk = XML_GetBuffer(x->xp, (int)XLSX_CHUNK);

		if (!chunk)
			abort(); /* out of memory */
		rc = xlsx_part_read(r, &p, chunk, XLSX_CHUNK, &got, err);
		if (rc)
			break;
		if (XML_ParseBuffer(x->xp, (int)got, got == 0) == XML_STATUS_ERROR) {
			rc = xlsx_xml_failed(x, name);
			break;
		}
		if (!got)
			break;
	}
	XML_ParserFree(x->xp);
	x->xp = NULL;
	xlsx_part_close(&p);
	return rc;
}

/* A decimal number of at most 9 digits; -1 when s is not one. */
static long small_uint(const char *s)
{
	long v = 0;
	int n = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || ++n > 9)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* ---- relationships ---- */

struct rel {
	char *id, *type, *target;
};

struct rels {
	struct xlsx_xml x;
	struct rel *v;
	size_t n, alloc;
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *rs = ud;
	const char *id = xlsx_attr(atts, "Id"), *type = xlsx_attr(atts, "Type");
	const char *target = xlsx_attr(atts, "Target"), *mode = xlsx_attr(atts, "TargetMode");

	if (strcmp(xlsx_local(name), "Relationship") || !id || !type || !target ||
	    (mode && !strcmp(mode, "External")) || strlen(target) > MAX_TARGET)
		return;
	if (rs->n >= MAX_RELS) {
		xlsx_xml_stop(&rs->x, BL_ELIMIT, "too large: more than %d relationships", MAX_RELS);
		return;
	}
	XGROW(rs->v, rs->alloc, rs->n + 1);
	rs->v[rs->n].id = xstrdup(id);
	rs->v[rs->n].type = xstrdup(type);
	rs->v[rs->n].target = xstrdup(target);
	rs->n++;
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void rels_release(struct rels *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].type);
		free(rs->v[i].target);
	}
	free(rs->v);
}

/* The first relationship whose type ends in suffix (or has this id). */
static const struct rel *rel_find(const struct rels *rs, const char *suffix, const char *id)
{
	size_t i, k = suffix ? strlen(suffix) : 0;

	for (i = 0; i < rs->n; i++) {
		size_t t = strlen(rs->v[i].type);

		if (id ? !strcmp(rs->v[i].id, id)
		       : t >= k && !strcmp(rs->v[i].type + t - k, suffix))
			return &rs->v[i];
	}
	return NULL;
}

/* The part that target names, relative to the folder of part base (a
 * leading / is the package root); "." and ".." are resolved. Caller frees. */
static char *resolve(const char *base, const char *target)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	const char *slash = strrchr(base, '/'), *seg;

	if (*target == '/')
		target++;
	else if (slash)
		buf_add(&in, base, (size_t)(slash - base) + 1);
	buf_adds(&in, target);
	for (seg = in.s; *seg;) {
		const char *e = strchr(seg, '/');
		size_t n = e ? (size_t)(e - seg) : strlen(seg);

		if (n == 2 && !strncmp(seg, "..", 2)) {
			char *last = out.len ? memrchr(out.s, '/', out.len - 1) : NULL;

			buf_truncate(&out, last ? (size_t)(last - out.s) + 1 : 0);
		} else if (n && !(n == 1 && *seg == '.')) {
			buf_add(&out, seg, n);
			if (e)
				buf_addch(&out, '/');
		}
		seg += n + (e ? 1 : 0);
	}
	buf_release(&in);
	return buf_detach(&out, NULL);
}

static enum bl_err read_rels(struct xlsx_reader *r, const char *name, struct rels *rs,
			     struct buf *err)
{
	return parse_part(r, name, XLSX_MAX_PART, &rs->x, rels_start, no_end, NULL, err);
}

/* ---- the workbook ---- */

struct wb_sheet {
	char *name, *rid;
	int hidden;
};

struct workbook {
	struct xlsx_xml x;
	struct wb_sheet *v;
	size_t n, alloc;
	int date1904;
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *wb = ud;
	const char *el = xlsx_local(name);

	if (!strcmp(el, "workbookPr")) {
		const char *d = xlsx_attr(atts, "date1904");

		wb->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	} else if (!strcmp(el, "sheet")) {
		const char *n = xlsx_attr(atts, "name"), *id = xlsx_attr(atts, "id");
		const char *state = xlsx_attr(atts, "state");

		if (!n || !id)
			return;
		if (wb->n >= XLSX_MAX_SHEETS) {
			xlsx_xml_stop(&wb->x, BL_ELIMIT, "too large: more than %d sheets",
				      XLSX_MAX_SHEETS);
			return;
		}
		XGROW(wb->v, wb->alloc, wb->n + 1);
		wb->v[wb->n].name = xstrdup(n);
		wb->v[wb->n].rid = xstrdup(id);
		wb->v[wb->n].hidden = state && strcmp(state, "visible");
		wb->n++;
	}
}

static void workbook_release(struct workbook *wb)
{
	size_t i;

	for (i = 0; i < wb->n; i++) {
		free(wb->v[i].name);
		free(wb->v[i].rid);
	}
	free(wb->v);
}

/* The sheet to read: named (ASCII case does not matter) or the first visible. */
static const struct wb_sheet *pick_sheet(const struct workbook *wb, const char *sheet,
					 struct buf *err)
{
	size_t i;

	for (i = 0; i < wb->n; i++)
		if (sheet ? !strcasecmp(wb->v[i].name, sheet) : !wb->v[i].hidden)
			return &wb->v[i];
	if (!sheet && wb->n)
		return &wb->v[0];
	if (!wb->n) {
		buf_say(err, "the workbook has no sheets");
		return NULL;
	}
	buf_say(err, "the workbook has no sheet named \"%s\"; its sheets are: ", sheet);
	for (i = 0; i < wb->n; i++)
		buf_say(err, "%s\"%s\"", i ? ", " : "", wb->v[i].name);
	return NULL;
}

/* ---- styles: which cell formats show dates ---- */

struct styles {
	struct xlsx_xml x;
	int in_numfmts, in_xfs;
	unsigned *fmt_id;
	unsigned char *fmt_date;
	size_t n_fmt, a_fmt, a_date;
	unsigned *xf_fmt;
	size_t n_xf, a_xf;
};

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = ud;
	const char *el = xlsx_local(name);
	long id;

	if (!strcmp(el, "numFmts")) {
		st->in_numfmts = 1;
	} else if (!strcmp(el, "cellXfs")) {
		st->in_xfs = 1;
	} else if (st->in_numfmts && !strcmp(el, "numFmt")) {
		const char *code = xlsx_attr(atts, "formatCode");

		id = small_uint(xlsx_attr(atts, "numFmtId"));
		if (id < 0 || !code || st->n_fmt >= MAX_NUMFMTS)
			return;
		XGROW(st->fmt_id, st->a_fmt, st->n_fmt + 1);
		XGROW(st->fmt_date, st->a_date, st->n_fmt + 1);
		st->fmt_id[st->n_fmt] = (unsigned)id;
		st->fmt_date[st->n_fmt++] = (unsigned char)xlsx_format_is_date(code);
	} else if (st->in_xfs && !strcmp(el, "xf")) {
		if (st->n_xf >= MAX_XFS) {
			xlsx_xml_stop(&st->x, BL_ELIMIT, "too large: more than %d cell styles",
				      MAX_XFS);
			return;
		}
		id = small_uint(xlsx_attr(atts, "numFmtId"));
		XGROW(st->xf_fmt, st->a_xf, st->n_xf + 1);
		st->xf_fmt[st->n_xf++] = id < 0 ? 0 : (unsigned)id;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles *st = ud;
	const char *el = xlsx_local(name);

	if (!strcmp(el, "numFmts"))
		st->in_numfmts = 0;
	else if (!strcmp(el, "cellXfs"))
		st->in_xfs = 0;
}

static enum bl_err read_styles(struct xlsx_reader *r, const char *name, struct buf *err)
{
	struct styles st;
	enum bl_err rc;
	size_t i, k;

	memset(&st, 0, sizeof(st));
	rc = parse_part(r, name, XLSX_MAX_PART, &st.x, styles_start, styles_end, NULL, err);
	if (!rc) {
		r->n_xf = st.n_xf;
		r->xf_date = xcalloc(st.n_xf + 1, 1);
		for (i = 0; i < st.n_xf; i++) {
			int date = xlsx_builtin_is_date(st.xf_fmt[i]);

			/* a custom definition of the id wins over the built-in one */
			for (k = 0; k < st.n_fmt; k++)
				if (st.fmt_id[k] == st.xf_fmt[i])
					date = st.fmt_date[k];
			r->xf_date[i] = (unsigned char)date;
		}
	}
	free(st.fmt_id);
	free(st.fmt_date);
	free(st.xf_fmt);
	return rc == BL_ENOTFOUND ? BL_OK : rc;
}

/* ---- shared strings ---- */

struct sst {
	struct xlsx_xml x;
	struct xlsx_reader *r;
	int in_si, in_t, in_rph;
	size_t start;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst *s = ud;
	const char *el = xlsx_local(name);

	(void)atts;
	if (!strcmp(el, "si")) {
		s->in_si = 1;
		s->start = s->r->sst.len;
	} else if (!strcmp(el, "rPh")) {
		s->in_rph++;
	} else if (!strcmp(el, "t") && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	struct xlsx_reader *r = s->r;
	const char *el = xlsx_local(name);
	size_t len;

	if (!strcmp(el, "t")) {
		s->in_t = 0;
	} else if (!strcmp(el, "rPh")) {
		s->in_rph -= s->in_rph > 0;
	} else if (!strcmp(el, "si") && s->in_si) {
		s->in_si = 0;
		if (r->n_sst >= XLSX_MAX_STRINGS) {
			xlsx_xml_stop(&s->x, BL_ELIMIT, "too large: more than %zu shared strings",
				      XLSX_MAX_STRINGS);
			return;
		}
		len = r->sst.len - s->start;
		xlsx_unescape(r->sst.s + s->start, &len);
		buf_truncate(&r->sst, s->start + len);
		buf_addch(&r->sst, '\0');
		if (r->sst.err) {
			xlsx_xml_stop(&s->x, BL_ELIMIT, "too large: the shared strings hold more "
				      "than %zu MiB", XLSX_MAX_STRING_BYTES >> 20);
			return;
		}
		XGROW(r->sst_off, r->sst_alloc, r->n_sst + 1);
		r->sst_off[r->n_sst++] = (uint32_t)s->start;
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *text, int len)
{
	struct sst *s = ud;

	if (s->in_t)
		buf_add(&s->r->sst, text, (size_t)len);
}

static enum bl_err read_sst(struct xlsx_reader *r, const char *name, struct buf *err)
{
	struct sst s;
	enum bl_err rc;

	memset(&s, 0, sizeof(s));
	s.r = r;
	rc = parse_part(r, name, XLSX_MAX_PART, &s.x, sst_start, sst_end, sst_text, err);
	return rc == BL_ENOTFOUND ? BL_OK : rc;
}

/* ---- opening ---- */

/* Why a zip without a workbook is not one. */
static enum bl_err not_a_workbook(struct xlsx_reader *r, struct buf *err)
{
	struct xlsx_part p;
	char mime[100] = "";
	size_t got = 0;

	if (!xlsx_part_open(r, "mimetype", 4096, &p, NULL)) {
		xlsx_part_read(r, &p, mime, sizeof(mime) - 1, &got, NULL);
		mime[got] = '\0';
		xlsx_part_close(&p);
	}
	if (strstr(mime, "opendocument.spreadsheet"))
		buf_say(err, "an OpenDocument spreadsheet (.ods), not XLSX: save it as Excel 2007-365 "
			 "(.xlsx) or CSV");
	else if (zip_name_locate(r->zip, "word/document.xml", ZIP_FL_NOCASE) >= 0)
		buf_say(err, "a Word document, not a spreadsheet");
	else
		buf_say(err, "not a spreadsheet: a zip archive without an XLSX workbook in it");
	return BL_EINVAL;
}

/* The path of the workbook's own relationships: xl/_rels/workbook.xml.rels. */
static char *rels_of(const char *part)
{
	struct buf b = BUF_INIT;
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;

	buf_add(&b, part, dir);
	buf_addf(&b, "_rels/%s.rels", part + dir);
	return buf_detach(&b, NULL);
}

/* Read the workbook part wb_path and its relations, choose the sheet, read
 * the styles and shared strings, and start the sheet. */
static enum bl_err open_workbook(struct xlsx_reader *r, const char *wb_path, const char *sheet,
				 struct buf *err)
{
	struct workbook wb;
	struct rels rs;
	const struct wb_sheet *ws;
	const struct rel *rel;
	char *relpath = NULL, *path = NULL;
	enum bl_err rc;

	memset(&wb, 0, sizeof(wb));
	memset(&rs, 0, sizeof(rs));
	rc = parse_part(r, wb_path, XLSX_MAX_PART, &wb.x, wb_start, no_end, NULL, err);
	if (rc == BL_ENOTFOUND)
		rc = not_a_workbook(r, err);
	if (rc)
		goto out;
	r->date1904 = wb.date1904;
	relpath = rels_of(wb_path);
	rc = read_rels(r, relpath, &rs, err);
	if (rc == BL_ENOTFOUND) {
		buf_say(err, "the workbook is damaged: %s is missing", relpath);
		rc = BL_EINVAL;
	}
	if (rc)
		goto out;
	ws = pick_sheet(&wb, sheet, err);
	rel = ws ? rel_find(&rs, NULL, ws->rid) : NULL;
	if (ws && !rel)
		buf_say(err, "the workbook is damaged: sheet \"%s\" has no part", ws->name);
	if (rel && !strstr(rel->type, "/worksheet")) {
		buf_say(err, "sheet \"%s\" is not a worksheet (a chart or dialog sheet)", ws->name);
		rel = NULL;
	}
	if (!rel) {
		rc = BL_EINVAL;
		goto out;
	}
	r->sheet_name = xstrdup(ws->name);
	path = resolve(wb_path, rel->target);
	if (rel_find(&rs, "/styles", NULL)) {
		char *p = resolve(wb_path, rel_find(&rs, "/styles", NULL)->target);

		rc = read_styles(r, p, err);
		free(p);
		if (rc)
			goto out;
	}
	if (rel_find(&rs, "/sharedStrings", NULL)) {
		char *p = resolve(wb_path, rel_find(&rs, "/sharedStrings", NULL)->target);

		rc = read_sst(r, p, err);
		free(p);
		if (rc)
			goto out;
	}
	rc = xlsx_sheet_open(r, path, err);
out:
	free(path);
	free(relpath);
	rels_release(&rs);
	workbook_release(&wb);
	return rc;
}

enum bl_err xlsx_book_open(struct xlsx_reader *r, const char *sheet, struct buf *err)
{
	struct rels pkg;
	const struct rel *doc;
	char *wb_path;
	enum bl_err rc;

	if (zip_get_num_entries(r->zip, 0) > XLSX_MAX_ENTRIES) {
		buf_say(err, "too large: the zip archive holds more than %d files", XLSX_MAX_ENTRIES);
		return BL_ELIMIT;
	}
	memset(&pkg, 0, sizeof(pkg));
	rc = read_rels(r, "_rels/.rels", &pkg, err);
	if (rc && rc != BL_ENOTFOUND) {
		rels_release(&pkg);
		return rc;
	}
	doc = rel_find(&pkg, "/officeDocument", NULL);
	wb_path = doc ? resolve("", doc->target) : xstrdup("xl/workbook.xml");
	rels_release(&pkg);
	rc = open_workbook(r, wb_path, sheet, err);
	free(wb_path);
	return rc;
}

