/* test_csv.c — unit tests of the CSV reader (src/io/csv.c): RFC 4180 quoting,
 * line ends, record and line numbers, BOM, GB18030, malformed records, limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv.h"
#include "util/xalloc.h"

/* Open a reader over the first len bytes of s; fail the test on error. */
static struct csv_reader *open_len(const char *s, size_t len)
{
	struct csv_reader *r = NULL;
	struct buf err = BUF_INIT;

	assert_int_equal(csv_open_mem(s, len, &r, &err), BL_OK);
	assert_string_equal(err.s, "");
	assert_non_null(r);
	buf_release(&err);
	return r;
}

static struct csv_reader *open_str(const char *s)
{
	return open_len(s, strlen(s));
}

/* Read the next record and check its fields (NULL-terminated list). */
static void expect_record(struct csv_reader *r, size_t number, size_t line, ...)
{
	struct buf err = BUF_INIT;
	char **f;
	size_t n, i = 0;
	const char *want;
	va_list ap;

	assert_int_equal(csv_next(r, &f, &n, &err), BL_OK);
	assert_string_equal(err.s, "");
	va_start(ap, line);
	for (want = va_arg(ap, const char *); want; want = va_arg(ap, const char *)) {
		assert_true(i < n);
		assert_string_equal(f[i], want);
		i++;
	}
	va_end(ap);
	assert_int_equal(n, i);
	assert_int_equal(csv_record_number(r), number);
	assert_int_equal(csv_record_line(r), line);
	buf_release(&err);
}

static void expect_end(struct csv_reader *r)
{
	char **f;
	size_t n;

	assert_int_equal(csv_next(r, &f, &n, NULL), BL_ENOTFOUND);
	assert_null(f);
	assert_int_equal(n, 0);
	assert_int_equal(csv_next(r, &f, &n, NULL), BL_ENOTFOUND);
}

/* Read the next record, expect the error rc with msg somewhere in its sentence. */
static void expect_error(struct csv_reader *r, enum bl_err rc, size_t number, const char *msg)
{
	struct buf err = BUF_INIT;
	char **f;
	size_t n;

	assert_int_equal(csv_next(r, &f, &n, &err), rc);
	assert_null(f);
	assert_int_equal(n, 0);
	if (!strstr(err.s, msg))
		fail_msg("error \"%s\" does not contain \"%s\"", err.s, msg);
	assert_int_equal(csv_record_number(r), number);
	buf_release(&err);
}

static void test_simple(void **state)
{
	struct csv_reader *r = open_str("ref,name,year\nP1,Plant,2024\nP2,Road,2025\n");

	(void)state;
	assert_int_equal(csv_record_number(r), 0);
	expect_record(r, 1, 1, "ref", "name", "year", NULL);
	expect_record(r, 2, 2, "P1", "Plant", "2024", NULL);
	expect_record(r, 3, 3, "P2", "Road", "2025", NULL);
	expect_end(r);
	assert_int_equal(csv_record_number(r), 3);
	assert_int_equal(csv_was_gb18030(r), 0);
	csv_close(r);
}

static void test_quotes(void **state)
{
	struct csv_reader *r = open_str(
		"\"a \"\"q\"\" b\",\"x,y\",plain,\"\"\n"
		"\"\"\"\",\"\"\"\"\"\",\"end\"\"\"\n");

	(void)state;
	expect_record(r, 1, 1, "a \"q\" b", "x,y", "plain", "", NULL);
	expect_record(r, 2, 2, "\"", "\"\"", "end\"", NULL);
	expect_end(r);
	csv_close(r);
}

static void test_embedded_newlines(void **state)
{
	struct csv_reader *r = open_str(
		"h1,h2\n"
		"\"line1\nline2\",x\n"
		"\"a\r\nb\r\nc\",\"d\re\"\n"
		"last,y\n");

	(void)state;
	expect_record(r, 1, 1, "h1", "h2", NULL);
	expect_record(r, 2, 2, "line1\nline2", "x", NULL);
	expect_record(r, 3, 4, "a\r\nb\r\nc", "d\re", NULL);
	expect_record(r, 4, 8, "last", "y", NULL);
	expect_end(r);
	csv_close(r);
}

static void test_line_ends(void **state)
{
	struct csv_reader *r = open_str("a,b\r\nc,d\re,f\ng,h");

	(void)state;
	expect_record(r, 1, 1, "a", "b", NULL);
	expect_record(r, 2, 2, "c", "d", NULL);
	expect_record(r, 3, 3, "e", "f", NULL);
	expect_record(r, 4, 4, "g", "h", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str("x,\"quoted at the end\"");
	expect_record(r, 1, 1, "x", "quoted at the end", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str("a\r\r\nb\r");
	expect_record(r, 1, 1, "a", NULL);
	expect_record(r, 2, 2, "", NULL);
	expect_record(r, 3, 3, "b", NULL);
	expect_end(r);
	csv_close(r);
}

static void test_empty_lines(void **state)
{
	struct csv_reader *r = open_str("a\n\nb\n\n");

	(void)state;
	expect_record(r, 1, 1, "a", NULL);
	expect_record(r, 2, 2, "", NULL);
	expect_record(r, 3, 3, "b", NULL);
	expect_record(r, 4, 4, "", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str("");
	expect_end(r);
	assert_int_equal(csv_record_number(r), 0);
	csv_close(r);

	r = open_str("\n");
	expect_record(r, 1, 1, "", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str("a,\n,\n,,b");
	expect_record(r, 1, 1, "a", "", NULL);
	expect_record(r, 2, 2, "", "", NULL);
	expect_record(r, 3, 3, "", "", "b", NULL);
	expect_end(r);
	csv_close(r);
}

static void test_bom(void **state)
{
	struct csv_reader *r = open_str("\xef\xbb\xbfname,code\r\n\xe9\xa1\xb9\xe7\x9b\xae,1\r\n");

	(void)state;
	expect_record(r, 1, 1, "name", "code", NULL);
	expect_record(r, 2, 2, "项目", "1", NULL);
	expect_end(r);
	assert_int_equal(csv_was_gb18030(r), 0);
	csv_close(r);

	r = open_str("\xef\xbb\xbf");
	expect_end(r);
	csv_close(r);

	/* A BOM elsewhere is content, not stripped. */
	r = open_str("a\n\xef\xbb\xbf" "b\n");
	expect_record(r, 1, 1, "a", NULL);
	expect_record(r, 2, 2, "\xef\xbb\xbf" "b", NULL);
	csv_close(r);
}

static void test_gb18030(void **state)
{
	/* 项目,名称 / "万元,x",是 / 𠀀 (a four-byte GB18030 sequence), é */
	struct csv_reader *r = open_str(
		"\xcf\xee\xc4\xbf,\xc3\xfb\xb3\xc6\r\n"
		"\"\xcd\xf2\xd4\xaa,x\",\xca\xc7\r\n"
		"\x95\x32\x82\x36,\xa8\xa6\r\n");

	(void)state;
	assert_int_equal(csv_was_gb18030(r), 1);
	expect_record(r, 1, 1, "项目", "名称", NULL);
	expect_record(r, 2, 2, "万元,x", "是", NULL);
	expect_record(r, 3, 3, "\xf0\xa0\x80\x80", "é", NULL);
	expect_end(r);
	csv_close(r);

	/* GB18030 with its own BOM (84 31 95 33 is U+FEFF). */
	r = open_str("\x84\x31\x95\x33\xcf\xee\xc4\xbf\n");
	assert_int_equal(csv_was_gb18030(r), 1);
	expect_record(r, 1, 1, "项目", NULL);
	expect_end(r);
	csv_close(r);
}

static void expect_open_error(const char *s, size_t len, enum bl_err rc, const char *msg)
{
	struct csv_reader *r = (struct csv_reader *)&r;
	struct buf err = BUF_INIT;

	assert_int_equal(csv_open_mem(s, len, &r, &err), rc);
	assert_null(r);
	if (!strstr(err.s, msg))
		fail_msg("error \"%s\" does not contain \"%s\"", err.s, msg);
	buf_release(&err);
}

static void test_bad_encoding(void **state)
{
	(void)state;
	expect_open_error("a,b\nc,\xff\n", 8, BL_EENCODING,
			  "invalid byte 0xFF at byte offset 6 (line 2)");
	/* A GB18030 lead byte followed by a byte that cannot trail it. */
	expect_open_error("x\r\ny\r\n\xcf\xee\x81\x20", 10, BL_EENCODING,
			  "invalid byte 0x81 at byte offset 8 (line 3)");
	/* Truncated at the end of input. */
	expect_open_error("ok\n\xcf", 4, BL_EENCODING, "byte offset 3 (line 2)");
	/* UTF-16LE "a,b": NUL bytes. */
	expect_open_error("\xff\xfe" "a\0,\0b\0", 8, BL_EENCODING,
			  "NUL byte at byte offset 3 (line 1)");
	expect_open_error("a\nb\0", 4, BL_EENCODING, "NUL byte at byte offset 3 (line 2)");
	/* UTF-8 with one broken byte: reported, not read as GB18030 mojibake. */
	expect_open_error("项目,名称\n无锡,\xff江阴市\n", 32, BL_EENCODING,
			  "the input is UTF-8 with invalid bytes: byte 0xFF at byte offset 21 "
			  "(line 2) is not UTF-8");
}

static void test_valid_utf8_kept(void **state)
{
	/* Overlong and surrogate forms are not UTF-8, nor GB18030 here. */
	struct csv_reader *r = open_str("\xe4\xb8\xad,\xf0\x9f\x98\x80\n");

	(void)state;
	assert_int_equal(csv_was_gb18030(r), 0);
	expect_record(r, 1, 1, "中", "\xf0\x9f\x98\x80", NULL);
	csv_close(r);
	/* c0 af would be an overlong '/': invalid UTF-8, but GB18030 reads it as
	 * two characters, so the input is taken as GB18030. */
	r = open_str("\xc0\xaf\n");
	assert_int_equal(csv_was_gb18030(r), 1);
	csv_close(r);
	/* ed a0 80 is a UTF-16 surrogate encoded in UTF-8: not UTF-8. */
	r = open_str("\xed\xa0\xb0\xa1\n");
	assert_int_equal(csv_was_gb18030(r), 1);
	csv_close(r);
}

static void test_unterminated_quote(void **state)
{
	struct csv_reader *r = open_str("h\na,\"b\nc\nd\n");

	(void)state;
	expect_record(r, 1, 1, "h", NULL);
	expect_error(r, BL_EINVAL, 2, "field 2 opens a quote on line 2 that is never closed");
	assert_int_equal(csv_record_line(r), 2);
	expect_end(r);
	csv_close(r);
}

static void test_quote_in_unquoted(void **state)
{
	struct csv_reader *r = open_str("h1,h2\na,b\"c,d\ne,f\n");

	(void)state;
	expect_record(r, 1, 1, "h1", "h2", NULL);
	expect_error(r, BL_EINVAL, 2, "field 2 has a quote (\") inside an unquoted value on line 2");
	expect_record(r, 3, 3, "e", "f", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str(" \"a\",b\r\nc\r\n");
	expect_error(r, BL_EINVAL, 1, "field 1 has a quote");
	expect_record(r, 2, 2, "c", NULL);
	expect_end(r);
	csv_close(r);
}

static void test_after_closing_quote(void **state)
{
	struct csv_reader *r = open_str("\"multi\nline\"x,b\rc");

	(void)state;
	expect_error(r, BL_EINVAL, 1, "field 1 has a character after its closing quote on line 2");
	expect_record(r, 2, 3, "c", NULL);
	expect_end(r);
	csv_close(r);

	r = open_str("a,\"b\" ,c\n");
	expect_error(r, BL_EINVAL, 1, "field 2 has a character after its closing quote");
	expect_end(r);
	csv_close(r);
}

static void test_field_limit(void **state)
{
	size_t big = CSV_MAX_FIELD + 1, i;
	char *s = xmalloc(2 * big + 16);
	struct csv_reader *r;
	char **f;
	size_t n, len = 0;

	(void)state;
	/* Exactly the limit, unquoted, then one byte more, quoted. */
	memset(s, 'x', CSV_MAX_FIELD);
	len = CSV_MAX_FIELD;
	s[len++] = '\n';
	s[len++] = '"';
	for (i = 0; i < big; i++)
		s[len++] = 'y';
	s[len++] = '"';
	memcpy(s + len, ",z\nnext\n", 8);
	len += 8;
	r = open_len(s, len);
	assert_int_equal(csv_next(r, &f, &n, NULL), BL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(strlen(f[0]), CSV_MAX_FIELD);
	expect_error(r, BL_ELIMIT, 2, "field 1 is longer than 1 MiB");
	expect_record(r, 3, 3, "next", NULL);
	expect_end(r);
	csv_close(r);
	free(s);
}

static void test_fields_limit(void **state)
{
	struct buf in = BUF_INIT;
	struct csv_reader *r;
	char **f;
	size_t n, i;

	(void)state;
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_adds(&in, i ? ",v" : "v");
	buf_adds(&in, "\n");
	for (i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_adds(&in, i ? ",w" : "w");
	buf_adds(&in, "\nok\n");
	r = open_len(in.s, in.len);
	assert_int_equal(csv_next(r, &f, &n, NULL), BL_OK);
	assert_int_equal(n, CSV_MAX_FIELDS);
	assert_string_equal(f[CSV_MAX_FIELDS - 1], "v");
	expect_error(r, BL_ELIMIT, 2, "more than 10000 fields");
	expect_record(r, 3, 3, "ok", NULL);
	expect_end(r);
	csv_close(r);
	buf_release(&in);
}

static void test_input_limit(void **state)
{
	struct csv_reader *r = (struct csv_reader *)&r;
	struct buf err = BUF_INIT;

	(void)state;
	/* The length is checked before the bytes are read. */
	assert_int_equal(csv_open_mem("", CSV_MAX_INPUT + 1, &r, &err), BL_ELIMIT);
	assert_null(r);
	assert_string_equal(err.s, "the input is larger than 512 MiB");
	buf_release(&err);
}

static void test_open_file(void **state)
{
	char path[] = "/tmp/test_csv_XXXXXX";
	struct csv_reader *r = NULL;
	struct buf err = BUF_INIT;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("\xcf\xee\xc4\xbf,b\r\n1,2", fp);
	fclose(fp);
	assert_int_equal(csv_open_file(path, &r, &err), BL_OK);
	assert_int_equal(csv_was_gb18030(r), 1);
	expect_record(r, 1, 1, "项目", "b", NULL);
	expect_record(r, 2, 2, "1", "2", NULL);
	expect_end(r);
	csv_close(r);
	unlink(path);

	assert_int_equal(csv_open_file(path, &r, &err), BL_EIO);
	assert_null(r);
	assert_non_null(strstr(err.s, "cannot open /tmp/test_csv_"));
	assert_non_null(strstr(err.s, ": No such file or directory"));
	buf_reset(&err);
	assert_int_equal(csv_open_file("/tmp", &r, &err), BL_EIO);
	assert_string_equal(err.s, "cannot read /tmp: Is a directory");
	buf_release(&err);
	csv_close(NULL);
}

static void test_many_records(void **state)
{
	struct buf in = BUF_INIT;
	struct csv_reader *r;
	char **f;
	size_t n, i;
	char want[32];

	(void)state;
	for (i = 0; i < 5000; i++)
		buf_addf(&in, "%zu,\"row %zu\"\r\n", i, i);
	r = open_len(in.s, in.len);
	for (i = 0; i < 5000; i++) {
		assert_int_equal(csv_next(r, &f, &n, NULL), BL_OK);
		assert_int_equal(n, 2);
		snprintf(want, sizeof(want), "row %zu", i);
		assert_string_equal(f[1], want);
		assert_int_equal(csv_record_number(r), i + 1);
		assert_int_equal(csv_record_line(r), i + 1);
	}
	expect_end(r);
	csv_close(r);
	buf_release(&in);
}


/* Every record of a reader as text: "rc|number|line|field\x1ffield…|error\n". */
static void transcript(struct csv_reader *r, struct buf *out)
{
	struct buf err = BUF_INIT;
	enum bl_err rc;
	char **f;
	size_t n, i;

	for (;;) {
		buf_reset(&err);
		rc = csv_next(r, &f, &n, &err);
		if (rc == BL_ENOTFOUND)
			break;
		buf_addf(out, "%d|%zu|%zu|", (int)rc, csv_record_number(r), csv_record_line(r));
		for (i = 0; i < n; i++)
			buf_addf(out, "%s%s", i ? "\x1f" : "", f[i]);
		buf_addf(out, "|%s\n", err.s);
	}
	buf_release(&err);
}

/* Records that cross the window's refills read as they do whole: each input
 * read 16 … 40 bytes at a time gives the same records, line numbers and
 * errors as read at once — quoted line ends, CRLF split between reads, a
 * BOM, GB18030 characters split between reads, and malformed records. */
static void test_streamed_like_whole(void **state)
{
	static const char *const inputs[] = {
		"\xef\xbb\xbfref,name,year\r\nP1,\"Plant, big\",2024\r\nP2,\"line\r\nbreak\",2025\r\n",
		"a,b\rc,d\r\re,f\n\ng,\"h\"\"i\"\r\n\"j\nk\nl\",m",
		"h1,h2\na,b\"c,d\ne,f\nx,\"y\"z\nlast,row\n",
		"h\na,\"b\nc\nd\n",
		"\xcf\xee\xc4\xbf,\xc3\xfb\xb3\xc6\r\n\xce\xde\xce\xfd,\"\xbd\xad\xd2\xf5\r\n\xca\xd0\"\r\n"
		"1,2\r\n\xcf\xee\xc4\xbf\xcf\xee\xc4\xbf\xcf\xee\xc4\xbf\xcf\xee\xc4\xbf,3\r\n",
		"项目,名称\n无锡,江阴市\n\"多行\n文本\",完\n",
	};
	struct buf whole = BUF_INIT, part = BUF_INIT;
	struct csv_reader *r;
	size_t i, chunk;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		buf_reset(&whole);
		r = open_str(inputs[i]);
		transcript(r, &whole);
		csv_close(r);
		assert_true(whole.len > 0);
		for (chunk = 16; chunk <= 40; chunk++) {
			buf_reset(&part);
			assert_int_equal(csv_open_mem_chunked(inputs[i], strlen(inputs[i]), chunk, &r,
							      NULL), BL_OK);
			transcript(r, &part);
			csv_close(r);
			if (strcmp(whole.s, part.s))
				fail_msg("input %zu, %zu bytes a read:\n%s\nwhole:\n%s", i, chunk, part.s,
					 whole.s);
		}
	}
	buf_release(&whole);
	buf_release(&part);
}

/* A record longer than CSV_MAX_RECORD is read to that much: a line that long
 * is a field too long, then the next line; a quote never closed that long
 * ends the input. */
static void test_record_limit(void **state)
{
	size_t big = CSV_MAX_RECORD + 10;
	char *s = xmalloc(big + 32);
	struct csv_reader *r;

	(void)state;
	memset(s, 'x', big);
	memcpy(s + big, "\nnext,1\n", 8);
	r = open_len(s, big + 8);
	expect_error(r, BL_ELIMIT, 1, "field 1 is longer than 1 MiB");
	expect_record(r, 2, 2, "next", "1", NULL);
	expect_end(r);
	csv_close(r);
	s[0] = '"';
	r = open_len(s, big + 8);
	expect_error(r, BL_EINVAL, 1, "field 1 opens a quote on line 1 that is never closed");
	expect_end(r);
	csv_close(r);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_embedded_newlines),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_bad_encoding),
		cmocka_unit_test(test_valid_utf8_kept),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_quote_in_unquoted),
		cmocka_unit_test(test_after_closing_quote),
		cmocka_unit_test(test_field_limit),
		cmocka_unit_test(test_fields_limit),
		cmocka_unit_test(test_input_limit),
		cmocka_unit_test(test_open_file),
		cmocka_unit_test(test_many_records),
		cmocka_unit_test(test_streamed_like_whole),
		cmocka_unit_test(test_record_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
