/* banned.h — functions that are too easy to misuse, turned into compile errors.
 * Forced into every translation unit by the Makefile (-include); it pulls in
 * the system headers first, so only our own code is caught (git's banned.h). Use buf_*, snprintf, strtoll with end
 * checks, or the bounded parsers in src/io instead. */
#ifndef BL_BANNED_H
#define BL_BANNED_H

/* The system headers that declare (or define inline) these functions come
 * first, so the macros below only catch our own uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#endif
