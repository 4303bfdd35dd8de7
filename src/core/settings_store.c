/* settings_store.c — the settings of settings.c against the store: listing
 * every key with the value in effect, and changing several at once in one
 * audited transaction after checking each value and the keys together. */
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "store/store.h"
#include "util/xalloc.h"

/* The stored values of the table's keys (unknown keys are skipped). */
struct stored {
	char *v[sizeof(((struct setting_values *)0)->v) / sizeof(const char *)];
};

static int keep(void *ctx, const char *key, const char *value)
{
	struct stored *s = ctx;
	const struct setting_def *d = setting_find(key);

	if (d) {
		free(s->v[d - setting_defs]);
		s->v[d - setting_defs] = xstrdup(value);
	}
	return 0;
}

static void stored_release(struct stored *s)
{
	size_t i;

	for (i = 0; i < n_setting_defs; i++)
		free(s->v[i]);
	memset(s, 0, sizeof(*s));
}

enum bl_err settings_each(struct store *st,
			  int (*fn)(void *ctx, const struct setting_view *v), void *ctx)
{
	struct stored s;
	enum bl_err rc;
	size_t i;

	memset(&s, 0, sizeof(s));
	rc = store_settings_each(st, keep, &s);
	for (i = 0; !rc && i < n_setting_defs; i++) {
		struct setting_view v;

		v.d = &setting_defs[i];
		v.is_set = s.v[i] != NULL;
		v.value = s.v[i] ? s.v[i] : setting_defs[i].def;
		if (fn(ctx, &v))
			break;
	}
	stored_release(&s);
	return rc;
}

static enum bl_err fail(struct buf *err, const char **bad_key, const char *key,
			enum bl_err rc, const char *fmt, const char *a, const char *b)
{
	if (err) {
		buf_reset(err);
		buf_addf(err, fmt, a, b);
	}
	if (bad_key)
		*bad_key = key;
	return rc;
}

enum bl_err settings_write(struct store *st, const char *const *keys,
			   const char *const *values, size_t n, struct buf *err,
			   const char **bad_key)
{
	struct setting_values vals;
	struct stored s;
	struct buf why = BUF_INIT;
	enum bl_err rc;
	size_t i;

	if (bad_key)
		*bad_key = NULL;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++) {
		const struct setting_def *d = setting_find(keys[i]);
		const char *bad;

		if (!d)
			return fail(err, bad_key, keys[i], BL_ENOTFOUND,
				    "no setting is named %s%s", keys[i], "");
		bad = values[i] ? setting_check(d, values[i]) : NULL;
		if (bad)
			return fail(err, bad_key, keys[i], BL_EINVAL, "%s: %s", keys[i], bad);
	}
	rc = store_begin(st);
	if (rc)
		goto store_failed;
	/* The keys together, as they will be: read inside the transaction. */
	rc = store_settings_each(st, keep, &s);
	if (rc)
		goto store_failed;
	for (i = 0; i < n_setting_defs; i++)
		vals.v[i] = s.v[i] ? s.v[i] : setting_defs[i].def;
	for (i = 0; i < n; i++) {
		const struct setting_def *d = setting_find(keys[i]);

		vals.v[d - setting_defs] = values[i] ? values[i] : d->def;
	}
	if (settings_check_together(&vals, &why)) {
		store_rollback(st);
		rc = fail(err, bad_key, NULL, BL_EINVAL, "%s%s", why.s, "");
		goto out;
	}
	for (i = 0; !rc && i < n; i++)
		rc = values[i] ? store_setting_set(st, keys[i], values[i])
			       : store_setting_delete(st, keys[i]);
	if (!rc)
		rc = store_commit(st);
	if (!rc)
		goto out;
store_failed:
	if (err) {
		buf_reset(err);
		buf_adds(err, store_errmsg(st));
	}
	store_rollback(st);
out:
	stored_release(&s);
	buf_release(&why);
	return rc;
}

struct load_ctx {
	const struct settings_loader *l;
	void *obj;
	void (*bad)(void *ctx, const char *key, const char *value, const char *why);
	void *ctx;
	int n_bad;
};

static int load_one(void *ctx, const char *key, const char *value)
{
	struct load_ctx *c = ctx;
	const char *why;

	if (!c->l->is_ours(key))
		return 0;
	why = c->l->set(c->obj, key, value);
	if (why) {
		c->n_bad++;
		if (c->bad)
			c->bad(c->ctx, key, value, why);
	}
	return 0;
}

int settings_load_into(struct store *st, const struct settings_loader *l, void *obj,
		       void (*bad)(void *ctx, const char *key, const char *value,
				   const char *why),
		       void *ctx)
{
	struct load_ctx c = { l, obj, bad, ctx, 0 };

	if (store_settings_each(st, load_one, &c))
		return -1;
	return c.n_bad ? -1 : 0;
}
