/* warnings_load.c — the warning thresholds in effect: DOMAIN.md §6's defaults
 * overridden by the store's warn.* settings (and guarantees.wait_days), each
 * read from its text here. One loader for every caller (CLI, server,
 * bulletin) so they cannot disagree. */
#include "core/settings.h"
#include "core/warnings.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guarantees.h"

/* ---- settings as text ---- */

struct warn_def {
	const char *key;
	size_t offset; /* of the int in struct warning_settings; ignored for the form */
	int min, max;
	const char *help;
};

#define WS_INT(field) offsetof(struct warning_settings, field)
#define FORM_KEY "warn.investment_lag.form"

static const struct warn_def warn_defs[] = {
	{ "warn.start_overdue.yellow_days", WS_INT(start_overdue_yellow_days), 0, 3650,
	  "逾期未开工：超过计划开工日期该天数后黄灯" },
	{ "warn.start_overdue.red_days", WS_INT(start_overdue_red_days), 0, 3650,
	  "逾期未开工：超过计划开工日期该天数后红灯" },
	{ "warn.filed_not_started.yellow_days", WS_INT(filed_not_started_yellow_days), 0, 3650,
	  "备案未开工：备案超过该天数黄灯" },
	{ "warn.filed_not_started.red_days", WS_INT(filed_not_started_red_days), 0, 3650,
	  "备案未开工：备案超过该天数红灯" },
	{ FORM_KEY, .help = "投资滞后判定方式：ratio 完成比例 / points 低于序时百分点" },
	{ "warn.investment_lag.yellow_pct", WS_INT(lag_yellow_pct), 0, 100,
	  "投资滞后（比例）：完成低于序时计划该百分比黄灯" },
	{ "warn.investment_lag.red_pct", WS_INT(lag_red_pct), 0, 100,
	  "投资滞后（比例）：完成低于序时计划该百分比红灯" },
	{ "warn.investment_lag.yellow_points", WS_INT(lag_yellow_points), 0, 100,
	  "投资滞后（百分点）：低于序时超过该百分点黄灯" },
	{ "warn.investment_lag.red_points", WS_INT(lag_red_points), 0, 100,
	  "投资滞后（百分点）：低于序时超过该百分点红灯" },
	{ "warn.completion_overdue.yellow_days", WS_INT(completion_overdue_yellow_days), 0, 3650,
	  "逾期未竣工：超过计划竣工日期该天数后黄灯" },
	{ "warn.completion_overdue.red_days", WS_INT(completion_overdue_red_days), 0, 3650,
	  "逾期未竣工：超过计划竣工日期该天数后红灯" },
	{ "warn.report_missing.due_day", WS_INT(report_due_day), 1, 28,
	  "月报缺报：每月该日之后应已报送上月月报" },
	/* h-wait: element guarantees' own setting (core/settings.c), read by the
	 * element-wait rule, so a bad value is refused like a warn.* one */
	{ "guarantees.wait_days", WS_INT(element_wait_days), 0, 3650,
	  "要素保障等待：用地或用能需求未满足超过该天数黄灯" },
};
#define N_WARN_DEFS (sizeof(warn_defs) / sizeof(warn_defs[0]))

static const struct warn_def *warn_find(const char *key)
{
	size_t i;

	for (i = 0; i < N_WARN_DEFS; i++)
		if (!strcmp(key, warn_defs[i].key))
			return &warn_defs[i];
	return NULL;
}

int warning_setting_is_ours(const char *key)
{
	return warn_find(key) != NULL;
}

const char *warning_settings_set(struct warning_settings *ws, const char *key,
				 const char *value)
{
	const struct warn_def *d = warn_find(key);
	char *end;
	long v;
	int i;

	if (!d)
		return "unknown warning setting";
	if (!strcmp(d->key, FORM_KEY)) {
		for (i = 0; i < LAG_FORM__MAX; i++) {
			if (!strcmp(value, lag_form_keys[i])) {
				ws->lag_form = (enum lag_form)i;
				return NULL;
			}
		}
		return "not one of ratio, points";
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (!*value || *end || errno)
		return "not a whole number";
	if (v < d->min || v > d->max)
		return "out of range";
	*(int *)((char *)ws + d->offset) = (int)v;
	return NULL;
}

void warning_settings_each(const struct warning_settings *ws,
			   int (*fn)(void *ctx, const char *key, const char *value,
				     const char *help),
			   void *ctx)
{
	char text[16];
	size_t i;

	for (i = 0; i < N_WARN_DEFS; i++) {
		const struct warn_def *d = &warn_defs[i];

		if (!strcmp(d->key, FORM_KEY))
			snprintf(text, sizeof(text), "%s", lag_form_keys[ws->lag_form]);
		else
			snprintf(text, sizeof(text), "%d",
				 *(const int *)((const char *)ws + d->offset));
		if (fn(ctx, d->key, text, d->help))
			return;
	}
}

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
