/* xlsx.c — the XLSX reader's zip and XML plumbing (xlsx.h): opening the
 * archive from a file or memory, reading its parts within the limits against
 * zip bombs, and the expat helpers every part parser uses. The workbook's
 * parts are read by xlsx_book.c, the sheet is streamed by xlsx_sheet.c. */
#include "io/xlsx.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/xlsx_int.h"
#include "util/xalloc.h"

#define RATIO_GRACE ((uint64_t)1 << 20) /* parts smaller than this are never bombs */
#define MIB(x) ((unsigned long long)((x) >> 20))

/* ---- the zip ---- */

/* The error for libzip's code ze, in the context of what (a part or NULL). */
static enum bl_err zip_failed(int ze, const char *what, struct buf *err)
{
	zip_error_t e;

	switch (ze) {
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP:
		buf_say(err, "the workbook is password-protected (its parts are encrypted); remove "
			 "the password and save it again");
		return BL_EPERM;
	case ZIP_ER_NOZIP:
		buf_say(err, "not an XLSX workbook: the file starts like a zip archive but is not one "
			 "(damaged or cut short)");
		return BL_EINVAL;
	case ZIP_ER_MEMORY:
		buf_say(err, "out of memory reading the workbook");
		return BL_ELIMIT;
	default:
		break;
	}
	zip_error_init_with_code(&e, ze);
	buf_say(err, "the workbook is damaged: %s%s%s", what ? what : "", what ? ": " : "",
	    zip_error_strerror(&e));
	zip_error_fini(&e);
	return ze == ZIP_ER_OPEN || ze == ZIP_ER_READ ? BL_EIO : BL_EINVAL;
}

enum bl_err xlsx_part_open(struct xlsx_reader *r, const char *name, uint64_t max,
			   struct xlsx_part *p, struct buf *err)
{
	zip_int64_t idx = zip_name_locate(r->zip, name, ZIP_FL_NOCASE);
	zip_uint64_t ratio;
	zip_stat_t st;

	memset(p, 0, sizeof(*p));
	if (idx < 0)
		return BL_ENOTFOUND;
	zip_stat_init(&st);
	if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &st))
		return zip_failed(zip_error_code_zip(zip_get_error(r->zip)), name, err);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return zip_failed(ZIP_ER_NOPASSWD, name, err);
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max) {
		buf_say(err, "too large: %s expands to %llu MiB, more than the %llu MiB ballast reads",
		    name, MIB(st.size), MIB(max));
		return BL_ELIMIT;
	}
	ratio = st.size / (st.comp_size ? st.comp_size : 1);
	if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    st.size > RATIO_GRACE && ratio > XLSX_MAX_RATIO) {
		buf_say(err, "refused as a zip bomb: %s would expand %llu times (%llu MiB), more than "
			 "%d times", name, (unsigned long long)ratio, MIB(st.size), XLSX_MAX_RATIO);
		return BL_ELIMIT;
	}
	p->zf = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0);
	if (!p->zf)
		return zip_failed(zip_error_code_zip(zip_get_error(r->zip)), name, err);
	p->name = xstrdup(name);
	p->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	p->max = max;
	return BL_OK;
}

enum bl_err xlsx_part_read(struct xlsx_reader *r, struct xlsx_part *p, char *buf, size_t len,
			   size_t *got, struct buf *err)
{
	zip_int64_t n = zip_fread(p->zf, buf, len);

	*got = 0;
	if (n < 0)
		return zip_failed(zip_error_code_zip(zip_file_get_error(p->zf)), p->name, err);
	p->read += (uint64_t)n;
	r->total += (uint64_t)n;
	if (p->read > p->max || r->total > XLSX_MAX_TOTAL) {
		buf_say(err, "too large: %s expands to more than %llu MiB", p->name,
		    MIB(p->read > p->max ? p->max : XLSX_MAX_TOTAL));
		return BL_ELIMIT;
	}
	if (p->read > RATIO_GRACE && p->read / (p->comp ? p->comp : 1) > XLSX_MAX_RATIO) {
		buf_say(err, "refused as a zip bomb: %s expands more than %d times its compressed size",
		    p->name, XLSX_MAX_RATIO);
		return BL_ELIMIT;
	}
	*got = (size_t)n;
	return BL_OK;
}

void xlsx_part_close(struct xlsx_part *p)
{
	if (p->zf)
		zip_fclose(p->zf);
	free(p->name);
	memset(p, 0, sizeof(*p));
}

/* ---- XML ---- */

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct xlsx_xml *x = ud;

	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	x->dtd = 1;
	XML_StopParser(x->xp, XML_FALSE);
}

void xlsx_xml_init(struct xlsx_xml *x, struct buf *err)
{
	x->xp = XML_ParserCreate(NULL);
	if (!x->xp)
		abort(); /* out of memory: see util/xalloc.h */
	x->err = err;
	x->rc = BL_OK;
	x->dtd = 0;
	XML_SetUserData(x->xp, x);
	XML_SetStartDoctypeDeclHandler(x->xp, on_doctype);
}

enum bl_err xlsx_xml_failed(struct xlsx_xml *x, const char *part)
{
	if (x->rc)
		return x->rc;
	if (x->dtd) {
		buf_say(x->err, "the workbook is damaged: %s holds a DOCTYPE, which XLSX never has",
		    part);
		return BL_EINVAL;
	}
	buf_say(x->err, "the workbook is damaged: %s, line %lu: %s", part,
	    (unsigned long)XML_GetCurrentLineNumber(x->xp),
	    XML_ErrorString(XML_GetErrorCode(x->xp)));
	return BL_EINVAL;
}

void xlsx_xml_stop(struct xlsx_xml *x, enum bl_err rc, const char *fmt, ...)
{
	va_list ap;

	if (x->rc)
		return;
	x->rc = rc;
	if (x->err) {
		va_start(ap, fmt);
		buf_vaddf(x->err, fmt, ap);
		va_end(ap);
	}
	XML_StopParser(x->xp, XML_FALSE);
}

const char *xlsx_local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

const char *xlsx_attr(const char **atts, const char *local)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcmp(xlsx_local(atts[0]), local))
			return atts[1];
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void xlsx_unescape(char *s, size_t *len)
{
	size_t i = 0, o = 0, n = *len;

	while (i < n) {
		unsigned v = 0;
		int k, ok = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';

		for (k = 2; ok && k < 6; k++) {
			ok = hexval(s[i + k]) >= 0;
			v = v * 16 + (unsigned)(ok ? hexval(s[i + k]) : 0);
		}
		if (!ok || (v >= 0xd800 && v <= 0xdfff) || v == 0) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		if (v < 0x80) {
			s[o++] = (char)v;
		} else if (v < 0x800) {
			s[o++] = (char)(0xc0 | (v >> 6));
			s[o++] = (char)(0x80 | (v & 0x3f));
		} else {
			s[o++] = (char)(0xe0 | (v >> 12));
			s[o++] = (char)(0x80 | ((v >> 6) & 0x3f));
			s[o++] = (char)(0x80 | (v & 0x3f));
		}
	}
	*len = o;
}

enum bl_err xlsx_open_file(const char *path, const char *sheet, struct xlsx_reader **out,
			   struct buf *err)
{
	struct xlsx_reader *r;
	struct stat sb;
	enum bl_err rc;
	int ze = 0;

	*out = NULL;
	if (stat(path, &sb)) {
		buf_say(err, "cannot read: %s", strerror(errno));
		return BL_EIO;
	}
	if ((uint64_t)sb.st_size > XLSX_MAX_FILE) {
		buf_say(err, "too large: more than %llu MiB", MIB(XLSX_MAX_FILE));
		return BL_ELIMIT;
	}
	r = xcalloc(1, sizeof(*r));
	buf_init(&r->sst, XLSX_MAX_STRING_BYTES);
	r->zip = zip_open(path, ZIP_RDONLY, &ze);
	rc = r->zip ? xlsx_book_open(r, sheet, err) : zip_failed(ze, NULL, err);
	if (rc) {
		xlsx_close(r);
		return rc;
	}
	*out = r;
	return BL_OK;
}

enum bl_err xlsx_open_mem(const void *data, size_t len, const char *sheet,
			  struct xlsx_reader **out, struct buf *err)
{
	struct xlsx_reader *r;
	zip_error_t ze;
	enum bl_err rc;

	*out = NULL;
	if (len > XLSX_MAX_FILE) {
		buf_say(err, "too large: more than %llu MiB", MIB(XLSX_MAX_FILE));
		return BL_ELIMIT;
	}
	r = xcalloc(1, sizeof(*r));
	buf_init(&r->sst, XLSX_MAX_STRING_BYTES);
	zip_error_init(&ze);
	r->src = zip_source_buffer_create(data, len, 0, &ze);
	if (r->src)
		r->zip = zip_open_from_source(r->src, ZIP_RDONLY, &ze);
	if (r->zip) {
		r->src = NULL; /* the archive owns it now */
		rc = xlsx_book_open(r, sheet, err);
	} else {
		rc = zip_failed(zip_error_code_zip(&ze), NULL, err);
	}
	zip_error_fini(&ze);
	if (rc) {
		xlsx_close(r);
		return rc;
	}
	*out = r;
	return BL_OK;
}

const char *xlsx_sheet_name(const struct xlsx_reader *r)
{
	return r->sheet_name;
}

size_t xlsx_row_number(const struct xlsx_reader *r)
{
	return r->sheet.row;
}

void xlsx_close(struct xlsx_reader *r)
{
	if (!r)
		return;
	xlsx_sheet_release(&r->sheet);
	if (r->zip)
		zip_discard(r->zip);
	if (r->src)
		zip_source_free(r->src);
	free(r->xf_date);
	buf_release(&r->sst);
	free(r->sst_off);
	free(r->sheet_name);
	free(r);
}
