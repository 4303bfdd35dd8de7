/* password.c — the password rule of password.h: length in characters, the
 * user name, and the classes of characters, over bounded UTF-8 decoding. */
#include "core/password.h"

#include <stddef.h>
#include <string.h>

const char password_rule[] =
	"a password has at least 10 characters, is not the user name, and mixes at least "
	"two kinds of characters: lower-case letters, upper-case letters, digits, others";
const char password_rule_zh[] =
	"密码至少 10 个字符，不能与用户名相同，且须包含小写字母、大写字母、数字、其他字符中的至少两类";

const char *const password_problem_text[PW__MAX] = {
	[PW_OK] = "",
	[PW_SHORT] = "the password is too short",
	[PW_LONG] = "the password is longer than 256 bytes",
	[PW_CHARS] = "the password holds control characters or bytes that are not UTF-8",
	[PW_USERNAME] = "the password is the user name",
	[PW_ONE_CLASS] = "the password has only one kind of character",
};
const char *const password_problem_text_zh[PW__MAX] = {
	[PW_OK] = "",
	[PW_SHORT] = "密码太短",
	[PW_LONG] = "密码超过 256 字节",
	[PW_CHARS] = "密码含有控制字符或非 UTF-8 字节",
	[PW_USERNAME] = "密码不能与用户名相同",
	[PW_ONE_CLASS] = "密码只含一类字符",
};

enum char_class { CC_LOWER, CC_UPPER, CC_DIGIT, CC_OTHER };

/* The length of the UTF-8 sequence at s (at most n bytes) and its code point
 * in *cp; 0 when it is not well-formed (overlong, surrogate, past U+10FFFF,
 * cut short). */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 when a and b are equal but for the case of ASCII letters. */
static int same_ignoring_case(const char *a, const char *b)
{
	while (*a && *b && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return !*a && !*b;
}

enum password_problem password_problem(const char *pw, const char *username)
{
	const unsigned char *s = (const unsigned char *)pw;
	size_t n = strlen(pw), i = 0, chars = 0, step;
	unsigned classes = 0;
	unsigned long cp;

	if (n > PASSWORD_MAX)
		return PW_LONG;
	while (i < n) {
		step = utf8_next(s + i, n - i, &cp);
		if (!step || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return PW_CHARS;
		if (cp >= 'a' && cp <= 'z')
			classes |= 1u << CC_LOWER;
		else if (cp >= 'A' && cp <= 'Z')
			classes |= 1u << CC_UPPER;
		else if (cp >= '0' && cp <= '9')
			classes |= 1u << CC_DIGIT;
		else
			classes |= 1u << CC_OTHER;
		chars++;
		i += step;
	}
	if (chars < PASSWORD_MIN)
		return PW_SHORT;
	if (username && same_ignoring_case(pw, username))
		return PW_USERNAME;
	if (!(classes & (classes - 1)))
		return PW_ONE_CLASS;
	return PW_OK;
}
