/* codes.c — checks of unified social credit codes (GB 32100-2015) and national
 * project codes, as DOMAIN.md §3 describes them. */
#include "core/codes.h"

#include <ctype.h>
#include <string.h>

#define USCC_LEN 18

/* The 31 characters of a USCC, in the order of their values 0-30. */
static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* "wrong check character (expected X)" for each value of X. */
#define WRONG(c) "wrong check character (expected " c ")"
static const char *const wrong_check[31] = {
	WRONG("0"), WRONG("1"), WRONG("2"), WRONG("3"), WRONG("4"), WRONG("5"),
	WRONG("6"), WRONG("7"), WRONG("8"), WRONG("9"), WRONG("A"), WRONG("B"),
	WRONG("C"), WRONG("D"), WRONG("E"), WRONG("F"), WRONG("G"), WRONG("H"),
	WRONG("J"), WRONG("K"), WRONG("L"), WRONG("M"), WRONG("N"), WRONG("P"),
	WRONG("Q"), WRONG("R"), WRONG("T"), WRONG("U"), WRONG("W"), WRONG("X"),
	WRONG("Y"),
};
#undef WRONG

/* Where c stands among the USCC characters (its value 0-30 is the offset from
 * uscc_chars), or NULL. */
static const char *uscc_char(char c)
{
	return memchr(uscc_chars, c, strlen(uscc_chars));
}

const char *uscc_problem(const char *s)
{
	int sum = 0, weight = 1, check, i, lower = 0;

	if (strlen(s) != USCC_LEN)
		return "not 18 characters";
	for (i = 0; i < USCC_LEN; i++) {
		char up = (char)toupper((unsigned char)s[i]);

		if (!uscc_char(up))
			return "invalid character";
		lower += up != s[i];
	}
	if (lower)
		return "lowercase letters (use uppercase)";
	/* DOMAIN.md §3: weights 3^(i-1) mod 31, check = 31 - (sum mod 31), 31 -> 0. */
	for (i = 0; i < USCC_LEN - 1; i++) {
		sum += (int)(uscc_char(s[i]) - uscc_chars) * weight;
		weight = weight * 3 % 31;
	}
	check = (31 - sum % 31) % 31;
	return s[USCC_LEN - 1] == uscc_chars[check] ? NULL : wrong_check[check];
}

const char *project_code_problem(const char *s)
{
	static const char shape[] = "9999-999999-99-99-999999";
	size_t i;
	int month;

	if (strlen(s) != sizeof(shape) - 1)
		return "not in the form YYMM-RRRRRR-DD-TT-NNNNNN";
	for (i = 0; shape[i]; i++) {
		if (shape[i] == '-' ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return "not in the form YYMM-RRRRRR-DD-TT-NNNNNN";
	}
	month = (s[2] - '0') * 10 + (s[3] - '0');
	if (month < 1 || month > 12)
		return "month in YYMM is not 01-12";
	return NULL;
}
