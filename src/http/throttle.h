/* throttle.h — failed-login throttling for `ballast serve`: a fixed table of
 * decaying failure counts per account+address pair, per account and per
 * address, each key waiting an exponentially growing delay once over its free
 * allowance. The design and its numbers: docs/security.md "Login throttling". */
#ifndef BL_THROTTLE_H
#define BL_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

struct throttle;

/* ---- one key's count, wherever it is kept ---- */

/* The three keys of a login: one account from one address (KEY 0), the
 * account from every address (1), the address against every account (2). */
#define THROTTLE_KEYS 3
/* A key's name: BLAKE2b-128 of its kind, account and address, in hex. */
#define THROTTLE_NAME 33

/* One key's state: failures not yet forgotten, when the count last forgot
 * one, when its wait ends (ms, on whatever clock the caller uses). */
struct throttle_count {
	int64_t count, mark, until;
};

/* The names of account's and address's three keys, the same in every process
 * (the database's rows are named by them): unkeyed digests, so that no name
 * or address is stored as text; who can read the database can still test a
 * guessed name against them, as the sessions table names its users. */
void throttle_key_names(const char *account, const char *address,
			char names[THROTTLE_KEYS][THROTTLE_NAME]);
/* Count one failure on c, a key of kind (0..THROTTLE_KEYS-1), at now: its
 * old failures forgotten first, then a wait set once it is over its free
 * allowance (the rules: throttle.c, docs/security.md). */
void throttle_count_fail(struct throttle_count *c, int kind, int64_t now);
/* Milliseconds c makes a login wait at now; 0: none. */
int64_t throttle_count_wait(const struct throttle_count *c, int64_t now);
/* When c, a key of kind, says nothing any more: its wait over and every
 * failure forgotten (a row to drop). */
int64_t throttle_count_expires(const struct throttle_count *c, int kind);

/* ---- a process's own table of counts ---- */

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
