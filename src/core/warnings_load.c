/* warnings_load.c — the warning thresholds in effect: DOMAIN.md §6's defaults
 * overridden by the store's warn.* settings. One loader for every caller
 * (CLI, server, bulletin) so they cannot disagree. */
#include "core/warnings.h"
#include "store/store.h"

#include <stdio.h>

struct load_ctx {
	struct warning_settings *ws;
	void (*bad)(void *ctx, const char *key, const char *value, const char *why);
	void *ctx;
	int n_bad;
};

static int apply(void *ctx, const char *key, const char *value)
{
	struct load_ctx *c = ctx;
	const char *why;

	if (!warning_setting_is_ours(key))
		return 0;
	why = warning_settings_set(c->ws, key, value);
	if (why) {
		c->n_bad++;
		if (c->bad)
			c->bad(c->ctx, key, value, why);
	}
	return 0;
}

void warning_bad_text(void *ctx, const char *key, const char *value, const char *why)
{
	char *text = ctx;

	if (!*text)
		snprintf(text, WARNING_BAD_TEXT, "%s = %s: %s", key, value, why);
}

int warning_settings_load(struct store *st, struct warning_settings *ws,
			  void (*bad)(void *ctx, const char *key, const char *value,
				      const char *why),
			  void *ctx)
{
	struct load_ctx c = { ws, bad, ctx, 0 };

	warning_settings_defaults(ws);
	if (store_settings_each(st, apply, &c))
		return -1;
	if (c.n_bad)
		return -1;
	return 0;
}
