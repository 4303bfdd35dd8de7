/* throttle.h — failed-login throttling for `ballast serve`: a fixed table of
 * decaying failure counts per account+address pair, per account and per
 * address, each key waiting an exponentially growing delay once over its free
 * allowance. The design and its numbers: docs/security.md "Login throttling". */
#ifndef BL_THROTTLE_H
#define BL_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

struct throttle;

/* A table of slots keys (fixed: it never grows). Needs libsodium initialised
 * (secret_init). Caller frees with throttle_free. */
struct throttle *throttle_new(size_t slots);
void throttle_free(struct throttle *t);

/* Milliseconds a login of account from address must wait before its password
 * is checked: the longest delay of its three keys, or 0 when it may try now.
 * now is a monotonic clock in milliseconds. Changes nothing. */
int64_t throttle_wait(struct throttle *t, const char *account, const char *address,
		      int64_t now);

/* Count one failed login of account from address on its three keys; a key
 * that reaches its allowance starts waiting. 0 when every key was counted;
 * else the table is full of keys that are waiting (which are never dropped),
 * the keys without room are not counted, and the result is the milliseconds
 * until a slot frees: the caller answers as if throttled. */
int64_t throttle_fail(struct throttle *t, const char *account, const char *address,
		      int64_t now);

/* A successful login of account from address: forget the pair's failures
 * (typos). The account's and the address's counts stay, so a guesser cannot
 * reset them by logging in to an account of its own. */
void throttle_success(struct throttle *t, const char *account, const char *address);

#endif
