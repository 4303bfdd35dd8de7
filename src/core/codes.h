/* codes.h — plausibility checks of the official codes a project carries:
 * the unified social credit code of its owner company and the national project
 * code. DOMAIN.md §3: a failed check is a warning, never a refusal. */
#ifndef BL_CODES_H
#define BL_CODES_H

/* Check s as a unified social credit code (统一社会信用代码, GB 32100-2015):
 * 18 characters from 0-9A-HJ-NPQRTUWXY (uppercase) whose last one is the check
 * character. NULL when fine, else a static reason: "not 18 characters",
 * "invalid character", "lowercase letters (use uppercase)", or
 * "wrong check character (expected X)". */
const char *uscc_problem(const char *s);

/* Check s as a national project code (项目代码) of the form used since 2020,
 * YYMM-RRRRRR-DD-TT-NNNNNN (all digits) with MM 01-12. NULL when fine, else a
 * static reason ("not in the form YYMM-RRRRRR-DD-TT-NNNNNN",
 * "month in YYMM is not 01-12"). Older codes have other shapes, so this is a
 * warning only. */
const char *project_code_problem(const char *s);

#endif
