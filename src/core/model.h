/* model.h — the domain's data: units, projects, listings, reports, targets.
 * Plain structs shared by core (which computes), store (which persists) and io
 * (which parses). DOMAIN.md §2–§5. Strings are owned by the struct (NULL means
 * absent) and freed by the matching *_release(). */
#ifndef BL_MODEL_H
#define BL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

/* An absent integer amount (money, area, energy). */
#define AMOUNT_NONE INT64_MIN

/* The largest amount ballast accepts anywhere: 10^15 yuan (1000 万亿元, 10^11
 * 万元), far above any project's or district's money (the whole country's
 * yearly output is about 1.3 × 10^14 yuan) and far below INT64_MAX, so that a
 * sum of thousands of amounts stays exact. Areas and energy (1/10000 亩, 1/10000
 * 吨标煤) share the bound. */
#define AMOUNT_MAX INT64_C(1000000000000000)

/* The one check every entry path (import cells, JSON bodies) applies to an
 * amount: NULL when 0 <= v <= AMOUNT_MAX, else a short static English reason
 * ("must not be negative", "out of range: …"). AMOUNT_NONE is not an amount:
 * callers test for absence first. */
const char *amount_problem(int64_t v);
/* *sum += v, checked: on overflow *sum saturates at INT64_MAX (-INT64_MAX for
 * a negative v, never AMOUNT_NONE) and -1 is returned, else 0. Every sum of amounts in core, io,
 * http and report goes through here, so bad stored data can never wrap a total
 * negative. */
static inline int amount_add(int64_t *sum, int64_t v)
{
	/* Inline: the measures add every month of every project (model.c once
	 * had it out of line; a city's breakdown spent a sixth of its time in
	 * the call). */
	if (__builtin_add_overflow(*sum, v, sum)) {
		*sum = v < 0 ? -INT64_MAX : INT64_MAX;
		return -1;
	}
	return 0;
}

/* ---- units (DOMAIN.md §2) ---- */

enum unit_kind {
	UNIT_CITY,       /* 市 */
	UNIT_DISTRICT,   /* 区 */
	UNIT_SECTION,    /* 板块 */
	UNIT_STREET,     /* 街道 */
	UNIT_DEPARTMENT, /* 部门 */
	UNIT_KIND__MAX
};
extern const char *const unit_kind_keys[UNIT_KIND__MAX];   /* "city", … */
extern const char *const unit_kind_labels[UNIT_KIND__MAX]; /* "市", … */

struct unit {
	int64_t id;        /* database id; 0 before it is stored */
	char *code;        /* the user's unique code */
	char *name;
	enum unit_kind kind;
	int64_t parent_id; /* 0 for a root */
	int64_t version;
};

/* ---- projects (DOMAIN.md §3) ---- */

enum tier {
	TIER_PROVINCE, /* 省重大项目 */
	TIER_CITY,     /* 市重大项目 */
	TIER_DISTRICT, /* 区重大项目 */
	TIER__MAX
};
#define TIER_BIT(t) (1u << (t))
#define TIER_ANY (-1)
extern const char *const tier_keys[TIER__MAX];   /* "province", "city", "district" */
extern const char *const tier_labels[TIER__MAX]; /* "省", "市", "区" */
extern const char *const tier_names[TIER__MAX];  /* "省重大项目", … */

/* The lifecycle stages that carry a date, in order (reserve 储备 has none). */
enum stage {
	STAGE_SIGNED,     /* 签约 */
	STAGE_FILED,      /* 备案 */
	STAGE_STARTED,    /* 开工 */
	STAGE_COMPLETED,  /* 竣工 */
	STAGE_PRODUCTION, /* 投产 */
	STAGE_CAPACITY,   /* 达产 */
	STAGE__MAX
};
extern const char *const stage_keys[STAGE__MAX];   /* "signed", … */
extern const char *const stage_labels[STAGE__MAX]; /* "签约", … */

enum attracted {
	ATTRACTED_NONE,     /* not recorded */
	ATTRACTED_DISTRICT, /* 区级 */
	ATTRACTED_STREET,   /* 街道 */
	ATTRACTED__MAX
};
extern const char *const attracted_keys[ATTRACTED__MAX];   /* "", "district", "street" */
extern const char *const attracted_labels[ATTRACTED__MAX]; /* "", "区级", "街道" */

struct project {
	int64_t id;            /* database id; 0 before it is stored */
	char *ref;             /* 项目编号, required, unique */
	char *name;            /* 项目名称, required */
	char *code;            /* 项目代码 */
	char *company;         /* 建设单位 */
	char *uscc;            /* 统一社会信用代码 */
	char *leader;          /* 挂钩领导 (a name) */
	char *industry;        /* 产业链 */
	char *commando;        /* 党员突击队 */
	int64_t section_id;    /* unit id, required */
	int64_t department_id; /* unit id, 0 when none */
	int industrial;        /* 产业项目: 1 yes, 0 no */
	enum attracted attracted_by;
	int64_t total_investment; /* yuan, or AMOUNT_NONE */
	int64_t capacity;         /* 达产产值, yuan per year, or AMOUNT_NONE */
	int64_t land_mu;          /* 用地, in 1/10000 亩, or AMOUNT_NONE */
	int64_t energy_tce;       /* 用能, in 1/10000 吨标煤, or AMOUNT_NONE */
	bl_day planned_start, planned_completion, planned_production; /* or DAY_NONE */
	bl_day stage_on[STAGE__MAX]; /* actual date of each stage, or DAY_NONE */
	bl_day land_on, permit_on;   /* 拿地, 施工许可, or DAY_NONE */
	int64_t lng, lat;            /* 经度, 纬度 in millionths of a degree (e.g.
	                              * 120.353456° is 120353456), or COORD_NONE */
	bl_day landed_on;            /* 落户 (revenue sharing, core/sharing.h), or DAY_NONE */
	int64_t version;
};

/* An absent coordinate. */
#define COORD_NONE INT64_MIN
/* Issue #14 item 10: the check every entry path applies to a coordinate in
 * millionths of a degree: NULL when it is a longitude within ±180° (lat 0) or
 * a latitude within ±90° (lat 1), else a short static English reason.
 * COORD_NONE is not a coordinate: callers test for absence first. */
const char *coord_problem(int64_t v, int lat);

/* A project with every field absent (ids 0, dates DAY_NONE, amounts AMOUNT_NONE). */
void project_init(struct project *p);
/* Free p's strings and re-initialise it. */
void project_release(struct project *p);
/* Deep copy of src into dst (dst is overwritten, not released). */
void project_copy(struct project *dst, const struct project *src);

/* DOMAIN.md §3: the date the project reached stage k — the earliest date
 * recorded for k or any later stage; DAY_NONE when none is. */
bl_day project_reached(const struct project *p, enum stage k);
/* 1 when the recorded stage dates never go backwards along the stages; else 0
 * and *bad (may be NULL) is the first stage whose date is earlier than an
 * earlier stage's. */
int project_stages_ordered(const struct project *p, enum stage *bad);

/* ---- listings: a project on a year's list (DOMAIN.md §3) ---- */

struct listing {
	int64_t project_id;
	int year;
	unsigned tiers;          /* TIER_BIT()s; at least one */
	int64_t annual_plan;     /* 年度计划投资, yuan, or AMOUNT_NONE */
	int has_month_plan;      /* month_plan is given */
	int64_t month_plan[12];  /* yuan, January first; sums to annual_plan */
	int64_t version;
};

/* ---- monthly reports (月度填报) ---- */

enum report_status {
	REPORT_DRAFT,     /* 草稿 */
	REPORT_SUBMITTED, /* 已提交 */
	REPORT_VERIFIED,  /* 已核实 */
	REPORT_RETURNED,  /* 已退回 */
	REPORT_STATUS__MAX
};
extern const char *const report_status_keys[REPORT_STATUS__MAX];
/* DOMAIN.md §3 "What counts": 1 when a report whose status key is s counts in
 * the figures — submitted or verified; a draft too in the office's view with
 * drafts (with_drafts); never a returned one, nor a status this binary does
 * not know (NULL included). The one place this rule is written: every store
 * backend's dataset loader asks here. */
int report_status_counts(const char *s, int with_drafts);
/* Given as a report's status to store_report_put: keep the stored status
 * (a new report is submitted; a changed verified or returned one goes back to
 * submitted, since its new values need verifying). */
#define REPORT_STATUS_KEEP REPORT_STATUS__MAX

struct report {
	int64_t project_id;
	bl_month month;
	int64_t invest;   /* 本月完成投资, yuan, or AMOUNT_NONE */
	int64_t output;   /* 本月产值, yuan, or AMOUNT_NONE */
	char *progress;   /* 形象进度 */
	char *problems;   /* 存在问题 */
	enum report_status status;
	int64_t version;
};
void report_release(struct report *r);
/* What a report lacks to be submitted: "invest" when this month's investment
 * is blank (0 is an amount, blank is not: a section states it), else NULL.
 * Decision (issue #14): a submit skips such a report and says why. */
const char *report_incomplete(const struct report *r);

/* ---- measures and targets (DOMAIN.md §4, §5) ---- */

enum measure_key {
	M_FILING_RATE,           /* 签约项目备案率 */
	M_START_RATE_OF_FILED,   /* 备案项目开工率 */
	M_INVESTMENT_COMPLETION, /* 开工项目投资完成率 */
	M_PRODUCTION_RATE,       /* 竣工项目投产率 */
	M_CAPACITY_RATE,         /* 项目最终产能达效率 */
	M_START_RATE,            /* 开工率 */
	M_DUE_START_ATTAINMENT,  /* 应开尽开率 */
	M_NEW_STARTS,            /* 新开工数 */
	M_COMPLETIONS,           /* 竣工数 */
	M_INVESTMENT,            /* 完成投资 (yuan) */
	M_ANNUAL_PLAN,           /* 年度计划投资 (yuan), sum over P */
	/* Indicators ballast does not compute: monthly actuals are entered. */
	M_FIXED_ASSET_INVESTMENT,      /* 固定资产投资 (yuan, year to date) */
	M_INDUSTRIAL_INVESTMENT,       /* 工业投资 (yuan, year to date) */
	M_INDUSTRIAL_VALUE_ADDED_GROWTH, /* 规上工业增加值增速 (rate, ten-thousandths) */
	M_INDUSTRIAL_FUNDS,            /* 新增产业基金数 (count) */
	M_INDUSTRIAL_FUNDS_CAPITAL,    /* 新增产业基金注册资本 (yuan) */
	/* Demolition task books (征拆任务书, core/demolition_target.h): computed
	 * from the tasks and their progress reports, not from the projects.
	 * h-demotarget. */
	M_DEMOLITION_AREA,             /* 征拆面积 (㎡) */
	M_DEMOLITION_HOUSEHOLDS,       /* 征拆户数 (户) */
	MEASURE__MAX
};
#define M_FIRST_INDICATOR M_FIXED_ASSET_INVESTMENT /* … up to M_INDUSTRIAL_FUNDS_CAPITAL */

enum measure_kind {
	MK_RATE,  /* num/den; a target value is in ten-thousandths (8500 = 85 %) */
	MK_COUNT, /* a whole number */
	MK_MONEY  /* integer yuan */
};

/* How a target on the measure stands before its due date (DOMAIN.md §5). */
enum measure_course {
	MC_CUMULATIVE, /* counts and cumulative sums, which only grow: compared with
	                * value × the elapsed share of the period (序时); met as
	                * soon as reached */
	MC_SHARE,      /* the rates of §4 (shares of the listed projects or of the
	                * plan): compared with the value itself; met when reached */
	MC_LEVEL,      /* a stock (a planned total, 年度计划投资) or a rate that can
	                * fall again (a growth rate, 增加值增速): compared with the
	                * value itself, on track or at risk until the due date,
	                * never met before it */
};

struct measure_info {
	const char *key;      /* JSON / CLI key, e.g. "filing_rate", "investment_yuan" */
	const char *label_zh; /* "签约项目备案率" */
	const char *label_en; /* "filing rate" */
	enum measure_kind kind;
	int indicator;        /* 1: entered as a series, not computed */
	enum measure_course course;
};
extern const struct measure_info measure_info[MEASURE__MAX];
/* The measure whose key or Chinese label is s; -1 when none. */
int measure_from_key(const char *s);

struct target {
	int64_t id;
	int year;
	enum measure_key measure;
	int tier;              /* enum tier, or TIER_ANY */
	int64_t section_id;    /* unit id (subtree), 0 = all */
	int64_t department_id; /* unit id, 0 = all */
	int industrial;        /* 1: industrial projects only */
	bl_day due;
	int64_t value;         /* rate: ten-thousandths; count; money: yuan */
	int64_t version;
};

/* One month's actual of an indicator (the statistics bureau's year-to-date
 * figure for that month), for a unit (0 = the whole instance). */
struct indicator_value {
	enum measure_key measure; /* >= M_FIRST_INDICATOR */
	int64_t unit_id;
	bl_month month;
	int64_t value;            /* as struct target.value */
};

/* An indicator value as entered (INTERFACES.md "Files", indicators): the
 * figure and where it came from. Strings owned (NULL: absent); release with
 * indicator_entry_release(). */
struct indicator_entry {
	struct indicator_value v;
	char *source;    /* 来源, e.g. 区统计局 */
	char *note;      /* 备注 */
	int64_t version; /* 1 when new, +1 on every change */
};
void indicator_entry_release(struct indicator_entry *e);

/* ---- the data one year's computations need ---- */

/* What a project reported in the dataset's year and the year before. */
struct year_reports {
	int64_t invest[12];   /* yuan per month of the year; 0 where not reported */
	int64_t output[12];
	uint32_t reported;    /* bit m-1: a report that counts exists for month m
	                       * of the year; bit 12+m-1: for month m of the
	                       * previous year. DOMAIN.md §3: only submitted and
	                       * verified reports count (and drafts in the
	                       * labelled view with drafts, DS_DRAFTS) */
	uint32_t uncounted;   /* the same bits for a report that exists but does
	                       * not count: a draft or a returned report; its
	                       * amounts are not in invest[] and output[] */
};

struct item_track; /* core/items.h */
struct fund_book;  /* core/funds_view.h */
struct demolition_book; /* core/demolition.h */
struct supply;     /* core/guarantees.h */

/* Everything the measures, targets and warnings of one year read. Filled by the
 * store (store_load_dataset), or by hand in tests. The arrays projects,
 * listings and reports are parallel: entry i of each is about project i, and
 * holds only projects listed in the year. Released by dataset_release(). */
/* A signed lead as the section contest reads it (h-talent): the unit that
 * follows it (a section or street), the day it was signed and its intended
 * investment in yuan (AMOUNT_NONE: absent, counts 0). */
struct lead_signing {
	int64_t followed_by;
	bl_day signed_on;
	int64_t amount;
};

struct dataset {
	int year;
	struct unit *units;
	size_t n_units;
	struct project *projects;
	struct listing *listings;
	struct year_reports *reports;
	size_t n_projects;
	struct target *targets;
	size_t n_targets;
	struct indicator_value *indicators;
	size_t n_indicators;
	/* The supervision items of the projects above (督办事项, core/items.h),
	 * by id, each with its history, so that they can be judged as of any
	 * day (the overdue-item warning, the bulletin's 逾期事项). */
	struct item_track *items;
	size_t n_items;
	/* The fund applications (政策兑现, core/funds_view.h) with their policies
	 * and the working-day calendar, for the fund-step warning; NULL: none.
	 * own_funds is the book the dataset frees (the store's load), else the
	 * book is someone else's (the server's snapshot). h-funds. */
	const struct fund_book *funds;
	struct fund_book *own_funds;
	/* The demolition tasks and progress reports (征拆任务书, every year),
	 * for the demolition targets; NULL: none. own_demolition as own_funds.
	 * h-demotarget. */
	const struct demolition_book *demolition;
	struct demolition_book *own_demolition;
	/* The signed leads of the pool (招商线索 签约, core/leads.h) as the
	 * contest's signed-investment part reads them (core/scoring.c); NULL:
	 * none. own_signings is what the dataset frees (the store's load), else
	 * they are the server's snapshot's. h-talent. */
	const struct lead_signing *signings;
	size_t n_signings;
	struct lead_signing *own_signings;
	/* Every supplies row (要素保障 needs and events, core/guarantees.h) of
	 * every year, for the element-wait warning; own_supplies (n_own_supplies
	 * rows) is what the dataset frees (the store's load), else the rows are
	 * the server's snapshot's. h-wait. */
	const struct supply *supplies;
	size_t n_supplies;
	struct supply *own_supplies;
	size_t n_own_supplies;
	/* Built by dataset_index(): units sorted by id, for lookups, and when
	 * the ids are dense (as the store's are) a table indexed by id
	 * (unit_at[id], NULL: none; n_unit_at entries), which spares the
	 * binary search in the per-project walks up the unit tree. */
	struct unit **unit_by_id;
	struct unit **unit_at;
	size_t n_unit_at;
	/* 1 when the arrays belong to someone else (the server's snapshot,
	 * src/snap): dataset_release then only forgets them. */
	int borrowed;
};

/* Build the lookup index after the arrays are filled; call once. */
void dataset_index(struct dataset *ds);
/* The unit with this id, or NULL. Needs dataset_index() once there are units. */
const struct unit *dataset_unit(const struct dataset *ds, int64_t id);
/* 1 when unit id lies in the subtree rooted at root (root itself included). */
int dataset_in_subtree(const struct dataset *ds, int64_t id, int64_t root);
/* The code / name of unit id (0: none) of ds, or none when there is no such
 * unit or it lacks one. */
const char *dataset_unit_code(const struct dataset *ds, int64_t id, const char *none);
const char *dataset_unit_name(const struct dataset *ds, int64_t id, const char *none);
/* The unit of ds with this code, else with this name when exactly one unit
 * has it; NULL when none. */
const struct unit *dataset_find_unit(const struct dataset *ds, const char *code);
/* Free everything the dataset owns (nothing when it is borrowed) and zero it. */
void dataset_release(struct dataset *ds);

#endif
