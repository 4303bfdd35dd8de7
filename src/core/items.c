/* items.c — supervision items (items.h): their vocabularies, the state on a
 * day from the timeline, escalation and the days per level (DOMAIN.md §7),
 * and the texts an item is made from. */
#include "core/items.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

const char *const item_category_keys[IC__MAX] = {
	"land", "energy", "funds", "approval", "demolition", "other",
};
const char *const item_category_labels[IC__MAX] = {
	"用地", "用能", "资金", "审批", "征拆", "其他",
};
const char *const item_status_keys[IS__MAX] = { "open", "answered", "resolved", "closed" };
const char *const item_status_labels[IS__MAX] = { "未办结", "已答复", "已办结", "已关闭" };
const char *const item_level_keys[ITEM_LEVEL_MAX + 1] = { "", "1", "2", "3", "4" };
const char *const item_level_labels[ITEM_LEVEL_MAX + 1] = {
	"", "板块协调", "部门协调", "区领导协调", "区协调会",
};
const char *const item_source_keys[ISRC__MAX] = { "direct", "visit", "report", "import" };
const char *const item_source_labels[ISRC__MAX] = { "直接提出", "现场督办", "月报问题", "导入" };
const char *const item_step_keys[IK__MAX] = {
	"raise", "reply", "answer", "resolve", "close", "reopen", "escalate", "edit", "import",
};
const char *const item_step_labels[IK__MAX] = {
	"提出", "回复", "答复", "办结", "关闭", "重新打开", "升级", "修改", "导入",
};

void item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->category = IC_OTHER;
	it->level = ITEM_LEVEL_MIN;
	it->raised_on = it->deadline = it->level_deadline = it->last_on = DAY_NONE;
	it->status = IS_OPEN;
	it->source = ISRC_DIRECT;
}

void item_release(struct item *it)
{
	free(it->title);
	free(it->detail);
	free(it->source_ref);
	free(it->raised_by);
	item_init(it);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void item_copy(struct item *dst, const struct item *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->detail = dup_or_null(src->detail);
	dst->source_ref = dup_or_null(src->source_ref);
	dst->raised_by = dup_or_null(src->raised_by);
}

void item_step_release(struct item_step *s)
{
	free(s->at);
	free(s->actor);
	free(s->body);
	free(s->attachment);
	memset(s, 0, sizeof(*s));
}

struct item_state item_current(const struct item *it)
{
	struct item_state s = { it->status, it->level, it->deadline, it->level_deadline };

	return s;
}

void item_track_add(struct item_track *t, bl_day on, const struct item_state *s)
{
	XGROW(t->points, t->alloc, t->n_points + 1);
	t->points[t->n_points].on = on;
	t->points[t->n_points].s = *s;
	t->n_points++;
}

int item_track_at(const struct item_track *t, bl_day d, struct item_state *out)
{
	size_t i;
	int found = 0;

	/* Points are in timeline order (days never go back along it). */
	for (i = 0; i < t->n_points && t->points[i].on <= d; i++) {
		*out = t->points[i].s;
		found = 1;
	}
	return found;
}

void item_track_release(struct item_track *t)
{
	free(t->title);
	free(t->points);
	memset(t, 0, sizeof(*t));
}

/* ---- settings ---- */

static const char *const day_keys[ITEM_LEVEL_MAX + 1] = {
	"", "items.days.level1", "items.days.level2", "items.days.level3", "items.days.level4",
};

void item_settings_defaults(struct item_settings *is)
{
	is->days[0] = 0;
	is->days[1] = 15;
	is->days[2] = 10;
	is->days[3] = 10;
	is->days[4] = 30;
}

static int day_key_level(const char *key)
{
	int l;

	for (l = ITEM_LEVEL_MIN; l <= ITEM_LEVEL_MAX; l++)
		if (!strcmp(key, day_keys[l]))
			return l;
	return -1;
}

int item_setting_is_ours(const char *key)
{
	return day_key_level(key) > 0;
}

const char *item_settings_set(struct item_settings *is, const char *key, const char *value)
{
	int l = day_key_level(key);
	char *end;
	long v;

	if (l < 0)
		return "unknown item setting";
	errno = 0;
	v = strtol(value, &end, 10);
	if (!*value || *end || errno)
		return "not a whole number";
	if (v < 1 || v > 365)
		return "out of range (1 to 365)";
	is->days[l] = (int)v;
	return NULL;
}

/* ---- the rules ---- */

int item_pending(enum item_status s)
{
	return s == IS_OPEN || s == IS_ANSWERED;
}

int item_overdue(const struct item_state *s, bl_day d)
{
	return item_pending(s->status) && s->deadline != DAY_NONE && d > s->deadline;
}

int64_t item_days_late(const struct item_state *s, bl_day d)
{
	return item_overdue(s, d) ? (int64_t)d - s->deadline : 0;
}

bl_day item_deadline_for(bl_day from, int level, const struct item_settings *is)
{
	if (level < ITEM_LEVEL_MIN)
		level = ITEM_LEVEL_MIN;
	if (level > ITEM_LEVEL_MAX)
		level = ITEM_LEVEL_MAX;
	return day_add(from, is->days[level]);
}

int item_escalation(const struct item_state *s, bl_day d, const struct item_settings *is,
		    struct item_state *to)
{
	if (!item_pending(s->status) || s->level_deadline == DAY_NONE || d <= s->level_deadline ||
	    s->level >= ITEM_LEVEL_MAX)
		return 0;
	*to = *s;
	to->level = s->level < ITEM_LEVEL_MIN ? ITEM_LEVEL_MIN + 1 : s->level + 1;
	to->level_deadline = item_deadline_for(d, to->level, is);
	return 1;
}

void escalation_text(struct buf *out, const struct item_state *from,
		     const struct item_state *to)
{
	char was[11], now[11];

	buf_reset(out);
	buf_addf(out, "本级时限%s已过仍未办结，由第%d级（%s）升至第%d级（%s），本级时限%s",
		 day_format(from->level_deadline, was), from->level, item_level_labels[from->level],
		 to->level, item_level_labels[to->level], day_format(to->level_deadline, now));
}

/* ---- texts ---- */

static int pick(const char *s, const char *const *keys, const char *const *labels, int n,
		int first)
{
	int i;

	if (!s)
		return -1;
	for (i = first; i < n; i++)
		if (!strcmp(s, keys[i]) || (labels && !strcmp(s, labels[i])))
			return i;
	return -1;
}

int item_category_from_text(const char *s)
{
	return pick(s, item_category_keys, item_category_labels, IC__MAX, 0);
}

int item_status_from_text(const char *s)
{
	return pick(s, item_status_keys, item_status_labels, IS__MAX, 0);
}

int item_level_from_text(const char *s)
{
	return pick(s, item_level_keys, item_level_labels, ITEM_LEVEL_MAX + 1, ITEM_LEVEL_MIN);
}

enum item_category item_guess_category(const char *text)
{
	static const struct {
		const char *word;
		enum item_category c;
	} words[] = {
		{ "用地", IC_LAND }, { "土地", IC_LAND }, { "能耗", IC_ENERGY },
		{ "用能", IC_ENERGY }, { "用电", IC_ENERGY }, { "电力", IC_ENERGY },
		{ "资金", IC_FUNDS },
		{ "融资", IC_FUNDS }, { "贷款", IC_FUNDS }, { "审批", IC_APPROVAL },
		{ "手续", IC_APPROVAL }, { "许可", IC_APPROVAL }, { "备案", IC_APPROVAL },
		{ "拆迁", IC_DEMOLITION }, { "征收", IC_DEMOLITION }, { "征拆", IC_DEMOLITION },
	};
	const char *best = NULL;
	enum item_category c = IC_OTHER;
	size_t i;

	if (!text)
		return IC_OTHER;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *at = strstr(text, words[i].word);

		if (at && (!best || at < best)) {
			best = at;
			c = words[i].c;
		}
	}
	return c;
}

/* The length in bytes of the UTF-8 character at p (1–4), or 0 when p does not
 * start a valid one (overlongs, surrogates and code points past U+10FFFF
 * included). */
static size_t utf8_char(const unsigned char *p)
{
	unsigned cp;
	size_t n, k;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1fu;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0fu;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07u;
	else
		return 0;
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

const char *item_text_problem(const char *s, size_t max, int one_line)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, n;
	int visible = 0;

	if (!s)
		return "missing";
	while (*p) {
		if (*p < 0x20 || *p == 0x7f) {
			if (one_line || (*p != '\t' && *p != '\n' && *p != '\r'))
				return one_line ? "holds a control character or line break"
						: "holds a control character";
		} else if (*p != ' ') {
			visible = 1;
		}
		n = utf8_char(p);
		if (!n)
			return "not valid UTF-8";
		p += n;
		chars++;
	}
	if (!visible)
		return "empty";
	if (chars > max)
		return max == ITEM_TITLE_MAX ? "longer than 200 characters"
		       : max == ITEM_ATTACHMENT_MAX ? "longer than 500 characters"
		       : "longer than 2000 characters";
	return NULL;
}

/* 1 when the UTF-8 character at p (of n bytes) ends a sentence. */
static int sentence_end(const char *p, size_t n)
{
	return (n == 1 && (*p == ';' || *p == '\n' || *p == '\r')) ||
	       (n == 3 && (!strncmp(p, "。", 3) || !strncmp(p, "；", 3)));
}

char *item_title_from_text(const char *text)
{
	const char *p = text, *start, *end;
	size_t chars = 0, n;
	struct { const char *s; size_t n; } out;
	char *t;

	if (!text)
		return NULL;
	/* The first non-blank character that is not a list marker. */
	while (*p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		      !strncmp(p, "\xe3\x80\x80", 3)))
		p += *p & 0x80 ? 3 : 1;
	start = p;
	for (end = p; *end; end += n) {
		n = utf8_char((const unsigned char *)end);
		if (!n || sentence_end(end, n) || chars == 60)
			break;
		if ((unsigned char)*end < 0x20 && *end != '\t')
			break;
		chars++;
	}
	out.s = start;
	out.n = (size_t)(end - start);
	while (out.n && (out.s[out.n - 1] == ' ' || out.s[out.n - 1] == '\t'))
		out.n--;
	if (!out.n)
		return NULL;
	t = xmalloc(out.n + 4);
	memcpy(t, out.s, out.n);
	t[out.n] = '\0';
	if (chars == 60 && *end && !sentence_end(end, utf8_char((const unsigned char *)end)))
		memcpy(t + out.n, "…", 4);
	return t;
}
