/* columns.c — the column tables of INTERFACES.md "Files" and header matching. */
#include "io/columns.h"

#include <string.h>

#include "util/buf.h"

const char *const file_kind_keys[FILE_KIND__MAX] = {
	"units", "projects", "listings", "reports", "targets", "indicators", "items",
	"supplies", "demolition",
	"applications", "calendar",
	"leads", /* h-leads */
	"taxes", "funds", /* revenue sharing and industrial funds */
};

static const struct column unit_cols[U__MAX] = {
	[U_CODE] = { "code", "单位代码", CT_CODE, 1 },
	[U_NAME] = { "name", "单位名称", CT_TEXT, 1 },
	[U_KIND] = { "kind", "类型", CT_UNIT_KIND, 1 },
	[U_PARENT] = { "parent", "上级单位代码", CT_UNIT, 0 },
};

static const struct column project_cols[P__MAX] = {
	[P_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[P_NAME] = { "name", "项目名称", CT_TEXT, 1 },
	[P_SECTION] = { "section", "所属板块", CT_UNIT, 1 },
	[P_DEPARTMENT] = { "department", "责任部门", CT_UNIT, 0 },
	[P_LEADER] = { "leader", "挂钩领导", CT_TEXT, 0 },
	[P_CODE] = { "code", "项目代码", CT_CODE, 0 },
	[P_COMPANY] = { "company", "建设单位", CT_TEXT, 0 },
	[P_USCC] = { "uscc", "统一社会信用代码", CT_CODE, 0 },
	[P_INDUSTRIAL] = { "industrial", "是否产业项目", CT_BOOL, 0 },
	[P_INDUSTRY] = { "industry", "产业链", CT_TEXT, 0 },
	[P_ATTRACTED_BY] = { "attracted_by", "招商主体", CT_ATTRACTED, 0 },
	[P_TOTAL_INVESTMENT] = { "total_investment", "总投资（万元）", CT_MONEY, 0 },
	[P_CAPACITY] = { "capacity", "达产产值（万元/年）", CT_MONEY, 0 },
	[P_LAND_MU] = { "land_mu", "用地（亩）", CT_DEC4, 0 },
	[P_ENERGY_TCE] = { "energy_tce", "能耗（吨标煤）", CT_DEC4, 0 },
	[P_PLANNED_START] = { "planned_start", "计划开工", CT_DATE, 0 },
	[P_PLANNED_COMPLETION] = { "planned_completion", "计划竣工", CT_DATE, 0 },
	[P_PLANNED_PRODUCTION] = { "planned_production", "计划投产", CT_DATE, 0 },
	[P_SIGNED_ON] = { "signed_on", "签约日期", CT_DATE, 0 },
	[P_FILED_ON] = { "filed_on", "备案日期", CT_DATE, 0 },
	[P_STARTED_ON] = { "started_on", "开工日期", CT_DATE, 0 },
	[P_COMPLETED_ON] = { "completed_on", "竣工日期", CT_DATE, 0 },
	[P_PRODUCTION_ON] = { "production_on", "投产日期", CT_DATE, 0 },
	[P_CAPACITY_ON] = { "capacity_on", "达产日期", CT_DATE, 0 },
	[P_LAND_ON] = { "land_on", "拿地日期", CT_DATE, 0 },
	[P_PERMIT_ON] = { "permit_on", "施工许可日期", CT_DATE, 0 },
	[P_COMMANDO] = { "commando", "党员突击队", CT_TEXT, 0 },
	[P_LNG] = { "lng", "经度", CT_COORD, 0 },
	[P_LAT] = { "lat", "纬度", CT_COORD, 0 },
	[P_LANDED_ON] = { "landed_on", "落户日期", CT_DATE, 0 },
	[P_YEAR] = { "year", "年度", CT_YEAR, 0 },
	[P_TIERS] = { "tiers", "层级", CT_TIERS, 0 },
	[P_ANNUAL_PLAN] = { "annual_plan", "年度计划投资（万元）", CT_MONEY, 0 },
};

static const struct column listing_cols[L__MAX] = {
	[L_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[L_YEAR] = { "year", "年度", CT_YEAR, 1 },
	[L_TIERS] = { "tiers", "层级", CT_TIERS, 1 },
	[L_ANNUAL_PLAN] = { "annual_plan", "年度计划投资（万元）", CT_MONEY, 0 },
	[L_M01 + 0] = { "m01", "1月计划", CT_MONEY, 0 },
	[L_M01 + 1] = { "m02", "2月计划", CT_MONEY, 0 },
	[L_M01 + 2] = { "m03", "3月计划", CT_MONEY, 0 },
	[L_M01 + 3] = { "m04", "4月计划", CT_MONEY, 0 },
	[L_M01 + 4] = { "m05", "5月计划", CT_MONEY, 0 },
	[L_M01 + 5] = { "m06", "6月计划", CT_MONEY, 0 },
	[L_M01 + 6] = { "m07", "7月计划", CT_MONEY, 0 },
	[L_M01 + 7] = { "m08", "8月计划", CT_MONEY, 0 },
	[L_M01 + 8] = { "m09", "9月计划", CT_MONEY, 0 },
	[L_M01 + 9] = { "m10", "10月计划", CT_MONEY, 0 },
	[L_M01 + 10] = { "m11", "11月计划", CT_MONEY, 0 },
	[L_M01 + 11] = { "m12", "12月计划", CT_MONEY, 0 },
};

static const struct column report_cols[R__MAX] = {
	[R_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[R_MONTH] = { "month", "月份", CT_MONTH, 1 },
	[R_INVEST] = { "invest", "本月完成投资（万元）", CT_MONEY, 0 },
	[R_OUTPUT] = { "output", "本月产值（万元）", CT_MONEY, 0 },
	[R_PROGRESS] = { "progress", "形象进度", CT_TEXT, 0 },
	[R_PROBLEMS] = { "problems", "存在问题", CT_TEXT, 0 },
};

static const struct column target_cols[T__MAX] = {
	[T_YEAR] = { "year", "年度", CT_YEAR, 1 },
	[T_MEASURE] = { "measure", "指标", CT_MEASURE, 1 },
	[T_TIER] = { "tier", "层级", CT_TIERS, 0 },
	[T_SECTION] = { "section", "板块", CT_UNIT, 0 },
	[T_DEPARTMENT] = { "department", "责任部门", CT_UNIT, 0 },
	[T_INDUSTRIAL] = { "industrial", "仅产业项目", CT_BOOL, 0 },
	[T_DUE] = { "due", "截止日期", CT_DATE, 1 },
	[T_VALUE] = { "value", "目标值", CT_VALUE, 1 },
};

/* Supervision items (INTERFACES.md "Next contracts", items), upsert by (ref,
 * title, raised_on). resolved_on (办结日期) and detail (详细情况) are this
 * file's own: the day a resolved or closed item was settled, and the text. */
static const struct column item_cols[IT__MAX] = {
	[IT_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[IT_TITLE] = { "title", "事项", CT_TEXT, 1 },
	[IT_CATEGORY] = { "category", "类别", CT_CHOICE, 0 },
	[IT_OWNER] = { "owner", "责任单位", CT_UNIT, 0 },
	[IT_LEVEL] = { "level", "层级", CT_CHOICE, 0 },
	[IT_RAISED_ON] = { "raised_on", "提出日期", CT_DATE, 1 },
	[IT_DEADLINE] = { "deadline", "办结时限", CT_DATE, 0 },
	[IT_STATUS] = { "status", "状态", CT_CHOICE, 0 },
	[IT_RESOLVED_ON] = { "resolved_on", "办结日期", CT_DATE, 0 },
	[IT_DETAIL] = { "detail", "详细情况", CT_TEXT, 0 },
};

/* h-leads: the lead pool (INTERFACES.md "Next contracts", leads), upsert by
 * company (the same name or USCC). uscc, source, found_on, signed_on and
 * reason are this file's own. */
static const struct column lead_cols[LD__MAX] = {
	[LD_COMPANY] = { "company", "企业名称", CT_TEXT, 1 },
	[LD_USCC] = { "uscc", "统一社会信用代码", CT_CODE, 0 },
	[LD_INDUSTRY] = { "industry", "产业链", CT_TEXT, 0 },
	[LD_AMOUNT] = { "amount", "意向投资（万元）", CT_MONEY, 0 },
	[LD_SOURCE] = { "source", "线索来源", CT_TEXT, 0 },
	[LD_FOUND_BY] = { "found_by", "发现单位", CT_UNIT, 1 },
	[LD_FOLLOWED_BY] = { "followed_by", "跟进单位", CT_UNIT, 1 },
	[LD_STAGE] = { "stage", "阶段", CT_CHOICE, 0 },
	[LD_FOUND_ON] = { "found_on", "登记日期", CT_DATE, 0 },
	[LD_SIGNED_ON] = { "signed_on", "签约日期", CT_DATE, 0 },
	[LD_REASON] = { "reason", "放弃原因", CT_TEXT, 0 },
	[LD_REF] = { "ref", "项目编号", CT_CODE, 0 },
};

/* The statistics bureau's figures (INTERFACES.md indicators): the month's
 * year-to-date figure of an indicator, for the district (unit blank) or a
 * section. */
static const struct column indicator_cols[I__MAX] = {
	[I_INDICATOR] = { "indicator", "指标", CT_MEASURE, 1 },
	[I_MONTH] = { "month", "月份", CT_MONTH, 1 },
	[I_UNIT] = { "unit", "单位", CT_UNIT, 0 },
	[I_VALUE] = { "value", "数值", CT_FIGURE, 1 },
	[I_SOURCE] = { "source", "来源", CT_TEXT, 0 },
	[I_NOTE] = { "note", "备注", CT_TEXT, 0 },
};

/* Element guarantees (要素保障): amount is in the element's unit (亩, 吨标煤,
 * 万元), at most 4 decimals; on (日期) is a need's day (optional) or a
 * supply's (required). */
static const struct column supply_cols[SU__MAX] = {
	[SU_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[SU_YEAR] = { "year", "年度", CT_YEAR, 1 },
	[SU_ELEMENT] = { "element", "要素", CT_CHOICE, 1 },
	[SU_KIND] = { "kind", "类型", CT_CHOICE, 1 },
	[SU_ON] = { "on", "日期", CT_DATE, 0 },
	[SU_AMOUNT] = { "amount", "数量（亩/吨标煤/万元）", CT_DEC4, 1 },
	[SU_DOC_NO] = { "doc_no", "文号", CT_TEXT, 0 },
};

/* Demolition task books (征拆任务书), upsert by (section, year, task); a row
 * with reported_on and done also upserts that day's progress report. */
static const struct column demolition_cols[DE__MAX] = {
	[DE_SECTION] = { "section", "板块", CT_UNIT, 1 },
	[DE_YEAR] = { "year", "年度", CT_YEAR, 1 },
	[DE_TASK] = { "task", "任务", CT_TEXT, 1 },
	[DE_MEASURE] = { "measure", "计量单位", CT_CHOICE, 0 },
	[DE_QUANTITY] = { "quantity", "任务量", CT_INT, 1 },
	[DE_DUE] = { "due", "完成时限", CT_DATE, 1 },
	[DE_REPORTED_ON] = { "reported_on", "填报日期", CT_DATE, 0 },
	[DE_DONE] = { "done", "累计完成", CT_INT, 0 },
};

/* Special-fund applications (INTERFACES.md "Next contracts", applications;
 * h-funds), upsert by (uscc, policy, applied_on). approved (核定金额) is
 * this file's own: the amount 会商 approved, the amount applied when blank;
 * paid is the total paid by paid_on, the last payment's day. */
static const struct column application_cols[AP__MAX] = {
	[AP_COMPANY] = { "company", "企业名称", CT_TEXT, 1 },
	[AP_USCC] = { "uscc", "统一社会信用代码", CT_CODE, 1 },
	[AP_REF] = { "ref", "项目编号", CT_CODE, 0 },
	[AP_POLICY] = { "policy", "政策", CT_TEXT, 1 },
	[AP_AMOUNT] = { "amount", "申请金额（万元）", CT_MONEY, 1 },
	[AP_APPLIED_ON] = { "applied_on", "申领日期", CT_DATE, 1 },
	[AP_VERIFIED_ON] = { "verified_on", "核实日期", CT_DATE, 0 },
	[AP_CONSULTED_ON] = { "consulted_on", "会商日期", CT_DATE, 0 },
	[AP_APPROVED] = { "approved", "核定金额（万元）", CT_MONEY, 0 },
	[AP_PAID_ON] = { "paid_on", "拨付日期", CT_DATE, 0 },
	[AP_PAID] = { "paid", "拨付金额（万元）", CT_MONEY, 0 },
	[AP_REJECTED_ON] = { "rejected_on", "不予支持日期", CT_DATE, 0 },
	[AP_REASON] = { "reason", "原因", CT_TEXT, 0 },
};

/* The working-day calendar (h-funds), upsert by day: kind 放假 (holiday) or
 * 调休上班 (workday), name the festival. */
static const struct column calendar_cols[CA__MAX] = {
	[CA_DAY] = { "day", "日期", CT_DATE, 1 },
	[CA_KIND] = { "kind", "类型", CT_CHOICE, 1 },
	[CA_NAME] = { "name", "名称", CT_TEXT, 0 },
};

/* Revenue sharing (INTERFACES.md "Next contracts", taxes): upsert by (ref,
 * year); the tax in 万元, stored as integer yuan. */
static const struct column tax_cols[TX__MAX] = {
	[TX_REF] = { "ref", "项目编号", CT_CODE, 1 },
	[TX_YEAR] = { "year", "年度", CT_YEAR, 1 },
	[TX_TAX] = { "tax", "税收（万元）", CT_MONEY, 1 },
};

/* The industrial fund registry (funds): upsert by name. */
static const struct column fund_cols[FU__MAX] = {
	[FU_NAME] = { "name", "基金名称", CT_TEXT, 1 },
	[FU_MANAGER] = { "manager", "管理人", CT_TEXT, 0 },
	[FU_CAPITAL] = { "capital", "注册资本（万元）", CT_MONEY, 1 },
	[FU_REGISTERED_ON] = { "registered_on", "注册日期", CT_DATE, 1 },
	[FU_FOCUS] = { "focus", "投资方向", CT_TEXT, 0 },
	[FU_BROUGHT_BY] = { "brought_by", "引进单位", CT_UNIT, 0 },
};

const struct column *file_columns(enum file_kind kind, size_t *n)
{
	switch (kind) {
	case FILE_UNITS: *n = U__MAX; return unit_cols;
	case FILE_PROJECTS: *n = P__MAX; return project_cols;
	case FILE_LISTINGS: *n = L__MAX; return listing_cols;
	case FILE_REPORTS: *n = R__MAX; return report_cols;
	case FILE_TARGETS: *n = T__MAX; return target_cols;
	case FILE_INDICATORS: *n = I__MAX; return indicator_cols;
	case FILE_ITEMS: *n = IT__MAX; return item_cols;
	case FILE_SUPPLIES: *n = SU__MAX; return supply_cols;
	case FILE_DEMOLITION: *n = DE__MAX; return demolition_cols;
	case FILE_APPLICATIONS: *n = AP__MAX; return application_cols;
	case FILE_CALENDAR: *n = CA__MAX; return calendar_cols;
	case FILE_LEADS: *n = LD__MAX; return lead_cols;
	case FILE_TAXES: *n = TX__MAX; return tax_cols;
	case FILE_FUNDS: *n = FU__MAX; return fund_cols;
	default: *n = 0; return NULL;
	}
}

/* Fold a header for comparison: drop ASCII and full-width spaces and a BOM,
 * full-width brackets to ASCII, ASCII letters to lower case. With cut, stop at
 * the first bracket (a label without its unit). */
static void fold(struct buf *b, const char *s, int cut)
{
	while (*s) {
		if (!strncmp(s, "\xe3\x80\x80", 3) || !strncmp(s, "\xef\xbb\xbf", 3)) {
			s += 3;
		} else if (!strncmp(s, "（", 3) || *s == '(') {
			if (cut)
				return;
			buf_addch(b, '(');
			s += *s == '(' ? 1 : 3;
		} else if (!strncmp(s, "）", 3)) {
			buf_addch(b, ')');
			s += 3;
		} else if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
		} else {
			char c = *s++;

			buf_addch(b, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
		}
	}
}

int column_match(const struct column *cols, size_t n, const char *header)
{
	struct buf h = BUF_INIT, c = BUF_INIT;
	int found = -1;
	size_t i;

	fold(&h, header, 0);
	for (i = 0; i < n && found < 0; i++) {
		buf_reset(&c);
		fold(&c, cols[i].key, 0);
		if (!strcmp(h.s, c.s))
			found = (int)i;
		buf_reset(&c);
		fold(&c, cols[i].label, 0);
		if (!strcmp(h.s, c.s))
			found = (int)i;
		buf_reset(&c);
		fold(&c, cols[i].label, 1);
		if (strchr(cols[i].label, '(') || strstr(cols[i].label, "（"))
			if (!strcmp(h.s, c.s))
				found = (int)i;
	}
	buf_release(&h);
	buf_release(&c);
	return found;
}
