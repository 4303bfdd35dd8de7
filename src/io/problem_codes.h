/* problem_codes.h — the importer's problems as codes with their figures, so a
 * UI can say them in its own language (issue #14: English UI, English
 * reasons; no CLI options in the UI). The importer words every problem as one
 * English sentence (parse.c, import*.c, core/codes.c, …); one table here maps
 * each sentence's form to a code and names the figures in it. A sentence no
 * row matches gets the code "other" and is shown as it is. */
#ifndef BL_IO_PROBLEM_CODES_H
#define BL_IO_PROBLEM_CODES_H

#define PROBLEM_PARAMS_MAX 3

struct problem_code {
	const char *code; /* static: "required", "decimals", …, or "other" */
	struct {
		const char *name;  /* static */
		char value[96];
	} params[PROBLEM_PARAMS_MAX];
	int n;
};

/* Classify message (an importer's problem or warning sentence) into *out. */
void problem_code(const char *message, struct problem_code *out);

#endif
