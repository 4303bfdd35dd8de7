/* secret.c — libsodium wrappers for passwords and tokens. */
#include "util/secret.h"

#include <sodium.h>
#include <string.h>

#define PW_OPS 2
#define PW_MEM ((size_t)19 << 20)

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int secret_password_hash(const char *password, char out[SECRET_HASH_MAX])
{
	if (crypto_pwhash_STRBYTES > SECRET_HASH_MAX)
		return -1;
	return crypto_pwhash_str_alg(out, password, strlen(password), PW_OPS, PW_MEM,
				     crypto_pwhash_ALG_ARGON2ID13) ? -1 : 0;
}

int secret_password_check(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void secret_token(char out[TOKEN_TEXT])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_TEXT, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void secret_token_hash(const char *token, char out[TOKEN_HASH_TEXT])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, TOKEN_HASH_TEXT, h, sizeof(h));
}

void secret_fingerprint(const char *s, char out[SECRET_FINGERPRINT_HEX])
{
	static const unsigned char key[] = "ballast audit fingerprint";
	unsigned char h[16];

	if (!s)
		s = "";
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), key,
			   sizeof(key) - 1);
	sodium_bin2hex(out, SECRET_FINGERPRINT_HEX, h, sizeof(h));
}

int secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
