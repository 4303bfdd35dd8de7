/* throttle.c — failed-login throttling: the rules of a key's decaying
 * failure count, and a process's own table of them under one mutex. A full
 * table drops the least-failed key that is not waiting, never one that is: a
 * flood of junk failures cannot lift a lock (issue #9 item 6). The table is
 * process state, a first check; the counts every server shares are in the
 * database (throttle_db.c), under the same rules. */
#include "http/throttle.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define SECOND 1000 /* ms */
#define MINUTE (60 * SECOND)
#define NO_SLOT ((size_t)-1)

enum key_kind {
	KEY_PAIR,      /* one account from one address */
	KEY_ACCOUNT,   /* one account from every address */
	KEY_ADDRESS,   /* one address against every account */
	KEY__MAX
};

_Static_assert(KEY__MAX == THROTTLE_KEYS, "throttle.h names the keys of enum key_kind");

/* A key forgets one failure every window / free: at most `free` failures
 * within a sliding window go by without a wait. From the free-th on, each
 * failure makes the key wait base * 2^(count - free), at most cap. */
static const struct rule {
	uint32_t free;
	int64_t window, base, cap;
} rules[KEY__MAX] = {
	/* The typing user: 5 free in 15 min, then 30 s, 1, 2, 4, 8, 15 min. */
	[KEY_PAIR] = { 5, 15 * MINUTE, 30 * SECOND, 15 * MINUTE },
	/* A guess spread over many addresses: 20 free in 15 min, then 15, 30,
	 * 60 s at most, so the real user is slowed, never locked out. */
	[KEY_ACCOUNT] = { 20, 15 * MINUTE, 15 * SECOND, MINUTE },
	/* One address spraying many accounts: 100 free in 15 min (a proxy's
	 * users mistype too), then 30 s doubling up to 15 min. */
	[KEY_ADDRESS] = { 100, 15 * MINUTE, 30 * SECOND, 15 * MINUTE },
};

struct slot {
	uint64_t key;    /* keyed hash of kind, account, address; 0: empty */
	struct throttle_count c;
	uint8_t kind;    /* enum key_kind */
};

struct throttle {
	pthread_mutex_t lock;  /* slots */
	unsigned char secret[crypto_generichash_KEYBYTES];
	struct slot *slots;
	size_t n;
};

struct throttle *throttle_new(size_t slots)
{
	struct throttle *t = xcalloc(1, sizeof(*t));

	pthread_mutex_init(&t->lock, NULL);
	randombytes_buf(t->secret, sizeof(t->secret));
	t->slots = xcalloc(slots, sizeof(*t->slots));
	t->n = slots;
	return t;
}

void throttle_free(struct throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	free(t->slots);
	free(t);
}

/* The table holds keyed hashes, not names: fixed-size slots, no user names
 * in memory, and no way to aim two names at one slot without the secret. */
static uint64_t key_of(const struct throttle *t, enum key_kind kind, const char *account,
		       const char *address)
{
	crypto_generichash_state st;
	unsigned char k = (unsigned char)kind, h[crypto_generichash_BYTES_MIN];
	uint64_t key;

	crypto_generichash_init(&st, t->secret, sizeof(t->secret), sizeof(h));
	crypto_generichash_update(&st, &k, 1);
	if (kind != KEY_ADDRESS)
		crypto_generichash_update(&st, (const unsigned char *)account, strlen(account) + 1);
	if (kind != KEY_ACCOUNT)
		crypto_generichash_update(&st, (const unsigned char *)address, strlen(address) + 1);
	crypto_generichash_final(&st, h, sizeof(h));
	memcpy(&key, h, sizeof(key));
	return key ? key : 1;
}

static void keys_of(const struct throttle *t, const char *account, const char *address,
		    uint64_t keys[KEY__MAX])
{
	int k;

	for (k = 0; k < KEY__MAX; k++)
		keys[k] = key_of(t, (enum key_kind)k, account, address);
}

/* Forget the failures of c (a key of kind) whose time has passed. */
static void leak_count(struct throttle_count *c, int kind, int64_t now)
{
	const struct rule *r = &rules[kind];
	int64_t every = r->window / r->free, steps;

	if (c->count <= 0 || now - c->mark < every)
		return;
	steps = (now - c->mark) / every;
	if (steps >= c->count) {
		c->count = 0;
		return;
	}
	c->count -= steps;
	c->mark += steps * every;
}

static void leak(struct slot *s, int64_t now)
{
	leak_count(&s->c, s->kind, now);
}

/* The slots of keys into idx (NO_SLOT when absent), in one pass. */
static void find(const struct throttle *t, const uint64_t keys[KEY__MAX], size_t idx[KEY__MAX])
{
	size_t i;
	int k;

	for (k = 0; k < KEY__MAX; k++)
		idx[k] = NO_SLOT;
	for (i = 0; i < t->n; i++)
		for (k = 0; k < KEY__MAX; k++)
			if (t->slots[i].key == keys[k])
				idx[k] = i;
}

static int taken(const size_t idx[KEY__MAX], size_t i)
{
	int k;

	for (k = 0; k < KEY__MAX; k++)
		if (idx[k] == i)
			return 1;
	return 0;
}

/* A slot for a new key: an empty or spent one, else the non-waiting one
 * with the fewest failures (the oldest of those), never a waiting one nor
 * one in idx. NO_SLOT when every other slot is waiting. */
static size_t claim(struct throttle *t, uint64_t key, enum key_kind kind, int64_t now,
		    const size_t idx[KEY__MAX])
{
	size_t i, best = NO_SLOT;
	struct slot *s;

	for (i = 0; i < t->n; i++) {
		s = &t->slots[i];
		if (taken(idx, i))
			continue;
		if (s->key)
			leak(s, now);
		if (!s->key || (!s->c.count && s->c.until <= now)) {
			best = i;
			break;
		}
		if (s->c.until > now)
			continue;
		if (best == NO_SLOT || s->c.count < t->slots[best].c.count ||
		    (s->c.count == t->slots[best].c.count && s->c.mark < t->slots[best].c.mark))
			best = i;
	}
	if (best != NO_SLOT) {
		s = &t->slots[best];
		memset(s, 0, sizeof(*s));
		s->key = key;
		s->kind = (uint8_t)kind;
	}
	return best;
}

void throttle_count_fail(struct throttle_count *c, int kind, int64_t now)
{
	const struct rule *r = &rules[kind];
	int64_t over, delay;

	leak_count(c, kind, now);
	if (c->count <= 0) {
		c->count = 0;
		c->mark = now;
	}
	if (c->count < UINT32_MAX)
		c->count++;
	if (c->count < r->free)
		return;
	over = c->count - r->free;
	delay = over >= 30 ? r->cap : r->base << over;
	if (delay > r->cap)
		delay = r->cap;
	if (now + delay > c->until)
		c->until = now + delay;
}

int64_t throttle_count_wait(const struct throttle_count *c, int64_t now)
{
	return c->until > now ? c->until - now : 0;
}

int64_t throttle_count_expires(const struct throttle_count *c, int kind)
{
	const struct rule *r = &rules[kind];
	int64_t every = r->window / r->free;
	int64_t spent = c->count > 0 ? c->mark + c->count * every : 0;

	return spent > c->until ? spent : c->until;
}

void throttle_key_names(const char *account, const char *address,
			char names[THROTTLE_KEYS][THROTTLE_NAME])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[(THROTTLE_NAME - 1) / 2];
	crypto_generichash_state st;
	unsigned char k;
	int kind;
	size_t i;

	for (kind = 0; kind < KEY__MAX; kind++) {
		k = (unsigned char)kind;
		crypto_generichash_init(&st, (const unsigned char *)"ballast login", 13, sizeof(h));
		crypto_generichash_update(&st, &k, 1);
		if (kind != KEY_ADDRESS)
			crypto_generichash_update(&st, (const unsigned char *)account,
						  strlen(account) + 1);
		if (kind != KEY_ACCOUNT)
			crypto_generichash_update(&st, (const unsigned char *)address,
						  strlen(address) + 1);
		crypto_generichash_final(&st, h, sizeof(h));
		for (i = 0; i < sizeof(h); i++) {
			names[kind][2 * i] = hex[h[i] >> 4];
			names[kind][2 * i + 1] = hex[h[i] & 15];
		}
		names[kind][2 * sizeof(h)] = '\0';
	}
}

static void count_failure(struct slot *s, int64_t now)
{
	throttle_count_fail(&s->c, s->kind, now);
}

int64_t throttle_wait(struct throttle *t, const char *account, const char *address,
		      int64_t now)
{
	uint64_t keys[KEY__MAX];
	size_t idx[KEY__MAX];
	int64_t wait = 0;
	int k;

	keys_of(t, account, address, keys);
	pthread_mutex_lock(&t->lock);
	find(t, keys, idx);
	for (k = 0; k < KEY__MAX; k++)
		if (idx[k] != NO_SLOT && t->slots[idx[k]].c.until - now > wait)
			wait = t->slots[idx[k]].c.until - now;
	pthread_mutex_unlock(&t->lock);
	return wait;
}

int64_t throttle_fail(struct throttle *t, const char *account, const char *address,
		      int64_t now)
{
	uint64_t keys[KEY__MAX];
	size_t idx[KEY__MAX], i;
	int64_t refused = 0;
	int k;

	keys_of(t, account, address, keys);
	pthread_mutex_lock(&t->lock);
	find(t, keys, idx);
	for (k = 0; k < KEY__MAX; k++) {
		if (idx[k] == NO_SLOT)
			idx[k] = claim(t, keys[k], (enum key_kind)k, now, idx);
		if (idx[k] == NO_SLOT)
			refused = 1;
		else
			count_failure(&t->slots[idx[k]], now);
	}
	if (refused) {
		refused = INT64_MAX;
		for (i = 0; i < t->n; i++)
			if (!taken(idx, i) && t->slots[i].c.until - now < refused)
				refused = t->slots[i].c.until - now;
		if (refused < 1)
			refused = 1;
		if (refused > rules[KEY_PAIR].cap)
			refused = rules[KEY_PAIR].cap;
	}
	pthread_mutex_unlock(&t->lock);
	return refused;
}

void throttle_success(struct throttle *t, const char *account, const char *address)
{
	uint64_t key = key_of(t, KEY_PAIR, account, address);
	size_t i;

	pthread_mutex_lock(&t->lock);
	for (i = 0; i < t->n; i++)
		if (t->slots[i].key == key)
			memset(&t->slots[i], 0, sizeof(t->slots[i]));
	pthread_mutex_unlock(&t->lock);
}
