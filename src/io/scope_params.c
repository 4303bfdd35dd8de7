/* scope_params.c — the table of the parameters that choose projects, its
 * validators and its messages (scope_params.h). The texts are read as import
 * cells are (io/parse.h): the same dates, yes/no words and tier labels. */
#include "io/scope_params.h"

#include "core/funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/changes.h"
#include "core/items.h"
#include "io/parse.h"

/* The longest text filter (a search or an industry), in bytes. */
#define TEXT_MAX 200
/* The largest count (limit, offset) read; each list caps limit lower. */
#define COUNT_MAX 1000000000
/* The longest value a message echoes, in bytes. */
#define ECHO_MAX 64


/* 1 when s is valid UTF-8 (no overlongs or surrogates are looked for: the
 * text is only echoed into a message). */
static int utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
			: (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0)
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* Fill err for parameter pi's value s: "key value: why" and "标签 value：理由". */
static int fail(const struct scope_param_info *pi, const char *s, struct scope_error *err,
		const char *why, const char *why_zh)
{
	const char *v = s && strlen(s) <= ECHO_MAX && utf8_ok(s) ? s : "…";

	err->param = (int)(pi - scope_params);
	snprintf(err->msg, sizeof(err->msg), "%s%s%s: %s", pi->key, *v ? " " : "", v, why);
	snprintf(err->msg_zh, sizeof(err->msg_zh), "%s%s%s：%s", pi->label, *v ? " " : "", v,
		 why_zh);
	return -1;
}

static void *field_of(const struct scope_param_info *pi, struct scope_query *q)
{
	return (char *)q + pi->field;
}

static int v_year(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		  struct scope_error *err)
{
	int64_t v;

	if (parse_int(s, &v) || v < 1900 || v > 2999)
		return fail(pi, s, err, "not a year between 1900 and 2999",
			    "不是1900至2999之间的年份");
	*(int *)field_of(pi, q) = (int)v;
	return 0;
}

static int v_day(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		 struct scope_error *err)
{
	const char *why = parse_day(s, (bl_day *)field_of(pi, q));

	return why ? fail(pi, s, err, why, "不是有效的日期（如2024-06-30）") : 0;
}

static int v_bool(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		  struct scope_error *err)
{
	if (parse_bool(s, (int *)field_of(pi, q)))
		return fail(pi, s, err, "not a yes/no value (yes, no, 是, 否, 1, 0)",
			    "应为是或否（yes、no、是、否、1、0）");
	return 0;
}

static int v_month(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		   struct scope_error *err)
{
	const char *why = parse_month(s, (bl_month *)field_of(pi, q));

	return why ? fail(pi, s, err, why, "不是2000-01至2099-12之间的月份（如2024-06）") : 0;
}

/* A whole number from pi->base (a count: limit, offset). */
static int v_count(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		   struct scope_error *err)
{
	char en[64], zh[64];
	int64_t v;

	if (!parse_int(s, &v) && v >= pi->base && v <= COUNT_MAX) {
		*(int64_t *)field_of(pi, q) = v;
		return 0;
	}
	snprintf(en, sizeof(en), "not a whole number from %d", pi->base);
	snprintf(zh, sizeof(zh), "应为不小于%d的整数", pi->base);
	return fail(pi, s, err, en, zh);
}

/* Text (also a section's or department's code or name, resolved later
 * against the data by scope_query_resolve). */
static int v_text(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		  struct scope_error *err)
{
	if (strlen(s) > TEXT_MAX)
		return fail(pi, s, err, "longer than 200 bytes", "超过200字节");
	*(const char **)field_of(pi, q) = s;
	return 0;
}

/* One of pi's keys (ASCII case-insensitive) or labels. */
static int v_choice(const struct scope_param_info *pi, const char *s, struct scope_query *q,
		    struct scope_error *err)
{
	char en[256], zh[320];
	size_t ne, nz;
	int i;

	for (i = 0; i < pi->n; i++) {
		if (!strcasecmp(s, pi->keys[i]) || (pi->labels && !strcmp(s, pi->labels[i]))) {
			*(int *)field_of(pi, q) = pi->base + i;
			return 0;
		}
	}
	ne = (size_t)snprintf(en, sizeof(en), "not one of");
	nz = (size_t)snprintf(zh, sizeof(zh), "应为");
	for (i = 0; i < pi->n; i++) {
		ne += (size_t)snprintf(en + ne, sizeof(en) - ne, "%s %s", i ? "," : "", pi->keys[i]);
		nz += (size_t)snprintf(zh + nz, sizeof(zh) - nz, "%s%s", i ? "、" : " ", pi->keys[i]);
	}
	for (i = 0; pi->labels && i < pi->n; i++) {
		ne += (size_t)snprintf(en + ne, sizeof(en) - ne, "%s%s%s", i ? ", " : " (",
				       pi->labels[i], i == pi->n - 1 ? ")" : "");
		nz += (size_t)snprintf(zh + nz, sizeof(zh) - nz, "%s%s%s", i ? "、" : "（",
				       pi->labels[i], i == pi->n - 1 ? "）" : "");
	}
	snprintf(zh + nz, sizeof(zh) - nz, "之一");
	return fail(pi, s, err, en, zh);
}

/* The report statuses a list filters by (SP_STATUS): enum report_status,
 * then STATUS_MISSING and STATUS_NOT_REPORTED. */
static const char *const status_keys[] = {
	"draft", "submitted", "verified", "returned", "missing", "not_reported",
};
static const char *const status_labels[] = {
	"草稿", "已提交", "已核实", "已退回", "未填报", "未报送",
};
_Static_assert(REPORT_DRAFT == 0 && REPORT_RETURNED == 3 && STATUS_NOT_REPORTED == 5,
	       "status_keys follows enum report_status");

/* The item states a list filters by (SP_STATE): enum item_status, then
 * ITEM_STATE_PENDING. */
static const char *const state_keys[] = { "open", "answered", "resolved", "closed", "pending" };
static const char *const state_labels[] = { "未办结", "已答复", "已办结", "已关闭", "待办" };
_Static_assert(IS_OPEN == 0 && IS_CLOSED == 3 && ITEM_STATE_PENDING == IS__MAX,
	       "state_keys follows enum item_status");

#define F(member) offsetof(struct scope_query, member)
#define ROW(key, opt, label, flag, valid, field) \
	{ key, opt, label, flag, valid, F(field), NULL, NULL, 0, 0 }
#define COUNT(key, opt, label, field, least) \
	{ key, opt, label, 0, v_count, F(field), NULL, NULL, 0, least }
#define PICK(key, opt, label, field, keys, labels, n, base) \
	{ key, opt, label, 0, v_choice, F(field), keys, labels, n, base }

const struct scope_param_info scope_params[SP__MAX] = {
	[SP_YEAR] = ROW("year", "year", "年度", 0, v_year, sc.year),
	[SP_ASOF] = ROW("asof", "asof", "截至日期", 0, v_day, sc.asof),
	[SP_TIER] = PICK("tier", "tier", "层级", sc.tier, tier_keys, tier_labels, TIER__MAX, 0),
	[SP_SECTION] = ROW("section", "section", "板块", 0, v_text, sc.section_code),
	[SP_DEPARTMENT] = ROW("department", "department", "责任部门", 0, v_text,
			      sc.department_code),
	[SP_INDUSTRIAL] = ROW("industrial", "industrial", "产业项目", 1, v_bool,
			      sc.industrial_only),
	[SP_INDUSTRY] = ROW("industry", "industry", "产业链", 0, v_text, sc.industry),
	[SP_STAGE] = PICK("stage", "stage", "阶段", sc.stage, stage_at_keys, stage_at_labels,
			  STAGE_AT__MAX, 0),
	[SP_REACHED] = PICK("reached", "reached", "已达阶段", sc.reached, stage_keys, stage_labels,
			    STAGE__MAX, 0),
	[SP_NOT_REACHED] = PICK("not_reached", "not-reached", "未达阶段", sc.not_reached, stage_keys,
				stage_labels, STAGE__MAX, 0),
	[SP_REACHED_FROM] = ROW("reached_from", "reached-from", "达到起始日", 0, v_day,
				sc.reached_from),
	[SP_DUE_START] = ROW("due_start", "due-start", "应开工", 1, v_bool, sc.due_start),
	[SP_KIND] = PICK("kind", "kind", "新开工续建", sc.kind, project_kind_keys,
			 project_kind_labels, PK__MAX, 0),
	[SP_LIGHT] = PICK("light", "light", "预警灯", sc.light, light_keys, light_labels, LIGHT__MAX,
			  0),
	[SP_Q] = ROW("q", "q", "搜索", 0, v_text, sc.q),
	/* leader linkage: a named project list */
	[SP_LIST] = ROW("list", "list", "项目清单", 0, v_text, sc.list_name),
	[SP_BY] = PICK("by", "by", "分组", by, breakdown_keys, breakdown_labels, BY__MAX, 0),
	[SP_MIN] = PICK("min", "min", "最低级别", min, light_keys + LIGHT_YELLOW,
			light_labels + LIGHT_YELLOW, LIGHT__MAX - LIGHT_YELLOW, LIGHT_YELLOW),
	[SP_RULE] = PICK("rule", "rule", "预警类型", rule, warning_rule_keys, warning_rule_labels,
			 WR__MAX, 0),
	[SP_MONTH] = ROW("month", "month", "月份", 0, v_month, month),
	[SP_STATUS] = PICK("status", "status", "状态", status, status_keys, status_labels,
			   STATUS_NOT_REPORTED + 1, 0),
	[SP_INCLUDE_DRAFTS] = ROW("include_drafts", "include-drafts", "含草稿", 1, v_bool,
				  include_drafts),
	[SP_DRY_RUN] = ROW("dry_run", "dry-run", "试导入", 1, v_bool, dry_run),
	[SP_DRAFT] = ROW("draft", "draft", "草稿", 1, v_bool, draft),
	[SP_CHECK] = ROW("check", "check", "核对", 1, v_bool, check),
	[SP_LIMIT] = COUNT("limit", "limit", "每页条数", limit, 1),
	[SP_OFFSET] = COUNT("offset", "offset", "起始位置", offset, 0),
	[SP_OVERDUE] = ROW("overdue", "overdue", "逾期", 1, v_bool, overdue),
	[SP_LEVEL] = PICK("level", "level", "协调层级", level, item_level_keys + 1,
			  item_level_labels + 1, ITEM_LEVEL_MAX, ITEM_LEVEL_MIN),
	[SP_CATEGORY] = PICK("category", "category", "类别", category, item_category_keys,
			     item_category_labels, IC__MAX, 0),
	[SP_OWNER] = ROW("owner", "owner", "责任单位", 0, v_text, owner_code),
	[SP_STATE] = PICK("state", "state", "办理状态", state, state_keys, state_labels,
			  ITEM_STATE_PENDING + 1, 0),
	[SP_REF] = ROW("ref", "ref", "项目编号", 0, v_text, ref),
	[SP_CHANGE_STATUS] = PICK("status", "status", "状态", change_status, change_status_keys,
				  change_status_labels, CR_STATUS__MAX, 0),
	[SP_PROJECT] = ROW("project", "project", "项目", 0, v_text, project),
	/* fund applications (h-funds) */
	[SP_POLICY] = ROW("policy", "policy", "政策", 0, v_text, policy),
	[SP_STEP] = PICK("step", "step", "待办环节", step, fund_step_keys + FS_VERIFY,
			 fund_step_labels + FS_VERIFY, FS__MAX - FS_VERIFY, FS_VERIFY),
	/* revenue sharing */
	[SP_STREET] = ROW("street", "street", "街道", 0, v_text, street_code),
	/* district1: one instance, many districts */
	[SP_DISTRICT] = ROW("district", "district", "区", 0, v_text, district_code),
};

bl_day scope_today(void)
{
	const char *fixed = getenv("BALLAST_TODAY");
	time_t now = time(NULL);
	struct tm tm;
	bl_day d;

	/* The tests' fixed clock (docs/testing.md): what "today" is to every
	 * default, to the items' steps and to `ballast serve`'s daily escalation.
	 * Nothing sets it in production; an unreadable value is ignored. */
	if (fixed && !day_parse_iso(fixed, &d))
		return d;
	localtime_r(&now, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void scope_query_init(struct scope_query *q)
{
	memset(q, 0, sizeof(*q));
	scope_init(&q->sc, 0, DAY_NONE);
	q->by = BY_NONE;
	q->min = LIGHT_YELLOW;
	q->month = MONTH_NONE;
	q->status = -1;
	q->rule = -1;
	q->level = q->category = q->state = -1;
	q->change_status = -1;
	q->step = -1;
}

int scope_query_set(struct scope_query *q, enum scope_param p, const char *s,
		    struct scope_error *err)
{
	const struct scope_param_info *pi = &scope_params[p];

	if (!s && !pi->flag)
		return fail(pi, "", err, "needs a value", "缺少取值");
	if (s && !*s)
		return 0;
	if (pi->valid(pi, s ? s : "yes", q, err))
		return -1;
	q->given |= SP_BIT(p);
	return 0;
}

int scope_param_read(enum scope_param p, const char *s, struct scope_query *q,
		     struct scope_error *err)
{
	scope_query_init(q);
	if (s && !*s)
		return fail(&scope_params[p], "", err, "needs a value", "缺少取值");
	return scope_query_set(q, p, s, err);
}

/* A message not about one value. */
static int fail_plain(struct scope_error *err, int param, const char *msg, const char *msg_zh)
{
	err->param = param;
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	snprintf(err->msg_zh, sizeof(err->msg_zh), "%s", msg_zh);
	return -1;
}

int scope_query_finish(struct scope_query *q, bl_day today, struct scope_error *err)
{
	struct scope *sc = &q->sc;
	int has_year = !!(q->given & SP_BIT(SP_YEAR)), has_asof = !!(q->given & SP_BIT(SP_ASOF));

	if (!has_year && !has_asof && today == DAY_NONE)
		return fail_plain(err, -1, "year or asof is needed", "须给出年度或截至日期");
	if (!has_year)
		sc->year = day_year(has_asof ? sc->asof : today);
	if (!has_asof)
		sc->asof = today != DAY_NONE && day_year(today) == sc->year
				   ? today : day_from_ymd(sc->year, 12, 31);
	if ((q->given & SP_BIT(SP_REACHED_FROM)) && !(q->given & SP_BIT(SP_REACHED)))
		return fail_plain(err, SP_REACHED_FROM, "reached_from needs reached (a stage)",
				  "达到起始日须与已达阶段同用");
	return 0;
}

int scope_query_resolve(struct scope_query *q, const struct dataset *ds,
			struct scope_error *err)
{
	const struct unit *u;

	if (q->given & SP_BIT(SP_SECTION)) {
		u = dataset_find_unit(ds, q->sc.section_code);
		if (!u || u->kind == UNIT_DEPARTMENT)
			return fail(&scope_params[SP_SECTION], q->sc.section_code, err,
				    "no section or other unit has this code or name",
				    "没有此代码或名称的板块或单位");
		q->sc.section_id = u->id;
		q->sc.section_code = u->code;
	}
	if (q->given & SP_BIT(SP_DEPARTMENT)) {
		u = dataset_find_unit(ds, q->sc.department_code);
		if (!u || u->kind != UNIT_DEPARTMENT)
			return fail(&scope_params[SP_DEPARTMENT], q->sc.department_code, err,
				    "no department has this code or name", "没有此代码或名称的部门");
		q->sc.department_id = u->id;
		q->sc.department_code = u->code;
	}
	if (q->given & SP_BIT(SP_OWNER)) {
		u = dataset_find_unit(ds, q->owner_code);
		if (!u)
			return fail(&scope_params[SP_OWNER], q->owner_code, err,
				    "no unit has this code or name", "没有此代码或名称的单位");
		q->owner_id = u->id;
		q->owner_code = u->code;
	}
	if (q->given & SP_BIT(SP_STREET)) {
		u = dataset_find_unit(ds, q->street_code);
		if (!u || u->kind == UNIT_DEPARTMENT)
			return fail(&scope_params[SP_STREET], q->street_code, err,
				    "no street, section or other unit has this code or name",
				    "没有此代码或名称的街道或板块");
		q->street_id = u->id;
		q->street_code = u->code;
	}
	if (q->given & SP_BIT(SP_DISTRICT)) {
		u = dataset_find_unit(ds, q->district_code);
		if (!u || u->kind != UNIT_DISTRICT)
			return fail(&scope_params[SP_DISTRICT], q->district_code, err,
				    "no district has this code or name", "没有此代码或名称的区");
		q->district_id = u->id;
		q->district_code = u->code;
	}
	return 0;
}

int scope_list_missing(const char *name, struct scope_error *err)
{
	return fail(&scope_params[SP_LIST], name, err, "no project list has this name",
		    "没有此名称的项目清单");
}

/* pi's key (or label) for the choice value v. */
static const char *choice_text(const struct scope_param_info *pi, int v, int zh)
{
	return zh && pi->labels ? pi->labels[v - pi->base] : pi->keys[v - pi->base];
}

const char *scope_param_value(const struct scope *sc, enum scope_param p, int zh, char *tmp,
			      size_t cap)
{
	const struct scope_param_info *pi = &scope_params[p];

	switch (p) {
	case SP_INDUSTRY: return sc->industry && *sc->industry ? sc->industry : NULL;
	case SP_Q: return sc->q && *sc->q ? sc->q : NULL;
	case SP_LIST: return sc->list_name && *sc->list_name ? sc->list_name : NULL;
	case SP_STAGE: return sc->stage >= 0 ? choice_text(pi, sc->stage, zh) : NULL;
	case SP_REACHED: return sc->reached >= 0 ? choice_text(pi, sc->reached, zh) : NULL;
	case SP_NOT_REACHED:
		return sc->not_reached >= 0 ? choice_text(pi, sc->not_reached, zh) : NULL;
	case SP_KIND: return sc->kind >= 0 ? choice_text(pi, sc->kind, zh) : NULL;
	case SP_LIGHT: return sc->light >= 0 ? choice_text(pi, sc->light, zh) : NULL;
	case SP_DUE_START: return sc->due_start ? (zh ? "是" : "yes") : NULL;
	case SP_REACHED_FROM:
		if (sc->reached_from == DAY_NONE || cap < 11)
			return NULL;
		return day_format(sc->reached_from, tmp);
	default: return NULL;
	}
}
