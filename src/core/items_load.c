/* items_load.c — the days per level in effect: DOMAIN.md §7's defaults
 * overridden by the store's items.days.* settings, one loader for every caller
 * (the escalation, the CLI, the server), as warnings_load.c is for warnings. */
#include "core/items.h"
#include "core/settings.h"

static const char *set(void *is, const char *key, const char *value)
{
	return item_settings_set(is, key, value);
}

int item_settings_load(struct store *st, struct item_settings *is,
		       void (*bad)(void *ctx, const char *key, const char *value,
				   const char *why),
		       void *ctx)
{
	static const struct settings_loader l = { item_setting_is_ours, set };

	item_settings_defaults(is);
	return settings_load_into(st, &l, is, bad, ctx);
}
