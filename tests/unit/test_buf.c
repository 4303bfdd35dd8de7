/* test_buf.c — the capped buffer of src/util/buf.c: the cap reached exactly,
 * one byte over (a sticky error, no growth), formatted appends past the cap,
 * CSV quoting, JSON escaping, and the lifecycle (detach, reset, release). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "util/buf.h"

static void test_init_is_empty_and_allocates_nothing(void **state)
{
	struct buf b;
	struct buf s = BUF_INIT;

	(void)state;
	buf_init(&b, 0);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.cap, BUF_DEFAULT_CAP);
	assert_int_equal(b.err, BL_OK);
	buf_init(&b, 10);
	assert_int_equal(b.cap, 10);
	/* a static BUF_INIT (cap 0) grows under the default cap */
	buf_adds(&s, "abc");
	assert_string_equal(s.s, "abc");
	assert_int_equal(s.err, BL_OK);
	buf_release(&s);
}

/* The first growth allocates 64 bytes, then the size doubles: 63 bytes and
 * the NUL fit in 64, the 64th byte needs 128. */
static void test_growth_is_geometric(void **state)
{
	char x[200];
	struct buf b;

	(void)state;
	memset(x, 'x', sizeof(x));
	buf_init(&b, 0);
	buf_add(&b, x, 63);
	assert_int_equal(b.alloc, 64);
	buf_addch(&b, 'y');
	assert_int_equal(b.len, 64);
	assert_int_equal(b.alloc, 128);
	assert_int_equal(b.s[63], 'y');
	assert_int_equal(b.s[64], '\0');
	buf_add(&b, x, 127);
	assert_int_equal(b.len, 191);
	assert_int_equal(b.alloc, 256);
	assert_int_equal(strlen(b.s), 191);
	buf_release(&b);
}

static void test_cap_reached_exactly(void **state)
{
	struct buf b;

	(void)state;
	/* in one append */
	buf_init(&b, 8);
	buf_add(&b, "12345678", 8);
	assert_int_equal(b.err, BL_OK);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.s, "12345678");
	buf_release(&b);
	/* in pieces */
	buf_adds(&b, "1234");
	buf_addch(&b, '5');
	buf_addf(&b, "%d%s", 67, "8");
	assert_int_equal(b.err, BL_OK);
	assert_string_equal(b.s, "12345678");
	/* an empty append at the cap is no error */
	buf_adds(&b, "");
	buf_addf(&b, "%s", "");
	assert_int_equal(b.err, BL_OK);
	assert_int_equal(b.len, 8);
	buf_release(&b);
}

static void test_one_byte_over_is_sticky(void **state)
{
	struct buf b;
	size_t alloc;

	(void)state;
	buf_init(&b, 8);
	buf_adds(&b, "1234567");
	alloc = b.alloc;
	buf_adds(&b, "89"); /* 9 bytes: one over */
	assert_int_equal(b.err, BL_ELIMIT);
	assert_int_equal(b.len, 7);
	assert_string_equal(b.s, "1234567");
	assert_int_equal(b.alloc, alloc);
	/* sticky: the byte that would still fit is refused too */
	buf_addch(&b, '8');
	buf_addf(&b, "%c", '8');
	assert_int_equal(b.err, BL_ELIMIT);
	assert_int_equal(b.len, 7);
	assert_string_equal(b.s, "1234567");
	assert_int_equal(b.alloc, alloc);
	/* reset clears the error and keeps the storage */
	buf_reset(&b);
	assert_int_equal(b.err, BL_OK);
	buf_adds(&b, "8");
	assert_string_equal(b.s, "8");
	buf_release(&b);

	/* one append larger than the whole cap, on an empty buffer */
	buf_init(&b, 4);
	buf_add(&b, "12345", 5);
	assert_int_equal(b.err, BL_ELIMIT);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

static void test_addf_past_the_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	buf_addf(&b, "%s-%d", "ab", 12345); /* 8 bytes */
	assert_int_equal(b.err, BL_OK);
	assert_string_equal(b.s, "ab-12345");
	buf_addf(&b, "%03d", 7); /* 3 more: 11 > 10 */
	assert_int_equal(b.err, BL_ELIMIT);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.s, "ab-12345");
	buf_release(&b);

	/* exactly to the cap */
	buf_init(&b, 10);
	buf_addf(&b, "%010d", 42);
	assert_int_equal(b.err, BL_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.s, "0000000042");
	buf_release(&b);

	/* a long formatted append grows the buffer in one step */
	buf_init(&b, 0);
	buf_addf(&b, "%0200d", 1);
	assert_int_equal(b.len, 200);
	assert_int_equal(b.alloc, 256);
	assert_int_equal(b.s[199], '1');
	assert_int_equal(b.s[200], '\0');
	buf_release(&b);
}

static void test_truncate(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	buf_adds(&b, "hello, world");
	buf_truncate(&b, 20); /* longer than len: nothing happens */
	assert_string_equal(b.s, "hello, world");
	assert_int_equal(b.len, 12);
	buf_truncate(&b, 12);
	assert_string_equal(b.s, "hello, world");
	assert_int_equal(b.len, 12);
	buf_truncate(&b, 5);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.s, "hello");
	buf_adds(&b, "!");
	assert_string_equal(b.s, "hello!");
	buf_truncate(&b, 0);
	assert_string_equal(b.s, "");
	buf_release(&b);
}

static void test_csv_field(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "空港经开区", "空港经开区" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "line\nbreak", "\"line\nbreak\"" },
		{ "cr\rhere", "\"cr\rhere\"" },
		{ "semi;colon tab\t", "semi;colon tab\t" },
		{ " padded ", " padded " },
		/* a formula lead gets a quote, inside the RFC quotes when there are any */
		{ "=1+1", "'=1+1" },
		{ "=a,b", "\"'=a,b\"" },
		{ "'=x", "''=x" },
		{ "a=b", "a=b" },
	};
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		buf_add_csv_field(&b, cases[i].in);
		assert_string_equal(b.s, cases[i].out);
		assert_int_equal(b.len, strlen(cases[i].out));
	}
	/* fields after one another */
	buf_reset(&b);
	buf_add_csv_field(&b, "x,y");
	buf_addch(&b, ',');
	buf_add_csv_field(&b, "z");
	assert_string_equal(b.s, "\"x,y\",z");
	buf_release(&b);
}

static void test_json_string(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "plain text", "\"plain text\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "a\nb\rc\td", "\"a\\nb\\rc\\td\"" },
		{ "\x01\x08\x0c\x1f", "\"\\u0001\\u0008\\u000c\\u001f\"" },
		{ " !~\x7f", "\" !~\x7f\"" },
		{ "/", "\"/\"" },
		/* UTF-8 is kept byte for byte: 压舱石 and 😀 (four bytes) */
		{ "压舱石 😀", "\"压舱石 😀\"" },
		{ "\xe2\x80\xa8", "\"\xe2\x80\xa8\"" },
	};
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		buf_add_json_str(&b, cases[i].in);
		assert_string_equal(b.s, cases[i].out);
		assert_int_equal(b.len, strlen(cases[i].out));
	}
	buf_release(&b);
}

/* An escape that would pass the cap leaves the error set, the text cut at an
 * append boundary, never in the middle of an escape. */
static void test_json_string_past_the_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	buf_add_json_str(&b, "ab\x01");
	assert_int_equal(b.err, BL_ELIMIT);
	assert_string_equal(b.s, "\"ab");
	buf_release(&b);
}

static void test_detach(void **state)
{
	struct buf b;
	size_t len = 99;
	char *s;

	(void)state;
	buf_init(&b, 100);
	buf_adds(&b, "owned");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "owned");
	assert_int_equal(len, 5);
	free(s);
	/* b is empty again, same cap, nothing allocated */
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.cap, 100);
	assert_int_equal(b.err, BL_OK);

	/* an empty buffer detaches as a fresh "" the caller frees; len may be NULL */
	s = buf_detach(&b, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_ptr_not_equal(s, b.s);
	free(s);
	len = 99;
	s = buf_detach(&b, &len);
	assert_int_equal(len, 0);
	free(s);

	/* a detach after the cap was hit hands over what fitted, and clears the error */
	buf_init(&b, 3);
	buf_adds(&b, "ab");
	buf_adds(&b, "cd");
	assert_int_equal(b.err, BL_ELIMIT);
	s = buf_detach(&b, &len);
	assert_string_equal(s, "ab");
	assert_int_equal(len, 2);
	assert_int_equal(b.err, BL_OK);
	assert_int_equal(b.cap, 3);
	free(s);
}

static void test_reset_and_release(void **state)
{
	struct buf b;
	size_t alloc;

	(void)state;
	buf_init(&b, 16);
	buf_adds(&b, "something");
	alloc = b.alloc;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.s, "");
	assert_int_equal(b.alloc, alloc); /* storage kept */
	assert_int_equal(b.cap, 16);
	buf_adds(&b, "again");
	assert_string_equal(b.s, "again");
	/* reset of a buffer that never grew keeps it the static "" */
	buf_release(&b);
	buf_reset(&b);
	assert_string_equal(b.s, "");
	assert_int_equal(b.alloc, 0);

	/* release frees, keeps the cap, clears the error; the buffer is reusable */
	buf_adds(&b, "0123456789abcdefX");
	assert_int_equal(b.err, BL_ELIMIT);
	buf_release(&b);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.cap, 16);
	assert_int_equal(b.err, BL_OK);
	buf_adds(&b, "0123456789abcdef");
	assert_int_equal(b.err, BL_OK);
	assert_int_equal(b.len, 16);
	buf_release(&b);
	buf_release(&b); /* twice is harmless */
	assert_int_equal(b.alloc, 0);
}

/* A format vsnprintf cannot apply (a wide character the C locale cannot
 * write) sets the sticky error, as a passed cap does: the caller that checks
 * err once at the end learns that text was lost. */
static void test_unformattable_text_is_an_error(void **state)
{
	struct buf b = BUF_INIT;
	const wchar_t e_acute[] = { 0xe9, 0 };

	(void)state;
	buf_addf(&b, "ok %d", 1);
	assert_int_equal(b.err, BL_OK);
	buf_addf(&b, "%ls", e_acute);
	assert_int_equal(b.err, BL_EINVAL);
	assert_string_equal(b.s, "ok 1");
	buf_adds(&b, "more");          /* sticky: nothing more is taken */
	assert_string_equal(b.s, "ok 1");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_and_allocates_nothing),
		cmocka_unit_test(test_unformattable_text_is_an_error),
		cmocka_unit_test(test_growth_is_geometric),
		cmocka_unit_test(test_cap_reached_exactly),
		cmocka_unit_test(test_one_byte_over_is_sticky),
		cmocka_unit_test(test_addf_past_the_cap),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_json_string_past_the_cap),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_reset_and_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
