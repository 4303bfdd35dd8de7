/* warnings_load.c — the warning thresholds in effect: DOMAIN.md §6's defaults
 * overridden by the store's warn.* settings. One loader for every caller
 * (CLI, server, bulletin) so they cannot disagree. */
#include "core/settings.h"
#include "core/warnings.h"

#include <stdio.h>

static const char *set(void *ws, const char *key, const char *value)
{
	return warning_settings_set(ws, key, value);
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
	static const struct settings_loader l = { warning_setting_is_ours, set };

	warning_settings_defaults(ws);
	return settings_load_into(st, &l, ws, bad, ctx);
}
