/* list_xlsx.c — a list of the API as an XLSX workbook (list_xlsx.h): one
 * table of kinds, each a sheet name and its columns; a column reads one
 * member of each item (a dotted path) and writes it typed, a code by its
 * Chinese label. Unknown codes are written as they are, never dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"
#include "core/scope.h"
#include "core/targets.h"
#include "core/warnings.h"
#include "core/workflow.h"
#include "io/list_xlsx.h"
#include "io/xlsx_write.h"
#include "util/tmpfile.h"

#define MAX_COLS 32

const char *const list_kind_keys[LK__MAX] = {
	"projects", "warnings", "reports", "targets", "ranking", "ranking-history", "audit",
	"items", "supplies", "demolition", "applications", "ledger", "funds",
};

/* ---- the codes' Chinese labels ---- */

static const char *find(const char *const *keys, const char *const *labels, size_t n,
			const char *k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(keys[i], k))
			return labels[i];
	return NULL;
}

static const char *v_light(const char *k)
{
	static const char *const labels[LIGHT__MAX] = { "绿灯", "黄灯", "红灯" };

	return find(light_keys, labels, LIGHT__MAX, k);
}

static const char *v_tier(const char *k)
{
	return find(tier_keys, tier_labels, TIER__MAX, k);
}

static const char *v_stage(const char *k)
{
	return find(stage_at_keys, stage_at_labels, STAGE_AT__MAX, k);
}

static const char *v_status(const char *k)
{
	const struct workflow_def *d = workflow_def(WF_REPORT);

	if (!strcmp(k, "missing"))
		return "未填报";
	return find(d->status_keys, d->status_labels, (size_t)d->n_statuses, k);
}

static const char *v_role(const char *k)
{
	static const char *const keys[] = { "leader", "red_flag", "talk" };
	static const char *const labels[] = { "擂主", "流动红旗", "约谈" };

	return find(keys, labels, 3, k);
}

static const char *v_rule(const char *k)
{
	return find(warning_rule_keys, warning_rule_labels, WR__MAX, k);
}

/* The audit trail's actions and entities (audit_append in src/store). */
static const char *v_action(const char *k)
{
	static const char *const keys[] = {
		"insert", "update", "delete", "issue", "reissue", "baseline", "password",
		"revoke", "submitted", "verified", "returned", "draft",
	};
	static const char *const labels[] = {
		"新增", "修改", "删除", "印发", "再次印发", "升级时确认", "设置密码",
		"结束会话/吊销令牌", "提交", "核实", "退回", "草稿",
	};

	return find(keys, labels, sizeof(keys) / sizeof(keys[0]), k);
}

static const char *v_entity(const char *k)
{
	static const char *const keys[] = {
		"project", "report", "listing", "unit", "target", "user", "setting",
		"indicator", "bulletin", "api_token", "ranking_round", "item", "item_step",
		"supply", "demolition_task", "demolition_report",
		"fund", "tax", "sharing_rule", /* revenue sharing and industrial funds */
	};
	static const char *const labels[] = {
		"项目", "月报", "清单", "单位", "目标", "用户", "设置", "统计数据",
		"月度通报", "接口令牌", "比武打擂结果", "督办事项", "督办事项办理记录",
		"要素需求与供给", "征拆任务", "征拆进度",
		"产业基金", "项目税收", "分成规则",
	};

	return find(keys, labels, sizeof(keys) / sizeof(keys[0]), k);
}

static const char *v_measure(const char *k)
{
	int m;

	for (m = 0; m < MEASURE__MAX; m++)
		if (!strcmp(measure_info[m].key, k))
			return measure_info[m].label_zh;
	return NULL;
}

/* ---- columns ---- */

enum lc_type {
	LC_TEXT,   /* a text (a number is written as a number) */
	LC_CODE,   /* a short key */
	LC_INT,    /* a whole number */
	LC_NUMBER, /* any number: a score, percentage points */
	LC_YUAN,   /* integer yuan, written in 万元 */
	LC_RATE,   /* a fraction, written as a percent */
	LC_DATE,   /* "YYYY-MM-DD" */
	LC_MONTH,  /* "YYYY-MM" */
	LC_TIME,   /* an ISO time, as text "YYYY-MM-DD HH:MM:SS" (UTC) */
	LC_BOOL,   /* true: 是, false: 否 */
	LC_FIGURE, /* a target's figure, by the item's "kind": rate, count, money */
	LC_JSON,   /* an object, as compact JSON text */
	LC__MAX
};

struct list_col {
	const char *path;            /* members joined by '.' */
	const char *label;           /* the header */
	enum lc_type type;
	const char *(*vocab)(const char *key); /* a code's (or each code's) label */
	const char *none;            /* written for null (NULL: blank) */
};

struct list_def {
	const char *sheet;
	struct list_col cols[MAX_COLS];
};

#define END { NULL, NULL, LC_TEXT, NULL, NULL }

static const struct list_def defs[LK__MAX] = {
	[LK_PROJECTS] = { "项目清单", {
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "name", "项目名称", LC_TEXT, NULL, NULL },
		{ "section.name", "所属板块", LC_TEXT, NULL, NULL },
		{ "department.name", "责任部门", LC_TEXT, NULL, NULL },
		{ "listing.tiers", "层级", LC_CODE, v_tier, NULL },
		{ "industry", "产业链", LC_TEXT, NULL, NULL },
		{ "stage", "所处阶段", LC_CODE, v_stage, NULL },
		{ "light", "预警", LC_CODE, v_light, NULL },
		{ "total_investment_yuan", "总投资（万元）", LC_YUAN, NULL, NULL },
		{ "listing.annual_plan_yuan", "年度计划投资（万元）", LC_YUAN, NULL, NULL },
		{ "invest_to_date_yuan", "累计完成（万元）", LC_YUAN, NULL, NULL },
		{ "completion.value", "完成率", LC_RATE, NULL, NULL },
		{ "pace.value", "序时进度", LC_RATE, NULL, NULL },
		{ "pace_gap_points", "与序时差（百分点）", LC_NUMBER, NULL, NULL },
		{ "last_report_month", "最近报送月份", LC_MONTH, NULL, NULL },
		{ "planned_start", "计划开工", LC_DATE, NULL, NULL },
		{ "started_on", "开工日期", LC_DATE, NULL, NULL },
		{ "planned_completion", "计划竣工", LC_DATE, NULL, NULL },
		{ "leader", "挂钩领导", LC_TEXT, NULL, NULL },
		{ "company", "建设单位", LC_TEXT, NULL, NULL },
		END } },
	[LK_WARNINGS] = { "预警", {
		{ "level", "等级", LC_CODE, v_light, NULL },
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "name", "项目名称", LC_TEXT, NULL, NULL },
		{ "section_name", "所属板块", LC_TEXT, NULL, NULL },
		{ "rule", "预警类型", LC_CODE, v_rule, NULL },
		{ "reason", "原因", LC_TEXT, NULL, NULL },
		END } },
	[LK_REPORTS] = { "月报", {
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "name", "项目名称", LC_TEXT, NULL, NULL },
		{ "section_name", "所属板块", LC_TEXT, NULL, NULL },
		{ "report.status", "状态", LC_CODE, v_status, "未填报" },
		{ "report.invest_yuan", "本月完成投资（万元）", LC_YUAN, NULL, NULL },
		{ "report.output_yuan", "本月产值（万元）", LC_YUAN, NULL, NULL },
		{ "report.progress", "形象进度", LC_TEXT, NULL, NULL },
		{ "report.problems", "存在问题", LC_TEXT, NULL, NULL },
		{ "report.return_reason", "退回原因", LC_TEXT, NULL, NULL },
		{ "report.submitted_by", "提交人", LC_CODE, NULL, NULL },
		{ "report.submitted_at", "提交时间", LC_TIME, NULL, NULL },
		{ "report.verified_by", "核实人", LC_CODE, NULL, NULL },
		{ "report.verified_at", "核实时间", LC_TIME, NULL, NULL },
		END } },
	[LK_TARGETS] = { "目标任务", {
		{ "id", "编号", LC_INT, NULL, NULL },
		{ "measure", "指标", LC_TEXT, v_measure, NULL },
		{ "scope.tier", "层级", LC_CODE, v_tier, "全部" },
		{ "scope.section", "板块", LC_CODE, NULL, "全区" },
		{ "scope.department", "责任部门", LC_CODE, NULL, NULL },
		{ "scope.industrial", "仅产业项目", LC_BOOL, NULL, NULL },
		{ "due", "截止日期", LC_DATE, NULL, NULL },
		{ "value", "目标值", LC_FIGURE, NULL, NULL },
		{ "actual", "当前值", LC_FIGURE, NULL, NULL },
		{ "expected", "序时应达", LC_FIGURE, NULL, NULL },
		{ "judged_on", "评价日期", LC_DATE, NULL, NULL },
		{ "status_label", "状态", LC_TEXT, NULL, NULL },
		END } },
	[LK_RANKING] = { "比武打擂", {
		{ "rank", "名次", LC_INT, NULL, "不参与排名" },
		{ "code", "板块代码", LC_CODE, NULL, NULL },
		{ "name", "板块", LC_TEXT, NULL, NULL },
		{ "score", "综合得分", LC_NUMBER, NULL, NULL },
		{ "projects", "项目数", LC_INT, NULL, NULL },
		{ "start_rate.value", "开工率", LC_RATE, NULL, NULL },
		{ "investment_completion.value", "开工项目投资完成率", LC_RATE, NULL, NULL },
		{ "new_starts", "新开工", LC_INT, NULL, NULL },
		{ "new_starts_task", "新开工任务", LC_INT, NULL, NULL },
		{ "red_projects", "红灯项目", LC_INT, NULL, NULL },
		{ "points.start_rate", "开工率得分", LC_NUMBER, NULL, NULL },
		{ "points.investment_completion", "投资完成率得分", LC_NUMBER, NULL, NULL },
		{ "points.new_starts", "新开工得分", LC_NUMBER, NULL, NULL },
		{ "points.red_warnings", "红灯扣分", LC_NUMBER, NULL, NULL },
		{ "roles", "结果", LC_CODE, v_role, NULL },
		{ "change", "较上月名次变化", LC_INT, NULL, NULL },
		END } },
	[LK_RANKING_HISTORY] = { "历次打擂结果", {
		{ "month", "月份", LC_MONTH, NULL, NULL },
		{ "district", "区", LC_CODE, NULL, NULL }, /* the issuing district (#17 item 5) */
		{ "computed_at", "保存时间", LC_TIME, NULL, NULL },
		{ "rank", "名次", LC_INT, NULL, "不参与排名" },
		{ "code", "板块代码", LC_CODE, NULL, NULL },
		{ "name", "板块", LC_TEXT, NULL, NULL },
		{ "score", "综合得分", LC_NUMBER, NULL, NULL },
		{ "start_rate.value", "开工率", LC_RATE, NULL, NULL },
		{ "investment_completion.value", "开工项目投资完成率", LC_RATE, NULL, NULL },
		{ "new_starts", "新开工", LC_INT, NULL, NULL },
		{ "new_starts_task", "新开工任务", LC_INT, NULL, NULL },
		{ "red_projects", "红灯项目", LC_INT, NULL, NULL },
		{ "roles", "结果", LC_CODE, v_role, NULL },
		END } },
	[LK_AUDIT] = { "审计日志", {
		{ "id", "序号", LC_INT, NULL, NULL },
		{ "at", "时间（UTC）", LC_TIME, NULL, NULL },
		{ "actor", "操作人", LC_CODE, NULL, NULL },
		{ "action", "操作", LC_CODE, v_action, NULL },
		{ "entity", "对象", LC_CODE, v_entity, NULL },
		{ "key", "编号", LC_CODE, NULL, NULL },
		{ "before", "修改前", LC_JSON, NULL, NULL },
		{ "after", "修改后", LC_JSON, NULL, NULL },
		END } },
	[LK_ITEMS] = { "督办事项", {
		{ "id", "编号", LC_INT, NULL, NULL },
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "project_name", "项目名称", LC_TEXT, NULL, NULL },
		{ "section.name", "所属板块", LC_TEXT, NULL, NULL },
		{ "title", "事项", LC_TEXT, NULL, NULL },
		{ "category_label", "类别", LC_TEXT, NULL, NULL },
		{ "owner.name", "责任单位", LC_TEXT, NULL, NULL },
		{ "level", "层级", LC_INT, NULL, NULL },
		{ "level_label", "协调层级", LC_TEXT, NULL, NULL },
		{ "raised_on", "提出日期", LC_DATE, NULL, NULL },
		{ "deadline", "办结时限", LC_DATE, NULL, NULL },
		{ "level_deadline", "本级时限", LC_DATE, NULL, NULL },
		{ "status_label", "办理状态", LC_TEXT, NULL, NULL },
		{ "overdue", "逾期", LC_BOOL, NULL, NULL },
		{ "days_late", "逾期天数", LC_INT, NULL, NULL },
		{ "source_label", "来源", LC_TEXT, NULL, NULL },
		{ "raised_by", "提出人", LC_CODE, NULL, NULL },
		END } },
	/* Element guarantees: a row per section and the district's (the rows
	 * of GET /supplies' sections). Land and energy are kept in
	 * ten-thousandths, as money in yuan: LC_YUAN writes them in their unit. */
	[LK_SUPPLIES] = { "要素保障", {
		{ "section.name", "板块", LC_TEXT, NULL, NULL },
		{ "projects", "项目数", LC_INT, NULL, NULL },
		{ "land.need", "用地需求（亩）", LC_YUAN, NULL, NULL },
		{ "land.supplied", "用地已供（亩）", LC_YUAN, NULL, NULL },
		{ "land.gap", "用地缺口（亩）", LC_YUAN, NULL, NULL },
		{ "energy.need", "用能需求（吨标煤）", LC_YUAN, NULL, NULL },
		{ "energy.supplied", "用能已供（吨标煤）", LC_YUAN, NULL, NULL },
		{ "energy.gap", "用能缺口（吨标煤）", LC_YUAN, NULL, NULL },
		{ "funding.need", "资金需求（万元）", LC_YUAN, NULL, NULL },
		{ "funding.supplied", "资金已供（万元）", LC_YUAN, NULL, NULL },
		{ "funding.gap", "资金缺口（万元）", LC_YUAN, NULL, NULL },
		{ "waiting", "等待超期项目数", LC_INT, NULL, NULL },
		END } },
	[LK_DEMOLITION] = { "征拆任务书", {
		{ "section.name", "板块", LC_TEXT, NULL, NULL },
		{ "name", "任务", LC_TEXT, NULL, NULL },
		{ "measure_label", "计量单位", LC_TEXT, NULL, NULL },
		{ "quantity", "任务量", LC_INT, NULL, NULL },
		{ "due", "完成时限", LC_DATE, NULL, NULL },
		{ "done", "累计完成", LC_INT, NULL, NULL },
		{ "reported_on", "填报日期", LC_DATE, NULL, NULL },
		{ "expected", "序时应完成", LC_INT, NULL, NULL },
		{ "status_label", "状态", LC_TEXT, NULL, NULL },
		END } },
	/* policy fulfilment (h-funds) */
	[LK_APPLICATIONS] = { "政策兑现", {
		{ "id", "编号", LC_INT, NULL, NULL },
		{ "company", "企业名称", LC_TEXT, NULL, NULL },
		{ "uscc", "统一社会信用代码", LC_CODE, NULL, NULL },
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "policy.name", "政策", LC_TEXT, NULL, NULL },
		{ "policy.kind_label", "政策类别", LC_TEXT, NULL, NULL },
		{ "amount_yuan", "申请金额（万元）", LC_YUAN, NULL, NULL },
		{ "approved_yuan", "核定金额（万元）", LC_YUAN, NULL, NULL },
		{ "paid_yuan", "已拨付（万元）", LC_YUAN, NULL, NULL },
		{ "applied_on", "申领日期", LC_DATE, NULL, NULL },
		{ "verified_on", "核实日期", LC_DATE, NULL, NULL },
		{ "consulted_on", "会商日期", LC_DATE, NULL, NULL },
		{ "rejected_on", "不予支持日期", LC_DATE, NULL, NULL },
		{ "status_label", "状态", LC_TEXT, NULL, NULL },
		{ "pending_step_label", "待办环节", LC_TEXT, NULL, NULL },
		{ "owner.name", "责任单位", LC_TEXT, NULL, NULL },
		{ "due", "时限截止", LC_DATE, NULL, NULL },
		{ "overdue", "超期", LC_BOOL, NULL, NULL },
		{ "late_days", "超期工作日", LC_INT, NULL, NULL },
		END } },
	/* revenue sharing and industrial funds */
	[LK_LEDGER] = { "招商分成台账", {
		{ "ref", "项目编号", LC_CODE, NULL, NULL },
		{ "project_name", "项目名称", LC_TEXT, NULL, NULL },
		{ "street.name", "落户街道", LC_TEXT, NULL, NULL },
		{ "landed_on", "落户日期", LC_DATE, NULL, NULL },
		{ "year", "税收年度", LC_INT, NULL, NULL },
		{ "year_no", "落户后第几年", LC_INT, NULL, NULL },
		{ "tax", "税收", LC_YUAN, NULL, NULL },
		{ "street_share", "街道分成", LC_YUAN, NULL, NULL },
		{ "district_share", "区级分成", LC_YUAN, NULL, NULL },
		{ "street_permille", "街道分成比例（‰）", LC_INT, NULL, NULL },
		{ "rule.name", "适用规则", LC_TEXT, NULL, NULL },
		END } },
	[LK_FUNDS] = { "产业基金", {
		{ "name", "基金名称", LC_TEXT, NULL, NULL },
		{ "manager", "管理人", LC_TEXT, NULL, NULL },
		{ "capital", "注册资本", LC_YUAN, NULL, NULL },
		{ "registered_on", "注册日期", LC_DATE, NULL, NULL },
		{ "focus", "投资方向", LC_TEXT, NULL, NULL },
		{ "brought_by.name", "引进单位", LC_TEXT, NULL, NULL },
		END } },
};

static const enum xw_type xw_of[LC__MAX] = {
	[LC_TEXT] = XW_TEXT, [LC_CODE] = XW_CODE, [LC_INT] = XW_INT, [LC_NUMBER] = XW_NUMBER,
	[LC_YUAN] = XW_WANYUAN, [LC_RATE] = XW_PERCENT, [LC_DATE] = XW_DATE,
	[LC_MONTH] = XW_MONTH, [LC_TIME] = XW_CODE, [LC_BOOL] = XW_CODE, [LC_FIGURE] = XW_NUMBER,
	[LC_JSON] = XW_TEXT,
};

/* The member of item at path ("a.b"), or NULL. */
static json_t *member(json_t *item, const char *path)
{
	char key[64];
	const char *dot;

	while (item && json_is_object(item)) {
		dot = strchr(path, '.');
		if (!dot)
			return json_object_get(item, path);
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		item = json_object_get(item, key);
		path = dot + 1;
	}
	return NULL;
}

/* A code, or each code of an array joined by 、, by its label. */
static void put_codes(struct xlsx_writer *w, size_t c, const struct list_col *col, json_t *v)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++) {
			const char *k = json_string_value(json_array_get(v, i));
			const char *l = k && col->vocab ? col->vocab(k) : NULL;

			if (k)
				buf_addf(&b, "%s%s", b.len ? "、" : "", l ? l : k);
		}
	} else {
		const char *k = json_string_value(v);
		const char *l = k && col->vocab ? col->vocab(k) : NULL;

		buf_adds(&b, l ? l : k ? k : "");
	}
	xw_text(w, c, b.s);
	buf_release(&b);
}

/* A target's figure: a rate as its fraction (the sheet shows a percent
 * through the cell's text), a count, or yuan in 万元. */
static void put_figure(struct xlsx_writer *w, size_t c, json_t *item, json_t *v)
{
	const char *kind = json_string_value(json_object_get(item, "kind"));
	char text[40];

	if (kind && !strcmp(kind, "money"))
		xw_yuan(w, c, (int64_t)json_integer_value(v));
	else if (kind && !strcmp(kind, "rate")) {
		snprintf(text, sizeof(text), "%.2f%%", json_number_value(v) * 100.0);
		xw_text(w, c, text);
	} else
		xw_num(w, c, json_number_value(v));
}

static void put_cell(struct xlsx_writer *w, size_t c, const struct list_col *col, json_t *item)
{
	json_t *v = member(item, col->path);
	bl_day d;
	bl_month m;
	char *s, text[24];

	if (!v || json_is_null(v)) {
		if (col->none)
			xw_text(w, c, col->none);
		return;
	}
	switch (col->type) {
	case LC_YUAN:
		xw_yuan(w, c, (int64_t)json_integer_value(v));
		break;
	case LC_INT: case LC_NUMBER: case LC_RATE:
		xw_num(w, c, json_number_value(v));
		break;
	case LC_DATE:
		if (json_is_string(v) && !day_parse_iso(json_string_value(v), &d))
			xw_day(w, c, d);
		break;
	case LC_MONTH:
		if (json_is_string(v) && !month_parse_iso(json_string_value(v), &m))
			xw_month(w, c, m);
		break;
	case LC_TIME:
		snprintf(text, sizeof(text), "%.19s", json_string_value(v) ? json_string_value(v) : "");
		if (text[10] == 'T')
			text[10] = ' ';
		xw_text(w, c, text);
		break;
	case LC_BOOL:
		xw_text(w, c, json_is_true(v) ? "是" : "否");
		break;
	case LC_FIGURE:
		put_figure(w, c, item, v);
		break;
	case LC_JSON:
		s = json_dumps(v, JSON_COMPACT);
		xw_text(w, c, s);
		free(s);
		break;
	default:
		if (json_is_number(v))
			xw_num(w, c, json_number_value(v));
		else
			put_codes(w, c, col, v);
		break;
	}
}

static void write_rows(struct xlsx_writer *w, const struct list_def *def, json_t *items)
{
	struct xw_col xc[MAX_COLS];
	size_t n, c, i;

	for (n = 0; n < MAX_COLS && def->cols[n].path; n++) {
		xc[n].header = def->cols[n].label;
		xc[n].type = xw_of[def->cols[n].type];
		xc[n].width = def->cols[n].type == LC_JSON ? 60 : 0;
	}
	xw_sheet(w, def->sheet, xc, n);
	for (i = 0; i < json_array_size(items); i++) {
		for (c = 0; c < n; c++)
			put_cell(w, c, &def->cols[c], json_array_get(items, i));
		xw_row(w);
	}
}

static void write_caption(struct xlsx_writer *w, json_t *caption)
{
	static const struct xw_col cols[2] = {
		{ "条件", XW_CODE, 16 }, { "值", XW_TEXT, 50 },
	};
	size_t i;

	xw_sheet(w, "条件", cols, 2);
	for (i = 0; i < json_array_size(caption); i++) {
		json_t *pair = json_array_get(caption, i);

		xw_text(w, 0, json_string_value(json_array_get(pair, 0)));
		xw_text(w, 1, json_string_value(json_array_get(pair, 1)));
		xw_row(w);
	}
}

enum bl_err list_xlsx(enum list_kind k, json_t *items, json_t *caption, struct buf *out,
		      size_t max, struct buf *err)
{
	struct xlsx_writer *w;
	struct buf path = BUF_INIT;
	enum bl_err rc;
	int fd;

	if ((unsigned)k >= LK__MAX) {
		if (err)
			buf_addf(err, "no such list");
		return BL_EINVAL;
	}
	fd = tmpfile_private("list", &path, err);
	if (fd < 0) {
		buf_release(&path);
		return BL_EIO;
	}
	close(fd);
	rc = xw_open(path.s, &w, err);
	if (!rc) {
		write_rows(w, &defs[k], items);
		if (caption)
			write_caption(w, caption);
		rc = xw_close(w, err);
	}
	if (!rc)
		rc = file_slurp(path.s, out, max, err);
	unlink(path.s);
	buf_release(&path);
	return rc;
}
