/* throttle_db.h — the failed-login counts that every `ballast serve` on one
 * database shares (issue #17 item 4): the three keys of throttle.h kept as
 * rows of the store (store_multi.h), so that N servers give the limits one
 * gives. The database decides; a process's own table (throttle.h) is only a
 * first check in front of it. Times are the wall clock's ms: every server
 * reads the same rows, and a monotonic clock is per machine. */
#ifndef BL_THROTTLE_DB_H
#define BL_THROTTLE_DB_H

#include <stdint.h>

#include "store/store.h"

/* Milliseconds a login of account from address must wait by the stored
 * counts into *wait (0: it may try now). Reads only, outside a transaction. */
enum bl_err throttle_db_wait(struct store *st, const char *account, const char *address,
			     int64_t now, int64_t *wait);
/* Count one failed login on the three keys in one write transaction (and
 * drop the rows that say nothing any more); a wait it sets is the next
 * attempt's (throttle_db_wait). On a failure nothing is counted (BL_EBUSY:
 * another server counted the same key at the same moment; the request may
 * be run again). */
enum bl_err throttle_db_fail(struct store *st, const char *account, const char *address,
			     int64_t now);
/* A successful login: forget the pair's failures (the account's and the
 * address's stay, as in throttle.h), in one write transaction. */
enum bl_err throttle_db_success(struct store *st, const char *account, const char *address);
/* The wall clock in ms, the clock of the stored counts. */
int64_t throttle_db_now(void);

#endif
