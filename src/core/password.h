/* password.h — the password rule (issue #14): at least 10 characters, not the
 * user name, not all of one class. One check for every way a password is set:
 * a new account (CLI and API), an administrator's reset, a user's own change. */
#ifndef BL_PASSWORD_H
#define BL_PASSWORD_H

#define PASSWORD_MIN 10  /* characters (UTF-8 code points) */
#define PASSWORD_MAX 256 /* bytes */

enum password_problem {
	PW_OK,
	PW_SHORT,     /* fewer than PASSWORD_MIN characters */
	PW_LONG,      /* more than PASSWORD_MAX bytes */
	PW_CHARS,     /* not UTF-8, or holds a control character */
	PW_USERNAME,  /* the user name itself (ignoring the case of ASCII letters) */
	PW_ONE_CLASS, /* every character of one class: lower-case letters, upper-case
		       * letters, digits, or the others (punctuation, spaces, Chinese …) */
	PW__MAX
};

/* What is wrong with password pw for the account username (NULL: no name to
 * compare with); PW_OK when it may be used. The first problem in the order
 * of the enum. */
enum password_problem password_problem(const char *pw, const char *username);

/* The rule as a sentence, in English and in Chinese, for help texts and for
 * the end of every refusal. */
extern const char password_rule[];
extern const char password_rule_zh[];
/* One problem as a sentence (PW_OK: ""), English and Chinese. */
extern const char *const password_problem_text[PW__MAX];
extern const char *const password_problem_text_zh[PW__MAX];

#endif
