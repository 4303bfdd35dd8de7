/* test_settings.c — the settings table (core/settings.c): every key with a
 * valid value, its default and both ends of its range; below and above the
 * range; the wrong type; the checks between keys; and that the modules which
 * read a setting (warnings.c, scoring.c, the bulletin) accept what the table
 * accepts and default to what it says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/items.h"
#include "core/scoring.h"
#include "core/settings.h"
#include "core/visits.h"
#include "core/warnings.h"
#include "core/guarantees.h"
#include "report/bulletin.h"

/* Every integer setting, by hand: default, lowest, highest, and what the
 * range error says. */
static const struct int_case {
	const char *key, *def, *lo, *hi, *below, *above, *why;
} ints[] = {
	{ "warn.start_overdue.yellow_days", "0", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.start_overdue.red_days", "30", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.filed_not_started.yellow_days", "90", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.filed_not_started.red_days", "180", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.investment_lag.yellow_pct", "80", "0", "100", "-1", "101", "out of range (0 to 100)" },
	{ "warn.investment_lag.red_pct", "50", "0", "100", "-1", "101", "out of range (0 to 100)" },
	{ "warn.investment_lag.yellow_points", "10", "0", "100", "-1", "101", "out of range (0 to 100)" },
	{ "warn.investment_lag.red_points", "30", "0", "100", "-1", "101", "out of range (0 to 100)" },
	{ "warn.completion_overdue.yellow_days", "0", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.completion_overdue.red_days", "60", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
	{ "warn.report_missing.due_day", "10", "1", "28", "0", "29", "out of range (1 to 28)" },
	{ "contest.weight.start_rate", "30", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	{ "contest.weight.investment_completion", "30", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	{ "contest.weight.new_starts", "20", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	{ "contest.weight.red_warnings", "-20", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	/* issue #13: 0 by default, so that scores do not move until a district sets it */
	{ "contest.weight.overdue_items", "0", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	{ "contest.weight.signed_investment", "0", "-1000", "1000", "-1001", "1001", "out of range (-1000 to 1000)" },
	/* DOMAIN.md §7: the days an item has at each level before it escalates */
	{ "items.days.level1", "15", "1", "365", "0", "366", "out of range (1 to 365)" },
	{ "items.days.level2", "10", "1", "365", "0", "366", "out of range (1 to 365)" },
	{ "items.days.level3", "10", "1", "365", "0", "366", "out of range (1 to 365)" },
	{ "items.days.level4", "30", "1", "365", "0", "366", "out of range (1 to 365)" },
	{ "contest.named", "3", "1", "20", "0", "21", "out of range (1 to 20)" },
	/* visits: the bimonthly supervision's threshold, 10 亿 yuan by default */
	{ "supervision.threshold_yuan", "1000000000", "0", "1000000000000000", "-1",
	  "1000000000000001", "out of range (0 to 10^15)" },
	/* DOMAIN.md §7 要素保障: days a land or energy need may wait before it is yellow */
	{ "guarantees.wait_days", "90", "0", "3650", "-1", "3651", "out of range (0 to 3650)" },
};
#define N_INTS (sizeof(ints) / sizeof(ints[0]))

/* Not whole numbers, whatever the key. */
static const char *const not_ints[] = {
	"", "abc", "1.5", "5 ", " 5", "+5", "0x10", "1e3", "５", "--5", "-", "007", "-0", "30天",
};

static void test_every_key_is_tested(void **state)
{
	size_t i, k, found;

	(void)state;
	/* 23 integers, three choices, three texts: a new key needs its case here. */
	assert_int_equal(n_setting_defs, N_INTS + 6);
	for (i = 0; i < n_setting_defs; i++) {
		const struct setting_def *d = &setting_defs[i];

		found = !strcmp(d->key, "warn.investment_lag.form") ||
			!strcmp(d->key, "bulletin.title") || !strcmp(d->key, "bulletin.issuer") ||
			/* visits */
			!strcmp(d->key, "supervision.months") || !strcmp(d->key, "webhook.format") ||
			!strcmp(d->key, "webhook.url");
		for (k = 0; k < N_INTS; k++)
			found += !strcmp(d->key, ints[k].key);
		assert_int_equal(found, 1);
		assert_ptr_equal(setting_find(d->key), d);
		assert_non_null(d->label);
		assert_non_null(d->label_en);
		assert_non_null(d->help);
		assert_non_null(d->help_en);
	}
	assert_null(setting_find("warn.nope"));
	assert_null(setting_find("WARN.START_OVERDUE.RED_DAYS"));
	assert_null(setting_find(""));
	assert_null(setting_find(NULL));
}

static void test_integers(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < N_INTS; i++) {
		const struct int_case *c = &ints[i];
		const struct setting_def *d = setting_find(c->key);

		assert_non_null(d);
		assert_int_equal(d->type, SETTING_INT);
		assert_string_equal(d->def, c->def);
		assert_null(setting_check(d, c->def));
		assert_null(setting_check(d, c->lo));
		assert_null(setting_check(d, c->hi));
		assert_string_equal(setting_check(d, c->below), c->why);
		assert_string_equal(setting_check(d, c->above), c->why);
		assert_string_equal(setting_check(d, "99999999999999999999"), c->why);
		assert_string_equal(setting_check(d, "-99999999999999999999"), c->why);
		for (k = 0; k < sizeof(not_ints) / sizeof(not_ints[0]); k++)
			assert_string_equal(setting_check(d, not_ints[k]), "not a whole number");
		assert_string_equal(setting_check(d, NULL), "no value");
	}
}

static void test_choice_and_texts(void **state)
{
	const struct setting_def *form = setting_find("warn.investment_lag.form");
	const struct setting_def *title = setting_find("bulletin.title");
	const struct setting_def *issuer = setting_find("bulletin.issuer");
	char hundred[301], long_text[304];
	int i;

	(void)state;
	assert_int_equal(form->type, SETTING_CHOICE);
	assert_string_equal(form->def, "ratio");
	assert_null(setting_check(form, "ratio"));
	assert_null(setting_check(form, "points"));
	assert_string_equal(setting_check(form, "Ratio"), "not one of ratio, points");
	assert_string_equal(setting_check(form, ""), "not one of ratio, points");
	assert_string_equal(setting_check(form, "80"), "not one of ratio, points");

	assert_int_equal(title->type, SETTING_TEXT);
	assert_string_equal(title->def, BULLETIN_TITLE);
	assert_null(issuer->def); /* derived from the district's name */
	assert_string_equal(issuer->def_note, "〈区名〉重大项目建设领导小组办公室");
	/* 100 characters of three bytes each. */
	for (i = 0; i < 100; i++)
		memcpy(hundred + 3 * i, "报", 3);
	hundred[300] = '\0';
	memcpy(long_text, hundred, 300);
	memcpy(long_text + 300, "A", 2);
	for (i = 0; i < 2; i++) {
		const struct setting_def *d = i ? issuer : title;

		assert_null(setting_check(d, "X"));
		assert_null(setting_check(d, "无锡市新吴区重大项目建设领导小组办公室"));
		assert_null(setting_check(d, hundred));
		assert_string_equal(setting_check(d, long_text), "longer than 100 characters");
		assert_string_equal(setting_check(d, ""), "empty");
		assert_string_equal(setting_check(d, "a\nb"), "contains a control character");
		assert_string_equal(setting_check(d, "a\tb"), "contains a control character");
		assert_string_equal(setting_check(d, "a\xc2\x85"), "contains a control character");
		assert_string_equal(setting_check(d, "\xff"), "not valid UTF-8");
		assert_string_equal(setting_check(d, "\xe6\x8a"), "not valid UTF-8");
		assert_string_equal(setting_check(d, "\xc0\xaf"), "not valid UTF-8");
		assert_string_equal(setting_check(d, " 通报"), "starts or ends with a space");
		assert_string_equal(setting_check(d, "通报 "), "starts or ends with a space");
	}
}

/* webhook.url (the group-chat robot, http/notifier.c): an http:// or
 * https:// URL with a host, at most 500 characters. */
static void test_webhook_url(void **state)
{
	const struct setting_def *d = setting_find("webhook.url");
	char url[512];

	(void)state;
	assert_int_equal(d->type, SETTING_TEXT);
	assert_null(setting_check(d, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6"));
	assert_null(setting_check(d, "https://oapi.dingtalk.com/robot/send?access_token=ab12"));
	assert_null(setting_check(d, "http://127.0.0.1:8080/robot"));
	assert_null(setting_check(d, "http://[::1]:65535"));
	assert_null(setting_check(d, "https://robot.example"));
	assert_string_equal(setting_check(d, "ftp://example.com/x"), "not an http:// or https:// URL");
	assert_string_equal(setting_check(d, "HTTPS://example.com"), "not an http:// or https:// URL");
	assert_string_equal(setting_check(d, "qyapi.weixin.qq.com/cgi-bin/webhook/send"),
			    "not an http:// or https:// URL");
	assert_string_equal(setting_check(d, "https://"), "no host");
	assert_string_equal(setting_check(d, "https:///send"), "no host");
	assert_string_equal(setting_check(d, "https://:443/send"), "no host");
	assert_string_equal(setting_check(d, "https://user@example.com/"), "not a valid host");
	assert_string_equal(setting_check(d, "https://exa_mple.com/"), "not a valid host");
	assert_string_equal(setting_check(d, "http://[::1/"), "not a valid host");
	assert_string_equal(setting_check(d, "http://example.com:0/"), "not a valid port (1 to 65535)");
	assert_string_equal(setting_check(d, "http://example.com:65536/"),
			    "not a valid port (1 to 65535)");
	assert_string_equal(setting_check(d, "http://example.com:/"), "not a valid port (1 to 65535)");
	assert_string_equal(setting_check(d, "http://example.com:80x/"), "not a valid host");
	assert_string_equal(setting_check(d, "https://example.com/a b"),
			    "contains a space or a character outside ASCII");
	assert_string_equal(setting_check(d, "https://机器人.cn/"),
			    "contains a space or a character outside ASCII");
	assert_string_equal(setting_check(d, "https://example.com/\x01"), "contains a control character");
	assert_string_equal(setting_check(d, ""), "empty");
	/* 500 characters pass, 501 do not. */
	memcpy(url, "https://example.com/", 20);
	memset(url + 20, 'a', 480);
	url[500] = '\0';
	assert_null(setting_check(d, url));
	url[500] = 'a';
	url[501] = '\0';
	assert_string_equal(setting_check(d, url), "longer than 500 characters");
}

/* The table's defaults are what the modules use when nothing is set. */
struct each_ctx {
	int n;
};

static int same_default(void *ctx, const char *key, const char *value, const char *help)
{
	struct each_ctx *c = ctx;
	const struct setting_def *d = setting_find(key);

	(void)help;
	assert_non_null(d);
	assert_string_equal(d->def, value);
	c->n++;
	return 0;
}

static void test_defaults_agree_with_the_modules(void **state)
{
	struct warning_settings ws;
	struct contest_weights cw;
	struct item_settings is;
	struct each_ctx c = { 0 };
	char text[16];
	int k;

	(void)state;
	warning_settings_defaults(&ws);
	warning_settings_each(&ws, same_default, &c);
	assert_int_equal(c.n, 13); /* the 12 warn.* and guarantees.wait_days (h-wait) */
	contest_weights_defaults(&cw);
	for (k = 0; k < CP__MAX; k++) {
		snprintf(text, sizeof(text), "%d", cw.w[k]);
		assert_string_equal(setting_find(contest_setting_key((enum contest_part)k))->def, text);
	}
	snprintf(text, sizeof(text), "%d", cw.named);
	assert_string_equal(setting_find("contest.named")->def, text);
	item_settings_defaults(&is);
	for (k = ITEM_LEVEL_MIN; k <= ITEM_LEVEL_MAX; k++) {
		char key[32];

		snprintf(key, sizeof(key), "items.days.level%d", k);
		snprintf(text, sizeof(text), "%d", is.days[k]);
		assert_string_equal(setting_find(key)->def, text);
	}
}

/* What the table accepts, the modules take; what it refuses for the range, they
 * refuse too. */
static void test_modules_accept_what_the_table_accepts(void **state)
{
	struct warning_settings ws;
	struct contest_weights cw;
	size_t i;

	(void)state;
	warning_settings_defaults(&ws);
	contest_weights_defaults(&cw);
	for (i = 0; i < N_INTS; i++) {
		const struct int_case *c = &ints[i];
		int warn = !strncmp(c->key, "warn.", 5), item = !strncmp(c->key, "items.", 6);
		struct item_settings is;
		struct schedule_settings ss;

		item_settings_defaults(&is);
		schedule_settings_defaults(&ss);
		if (!strncmp(c->key, "supervision.", 12)) { /* visits */
			assert_true(schedule_setting_is_ours(c->key));
			assert_null(schedule_settings_set(&ss, c->key, c->lo));
			assert_null(schedule_settings_set(&ss, c->key, c->hi));
			assert_string_equal(schedule_settings_set(&ss, c->key, c->below), c->why);
			assert_string_equal(schedule_settings_set(&ss, c->key, c->above), c->why);
			assert_non_null(schedule_settings_set(&ss, c->key, "abc"));
			continue;
		}
		if (!strncmp(c->key, "guarantees.", 11)) { /* core/guarantees.c */
			int days = -5;

			assert_null(guarantees_wait_days_parse(c->lo, &days));
			assert_int_equal(days, strtol(c->lo, NULL, 10));
			assert_null(guarantees_wait_days_parse(c->hi, &days));
			assert_int_equal(days, strtol(c->hi, NULL, 10));
			assert_string_equal(guarantees_wait_days_parse(c->below, &days), c->why);
			assert_string_equal(guarantees_wait_days_parse(c->above, &days), c->why);
			assert_non_null(guarantees_wait_days_parse("abc", &days));
			assert_int_equal(days, strtol(c->hi, NULL, 10));
			continue;
		}
		assert_true(warn ? warning_setting_is_ours(c->key) : item ? item_setting_is_ours(c->key)
			    : contest_setting_is_ours(c->key));
		if (item) {
			assert_null(item_settings_set(&is, c->key, c->lo));
			assert_null(item_settings_set(&is, c->key, c->hi));
			assert_string_equal(item_settings_set(&is, c->key, c->below), c->why);
			assert_string_equal(item_settings_set(&is, c->key, c->above), c->why);
			assert_non_null(item_settings_set(&is, c->key, "abc"));
		} else if (warn) {
			assert_null(warning_settings_set(&ws, c->key, c->lo));
			assert_null(warning_settings_set(&ws, c->key, c->hi));
			assert_non_null(warning_settings_set(&ws, c->key, c->below));
			assert_non_null(warning_settings_set(&ws, c->key, c->above));
			assert_non_null(warning_settings_set(&ws, c->key, "abc"));
		} else {
			assert_null(contest_weights_set(&cw, c->key, c->lo));
			assert_null(contest_weights_set(&cw, c->key, c->hi));
			assert_string_equal(contest_weights_set(&cw, c->key, c->below), c->why);
			assert_string_equal(contest_weights_set(&cw, c->key, c->above), c->why);
			assert_non_null(contest_weights_set(&cw, c->key, "abc"));
		}
	}
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	assert_int_equal(ws.lag_form, LAG_POINTS);
	assert_non_null(warning_settings_set(&ws, "warn.investment_lag.form", "Ratio"));
	assert_null(contest_weights_set(&cw, "contest.named", "2"));
	assert_int_equal(cw.named, 2);
	{ /* visits: the supervision's months and its default threshold */
		struct schedule_settings ss;

		schedule_settings_defaults(&ss);
		assert_int_equal(ss.even, 0);
		assert_int_equal(ss.threshold, 1000000000);
		assert_null(schedule_settings_set(&ss, "supervision.months", "even"));
		assert_int_equal(ss.even, 1);
		assert_string_equal(schedule_settings_set(&ss, "supervision.months", "Even"),
				    "not an allowed value");
		assert_int_equal(ss.even, 1);
	}
}

static void test_keys_together(void **state)
{
	struct setting_values v;
	struct buf why = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < n_setting_defs; i++)
		v.v[i] = setting_defs[i].def;
	assert_null(settings_check_together(&v, &why));
	/* Yellow after more days than red: refused, naming both. */
	v.v[setting_find("warn.start_overdue.yellow_days") - setting_defs] = "31";
	assert_string_equal(settings_check_together(&v, &why),
			    "warn.start_overdue.yellow_days (31) must not be greater than "
			    "warn.start_overdue.red_days (30): yellow is the milder warning");
	v.v[setting_find("warn.start_overdue.yellow_days") - setting_defs] = "30";
	assert_null(settings_check_together(&v, &why));
	/* Below a share of plan: yellow is the higher share. */
	v.v[setting_find("warn.investment_lag.red_pct") - setting_defs] = "81";
	assert_string_equal(settings_check_together(&v, &why),
			    "warn.investment_lag.yellow_pct (80) must not be lower than "
			    "warn.investment_lag.red_pct (81): yellow is the milder warning");
	v.v[setting_find("warn.investment_lag.red_pct") - setting_defs] = "80";
	assert_null(settings_check_together(&v, &why));
	v.v[setting_find("warn.investment_lag.red_points") - setting_defs] = "9";
	assert_non_null(settings_check_together(&v, &why));
	v.v[setting_find("warn.investment_lag.red_points") - setting_defs] = "30";
	v.v[setting_find("warn.filed_not_started.red_days") - setting_defs] = "89";
	assert_non_null(settings_check_together(&v, &why));
	v.v[setting_find("warn.filed_not_started.red_days") - setting_defs] = "180";
	v.v[setting_find("warn.completion_overdue.yellow_days") - setting_defs] = "61";
	assert_non_null(settings_check_together(&v, &why));
	buf_release(&why);
}

/* contest.named: how many sections get the red flag and the talk. */
static void test_named_in_the_round(void **state)
{
	struct contest_entry e[8];
	struct contest_round r;
	size_t i, flags, talks;
	int named;

	(void)state;
	for (named = 1; named <= 5; named++) {
		memset(&r, 0, sizeof(r));
		memset(e, 0, sizeof(e));
		for (i = 0; i < 8; i++) {
			e[i].unit_id = (int64_t)i + 1;
			e[i].code = (const char *[]){ "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8" }[i];
			e[i].projects = 10;
			e[i].start_rate.num = (int64_t)i;
			e[i].start_rate.den = 10;
			e[i].task_new_starts = -1;
		}
		r.entries = e;
		r.n = 8;
		contest_weights_defaults(&r.weights);
		r.weights.named = named;
		contest_rank(&r);
		flags = talks = 0;
		for (i = 0; i < 8; i++) {
			flags += (e[i].roles & CONTEST_RED_FLAG) != 0;
			talks += (e[i].roles & CONTEST_TALK) != 0;
		}
		/* At most half the ranked sections each: 8 sections → 4. */
		assert_int_equal(flags, named < 4 ? named : 4);
		assert_int_equal(talks, named < 4 ? named : 4);
		assert_string_equal(e[0].code, "S8");
		assert_true(e[7].roles & CONTEST_TALK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key_is_tested),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_choice_and_texts),
		cmocka_unit_test(test_webhook_url),
		cmocka_unit_test(test_defaults_agree_with_the_modules),
		cmocka_unit_test(test_modules_accept_what_the_table_accepts),
		cmocka_unit_test(test_keys_together),
		cmocka_unit_test(test_named_in_the_round),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
