/* bulletin_doc.c — the bulletin laid out as a document (DOMAIN.md §8): the
 * title block, the summary, the tables (five rates, tiers against targets,
 * targets, investment by month, new/continuing, industry chains, sections,
 * the contest, the project lists) and the three charts, in the order a
 * district office's monthly bulletin reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/bulletin.h"
#include "util/xalloc.h"

#define RGB_ALL 0x1f4e79
#define RGB_GOLD 0xd4a017
#define RGB_RED 0xc0392b
#define RGB_GREY 0x8c8c8c
#define RGB_BLUE 0x2e86c1

static const uint32_t tier_rgb[TIER__MAX] = { 0xc0392b, 0xe67e22, 0x27ae60 };

static void header(const struct bulletin *b, struct doc *d)
{
	struct buf t = BUF_INIT;
	int y, m, dd;
	bl_day on = b->issued_on != DAY_NONE ? b->issued_on : b->asof;

	d->title = xstrdup(b->title);
	buf_addf(&t, "%d年第%d期", b->year, b->issue_no);
	if (b->version > 1)
		buf_addf(&t, "（第%d版）", b->version);
	d->issue_line = buf_detach(&t, NULL);
	d->issuer = xstrdup(b->issuer);
	day_to_ymd(on, &y, &m, &dd);
	buf_addf(&t, "%d年%d月%d日", y, m, dd);
	d->date_line = buf_detach(&t, NULL);
	buf_addf(&t, "%04d-%02d-%02dT00:00:00", y, m, dd);
	d->pdf_date = buf_detach(&t, NULL);
	d->status = b->issued_on == DAY_NONE ? xstrdup("草稿") : NULL;
}

/* Each line of text (separated by '\n') as a paragraph. */
static void paragraphs(struct doc *d, const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl > p)
			doc_para_take(d, xstrndup(p, (size_t)(nl - p)));
		p = *nl ? nl + 1 : nl;
	}
}

static void status_cell(struct cell *c, enum target_status s)
{
	cell_text(c, target_status_labels[s]);
	c->style = s == TS_MET || s == TS_ON_TRACK ? CS_GREEN : CS_RED;
}

/* ---- 表1 五率 ---- */

static void table_rates(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "指标", "分子", "分母", "比率" };
	static const int widths[] = { 5, 7, 7, 3 };
	static const struct {
		enum measure_key k;
		const char *num, *den;
		int money;
	} rows[] = {
		{ M_FILING_RATE, "已备案项目数", "已签约项目数", 0 },
		{ M_START_RATE_OF_FILED, "已开工项目数", "已备案项目数", 0 },
		{ M_INVESTMENT_COMPLETION, "开工项目完成投资（万元）", "开工项目年度计划投资（万元）", 1 },
		{ M_PRODUCTION_RATE, "已投产项目数", "已竣工项目数", 0 },
		{ M_CAPACITY_RATE, "已达产项目数", "已投产项目数", 0 },
		{ M_START_RATE, "已开工项目数", "列入计划项目数", 0 },
		{ M_DUE_START_ATTAINMENT, "应开工且已开工项目数", "计划开工时间已到项目数", 0 },
	};
	struct doc_table *t = doc_table(d, "表1  “五率”及开工指标", "五率", 4, heads, widths);
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct cell *c = table_row(t);
		struct ratio r;

		measure_value(&b->all, rows[i].k, &r, NULL);
		cell_text(&c[0], measure_info[rows[i].k].label_zh);
		if (rows[i].money) {
			char w1[32], w2[32];

			cell_textf(&c[1], "%s：%s", rows[i].num, money_format_wan(r.num, w1, sizeof(w1)));
			cell_textf(&c[2], "%s：%s", rows[i].den, money_format_wan(r.den, w2, sizeof(w2)));
		} else {
			cell_textf(&c[1], "%s：%lld", rows[i].num, (long long)r.num);
			cell_textf(&c[2], "%s：%lld", rows[i].den, (long long)r.den);
		}
		cell_ratio(&c[3], r);
	}
	table_note(t, "分母为0的比率暂无可比数据，记为“—”。");
}

/* ---- 表2 分层级 ---- */

static void target_cell(struct cell *c, const struct target_ref *r)
{
	struct buf b = BUF_INIT;

	if (!r->t) {
		cell_text(c, "未设目标");
		return;
	}
	if (r->t->industrial)
		buf_adds(&b, "产业项目");
	due_phrase(&b, r->t->due);
	buf_adds(&b, "≥");
	target_pct(&b, r->t->value);
	cell_text(c, b.s);
	buf_release(&b);
}

static void table_tiers(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "层级", "项目数", "已开工", "开工率", "新开工",
					     "竣工", "完成投资（万元）", "开工率目标", "目标状态" };
	static const int widths[] = { 5, 3, 3, 3, 3, 3, 5, 5, 4 };
	struct doc_table *t = doc_table(d, "表2  各层级重大项目开工情况", "分层级", 9, heads, widths);
	int k;

	for (k = 0; k <= TIER__MAX; k++) {
		const struct measures *m = k < TIER__MAX ? &b->tiers[k] : &b->all;
		const struct target_ref *r = k < TIER__MAX ? &b->tier_target[k] : &b->start_target;
		struct cell *c = table_row(t);
		size_t i;

		cell_text(&c[0], k < TIER__MAX ? tier_names[k] : "区级以上合计");
		cell_count(&c[1], m->projects);
		cell_count(&c[2], m->start_rate.num);
		cell_ratio(&c[3], m->start_rate);
		cell_count(&c[4], m->new_starts);
		cell_count(&c[5], m->completions);
		cell_money(&c[6], m->investment_yuan);
		target_cell(&c[7], r);
		if (r->t)
			status_cell(&c[8], r->ev.status);
		if (k == TIER__MAX)
			for (i = 0; i < 9; i++)
				c[i].style |= CS_BOLD;
	}
	table_note(t, "一个项目可同时列入省、市、区多个层级，区级以上合计按项目计数。");
}

static void chart_trend(const struct bulletin *b, struct doc *d)
{
	struct chart *c = chart_new(CHART_LINES, "开工率走势与目标", "%", 10000, 1);
	char label[48];
	size_t i;
	int k, m;

	for (m = 1; m <= 12; m++) {
		snprintf(label, sizeof(label), "%d月", m);
		chart_label(c, label);
	}
	chart_series_add(c, "区级以上", SERIES_LINE, RGB_ALL, b->trend[0], 12);
	for (k = 0; k < TIER__MAX; k++)
		if (b->tiers[k].projects)
			chart_series_add(c, tier_names[k], SERIES_LINE, tier_rgb[k], b->trend[k + 1], 12);
	for (i = 0; i < b->ds->n_targets; i++) {
		const struct target *t = &b->ds->targets[i];
		struct buf lb = BUF_INIT;

		if (t->measure != M_START_RATE || t->section_id || t->department_id ||
		    day_year(t->due) != b->year)
			continue;
		buf_addf(&lb, "%s%s≥", t->tier == TIER_ANY ? "全部" : tier_labels[t->tier],
			 t->industrial ? "产业" : "");
		target_pct(&lb, t->value);
		chart_marker_add(c, (size_t)(month_of_year(day_month(t->due)) - 1), t->value,
				 t->tier == TIER_ANY ? RGB_ALL : tier_rgb[t->tier], lb.s);
		buf_release(&lb);
	}
	doc_chart(d, c);
}

/* ---- 表3 目标任务 ---- */

static void value_cell(struct cell *c, enum measure_key k, int64_t v)
{
	if (measure_info[k].kind == MK_RATE)
		cell_ratio(c, (struct ratio){ v, 10000 });
	else if (measure_info[k].kind == MK_MONEY)
		cell_money(c, v);
	else
		cell_count(c, v);
}

static void scope_cell(const struct dataset *ds, const struct target *t, struct cell *c)
{
	struct buf b = BUF_INIT;

	if (t->tier != TIER_ANY)
		buf_adds(&b, tier_names[t->tier]);
	if (t->section_id)
		buf_addf(&b, "%s%s", b.len ? "·" : "", unit_name(ds, t->section_id));
	if (t->department_id)
		buf_addf(&b, "%s%s", b.len ? "·" : "", unit_name(ds, t->department_id));
	if (t->industrial)
		buf_addf(&b, "%s产业项目", b.len ? "·" : "");
	cell_text(c, b.len ? b.s : "全区");
	buf_release(&b);
}

static void table_targets(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "指标", "范围", "截止日期", "目标值", "实际",
					     "序时进度", "状态" };
	static const int widths[] = { 6, 6, 4, 4, 4, 4, 3 };
	const struct dataset *ds = b->ds;
	struct doc_table *t = doc_table(d, "表3  年度目标任务推进情况", "目标任务", 7, heads, widths);
	struct buf note = BUF_INIT;
	size_t i, n;

	for (i = 0; i < ds->n_targets; i++) {
		const struct target *tg = &ds->targets[i];
		const struct target_eval *e = &b->evals[i];
		struct cell *c = table_row(t);
		int computed_rate = measure_info[tg->measure].kind == MK_RATE &&
				    !measure_info[tg->measure].indicator;

		cell_text(&c[0], measure_info[tg->measure].label_zh);
		scope_cell(ds, tg, &c[1]);
		cell_date(&c[2], tg->due);
		value_cell(&c[3], tg->measure, tg->value);
		if (computed_rate)
			cell_ratio(&c[4], e->rate);
		else if (e->has_actual)
			value_cell(&c[4], tg->measure, e->actual);
		else
			cell_text(&c[4], "—");
		value_cell(&c[5], tg->measure, measure_info[tg->measure].kind == MK_MONEY
							? money_round_wan(e->expected)
							: e->expected);
		status_cell(&c[6], e->status);
	}
	table_empty(t, "本年度尚未下达目标任务。");
	buf_adds(&note, "金额单位：万元。序时进度：数量和累计金额目标按1月1日至截止日期的时间进度"
		 "折算，达到即为完成；比率、计划投资总额和增速目标以目标值本身衡量，其中计划投资"
		 "总额和增速可能回落，截止日期前不判定完成。截止日期当天起目标判定为完成或未完成。");
	/* DOMAIN.md §5: an indicator's figure names its month */
	for (i = 0, n = 0; i < ds->n_targets; i++) {
		const struct target_eval *e = &b->evals[i];

		if (e->indicator_month == MONTH_NONE)
			continue;
		buf_addf(&note, "%s%s为%d年%d月数据", n++ ? "，" : "统计局指标：",
			 measure_info[ds->targets[i].measure].label_zh,
			 month_year(e->indicator_month), month_of_year(e->indicator_month));
	}
	if (n)
		buf_adds(&note, "。");
	table_note(t, note.s);
	buf_release(&note);
}

/* ---- 表4 分月投资 ---- */

static void table_invest(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "月份", "当月完成投资（万元）", "累计完成投资（万元）",
					     "累计序时计划（万元）", "完成年度计划", "序时进度",
					     "较序时（百分点）" };
	static const int widths[] = { 3, 5, 5, 5, 4, 4, 4 };
	struct doc_table *t = doc_table(d, "表4  重大项目分月投资完成情况", "分月投资", 7, heads,
					widths);
	int64_t plan = b->all.annual_plan_yuan;
	char w[32], note[256];
	int m;

	for (m = 0; m < b->n_months; m++) {
		struct cell *c = table_row(t);
		struct ratio done = { b->cum_invest[m], plan }, pace = { m + 1, 12 };

		cell_textf(&c[0], "%d月", m + 1);
		cell_money(&c[1], b->cum_invest[m] - (m ? b->cum_invest[m - 1] : 0));
		cell_money(&c[2], b->cum_invest[m]);
		cell_money(&c[3], money_round_wan(b->cum_plan[m]));
		cell_ratio(&c[4], done);
		cell_ratio(&c[5], pace);
		cell_points(&c[6], ratio_points_diff(done, pace));
		if (c[6].v != AMOUNT_NONE && c[6].v < 0)
			c[6].style = CS_RED;
	}
	money_format_wan(plan, w, sizeof(w));
	snprintf(note, sizeof(note), "年度计划投资%s万元。序时进度为已过月份数÷12；"
		 "累计序时计划按项目分月计划（未填报的按年度计划÷12）累计，取整至万元。", w);
	table_note(t, note);
}

static void chart_invest(const struct bulletin *b, struct doc *d)
{
	struct chart *c = chart_new(CHART_BARS, "累计完成投资与序时计划", "亿元", 100000000, 0);
	char label[16];
	int m;

	for (m = 1; m <= 12; m++) {
		snprintf(label, sizeof(label), "%d月", m);
		chart_label(c, label);
	}
	chart_series_add(c, "累计完成投资", SERIES_BAR, RGB_BLUE, b->cum_invest, 12);
	chart_series_add(c, "累计序时计划", SERIES_DASHED, RGB_RED, b->cum_plan, 12);
	doc_chart(d, c);
}

/* ---- 表5–7 分类 ---- */

static const char *const group_heads[] = { "类别", "项目数", "已开工", "开工率", "较全区",
					   "新开工", "完成投资（万元）", "年度计划（万元）",
					   "完成年度计划", "较全区" };
static const int group_widths[] = { 7, 3, 3, 3, 3, 3, 5, 5, 4, 3 };

static void group_row(struct doc_table *t, const char *name, const struct measures *m,
		      const struct measures *all, unsigned style)
{
	struct cell *c = table_row(t);
	struct ratio done = { m->investment_yuan, m->annual_plan_yuan };
	struct ratio all_done = { all->investment_yuan, all->annual_plan_yuan };
	size_t i;

	cell_text(&c[0], name);
	cell_count(&c[1], m->projects);
	cell_count(&c[2], m->start_rate.num);
	cell_ratio(&c[3], m->start_rate);
	cell_points(&c[4], ratio_points_diff(m->start_rate, all->start_rate));
	cell_count(&c[5], m->new_starts);
	cell_money(&c[6], m->investment_yuan);
	cell_money(&c[7], m->annual_plan_yuan);
	cell_ratio(&c[8], done);
	cell_points(&c[9], ratio_points_diff(done, all_done));
	for (i = 0; i < 10; i++)
		c[i].style |= style;
	if (m != all) {
		if (c[4].v != AMOUNT_NONE && c[4].v < 0)
			c[4].style |= CS_RED;
		if (c[9].v != AMOUNT_NONE && c[9].v < 0)
			c[9].style |= CS_RED;
	}
}

static void table_groups(const struct bulletin *b, struct doc *d)
{
	static const char *const kind_names[PK__MAX] = { "新开工项目", "续建项目" };
	struct doc_table *t;
	size_t i;
	int k;

	t = doc_table(d, "表5  新开工和续建项目推进情况", "新开工续建", 10, group_heads,
		      group_widths);
	for (k = 0; k < PK__MAX; k++)
		group_row(t, kind_names[k], &b->kinds[k], &b->all, 0);
	group_row(t, "区级以上合计", &b->all, &b->all, CS_BOLD);
	table_note(t, "新开工项目：年初尚未开工、计划年内开工的项目；续建项目：上年及以前已开工的项目。"
		      "“较全区”为与区级以上合计相差的百分点。");

	t = doc_table(d, "表6  分产业链推进情况", "分产业链", 10, group_heads, group_widths);
	for (i = 0; i < b->by_industry.n; i++)
		group_row(t, b->by_industry.rows[i].name, &b->by_industry.rows[i].m, &b->all, 0);
	group_row(t, "区级以上合计", &b->all, &b->all, CS_BOLD);

	t = doc_table(d, "表7  分板块推进情况", "分板块", 10, group_heads, group_widths);
	for (i = 0; i < b->by_section.n; i++)
		group_row(t, b->by_section.rows[i].name, &b->by_section.rows[i].m, &b->all, 0);
	group_row(t, "区级以上合计", &b->all, &b->all, CS_BOLD);
	table_note(t, "街道隶属于板块的，其项目同时计入所属板块。");
}

/* ---- 表8 比武打擂 ---- */

static const char *role_text(unsigned roles)
{
	if (roles & CONTEST_LEADER)
		return "擂主·流动红旗";
	if (roles & CONTEST_RED_FLAG)
		return "流动红旗";
	if (roles & CONTEST_TALK)
		return "约谈";
	return "";
}

static void contest_row(const struct bulletin *b, struct doc_table *t,
			const struct contest_entry *e)
{
	const struct contest_entry *prev = contest_find(&b->prev, e->unit_id);
	struct cell *c = table_row(t);

	if (e->ranked)
		cell_count(&c[0], e->rank);
	else
		cell_text(&c[0], "—");
	cell_text(&c[1], e->name);
	cell_ratio(&c[2], e->start_rate);
	cell_ratio(&c[3], e->investment_completion);
	if (e->task_new_starts >= 0)
		cell_textf(&c[4], "%lld/%lld", (long long)e->new_starts,
			   (long long)e->task_new_starts);
	else
		cell_textf(&c[4], "%lld/—", (long long)e->new_starts);
	cell_count(&c[5], e->red_projects);
	if (e->ranked)
		cell_score(&c[6], e->score);
	else
		cell_text(&c[6], "不参与排名");
	if (prev && prev->ranked && e->ranked) {
		int up = prev->rank - e->rank;

		if (up > 0)
			cell_textf(&c[7], "↑%d", up);
		else if (up < 0)
			cell_textf(&c[7], "↓%d", -up);
		else
			cell_text(&c[7], "—");
	}
	cell_text(&c[8], role_text(e->roles));
	if (e->roles & CONTEST_LEADER)
		c[8].style = CS_GOLD | CS_BOLD;
	else if (e->roles & CONTEST_RED_FLAG)
		c[8].style = CS_RED | CS_BOLD;
}

static size_t n_roles(const struct contest_round *r, unsigned role)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += (r->entries[i].roles & role) != 0;
	return n;
}

static void table_contest(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "排名", "板块", "开工率", "开工项目投资完成率",
					     "新开工/任务", "红灯项目", "综合得分", "较上月",
					     "评定" };
	static const int widths[] = { 2, 6, 3, 4, 3, 3, 3, 3, 5 };
	const struct contest_weights *w = &b->round.weights;
	struct doc_table *t = doc_table(d, "表8  板块比武打擂排名", "比武打擂", 9, heads, widths);
	struct chart *c;
	struct buf note = BUF_INIT;
	int64_t *v = xcalloc(b->round.n_ranked + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < b->round.n; i++)
		contest_row(b, t, &b->round.entries[i]);
	table_empty(t, "暂无参与比武打擂的板块。");
	buf_addf(&note, "综合得分＝开工率×%d＋开工项目投资完成率×%d＋新开工任务完成率×%d"
		 "%s红灯项目占比×%d",
		 w->w[CP_START_RATE], w->w[CP_INVESTMENT_COMPLETION], w->w[CP_NEW_STARTS],
		 w->w[CP_RED_WARNINGS] < 0 ? "－" : "＋",
		 w->w[CP_RED_WARNINGS] < 0 ? -w->w[CP_RED_WARNINGS] : w->w[CP_RED_WARNINGS]);
	/* Weighed only when a district sets it (0 by default). */
	if (w->w[CP_OVERDUE_ITEMS])
		buf_addf(&note, "%s督办事项逾期项目占比×%d（督办事项逾期不再计入红灯项目）",
			 w->w[CP_OVERDUE_ITEMS] < 0 ? "－" : "＋",
			 w->w[CP_OVERDUE_ITEMS] < 0 ? -w->w[CP_OVERDUE_ITEMS] : w->w[CP_OVERDUE_ITEMS]);
	if (w->w[CP_SIGNED_INVESTMENT]) /* h-talent: 双招双引, 0 by default */
		buf_addf(&note, "%s招商线索签约投资占比×%d",
			 w->w[CP_SIGNED_INVESTMENT] < 0 ? "－" : "＋",
			 w->w[CP_SIGNED_INVESTMENT] < 0 ? -w->w[CP_SIGNED_INVESTMENT]
							: w->w[CP_SIGNED_INVESTMENT]);
	buf_addf(&note, "（各比率最高按100%%计，暂无可比数据的项不得分）。"
		 "第1名为擂主，前%zu名授予流动红旗，后%zu名予以约谈；无列入计划项目的板块不参与排名。",
		 n_roles(&b->round, CONTEST_RED_FLAG), n_roles(&b->round, CONTEST_TALK));
	/* DOMAIN.md §7: the change is against last month's saved round. */
	if (b->prev.n)
		buf_addf(&note, "“较上月”与%d月保存的比武打擂结果相比。",
			 month_of_year(b->prev.month));
	else if (b->n_months > 1)
		buf_addf(&note, "%d月未保存比武打擂结果，“较上月”暂不比较。",
			 month_of_year(b->month - 1));
	table_note(t, note.s);
	buf_release(&note);
	if (!b->round.n_ranked) {
		free(v);
		return;
	}
	c = chart_new(CHART_HBARS, "板块综合得分", "分", 100, 0);
	c->bar_rgb = xcalloc(b->round.n_ranked, sizeof(*c->bar_rgb));
	for (i = 0; i < b->round.n_ranked; i++) {
		const struct contest_entry *e = &b->round.entries[i];

		chart_label(c, e->name);
		v[i] = e->score;
		c->bar_rgb[i] = e->roles & CONTEST_LEADER	   ? RGB_GOLD
				: e->roles & CONTEST_RED_FLAG ? RGB_RED
				: e->roles & CONTEST_TALK	   ? RGB_GREY
							   : RGB_BLUE;
	}
	chart_series_add(c, "综合得分", SERIES_BAR, RGB_BLUE, v, b->round.n_ranked);
	doc_chart(d, c);
	free(v);
}

/* ---- 六、重点关注事项 ---- */

static void name_cells(const struct bulletin *b, const struct list_item *it, struct cell *c,
		       size_t n)
{
	const struct project *p = &b->ds->projects[it->project];

	cell_count(&c[0], (int64_t)n);
	cell_text(&c[1], p->name);
	cell_text(&c[2], unit_name(b->ds, p->section_id));
}

static void table_red(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "序号", "项目名称", "所属板块", "责任部门",
					     "挂钩领导", "预警原因" };
	static const int widths[] = { 2, 8, 5, 3, 4, 11 };
	const struct dataset *ds = b->ds;
	struct doc_table *t;
	size_t i;

	doc_text(d, BLK_H2, "（一）红灯预警项目");
	t = doc_table(d, "表9  红灯预警项目", "红灯项目", 6, heads, widths);
	for (i = 0; i < b->lists[PL_RED].n; i++) {
		const struct list_item *it = &b->lists[PL_RED].items[i];
		const struct project *p = &ds->projects[it->project];
		struct cell *c = table_row(t);

		name_cells(b, it, c, i + 1);
		cell_text(&c[3], p->department_id ? unit_name(ds, p->department_id) : "");
		cell_text(&c[4], p->leader ? p->leader : "");
		cell_text(&c[5], it->reason ? it->reason : "");
	}
	table_empty(t, "本月无红灯预警项目。");
}

static void table_filed(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "序号", "项目名称", "所属板块", "备案日期",
					     "已备案天数", "计划开工", "预警" };
	static const int widths[] = { 2, 9, 6, 4, 3, 4, 2 };
	struct doc_table *t;
	size_t i;

	doc_text(d, BLK_H2, "（二）备案未开工项目");
	t = doc_table(d, "表10  备案未开工项目", "备案未开工", 7, heads, widths);
	for (i = 0; i < b->lists[PL_FILED_NOT_STARTED].n; i++) {
		const struct list_item *it = &b->lists[PL_FILED_NOT_STARTED].items[i];
		struct cell *c = table_row(t);

		name_cells(b, it, c, i + 1);
		cell_date(&c[3], it->date);
		cell_count(&c[4], it->days);
		cell_date(&c[5], b->ds->projects[it->project].planned_start);
		cell_text(&c[6], it->light == LIGHT_GREEN ? "" : light_labels[it->light]);
		if (it->light == LIGHT_RED)
			c[6].style = CS_RED;
	}
	table_empty(t, "无备案未开工项目。");
}

/* 本月新开工 / 本月竣工. */
static void table_month(const struct bulletin *b, struct doc *d, enum project_list k)
{
	static const char *const heads[] = { "序号", "项目名称", "所属板块", "层级", "日期",
					     "年度计划投资（万元）" };
	static const int widths[] = { 2, 10, 6, 3, 4, 5 };
	int started = k == PL_STARTED_MONTH;
	struct doc_table *t;
	size_t i;

	doc_text(d, BLK_H2, started ? "（三）本月新开工项目" : "（四）本月竣工项目");
	t = doc_table(d, started ? "表11  本月新开工项目" : "表12  本月竣工项目",
		      started ? "本月新开工" : "本月竣工", 6, heads, widths);
	free(t->heads[4]);
	t->heads[4] = xstrdup(started ? "开工日期" : "竣工日期");
	for (i = 0; i < b->lists[k].n; i++) {
		const struct list_item *it = &b->lists[k].items[i];
		const struct listing *l = &b->ds->listings[it->project];
		struct buf tiers = BUF_INIT;
		struct cell *c = table_row(t);
		int tr;

		name_cells(b, it, c, i + 1);
		for (tr = 0; tr < TIER__MAX; tr++)
			if (l->tiers & TIER_BIT(tr))
				buf_addf(&tiers, "%s%s", tiers.len ? "、" : "", tier_labels[tr]);
		cell_text(&c[3], tiers.s);
		buf_release(&tiers);
		cell_date(&c[4], it->date);
		if (l->annual_plan != AMOUNT_NONE)
			cell_money(&c[5], l->annual_plan);
	}
	table_empty(t, started ? "本月无新开工项目。" : "本月无竣工项目。");
}

/* 逾期未开工、未竣工项目, only when there are some. */
static void table_overdue(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "序号", "项目名称", "所属板块", "事项", "计划日期",
					     "逾期天数", "预警" };
	static const int widths[] = { 2, 9, 6, 4, 4, 3, 2 };
	struct doc_table *t;
	size_t i;

	if (!b->lists[PL_OVERDUE].n)
		return;
	doc_text(d, BLK_H2, "（五）逾期未开工、未竣工项目");
	t = doc_table(d, "表13  逾期未开工、未竣工项目", "逾期项目", 7, heads, widths);
	for (i = 0; i < b->lists[PL_OVERDUE].n; i++) {
		const struct list_item *it = &b->lists[PL_OVERDUE].items[i];
		struct cell *c = table_row(t);

		name_cells(b, it, c, i + 1);
		cell_text(&c[3], it->reason ? it->reason : "");
		cell_date(&c[4], it->date);
		cell_count(&c[5], it->days);
		cell_text(&c[6], light_labels[it->light]);
		if (it->light == LIGHT_RED)
			c[6].style = CS_RED;
	}
}

/* DOMAIN.md §8 逾期事项: the supervision items overdue at the month's end,
 * by section and level, with their count per level. */
static void table_items(const struct bulletin *b, struct doc *d)
{
	static const char *const heads[] = { "序号", "所属板块", "项目名称", "事项", "类别",
					     "责任单位", "协调层级", "办结时限", "逾期天数" };
	static const int widths[] = { 2, 5, 7, 7, 2, 5, 4, 4, 3 };
	const struct dataset *ds = b->ds;
	struct buf note = BUF_INIT;
	struct doc_table *t;
	size_t i;
	int l, any = 0;

	doc_text(d, BLK_H2, b->lists[PL_OVERDUE].n ? "（六）逾期事项" : "（五）逾期事项");
	t = doc_table(d, b->lists[PL_OVERDUE].n ? "表14  逾期事项" : "表13  逾期事项", "逾期事项",
		      9, heads, widths);
	for (i = 0; i < b->n_overdue; i++) {
		const struct overdue_item *o = &b->overdue[i];
		const struct project *p = &ds->projects[o->t->project];
		struct cell *c = table_row(t);

		cell_count(&c[0], (int64_t)i + 1);
		cell_text(&c[1], unit_name(ds, p->section_id));
		cell_text(&c[2], p->name);
		cell_text(&c[3], o->t->title);
		cell_text(&c[4], item_category_labels[o->t->category]);
		cell_text(&c[5], unit_name(ds, o->t->owner_id));
		cell_text(&c[6], item_level_labels[o->s.level >= ITEM_LEVEL_MIN &&
						   o->s.level <= ITEM_LEVEL_MAX ? o->s.level : 0]);
		cell_date(&c[7], o->s.deadline);
		cell_count(&c[8], o->days_late);
		c[8].style = CS_RED;
	}
	table_empty(t, "截至月底无逾期未办结的督办事项。");
	if (b->n_overdue) {
		buf_addf(&note, "截至%d月底，逾期未办结的督办事项共%zu项，其中", b->n_months,
			 b->n_overdue);
		for (l = ITEM_LEVEL_MAX; l >= ITEM_LEVEL_MIN; l--) {
			if (!b->overdue_by_level[l])
				continue;
			buf_addf(&note, "%s%s%zu项", any++ ? "、" : "", item_level_labels[l],
				 b->overdue_by_level[l]);
		}
		buf_adds(&note, "。逾期事项按分级协调机制逐级提级督办。");
		table_note(t, note.s);
	}
	buf_release(&note);
}

void bulletin_doc(const struct bulletin *b, struct doc *d)
{
	struct buf text = BUF_INIT;

	header(b, d);
	if (b->version > 1) {
		/* A re-issue says so, and why, before anything else. */
		const char *why = b->reason ? b->reason : "";
		size_t n = strlen(why);
		int stop = (n && why[n - 1] == '.') || (n >= 3 && !strcmp(why + n - 3, "。"));

		buf_addf(&text, "本期通报为第%d版，更正说明：%s%s此前各版同时保留备查。",
			 b->version, why, stop ? "" : "。");
		doc_para_take(d, buf_detach(&text, NULL));
	}
	doc_text(d, BLK_H1, "一、总体情况");
	bulletin_summary(b, &text);
	paragraphs(d, text.s);
	table_rates(b, d);
	doc_text(d, BLK_H1, "二、开工建设情况");
	table_tiers(b, d);
	chart_trend(b, d);
	table_targets(b, d);
	doc_text(d, BLK_H1, "三、投资完成情况");
	table_invest(b, d);
	chart_invest(b, d);
	doc_text(d, BLK_H1, "四、分类推进情况");
	table_groups(b, d);
	doc_text(d, BLK_H1, "五、板块比武打擂");
	table_contest(b, d);
	doc_text(d, BLK_H1, "六、重点关注事项");
	table_red(b, d);
	table_filed(b, d);
	table_month(b, d, PL_STARTED_MONTH);
	table_month(b, d, PL_COMPLETED_MONTH);
	table_overdue(b, d);
	table_items(b, d);
	/* 政策兑现 (h-funds), then 要素保障: sub-headings and tables after
	 * 逾期事项, numbered on from it; each only when it has data. */
	{
		static const char *const h2s[] = { "（六）政策兑现", "（七）政策兑现" };
		int h2 = b->lists[PL_OVERDUE].n ? 7 : 6, table = b->lists[PL_OVERDUE].n ? 15 : 14;

		bulletin_funds_doc(&b->funds, b->ds, b->n_months, h2s[h2 - 6], table, d);
		if (b->funds.present) {
			h2++;
			table += 2;
		}
		bulletin_guarantees_doc(b, d, h2, table);
	}
	doc_text(d, BLK_H1, "七、下步工作要求");
	buf_reset(&text);
	bulletin_requirements(b, &text);
	paragraphs(d, text.s);
	if (b->audit_id > 0) {
		/* The trail's head on paper: `ballast verify --anchor` checks it later. */
		buf_reset(&text);
		buf_addf(&text, "核验信息：本期印发时，审计日志最后一条为第%lld条，哈希值 %s。",
			 (long long)b->audit_id, b->audit_hash);
		doc_para_take(d, buf_detach(&text, NULL));
	}
	buf_release(&text);
}
