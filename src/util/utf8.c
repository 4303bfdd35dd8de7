/* utf8.c — checking and cleaning UTF-8 (see utf8.h). */
#include "util/utf8.h"

size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t k, i;

	if (c < 0x80)
		return 1;
	k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0; /* stops at a NUL too */
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) ||
	    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
		return 0;
	return k;
}

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

void utf8_clean(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (k) {
			buf_add(b, p + i, k);
			i += k;
		} else {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
		}
	}
}
