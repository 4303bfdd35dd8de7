/* items_load.c — the days per level in effect: DOMAIN.md §7's defaults
 * overridden by the store's items.days.* settings, one loader for every caller
 * (the escalation, the CLI, the server), as warnings_load.c is for warnings. */
#include "core/items.h"
#include "store/store.h"

struct load_ctx {
	struct item_settings *is;
	void (*bad)(void *ctx, const char *key, const char *value, const char *why);
	void *ctx;
	int n_bad;
};

static int apply(void *ctx, const char *key, const char *value)
{
	struct load_ctx *c = ctx;
	const char *why;

	if (!item_setting_is_ours(key))
		return 0;
	why = item_settings_set(c->is, key, value);
	if (why) {
		c->n_bad++;
		if (c->bad)
			c->bad(c->ctx, key, value, why);
	}
	return 0;
}

int item_settings_load(struct store *st, struct item_settings *is,
		       void (*bad)(void *ctx, const char *key, const char *value,
				   const char *why),
		       void *ctx)
{
	struct load_ctx c = { is, bad, ctx, 0 };

	item_settings_defaults(is);
	if (store_settings_each(st, apply, &c))
		return -1;
	return c.n_bad ? -1 : 0;
}
