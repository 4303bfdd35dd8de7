/* utf8.h — UTF-8 as jansson and PostgreSQL accept it: no overlong forms, no
 * surrogates, nothing past U+10FFFF. */
#ifndef BL_UTF8_H
#define BL_UTF8_H

#include <stddef.h>

#include "util/buf.h"

/* The length of the UTF-8 sequence at p, within its n bytes; 0 when p starts
 * none (a NUL inside a sequence ends it too). */
size_t utf8_seq(const unsigned char *p, size_t n);
/* 1 when the n bytes at s are all valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* Append the n bytes at s to b, every byte that is not part of a valid UTF-8
 * sequence replaced by U+FFFD. */
void utf8_clean(struct buf *b, const char *s, size_t n);

#endif
