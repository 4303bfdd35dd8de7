/* summary.c — the bulletin's generated Chinese prose: the headline numbers
 * with their comparison against targets and pace (序时), grammatical in every
 * case: a target met, missed, ahead or behind, no target at all, an undefined
 * rate (暂无可比数据), an empty list. Every number comes from struct bulletin. */
#include <stdio.h>
#include <string.h>

#include "report/bulletin.h"

static void pct(struct buf *b, struct ratio r)
{
	char tmp[16];

	buf_adds(b, ratio_format_pct(r, tmp, sizeof(tmp)));
}

/* "6月底85%的目标", "9月底前全部开工的目标"; counts: "全年目标70个",
 * "9月底目标30个". */
static void target_noun(struct buf *b, const struct target *t)
{
	int y, m, d;

	if (measure_info[t->measure].kind != MK_RATE) {
		day_to_ymd(t->due, &y, &m, &d);
		if (m == 12 && d == 31)
			buf_adds(b, "全年");
		else
			due_phrase(b, t->due);
		buf_addf(b, "目标%lld个", (long long)t->value);
		return;
	}
	due_phrase(b, t->due);
	if (t->measure == M_START_RATE && t->value >= 10000) {
		buf_adds(b, "前全部开工的目标");
		return;
	}
	target_pct(b, t->value);
	buf_adds(b, "的目标");
}

/* After "开工率71.3%": how the rate stands against its target. Every clause
 * follows the status target_evaluate gave (core/targets.h), the one Table 3
 * shows, so the two never disagree, on the due date itself least of all. */
static void rate_clause(struct buf *b, const struct target_ref *r, bl_day asof)
{
	const struct target *t = r->t;
	const struct target_eval *e = &r->ev;
	int64_t gap;

	switch (e->status) {
	case TS_MET:
		buf_adds(b, asof >= t->due ? "，完成" : "，提前完成");
		target_noun(b, t);
		return;
	case TS_MISSED:
		buf_adds(b, "，未完成");
		target_noun(b, t);
		if (!e->has_actual)
			return;
		buf_adds(b, "（");
		due_phrase(b, t->due);
		buf_adds(b, "时为");
		pct(b, e->rate);
		buf_adds(b, "）");
		return;
	default:
		break;
	}
	if (!e->has_actual) {
		buf_adds(b, "，");
		target_noun(b, t);
		buf_adds(b, "暂无可比数据");
		return;
	}
	buf_adds(b, "，距");
	target_noun(b, t);
	if (t->measure == M_START_RATE && t->value >= 10000) {
		buf_addf(b, "尚有%lld个项目未开工", (long long)(e->rate.den - e->rate.num));
		return;
	}
	gap = ratio_points_diff((struct ratio){ t->value, 10000 }, e->rate);
	if (gap > 0) {
		buf_adds(b, "还差");
		points_text(b, gap, 0);
		buf_adds(b, "个百分点");
	} else {
		buf_adds(b, "还差不到0.1个百分点");
	}
}

/* "N个，已开工M个，开工率X%" (or "已全部开工", "尚未开工") and its target. */
static void start_phrase(struct buf *b, const struct measures *m, const struct target_ref *r,
			 bl_day asof)
{
	buf_addf(b, "%lld个", (long long)m->projects);
	if (m->start_rate.num == m->projects) {
		buf_adds(b, "，已全部开工");
	} else if (m->start_rate.num == 0) {
		buf_adds(b, "，尚未开工");
	} else {
		buf_addf(b, "，已开工%lld个，开工率", (long long)m->start_rate.num);
		pct(b, m->start_rate);
	}
	if (!r->t)
		return;
	if (r->t->industrial) {
		buf_adds(b, "，其中产业项目开工率");
		if (!r->ev.has_actual) {
			buf_adds(b, "暂无可比数据");
			return;
		}
		if (r->ev.status == TS_MISSED || (r->ev.status == TS_MET && asof >= r->t->due)) {
			/* judged at the due date: say so, and the status then */
			buf_adds(b, "截至");
			due_phrase(b, r->t->due);
			buf_adds(b, "为");
			pct(b, r->ev.rate);
			buf_adds(b, r->ev.status == TS_MET ? "，完成" : "，未完成");
			target_pct(b, r->t->value);
			buf_adds(b, "的目标");
			return;
		}
		pct(b, r->ev.rate);
	}
	rate_clause(b, r, asof);
}

/* "新开工项目33个，为全年目标70个的47.1%，落后序时进度2个", or
 * "暂无竣工项目（全年目标46个，序时进度应达23个）". */
static void count_sentence(struct buf *b, const char *label, int64_t actual,
			   const struct target_ref *r)
{
	const struct target *t = r->t;
	int64_t exp = r->ev.expected;

	if (!t || t->value <= 0) {
		if (actual)
			buf_addf(b, "%s%lld个", label, (long long)actual);
		else
			buf_addf(b, "暂无%s", label);
		return;
	}
	if (!actual && r->ev.status != TS_MISSED) {
		buf_addf(b, "暂无%s（", label);
		target_noun(b, t);
		if (exp > 0 && r->ev.status != TS_MET)
			buf_addf(b, "，序时进度应达%lld个", (long long)exp);
		buf_adds(b, "）");
		return;
	}
	buf_addf(b, "%s%lld个", label, (long long)actual);
	if (r->ev.status == TS_MET) {
		buf_adds(b, actual == t->value ? "，完成" : "，超额完成");
		target_noun(b, t);
		return;
	}
	buf_adds(b, "，为");
	target_noun(b, t);
	buf_adds(b, "的");
	pct(b, (struct ratio){ actual, t->value });
	if (r->ev.status == TS_MISSED) /* short by what it was on the due date */
		buf_addf(b, "，差%lld个未完成目标", (long long)(t->value - r->ev.actual));
	else if (actual > exp)
		buf_addf(b, "，超序时进度%lld个", (long long)(actual - exp));
	else if (actual == exp)
		buf_adds(b, "，与序时进度持平");
	else
		buf_addf(b, "，落后序时进度%lld个", (long long)(exp - actual));
}

static void months_phrase(struct buf *b, int n)
{
	if (n == 1)
		buf_adds(b, "1月");
	else
		buf_addf(b, "1—%d月", n);
}

static void para_starts(const struct bulletin *b, struct buf *out)
{
	size_t ns = b->lists[PL_STARTED_MONTH].n, nc = b->lists[PL_COMPLETED_MONTH].n;
	int t, any = 0;

	buf_addf(out, "截至%d月底，全区列入%d年计划的区级以上重大项目", b->n_months, b->year);
	start_phrase(out, &b->all, &b->start_target, b->asof);
	buf_adds(out, "。");
	for (t = 0; t < TIER__MAX; t++) {
		if (!b->tiers[t].projects)
			continue;
		buf_adds(out, any ? "；" : "其中，");
		buf_adds(out, tier_names[t]);
		start_phrase(out, &b->tiers[t], &b->tier_target[t], b->asof);
		any = 1;
	}
	if (any)
		buf_adds(out, "。");
	buf_adds(out, "今年以来");
	count_sentence(out, "新开工项目", b->all.new_starts, &b->new_starts_target);
	buf_adds(out, "；");
	count_sentence(out, "竣工项目", b->all.completions, &b->completions_target);
	buf_adds(out, "。");
	if (ns && nc)
		buf_addf(out, "%d月份新开工项目%zu个、竣工项目%zu个。", b->n_months, ns, nc);
	else if (ns)
		buf_addf(out, "%d月份新开工项目%zu个。", b->n_months, ns);
	else if (nc)
		buf_addf(out, "%d月份竣工项目%zu个。", b->n_months, nc);
	else
		buf_addf(out, "%d月份无新开工和竣工项目。", b->n_months);
	buf_addch(out, '\n');
}

static void para_investment(const struct bulletin *b, struct buf *out)
{
	const struct measures *m = &b->all;
	struct ratio done = { m->investment_yuan, m->annual_plan_yuan };
	int64_t diff;

	months_phrase(out, b->n_months);
	buf_adds(out, "，重大项目累计完成投资");
	money_phrase(out, m->investment_yuan);
	if (m->annual_plan_yuan > 0) {
		buf_adds(out, "，占年度计划投资");
		money_phrase(out, m->annual_plan_yuan);
		buf_adds(out, "的");
		pct(out, done);
		diff = ratio_points_diff(done, b->pace);
		if (diff == 0) {
			buf_adds(out, "，与序时进度持平");
		} else {
			buf_adds(out, diff > 0 ? "，高于序时进度（" : "，低于序时进度（");
			pct(out, b->pace);
			buf_adds(out, "）");
			points_text(out, diff, 0);
			buf_adds(out, "个百分点");
		}
	} else {
		buf_adds(out, "，年度计划投资尚未填报，完成率暂无可比数据");
	}
	if (b->reports_month > 0) {
		buf_addf(out, "；其中%d月份完成投资", b->n_months);
		money_phrase(out, b->month_invest);
		buf_addf(out, "（%lld个项目报送月报）", (long long)b->reports_month);
	} else if (b->reports_owed > 0) {
		buf_addf(out, "；%d月份月报尚未报送，当月投资数据暂缺", b->n_months);
	}
	buf_adds(out, "。\n");
}

static void para_rates(const struct bulletin *b, struct buf *out)
{
	static const enum measure_key five[] = {
		M_FILING_RATE, M_START_RATE_OF_FILED, M_INVESTMENT_COMPLETION,
		M_PRODUCTION_RATE, M_CAPACITY_RATE,
	};
	struct buf undef = BUF_INIT;
	size_t i, n_def = 0;

	buf_adds(out, "“五率”方面，");
	for (i = 0; i < sizeof(five) / sizeof(five[0]); i++) {
		struct ratio r;

		measure_value(&b->all, five[i], &r, NULL);
		if (!r.den) {
			buf_addf(&undef, "%s%s", undef.len ? "、" : "", measure_info[five[i]].label_zh);
			continue;
		}
		buf_addf(out, "%s%s", n_def++ ? "，" : "", measure_info[five[i]].label_zh);
		pct(out, r);
	}
	if (undef.len)
		buf_addf(out, "%s%s暂无可比数据", n_def ? "；" : "", undef.s);
	buf_adds(out, "。");
	if (b->lights[LIGHT_RED] && b->lights[LIGHT_YELLOW])
		buf_addf(out, "目前红灯预警项目%zu个、黄灯预警项目%zu个。", b->lights[LIGHT_RED],
			 b->lights[LIGHT_YELLOW]);
	else if (b->lights[LIGHT_RED])
		buf_addf(out, "目前红灯预警项目%zu个，无黄灯预警项目。", b->lights[LIGHT_RED]);
	else if (b->lights[LIGHT_YELLOW])
		buf_addf(out, "目前无红灯预警项目，黄灯预警项目%zu个。", b->lights[LIGHT_YELLOW]);
	else
		buf_adds(out, "目前无红灯、黄灯预警项目。");
	buf_addch(out, '\n');
	buf_release(&undef);
}

/* "A、B、C" of the entries carrying role bits. */
static size_t names_with(const struct contest_round *r, unsigned role, struct buf *out)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_ranked; i++)
		if (r->entries[i].roles & role)
			buf_addf(out, "%s%s", n++ ? "、" : "", r->entries[i].name);
	return n;
}

static void para_contest(const struct bulletin *b, struct buf *out)
{
	static const char *const talk_counts[] = { "", "末位", "后两位", "后三位" };
	const struct contest_round *r = &b->round;
	struct buf flags = BUF_INIT, talk = BUF_INIT, none = BUF_INIT;
	struct cell score = { 0 };
	size_t i, n_flag, n_talk;

	for (i = r->n_ranked; i < r->n; i++)
		buf_addf(&none, "%s%s", none.len ? "、" : "", r->entries[i].name);
	if (!r->n_ranked) {
		buf_addf(out, "%d月份暂无参与比武打擂的板块", b->n_months);
	} else {
		score.kind = CELL_SCORE;
		score.v = r->entries[0].score;
		buf_addf(out, "%d月份比武打擂，%s以", b->n_months, r->entries[0].name);
		cell_format(&score, out);
		buf_adds(out, "分位列第一，成为本月擂主");
		n_flag = names_with(r, CONTEST_RED_FLAG, &flags);
		if (n_flag == 1)
			buf_adds(out, "并获得流动红旗");
		else if (n_flag > 1)
			buf_addf(out, "；%s获得流动红旗", flags.s);
		n_talk = names_with(r, CONTEST_TALK, &talk);
		if (n_talk)
			buf_addf(out, "；%s综合得分排名%s，将予以约谈", talk.s,
				 talk_counts[n_talk > 3 ? 3 : n_talk]);
	}
	buf_adds(out, "。");
	if (none.len)
		buf_addf(out, "%s暂无列入计划的项目，不参与排名。", none.s);
	buf_addch(out, '\n');
	buf_release(&flags);
	buf_release(&talk);
	buf_release(&none);
}

void bulletin_summary(const struct bulletin *b, struct buf *out)
{
	if (!b->all.projects) {
		buf_addf(out, "截至%d月底，全区暂无列入%d年计划的重大项目，各项指标暂无可比数据。\n",
			 b->n_months, b->year);
		return;
	}
	para_starts(b, out);
	para_investment(b, out);
	para_rates(b, out);
	para_contest(b, out);
}

void bulletin_requirements(const struct bulletin *b, struct buf *out)
{
	size_t red = b->lights[LIGHT_RED], filed = b->lists[PL_FILED_NOT_STARTED].n;

	buf_adds(out, "各板块、各责任部门要对照年度目标任务，倒排工期、挂图作战");
	if (red)
		buf_addf(out, "；对%zu个红灯预警项目，挂钩领导和责任单位要逐一研究解决措施，限期销号",
			 red);
	if (filed)
		buf_addf(out, "；对%zu个备案未开工项目，加快办理开工前置手续，推动尽早开工", filed);
	if (b->lists[PL_OVERDUE].n)
		buf_addf(out, "；对%zu个逾期未开工、未竣工项目，明确责任人和完成时限",
			 b->lists[PL_OVERDUE].n);
	if (b->n_overdue)
		buf_addf(out, "；对%zu项逾期督办事项，责任单位要限期办结，逾期未办结的逐级提级督办",
			 b->n_overdue);
	if (b->all.annual_plan_yuan > 0 &&
	    ratio_points_diff((struct ratio){ b->all.investment_yuan, b->all.annual_plan_yuan },
			      b->pace) < 0)
		buf_adds(out, "；投资进度低于序时的板块要查找原因，加快形成实物工作量");
	buf_addf(out, "。请各板块于%d月10日前报送本月项目进展月报。\n",
		 b->n_months == 12 ? 1 : b->n_months + 1);
}
