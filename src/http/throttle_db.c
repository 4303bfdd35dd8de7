/* throttle_db.c — failed logins counted in the database (throttle_db.h):
 * throttle.c's rules over store_multi.h's rows. */
#include "http/throttle_db.h"

#include <time.h>

#include "http/throttle.h"
#include "store/store_multi.h"

int64_t throttle_db_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void to_count(const struct login_key *k, struct throttle_count *c)
{
	c->count = k->fails;
	c->mark = k->mark;
	c->until = k->until;
}

enum bl_err throttle_db_wait(struct store *st, const char *account, const char *address,
			     int64_t now, int64_t *wait)
{
	char names[THROTTLE_KEYS][THROTTLE_NAME];
	struct throttle_count c;
	struct login_key k;
	enum bl_err rc = BL_OK;
	int i;

	*wait = 0;
	throttle_key_names(account, address, names);
	for (i = 0; !rc && i < THROTTLE_KEYS; i++) {
		rc = store_login_key_get(st, names[i], &k);
		to_count(&k, &c);
		if (!rc && throttle_count_wait(&c, now) > *wait)
			*wait = throttle_count_wait(&c, now);
	}
	return rc;
}

enum bl_err throttle_db_fail(struct store *st, const char *account, const char *address,
			     int64_t now)
{
	char names[THROTTLE_KEYS][THROTTLE_NAME];
	struct throttle_count c;
	struct login_key k;
	enum bl_err rc;
	int i;

	throttle_key_names(account, address, names);
	rc = store_begin(st);
	if (rc)
		return rc;
	for (i = 0; !rc && i < THROTTLE_KEYS; i++) {
		rc = store_login_key_get(st, names[i], &k);
		if (rc)
			break;
		to_count(&k, &c);
		throttle_count_fail(&c, i, now);
		k.fails = c.count;
		k.mark = c.mark;
		k.until = c.until;
		rc = store_login_key_put(st, names[i], &k, throttle_count_expires(&c, i));
	}
	if (!rc)
		rc = store_login_keys_prune(st, now);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_rollback(st);
	return rc;
}

enum bl_err throttle_db_success(struct store *st, const char *account, const char *address)
{
	char names[THROTTLE_KEYS][THROTTLE_NAME];
	enum bl_err rc;

	struct login_key k;

	throttle_key_names(account, address, names);
	/* Most logins have no failures to forget: no write for them. */
	rc = store_login_key_get(st, names[0], &k);
	if (rc || !k.fails)
		return rc;
	rc = store_begin(st);
	if (!rc)
		rc = store_login_key_delete(st, names[0]);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_rollback(st);
	return rc;
}
