/* xlsx_template.c — the import templates (xlsx_template.h), written with
 * libxlsxwriter from the column tables of io/columns.c, so a template always
 * has the columns import reads. */
#include "io/xlsx_template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/tmpfile.h"
#include "util/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define BL_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BL_LSAN 1
#endif
#endif
#ifdef BL_LSAN
#include <sanitizer/lsan_interface.h>
#define LEAK_BEGIN() __lsan_disable()
#define LEAK_END() __lsan_enable()
#else
#define LEAK_BEGIN() ((void)0)
#define LEAK_END() ((void)0)
#endif

/* Validation and formats reach this row (0-based): the whole sheet. */
#define LAST_ROW (LXW_ROW_MAX - 1)
#define LISTS_SHEET "选项"
/* libxlsxwriter 1.1.4 checks an inline list against Excel's 255 characters
 * but joins it in a buffer of about as many bytes, so a list of Chinese names
 * overflows it (a fortify abort): inline lists stay below this many bytes,
 * longer ones refer to the lists sheet. */
#define INLINE_LIST_BYTES 200

static const char *const sheet_names[FILE_KIND__MAX] = {
	"单位", "项目", "年度清单", "月报", "目标", "指标数据", "督办事项", "要素保障",
	"征拆任务书", "政策兑现", "工作日历", "招商线索", "税收", "产业基金",
};
static const char *const file_names[FILE_KIND__MAX] = {
	"单位导入模板.xlsx", "项目导入模板.xlsx", "年度清单导入模板.xlsx", "月报导入模板.xlsx",
	"目标导入模板.xlsx", "指标数据导入模板.xlsx", "督办事项导入模板.xlsx",
	"要素保障导入模板.xlsx", "征拆任务书导入模板.xlsx",
	"政策兑现导入模板.xlsx", "工作日历导入模板.xlsx",
	"税收导入模板.xlsx", "产业基金导入模板.xlsx",
};

/* What each column holds; kind -1: the same in every file. */
static const struct {
	int kind;
	const char *key, *text;
} notes[] = {
	/* Element guarantees and demolition task books: first, since the first
	 * matching note is taken and some keys (measure, due) have a note for
	 * every file below. */
	{ FILE_SUPPLIES, "year", "需求或供给所属的年度。" },
	{ FILE_SUPPLIES, "element", "要素：用地、用能 或 资金。" },
	{ FILE_SUPPLIES, "kind", "类型：需求（该年度的需求量，每个项目每年每种要素一行）；或供给："
				 "供地批复、能评批复、贷款、专项债、财政资金、其他。" },
	{ FILE_SUPPLIES, "on", "需求的起算日期（可留空，留空按签约日期）或供给的日期（必填）。" },
	{ FILE_SUPPLIES, "amount", "数量：用地填亩，用能填吨标煤，资金填万元，最多 4 位小数。" },
	{ FILE_SUPPLIES, "doc_no", "批复或合同的文号。" },
	{ FILE_DEMOLITION, "section", "任务书所属的板块或街道：填单位代码或名称。" },
	{ FILE_DEMOLITION, "task", "任务名称；同一板块、同一年度下名称相同即为同一任务，再次导入会更新它。" },
	{ FILE_DEMOLITION, "measure", "计量单位：㎡（面积）或 户（户数）；留空为㎡。" },
	{ FILE_DEMOLITION, "quantity", "任务量，整数。" },
	{ FILE_DEMOLITION, "due", "完成时限。" },
	{ FILE_DEMOLITION, "reported_on", "进度填报日期；与累计完成一起填写。" },
	{ FILE_DEMOLITION, "done", "截至填报日期累计完成量，整数。" },
	{ FILE_UNITS, "code", "单位的唯一代码，如 S01；其他表格用它指代这个单位。" },
	{ FILE_UNITS, "name", "单位全称，如 空港经开区(硕放街道)。" },
	{ FILE_UNITS, "kind", "单位类型：市、区、板块、街道 或 部门。" },
	{ FILE_UNITS, "parent", "上级单位的代码；最上级的单位留空。" },
	{ -1, "ref", "项目在本系统中的唯一编号；再次导入同一编号会更新该项目，不会重复新增。" },
	{ FILE_PROJECTS, "name", "项目全称。" },
	{ FILE_PROJECTS, "section", "项目所属的板块或街道：填单位代码或名称。" },
	{ FILE_PROJECTS, "department", "责任部门：填单位代码或名称。" },
	{ -1, "leader", "挂钩联系的区领导姓名。" },
	{ FILE_PROJECTS, "code", "投资项目在线审批监管平台赋予的项目代码，如 "
				 "2308-320214-89-01-000001。" },
	{ -1, "company", "建设单位（项目法人）全称。" },
	{ -1, "uscc", "建设单位的 18 位统一社会信用代码。" },
	{ FILE_PROJECTS, "industrial", "是否产业项目：是 或 否。" },
	{ -1, "industry", "所属产业链，如 集成电路、新能源。" },
	{ -1, "attracted_by", "招商主体：区级 或 街道。" },
	{ -1, "total_investment", "项目总投资。" },
	{ -1, "capacity", "项目达产后的年产值。" },
	{ -1, "land_mu", "项目用地面积。" },
	{ -1, "energy_tce", "项目年综合能耗。" },
	{ -1, "planned_start", "计划开工日期。" },
	{ -1, "planned_completion", "计划竣工日期。" },
	{ -1, "planned_production", "计划投产日期。" },
	{ -1, "signed_on", "签约日期。" },
	{ -1, "filed_on", "备案（核准）日期。" },
	{ -1, "started_on", "实际开工日期。" },
	{ -1, "completed_on", "竣工日期。" },
	{ -1, "production_on", "投产日期。" },
	{ -1, "capacity_on", "达产日期。" },
	{ -1, "land_on", "拿地（土地摘牌）日期。" },
	{ -1, "permit_on", "取得施工许可证的日期。" },
	{ -1, "commando", "党员突击队名称。" },
	{ -1, "lng", "项目地图用：项目位置的经度（度），如 120.353456；与纬度一起填写。" },
	{ -1, "lat", "项目地图用：项目位置的纬度（度），如 31.512345；与经度一起填写。" },
	{ -1, "landed_on", "可选：落户日期，招商分成的第 1 年从其所在年度起算；不填则按签约日期。" },
	{ FILE_PROJECTS, "year", "可选：列入哪一年的重大项目清单；与层级、年度计划投资一起填写。" },
	{ -1, "year", "年度，如 2024。" },
	{ -1, "tiers", "层级：省、市、区重大项目，可多选，用顿号分隔，如 市、区。" },
	{ -1, "annual_plan", "当年计划完成的投资。" },
	{ FILE_LISTINGS, "m", "该月计划完成的投资；填写分月计划时，12 个月之和须等于年度计划"
			      "投资。" },
	{ FILE_INDICATORS, "indicator", "统计局口径的指标：固定资产投资、工业投资、规上工业增加值增速、"
					"新增产业基金数 或 新增产业基金注册资本。" },
	{ FILE_INDICATORS, "month", "数据所属的月份；填1月至该月的累计数，如 2024-03 表示1—3月。" },
	{ FILE_INDICATORS, "unit", "板块（或街道）的代码或名称；留空表示全区。" },
	{ FILE_INDICATORS, "value", "数值：金额填万元；增速填百分数，如 6.5 或 6.5%（表示6.5%）；"
				    "基金个数填整数。" },
	{ FILE_INDICATORS, "source", "数据来源，如 区统计局。" },
	{ FILE_INDICATORS, "note", "备注，如 快报数、修正数。" },
	{ -1, "month", "月报所属的月份，如 2024-03 或 2024年3月。" },
	{ -1, "invest", "本月完成投资。" },
	{ -1, "output", "本月产值（已投产的项目填写）。" },
	{ -1, "progress", "本月形象进度。" },
	{ -1, "problems", "存在的问题和需要协调的事项。" },
	{ -1, "measure", "指标名称或英文键，如 开工率、新开工数。" },
	{ -1, "tier", "考核层级：省、市 或 区；留空表示全部层级。" },
	{ FILE_TARGETS, "section", "板块（或街道、区）的代码或名称；留空表示全部。" },
	{ FILE_TARGETS, "department", "责任部门的代码或名称；留空表示全部。" },
	{ FILE_TARGETS, "industrial", "填 是 表示只计产业项目；留空或 否 表示全部项目。" },
	{ -1, "due", "目标的截止日期，如 2024-06-30。" },
	{ FILE_ITEMS, "title", "事项（问题）的简要名称；同一项目、同一提出日期下事项名称相同即视为同一事项，"
			       "再次导入会更新它。" },
	{ FILE_ITEMS, "category", "类别：用地、用能、资金、审批、征拆 或 其他；留空为其他。" },
	{ FILE_ITEMS, "owner", "责任单位：填单位代码或名称；留空为项目所属板块。" },
	{ FILE_ITEMS, "level", "协调层级：1 板块协调、2 部门协调、3 区领导协调、4 区协调会；留空为1。" },
	{ FILE_ITEMS, "raised_on", "提出日期。" },
	{ FILE_ITEMS, "deadline", "办结时限；留空按该层级的办结天数（设置项）从提出日期算起。" },
	{ FILE_ITEMS, "status", "状态：未办结 或 已办结（也可填 已答复、已关闭）；留空为未办结。" },
	{ FILE_ITEMS, "resolved_on", "已办结或已关闭的事项办结的日期；留空为导入当天。" },
	{ FILE_ITEMS, "detail", "问题的详细情况。" },
	/* policy fulfilment (h-funds) */
	{ FILE_APPLICATIONS, "company", "申请企业的名称。" },
	{ FILE_APPLICATIONS, "uscc", "企业的统一社会信用代码（18位）；同一企业、同一政策、同一申领日期视为同一申请，"
				     "再次导入会更新它。" },
	{ FILE_APPLICATIONS, "ref", "关联的重大项目编号；可留空。" },
	{ FILE_APPLICATIONS, "policy", "政策名称，须与系统中的政策名称一致（ballast fund policies）。" },
	{ FILE_APPLICATIONS, "amount", "申请金额。" },
	{ FILE_APPLICATIONS, "applied_on", "申领日期。" },
	{ FILE_APPLICATIONS, "verified_on", "核实日期；未核实留空。" },
	{ FILE_APPLICATIONS, "consulted_on", "会商日期；未会商留空。" },
	{ FILE_APPLICATIONS, "approved", "会商核定的金额；留空为申请金额。" },
	{ FILE_APPLICATIONS, "paid_on", "（最近一次）拨付日期；与拨付金额同时填写。" },
	{ FILE_APPLICATIONS, "paid", "截至拨付日期累计拨付的金额，不得超过核定金额。" },
	{ FILE_APPLICATIONS, "rejected_on", "不予支持的日期。" },
	{ FILE_APPLICATIONS, "reason", "不予支持的原因（不予支持时必填）。" },
	{ FILE_CALENDAR, "day", "日期：法定节假日放假的日子，或周末调休上班的日子（按国务院办公厅当年通知）。" },
	{ FILE_CALENDAR, "kind", "类型：放假 或 调休上班。" },
	{ FILE_CALENDAR, "name", "节日名称，如 春节。" },
	/* h-leads: the leads file (招商线索) */
	{ FILE_LEADS, "company", "意向企业全称；同名（不计空格和英文大小写）或同一统一社会信用代码视为同一线索。" },
	{ FILE_LEADS, "uscc", "企业的 18 位统一社会信用代码（可选）。" },
	{ FILE_LEADS, "amount", "企业意向投资额。" },
	{ FILE_LEADS, "source", "线索来源，如 商会推介、以商引商、展会。" },
	{ FILE_LEADS, "found_by", "发现线索的单位：区（区级）或板块、街道的代码或名称。" },
	{ FILE_LEADS, "followed_by", "负责跟进的板块或街道的代码或名称；签约后为项目所属板块。" },
	{ FILE_LEADS, "stage", "阶段：线索、洽谈、意向、签约 或 放弃；留空为线索。" },
	{ FILE_LEADS, "found_on", "登记日期；留空为导入当天。" },
	{ FILE_LEADS, "signed_on", "签约日期（阶段为签约时）；留空为导入当天。" },
	{ FILE_LEADS, "reason", "放弃原因（阶段为放弃时必填）。" },
	{ FILE_LEADS, "ref", "签约后形成的项目编号（阶段为签约时必填，须先导入该项目）。" },
	/* revenue sharing and industrial funds */
	{ FILE_TAXES, "year", "税收所属年度；项目落户当年为分成第 1 年。" },
	{ FILE_TAXES, "tax", "该项目当年入库税收；同一项目同一年度只填一行。" },
	{ FILE_FUNDS, "name", "基金全称；同名即视为同一基金（再次导入即更新）。" },
	{ FILE_FUNDS, "manager", "基金管理人。" },
	{ FILE_FUNDS, "capital", "注册资本（认缴规模）。" },
	{ FILE_FUNDS, "registered_on", "注册日期；当年注册的基金计入当年产业基金目标。" },
	{ FILE_FUNDS, "focus", "投资方向，如 集成电路、生物医药。" },
	{ FILE_FUNDS, "brought_by", "引进单位：填单位代码或名称。" },
	{ -1, "value", "目标值：比率填 85、85% 或 0.85；数量填整数；金额填万元。" },
};

static const char *note_of(enum file_kind kind, const char *key)
{
	int month = key[0] == 'm' && key[1] >= '0' && key[1] <= '9'; /* m01 … m12 */
	size_t i;

	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if ((notes[i].kind == (int)kind || notes[i].kind < 0) &&
		    !strcmp(notes[i].key, month ? "m" : key))
			return notes[i].text;
	return "";
}

static const char *hint_of(enum col_type t)
{
	switch (t) {
	case CT_DATE: return "日期，如 2024-03-05、2024/3/5 或 2024年3月5日。";
	case CT_MONTH: return "月份，如 2024-03 或 2024年3月。";
	case CT_MONEY: return "单位：万元，最多 4 位小数。";
	case CT_DEC4: return "最多 4 位小数。";
	case CT_COORD: return "以度为单位，最多 6 位小数。";
	case CT_YEAR: return "四位数的年份。";
	case CT_INT: return "整数。";
	case CT_CODE: return "按文本填写，不要带空格。";
	default: return "";
	}
}

struct tpl {
	enum file_kind kind;
	const struct column *cols;
	size_t ncols;
	const struct unit *units;
	size_t n_units;
	lxw_workbook *wb;
	lxw_worksheet *data, *help, *lists;
	lxw_format *head, *head_req, *bold, *wrap, *fmt[CT_INT + 1];
	const char **list[3]; /* sections, departments, measures (NULL-terminated) */
	size_t n_list[3];
	lxw_error first;
};

static void note(struct tpl *t, lxw_error e)
{
	if (e && !t->first)
		t->first = e;
}

static lxw_format *num_format(lxw_workbook *wb, const char *code)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_num_format(f, code);
	return f;
}

static void make_formats(struct tpl *t)
{
	int c;

	t->head = workbook_add_format(t->wb);
	format_set_bold(t->head);
	format_set_bg_color(t->head, 0xDDEBF7);
	format_set_border(t->head, LXW_BORDER_THIN);
	format_set_align(t->head, LXW_ALIGN_VERTICAL_CENTER);
	t->head_req = workbook_add_format(t->wb);
	format_set_bold(t->head_req);
	format_set_bg_color(t->head_req, 0xFCE4D6);
	format_set_font_color(t->head_req, 0xC00000);
	format_set_border(t->head_req, LXW_BORDER_THIN);
	format_set_align(t->head_req, LXW_ALIGN_VERTICAL_CENTER);
	t->bold = workbook_add_format(t->wb);
	format_set_bold(t->bold);
	t->wrap = workbook_add_format(t->wb);
	format_set_text_wrap(t->wrap);
	format_set_align(t->wrap, LXW_ALIGN_VERTICAL_TOP);
	for (c = 0; c <= CT_INT; c++)
		t->fmt[c] = NULL;
	t->fmt[CT_TEXT] = t->fmt[CT_CODE] = t->fmt[CT_UNIT] = t->fmt[CT_CHOICE] =
		num_format(t->wb, "@");
	t->fmt[CT_MONEY] = t->fmt[CT_DEC4] = num_format(t->wb, "#,##0.00##");
	t->fmt[CT_COORD] = num_format(t->wb, "0.000000");
	t->fmt[CT_DATE] = num_format(t->wb, "yyyy-mm-dd");
	t->fmt[CT_MONTH] = num_format(t->wb, "yyyy-mm");
	t->fmt[CT_YEAR] = t->fmt[CT_INT] = num_format(t->wb, "0");
}

/* ---- the lists sheet ---- */

/* How a unit is named in a list: its name, or its code when the name is
 * shared (import would refuse an ambiguous name). */
static const char *unit_shown(const struct tpl *t, size_t i)
{
	size_t k;

	for (k = 0; k < t->n_units; k++)
		if (k != i && !strcmp(t->units[k].name, t->units[i].name))
			return t->units[i].code;
	return t->units[i].name;
}

static void list_add(struct tpl *t, int k, const char *s)
{
	t->list[k][t->n_list[k]++] = s;
	t->list[k][t->n_list[k]] = NULL;
	note(t, worksheet_write_string(t->lists, (lxw_row_t)t->n_list[k], (lxw_col_t)k, s, NULL));
}

static void write_lists(struct tpl *t)
{
	size_t i;
	int k;

	for (k = 0; k < 3; k++)
		t->list[k] = xcalloc((k == 2 ? MEASURE__MAX : t->n_units) + 1, sizeof(char *));
	t->lists = workbook_add_worksheet(t->wb, LISTS_SHEET);
	note(t, worksheet_write_string(t->lists, 0, 0, "板块", t->bold));
	note(t, worksheet_write_string(t->lists, 0, 1, "部门", t->bold));
	note(t, worksheet_write_string(t->lists, 0, 2, "指标", t->bold));
	for (i = 0; i < t->n_units; i++) {
		enum unit_kind uk = t->units[i].kind;

		if (uk == UNIT_SECTION || uk == UNIT_STREET)
			list_add(t, 0, unit_shown(t, i));
		else if (uk == UNIT_DEPARTMENT)
			list_add(t, 1, unit_shown(t, i));
	}
	for (k = 0; k < MEASURE__MAX; k++)
		if (t->kind != FILE_INDICATORS || measure_info[k].indicator)
			list_add(t, 2, measure_info[k].label_zh);
	note(t, worksheet_set_column(t->lists, 0, 2, 28, NULL));
	worksheet_hide(t->lists);
}

/* ---- the data sheet ---- */

static void set_list(lxw_data_validation *dv, const char *const *items, int stop)
{
	dv->validate = LXW_VALIDATION_TYPE_LIST;
	dv->value_list = (char **)items;
	dv->error_type = stop ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
	dv->error_title = (char *)"不在列表中";
	dv->error_message = (char *)"请从下拉列表中选择。";
}

/* The list k (0: sections, 1: departments, 2: measures): inline when it is
 * short, else a reference to its column of the lists sheet. 0 when empty. */
static int set_list_of(struct tpl *t, lxw_data_validation *dv, char *formula, size_t cap,
		       int k)
{
	int plain = 1; /* an inline list cannot hold a comma or a quote */
	size_t i, bytes = 0;

	if (!t->n_list[k])
		return 0;
	for (i = 0; i < t->n_list[k]; i++) {
		bytes += strlen(t->list[k][i]) + 1;
		plain = plain && !strpbrk(t->list[k][i], ",\"");
	}
	set_list(dv, t->list[k], 0);
	dv->error_message = (char *)"列表中没有这一项；单位也可以填代码。仍要使用吗？";
	if (plain && bytes <= INLINE_LIST_BYTES)
		return 1;
	snprintf(formula, cap, "='%s'!$%c$2:$%c$%zu", LISTS_SHEET, 'A' + k, 'A' + k,
		 t->n_list[k] + 1);
	dv->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv->value_list = NULL;
	dv->value_formula = formula;
	return 1;
}

static void validate_column(struct tpl *t, lxw_col_t c, const struct column *col, char *msg)
{
	static const char *const yes_no[] = { "是", "否", NULL };
	static const char *const attracted[] = { "区级", "街道", NULL };
	static const char *const kinds[] = { "市", "区", "板块", "街道", "部门", NULL };
	static const char *const tier[] = { "省", "市", "区", NULL };
	static const char *const tiers[] = { "区", "市", "省", "市、区", "省、市", "省、区",
					     "省、市、区", NULL };
	static const char *const categories[] = { "用地", "用能", "资金", "审批", "征拆", "其他",
						  NULL };
	static const char *const levels[] = { "1", "2", "3", "4", NULL };
	static const char *const elements[] = { "用地", "用能", "资金", NULL };
	static const char *const supply_kinds[] = { "需求", "供地批复", "能评批复", "贷款", "专项债",
						    "财政资金", "其他", NULL };
	static const char *const demolition_measures[] = { "㎡", "户", NULL };
	static const char *const states[] = { "未办结", "已办结", "已答复", "已关闭", NULL };
	static const char *const stages[] = { "线索", "洽谈", "意向", "签约", "放弃", NULL };
	lxw_data_validation dv;
	char formula[64];

	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_ANY;
	if (col->type == CT_BOOL) {
		set_list(&dv, yes_no, 1);
	} else if (col->type == CT_ATTRACTED) {
		set_list(&dv, attracted, 1);
	} else if (col->type == CT_UNIT_KIND) {
		set_list(&dv, kinds, 1);
	} else if (col->type == CT_TIERS) {
		set_list(&dv, strcmp(col->key, "tier") ? tiers : tier, !strcmp(col->key, "tier"));
	} else if (col->type == CT_UNIT &&
		   (!strcmp(col->key, "section") || !strcmp(col->key, "unit"))) {
		set_list_of(t, &dv, formula, sizeof(formula), 0);
	} else if (col->type == CT_UNIT && !strcmp(col->key, "department")) {
		set_list_of(t, &dv, formula, sizeof(formula), 1);
	} else if (col->type == CT_MEASURE) {
		set_list_of(t, &dv, formula, sizeof(formula), 2);
	} else if (col->type == CT_CHOICE) {
		set_list(&dv, !strcmp(col->key, "category") ? categories :
			 !strcmp(col->key, "level") ? levels :
			 !strcmp(col->key, "element") ? elements :
			 !strcmp(col->key, "kind") ? supply_kinds :
			 !strcmp(col->key, "measure") ? demolition_measures :
			 !strcmp(col->key, "stage") ? stages : states, 1);
	} else if (col->type == CT_UNIT && (!strcmp(col->key, "owner") ||
					    !strcmp(col->key, "found_by") ||
					    !strcmp(col->key, "followed_by"))) {
		set_list_of(t, &dv, formula, sizeof(formula), 0);
	} else if (col->type == CT_YEAR) {
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = 1900;
		dv.maximum_number = 2999;
		dv.error_message = (char *)"请填写四位数的年份，如 2024。";
	} else if (col->type == CT_MONEY || col->type == CT_DEC4) {
		dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
		dv.error_message = (char *)"这一列填不小于 0 的数字。";
	}
	dv.input_title = (char *)col->label;
	dv.input_message = msg;
	/* libxlsxwriter 1.1.4 leaks a copy of a list formula (a few bytes a
	 * workbook); tell LeakSanitizer it is known */
	LEAK_BEGIN();
	note(t, worksheet_data_validation_range(t->data, 1, c, LAST_ROW, c, &dv));
	LEAK_END();
}

/* The explanation of a column: what it holds and how to write it. */
static void explain(const struct tpl *t, const struct column *col, struct buf *b)
{
	buf_addf(b, "%s%s", note_of(t->kind, col->key), hint_of(col->type));
}

/* Display width: a CJK character takes two columns. */
static double width_of(const char *s)
{
	double n = 0;

	for (; *s; s++)
		n += (unsigned char)*s < 0x80 ? 1 : (unsigned char)*s >= 0xe0 ? 2 : 0;
	return n;
}

static void write_data_sheet(struct tpl *t)
{
	lxw_comment_options co;
	struct buf msg = BUF_INIT, com = BUF_INIT;
	size_t c;

	memset(&co, 0, sizeof(co));
	co.x_scale = 2.2;
	co.y_scale = 1.6;
	co.author = (char *)"ballast";
	for (c = 0; c < t->ncols; c++) {
		const struct column *col = &t->cols[c];
		double w = width_of(col->label) + 4;

		buf_reset(&msg);
		buf_reset(&com);
		explain(t, col, &msg);
		buf_addf(&com, "%s（%s）%s\n%s", col->label, col->key,
			 col->required ? "，必填" : "，选填", msg.s);
		if (col->type == CT_TEXT && w < 24)
			w = 24;
		else if (col->type == CT_DATE && w < 13)
			w = 13;
		else if (w < 11)
			w = 11;
		note(t, worksheet_set_column(t->data, (lxw_col_t)c, (lxw_col_t)c, w,
					     t->fmt[col->type]));
		note(t, worksheet_write_string(t->data, 0, (lxw_col_t)c, col->label,
					       col->required ? t->head_req : t->head));
		note(t, worksheet_write_comment_opt(t->data, 0, (lxw_col_t)c, com.s, &co));
		validate_column(t, (lxw_col_t)c, col, msg.s);
	}
	worksheet_freeze_panes(t->data, 1, 0);
	note(t, worksheet_autofilter(t->data, 0, 0, 0, (lxw_col_t)(t->ncols - 1)));
	buf_release(&msg);
	buf_release(&com);
}

/* ---- the 填写说明 sheet ---- */

static void write_help_sheet(struct tpl *t)
{
	static const char *const heads[] = { "列名", "英文键", "是否必填", "填写说明" };
	struct buf b = BUF_INIT;
	lxw_row_t r = 0;
	size_t c;
	int i;

	buf_addf(&b, "%s导入模板 填写说明", sheet_names[t->kind]);
	note(t, worksheet_write_string(t->help, r++, 0, b.s, t->bold));
	buf_reset(&b);
	buf_addf(&b, "1. 在工作表“%s”中填写：第一行是表头，请勿修改；从第二行起每行一条记录，"
		     "不要合并单元格。红色表头的列必须填写。", sheet_names[t->kind]);
	note(t, worksheet_write_string(t->help, r++, 0, b.s, NULL));
	note(t, worksheet_write_string(t->help, r++, 0, "2. 列的顺序可以调整，用不到的选填列可以"
				       "删除；表头写中文列名或英文键都可以。", NULL));
	note(t, worksheet_write_string(t->help, r++, 0, "3. 日期可写 2024-03-05、2024/3/5 或 "
				       "2024年3月5日；金额单位是万元，最多 4 位小数。", NULL));
	note(t, worksheet_write_string(t->help, r++, 0, "4. 导入时整个文件一起检查：只要有一处错误"
				       "就一行也不写入，并列出每一处错误"
				       "（文件:行号: 列: 值: 原因）。", NULL));
	buf_reset(&b);
	buf_addf(&b, "5. 导入命令：ballast import %s 文件.xlsx；也可以先加 --dry-run "
		     "只检查不写入。", file_kind_keys[t->kind]);
	note(t, worksheet_write_string(t->help, r++, 0, b.s, NULL));
	r++;
	for (i = 0; i < 4; i++)
		note(t, worksheet_write_string(t->help, r, (lxw_col_t)i, heads[i], t->head));
	for (c = 0; c < t->ncols; c++) {
		const struct column *col = &t->cols[c];

		r++;
		buf_reset(&b);
		explain(t, col, &b);
		note(t, worksheet_write_string(t->help, r, 0, col->label, NULL));
		note(t, worksheet_write_string(t->help, r, 1, col->key, NULL));
		note(t, worksheet_write_string(t->help, r, 2, col->required ? "必填" : "选填",
					       NULL));
		note(t, worksheet_write_string(t->help, r, 3, b.s, t->wrap));
	}
	note(t, worksheet_set_column(t->help, 0, 0, 24, NULL));
	note(t, worksheet_set_column(t->help, 1, 2, 16, NULL));
	note(t, worksheet_set_column(t->help, 3, 3, 80, NULL));
	buf_release(&b);
}

enum bl_err xlsx_template_write(enum file_kind kind, const struct unit *units, size_t n_units,
				const char *path, struct buf *err)
{
	struct tpl t;
	lxw_error e;
	int k;

	if ((unsigned)kind >= FILE_KIND__MAX)
		return BL_EINVAL;
	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.cols = file_columns(kind, &t.ncols);
	t.units = units;
	t.n_units = units ? n_units : 0;
	t.wb = workbook_new(path);
	if (!t.wb) {
		if (err)
			buf_addf(err, "cannot start an XLSX workbook at %s", path);
		return BL_EIO;
	}
	make_formats(&t);
	t.data = workbook_add_worksheet(t.wb, sheet_names[kind]);
	t.help = workbook_add_worksheet(t.wb, "填写说明");
	write_lists(&t);
	write_data_sheet(&t);
	write_help_sheet(&t);
	worksheet_activate(t.data);
	e = workbook_close(t.wb);
	for (k = 0; k < 3; k++)
		free(t.list[k]);
	if (!e)
		e = t.first;
	if (e && err)
		buf_addf(err, "cannot write the template: %s", lxw_strerror(e));
	return e ? BL_EIO : BL_OK;
}

enum bl_err xlsx_template_mem(enum file_kind kind, const struct unit *units, size_t n_units,
			      char **data, size_t *len, struct buf *err)
{
	struct buf path = BUF_INIT, out = BUF_INIT;
	enum bl_err rc;
	int fd = tmpfile_private("template", &path, err);

	*data = NULL;
	*len = 0;
	if (fd < 0) {
		buf_release(&path);
		return BL_EIO;
	}
	close(fd);
	rc = xlsx_template_write(kind, units, n_units, path.s, err);
	if (!rc)
		rc = file_slurp(path.s, &out, (size_t)64 << 20, err);
	if (!rc)
		*data = buf_detach(&out, len);
	unlink(path.s);
	buf_release(&out);
	buf_release(&path);
	return rc;
}

const char *xlsx_template_filename(enum file_kind kind)
{
	return (unsigned)kind < FILE_KIND__MAX ? file_names[kind] : "template.xlsx";
}
