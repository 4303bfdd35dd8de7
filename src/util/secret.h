/* secret.h — passwords and tokens (libsodium): Argon2id password hashes, random
 * tokens, and the one-way hash under which tokens are stored, so a copy of the
 * database never holds a usable session or API token. */
#ifndef BL_SECRET_H
#define BL_SECRET_H

#include <stddef.h>

#define SECRET_HASH_MAX 128  /* bytes of a password hash string, NUL included */
#define TOKEN_TEXT 44        /* a token as text (43 chars base64url + NUL) */
#define TOKEN_HASH_TEXT 65   /* a token's stored hash (64 hex + NUL) */

/* Initialise libsodium; 0 on success. Safe to call more than once. */
int secret_init(void);
/* Hash password (Argon2id, 19 MiB, 2 passes: OWASP's minimum) into out;
 * 0 on success, -1 when out of memory. */
int secret_password_hash(const char *password, char out[SECRET_HASH_MAX]);
/* 1 when password matches hash, else 0. */
int secret_password_check(const char *hash, const char *password);
/* 256 random bits as base64url text. */
void secret_token(char out[TOKEN_TEXT]);
/* The stored form of a token: BLAKE2b-256 as hex. */
void secret_token_hash(const char *token, char out[TOKEN_HASH_TEXT]);
#define SECRET_FINGERPRINT_HEX 33 /* a fingerprint as text (32 hex + NUL) */
/* A short one-way fingerprint of a stored secret's hash (keyed BLAKE2b-128 as
 * hex) for the audit trail: it changes whenever the hash does and tells
 * nothing of the secret. NULL s is fingerprinted as "". */
void secret_fingerprint(const char *s, char out[SECRET_FINGERPRINT_HEX]);
/* Constant-time equality of two NUL-terminated strings. */
int secret_equal(const char *a, const char *b);

#endif
