/* settings.c — the table of settings (key, type, range or choices, default,
 * label, description) and their validation, one key at a time and between
 * keys. The modules that use a setting (warnings.c, scoring.c, the bulletin)
 * parse its text themselves; the unit tests check that they accept exactly
 * what this table accepts and that their defaults are the table's. */
#include "core/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const setting_type_keys[SETTING_TYPE__MAX] = { "int", "choice", "text" };

static const char *const lag_forms[] = { "ratio", "points", NULL };
static const char *const supervision_months[] = { "odd", "even", NULL }; /* visits */
static const char *const webhook_formats[] = { "off", "wecom", "dingtalk", NULL };
/* A text setting whose choices are these is a URL (url_reason). */
static const char *const url_schemes[] = { "http://", "https://", NULL };

#define DAYS(key, def, label, label_en, help, help_en) \
	{ key, SETTING_INT, 0, 3650, NULL, def, NULL, label, label_en, help, help_en }
#define PCT(key, def, label, label_en, help, help_en) \
	{ key, SETTING_INT, 0, 100, NULL, def, NULL, label, label_en, help, help_en }
#define ITEM_DAYS(key, def, label, label_en, help, help_en) \
	{ key, SETTING_INT, 1, 365, NULL, def, NULL, label, label_en, help, help_en }
#define WEIGHT(key, def, label, label_en, help, help_en) \
	{ key, SETTING_INT, -1000, 1000, NULL, def, NULL, label, label_en, help, help_en }

const struct setting_def setting_defs[] = {
	/* DOMAIN.md §6: the warning rules. */
	DAYS("warn.start_overdue.yellow_days", "0", "逾期未开工黄灯天数",
	     "Start overdue: yellow after (days)",
	     "计划开工日期已过、尚未开工，逾期超过该天数亮黄灯",
	     "Yellow when the planned start passed more than this many days ago and the project has not started"),
	DAYS("warn.start_overdue.red_days", "30", "逾期未开工红灯天数",
	     "Start overdue: red after (days)",
	     "计划开工日期已过、尚未开工，逾期超过该天数亮红灯",
	     "Red when the planned start passed more than this many days ago"),
	DAYS("warn.filed_not_started.yellow_days", "90", "备案未开工黄灯天数",
	     "Filed, not started: yellow after (days)",
	     "已备案未开工，备案超过该天数亮黄灯",
	     "Yellow when a filed project has not started this many days after filing"),
	DAYS("warn.filed_not_started.red_days", "180", "备案未开工红灯天数",
	     "Filed, not started: red after (days)",
	     "已备案未开工，备案超过该天数亮红灯",
	     "Red when a filed project has not started this many days after filing"),
	{ "warn.investment_lag.form", SETTING_CHOICE, 0, 0, lag_forms, "ratio", NULL,
	  "投资滞后判定方式", "Investment lag: rule form",
	  "ratio：完成投资占序时计划的比例；points：完成率低于序时进度的百分点",
	  "ratio: invested as a share of the plan to date; points: completion this many "
	  "percentage points below pace" },
	PCT("warn.investment_lag.yellow_pct", "80", "投资滞后黄灯比例（%）",
	    "Investment lag: yellow below (% of plan to date)",
	    "按比例判定时，完成投资低于序时计划的该百分比亮黄灯",
	    "Ratio form: yellow when investment is below this percentage of the plan to date"),
	PCT("warn.investment_lag.red_pct", "50", "投资滞后红灯比例（%）",
	    "Investment lag: red below (% of plan to date)",
	    "按比例判定时，完成投资低于序时计划的该百分比亮红灯",
	    "Ratio form: red when investment is below this percentage of the plan to date"),
	PCT("warn.investment_lag.yellow_points", "10", "投资滞后黄灯百分点",
	    "Investment lag: yellow below pace (points)",
	    "按百分点判定时，完成率低于序时进度超过该百分点亮黄灯",
	    "Points form: yellow when completion is more than this many points below pace"),
	PCT("warn.investment_lag.red_points", "30", "投资滞后红灯百分点",
	    "Investment lag: red below pace (points)",
	    "按百分点判定时，完成率低于序时进度超过该百分点亮红灯",
	    "Points form: red when completion is more than this many points below pace"),
	DAYS("warn.completion_overdue.yellow_days", "0", "逾期未竣工黄灯天数",
	     "Completion overdue: yellow after (days)",
	     "计划竣工日期已过、尚未竣工，逾期超过该天数亮黄灯",
	     "Yellow when the planned completion passed more than this many days ago"),
	DAYS("warn.completion_overdue.red_days", "60", "逾期未竣工红灯天数",
	     "Completion overdue: red after (days)",
	     "计划竣工日期已过、尚未竣工，逾期超过该天数亮红灯",
	     "Red when the planned completion passed more than this many days ago"),
	{ "warn.report_missing.due_day", SETTING_INT, 1, 28, NULL, "10", NULL,
	  "月报报送截止日", "Monthly report due by (day of month)",
	  "每月该日之后，上月月报仍未报送即预警",
	  "After this day of a month, a missing report of the month before is a warning" },
	/* DOMAIN.md §7: the contest (比武打擂). */
	WEIGHT("contest.weight.start_rate", "30", "比武权重：开工率", "Contest weight: start rate",
	       "综合得分中开工率的分值（负数为扣分）",
	       "Points of the start rate in the score (negative: a deduction)"),
	WEIGHT("contest.weight.investment_completion", "30", "比武权重：投资完成率",
	       "Contest weight: investment completion",
	       "综合得分中开工项目投资完成率的分值",
	       "Points of the investment completion of started projects in the score"),
	WEIGHT("contest.weight.new_starts", "20", "比武权重：新开工任务",
	       "Contest weight: new starts against the task book",
	       "综合得分中新开工任务完成率的分值",
	       "Points of new starts against the section's task book in the score"),
	WEIGHT("contest.weight.red_warnings", "-20", "比武权重：红灯项目",
	       "Contest weight: red warnings",
	       "综合得分中红灯项目占比的分值（通常为负数，即扣分）",
	       "Points of the share of red projects in the score (usually negative)"),
	WEIGHT("contest.weight.overdue_items", "0", "比武权重：逾期督办事项",
	       "Contest weight: overdue supervision items",
	       "综合得分中有逾期督办事项的项目占比的分值（默认0，即不计分；通常设为负数）",
	       "Points of the share of projects with an overdue supervision item in the score "
	       "(0 by default, so scores do not move until set; usually negative)"),
	/* h-talent: 双招双引 (issue #16 item 4) */
	WEIGHT("contest.weight.signed_investment", "0", "比武权重：签约投资占比",
	       "Contest weight: signed investment from leads",
	       "综合得分中本板块当年跟进签约的招商线索意向投资占全区签约投资比重的分值"
	       "（默认0，即不计分）",
	       "Points of the section's share of the district's intended investment of leads "
	       "signed this year (0 by default, so scores do not move until set)"),
	{ "contest.named", SETTING_INT, 1, 20, NULL, "3", NULL,
	  "流动红旗/约谈名额", "Sections named for the red flag / a talk",
	  "每月前N名授予流动红旗、后N名约谈（N不超过参与排名板块数的一半）",
	  "Each month the first N sections get the red flag and the last N are called to a "
	  "talk (at most half of the ranked sections each)" },
	/* DOMAIN.md §7: supervision items (督办事项), their days per level. */
	ITEM_DAYS("items.days.level1", "15", "第1级（板块协调）办结天数",
		  "Level 1 (section) days to solve",
		  "事项在板块协调层级的办结时限天数；逾期未办结即升至部门协调",
		  "Days an item has at level 1 (section); unresolved past them it moves to level 2"),
	ITEM_DAYS("items.days.level2", "10", "第2级（部门协调）办结天数",
		  "Level 2 (department) days to solve",
		  "升至部门协调后的办结时限天数；逾期未办结即升至区领导协调",
		  "Days an item has at level 2 (department); unresolved past them it moves to level 3"),
	ITEM_DAYS("items.days.level3", "10", "第3级（区领导协调）办结天数",
		  "Level 3 (district leader) days to solve",
		  "升至区领导协调后的办结时限天数；逾期未办结即提交区协调会",
		  "Days an item has at level 3 (district leader); unresolved past them it goes to the "
		  "district coordination meeting"),
	ITEM_DAYS("items.days.level4", "30", "第4级（区协调会）办结天数",
		  "Level 4 (coordination meeting) days to solve",
		  "提交区协调会后的办结时限天数；逾期仍为红灯，不再升级",
		  "Days an item has at level 4 (the district coordination meeting); past them it stays "
		  "overdue (red) and escalates no further"),
	/* DOMAIN.md §8: the bulletin. */
	{ "bulletin.title", SETTING_TEXT, 1, 100, NULL, "重大项目建设月度通报", NULL,
	  "通报标题", "Bulletin title", "月度通报的标题", "The title of the monthly bulletin" },
	{ "bulletin.issuer", SETTING_TEXT, 1, 100, NULL, NULL, "〈区名〉重大项目建设领导小组办公室",
	  "通报发文单位", "Bulletin issuer",
	  "月度通报落款的发文单位；未设置时为“区名＋重大项目建设领导小组办公室”",
	  "Who issues the bulletin; unset, the district's name followed by "
	  "重大项目建设领导小组办公室" },
	/* visits (issue #13 items 5, 6): the bimonthly on-site supervision
	 * (core/visits.c) and the group-chat webhook (http/notifier.c). */
	{ "supervision.months", SETTING_CHOICE, 0, 0, supervision_months, "odd", NULL,
	  "双月现场督办月份", "Bimonthly supervision: months",
	  "odd：督办周期从1、3、5、7、9、11月开始；even：从2、4、6、8、10、12月开始",
	  "odd: each two-month window opens in January, March, …; even: in February, April, …" },
	{ "supervision.threshold_yuan", SETTING_INT, 0, INT64_C(1000000000000000), NULL,
	  "1000000000", NULL, "现场督办总投资门槛（元）", "Supervision threshold (yuan)",
	  "总投资达到该金额（元，默认10亿）的备案未开工和红灯项目列入双月现场督办",
	  "Filed-not-started and red projects with a total investment of at least this many "
	  "yuan (10 亿 by default) are on the bimonthly supervision schedule" },
	{ "webhook.format", SETTING_CHOICE, 0, 0, webhook_formats, "off", NULL,
	  "群机器人通知", "Group-chat robot notifications",
	  "off：不发送；wecom：企业微信群机器人；dingtalk：钉钉群机器人",
	  "off: none are sent; wecom: a WeCom (企业微信) group robot; dingtalk: a DingTalk "
	  "(钉钉) group robot" },
	{ "webhook.url", SETTING_TEXT, 1, 500, url_schemes, NULL, "未设置（不发送）",
	  "群机器人地址", "Group-chat robot URL",
	  "群机器人的Webhook地址（http或https）；未设置时不发送",
	  "The robot's webhook URL (http or https); unset, nothing is sent" },
	/* DOMAIN.md §7 element guarantees (要素保障, core/guarantees.h). */
	DAYS("guarantees.wait_days", "90", "要素保障等待黄灯天数",
	     "Element guarantees: yellow after waiting (days)",
	     "项目用地或用能需求未满足、自需求日期（未填则取签约日期与当年1月1日中较晚者）起等待超过该天数即亮黄灯",
	     "Yellow when a project's land or energy need has been short for more than this many "
	     "days since its need date (else the later of its signing date and January 1)"),
};
const size_t n_setting_defs = sizeof(setting_defs) / sizeof(setting_defs[0]);

_Static_assert(sizeof(setting_defs) / sizeof(setting_defs[0]) <=
	       sizeof(((struct setting_values *)0)->v) / sizeof(const char *),
	       "struct setting_values holds every setting");

const struct setting_def *setting_find(const char *key)
{
	size_t i;

	for (i = 0; key && i < n_setting_defs; i++)
		if (!strcmp(key, setting_defs[i].key))
			return &setting_defs[i];
	return NULL;
}

/* The number of characters of UTF-8 text s, or -1 when s is not valid UTF-8
 * or holds a control character (*control set then). */
static int64_t text_chars(const char *s, int *control)
{
	const unsigned char *p = (const unsigned char *)s;
	int64_t n = 0;

	*control = 0;
	while (*p) {
		unsigned c = *p;
		int more, k;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				*control = 1;
				return -1;
			}
			p++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			cp = c & 0x07;
		} else {
			return -1;
		}
		for (k = 1; k <= more; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (p[k] & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		if (cp >= 0x80 && cp < 0xa0) {
			*control = 1;
			return -1;
		}
		p += more + 1;
		n++;
	}
	return n;
}

/* NULL when s (already checked as text) is a URL the webhook sender can use:
 * http:// or https:// (lower case), then a host — a name or IPv4 address of
 * letters, digits, '.' and '-', or an IPv6 address in brackets — with an
 * optional port 1 … 65535, then nothing or a path or query ('/' or '?');
 * printable ASCII only, no space. Else a static reason. */
static const char *url_reason(const char *s)
{
	const char *h = NULL, *p;
	const char *const *c;
	long port = 0;

	for (c = url_schemes; *c && !h; c++)
		if (!strncmp(s, *c, strlen(*c)))
			h = s + strlen(*c);
	if (!h)
		return "not an http:// or https:// URL";
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return "contains a space or a character outside ASCII";
	p = h;
	if (*p == '[') {
		for (p++; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			  (*p >= 'A' && *p <= 'F') || *p == ':' || *p == '.'; p++)
			;
		if (*p != ']' || p == h + 1)
			return "not a valid host";
		p++;
	} else {
		for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		       (*p >= 'A' && *p <= 'Z') || *p == '.' || *p == '-'; p++)
			;
	}
	if (p == h)
		return "no host";
	if (*p == ':') {
		for (p++; *p >= '0' && *p <= '9' && port <= 65535; p++)
			port = port * 10 + (*p - '0');
		if (port < 1 || port > 65535)
			return "not a valid port (1 to 65535)";
	}
	if (*p && *p != '/' && *p != '?')
		return "not a valid host";
	return NULL;
}

/* The reasons below are static: a range reason per distinct range. */
static const char *range_reason(const struct setting_def *d)
{
	if (d->min == 0 && d->max == 3650)
		return "out of range (0 to 3650)";
	if (d->min == 0 && d->max == 100)
		return "out of range (0 to 100)";
	if (d->min == 1 && d->max == 28)
		return "out of range (1 to 28)";
	if (d->min == -1000 && d->max == 1000)
		return "out of range (-1000 to 1000)";
	if (d->min == 1 && d->max == 20)
		return "out of range (1 to 20)";
	if (d->min == 1 && d->max == 365)
		return "out of range (1 to 365)";
	if (d->min == 0 && d->max == INT64_C(1000000000000000))
		return "out of range (0 to 10^15)";
	return "out of range";
}

const char *setting_check(const struct setting_def *d, const char *value)
{
	const char *const *c;
	int64_t n;
	int control;
	char *end;
	long long v;

	if (!value)
		return "no value";
	switch (d->type) {
	case SETTING_INT:
		/* Digits with an optional minus, nothing else (no spaces, no "+", no
		 * decimals): the text is what the audit trail keeps. */
		if (!*value || (*value != '-' && (*value < '0' || *value > '9')))
			return "not a whole number";
		errno = 0;
		v = strtoll(value, &end, 10);
		if (*end || end == value || errno == ERANGE || (value[0] == '-' && !value[1]))
			return errno == ERANGE ? range_reason(d) : "not a whole number";
		/* One spelling per number: "007" and "-0" would be stored as typed. */
		if ((value[0] == '0' && value[1]) || (value[0] == '-' && value[1] == '0'))
			return "not a whole number";
		if (v < d->min || v > d->max)
			return range_reason(d);
		return NULL;
	case SETTING_CHOICE:
		for (c = d->choices; *c; c++)
			if (!strcmp(value, *c))
				return NULL;
		return d->choices == lag_forms ? "not one of ratio, points" : "not an allowed value";
	case SETTING_TEXT:
		n = text_chars(value, &control);
		if (n < 0)
			return control ? "contains a control character" : "not valid UTF-8";
		if (n < d->min || !*value)
			return "empty";
		if (n > d->max)
			return d->max == 500 ? "longer than 500 characters" :
					       "longer than 100 characters";
		if (value[0] == ' ' || value[strlen(value) - 1] == ' ')
			return "starts or ends with a space";
		return d->choices == url_schemes ? url_reason(value) : NULL;
	case SETTING_TYPE__MAX:
		break;
	}
	return "unknown type";
}

/* ---- between keys ---- */

/* A yellow threshold must be the milder one: for "more than N days late" and
 * "more than N points below pace" yellow ≤ red; for "below N % of the plan"
 * yellow ≥ red (DOMAIN.md §6). */
static const struct {
	const char *yellow, *red;
	int yellow_above; /* 1: yellow ≥ red */
} pairs[] = {
	{ "warn.start_overdue.yellow_days", "warn.start_overdue.red_days", 0 },
	{ "warn.filed_not_started.yellow_days", "warn.filed_not_started.red_days", 0 },
	{ "warn.investment_lag.yellow_pct", "warn.investment_lag.red_pct", 1 },
	{ "warn.investment_lag.yellow_points", "warn.investment_lag.red_points", 0 },
	{ "warn.completion_overdue.yellow_days", "warn.completion_overdue.red_days", 0 },
};

static const char *value_of(const struct setting_values *vals, const char *key)
{
	const struct setting_def *d = setting_find(key);

	return d ? vals->v[d - setting_defs] : NULL;
}

const char *settings_check_together(const struct setting_values *vals, struct buf *why)
{
	size_t i;

	buf_reset(why);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const char *y = value_of(vals, pairs[i].yellow), *r = value_of(vals, pairs[i].red);
		long long yv, rv;

		if (!y || !r)
			continue;
		yv = strtoll(y, NULL, 10);
		rv = strtoll(r, NULL, 10);
		if (pairs[i].yellow_above ? yv >= rv : yv <= rv)
			continue;
		buf_addf(why, "%s (%s) must not be %s than %s (%s): yellow is the milder warning",
			 pairs[i].yellow, y, pairs[i].yellow_above ? "lower" : "greater",
			 pairs[i].red, r);
		return why->s;
	}
	return NULL;
}
