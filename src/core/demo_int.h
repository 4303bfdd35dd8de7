/* demo_int.h — what demo.c (projects and their histories) and demo_year.c (the
 * year's reports, targets and indicator series) share: the PRNG, the generator's
 * per-project plan and its state. Private to the demo generator. */
#ifndef BL_DEMO_INT_H
#define BL_DEMO_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/demo_names.h"

#define WAN 10000 /* yuan per 万元 */

/* xoshiro256** seeded by splitmix64. Each (seed, stream) pair is a sequence
 * of its own, so draws for one purpose never shift another's. */
struct rng {
	uint64_t s[4];
};
void demo_rng_init(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t demo_rng_next(struct rng *r);
/* Uniform in [lo, hi]; lo when hi <= lo. */
int64_t demo_rng_range(struct rng *r, int64_t lo, int64_t hi);
/* 1 with probability permille / 1000. */
int demo_rng_chance(struct rng *r, int permille);
/* An index in [0, n) drawn with the given weights (their sum > 0). */
int demo_rng_weighted(struct rng *r, const int *w, int n);

/* The streams: project i's for one purpose (S_*), and the few shared ones. */
#define STREAM(i, purpose) ((uint64_t)((i) + 1) * 8 + (purpose))
enum { S_TIMELINE = 1, S_AMOUNTS, S_IDENTITY, S_REPORTS, S_PROBLEMS, S_LAST_YEAR,
       S_MAP /* ui14: a project's place on the map (demo_map.c) */ };
#define STREAM_SHARED 0
#define STREAM_INDICATORS 2
#define STREAM_OWNER(k) ((uint64_t)0x100000 + (uint64_t)(k))

/* Split total into n parts proportional to w (each >= 0, one > 0) by the
 * largest remainder, so that the parts sum to total exactly. */
void demo_apportion(const int64_t *w, size_t n, int64_t total, int64_t *out);

/* Generator ids of the units (demo.h): 1 city, 2 district, the sections, then
 * the departments. */
#define UNIT_CITY_ID 1
#define UNIT_DISTRICT_ID 2
#define SECTION_ID(s) (3 + (int64_t)(s))
#define DEPT_ID(d) (3 + DEMO_N_SECTIONS + (int64_t)(d))

/* Who is on which list: a provincial project is on the city and district lists
 * too; city infrastructure is not on the district's list of industrial ones. */
enum group { G_PROVINCE, G_CITY, G_INFRA, G_DISTRICT, G__MAX };

/* How a project fares: continuing (started before DEMO_YEAR), or a new start
 * that comes on time, a little late, much later, or not within the year. */
enum fate { F_CONT, F_ONTIME, F_LATE_SMALL, F_LATE_BIG, F_FAIL };

enum size { SIZE_UPGRADE, SIZE_MEDIUM, SIZE_BIG }; /* 技改 (no new land), … */

/* What the generator knows about a project beyond struct project. */
struct plan {
	enum group group;
	unsigned tiers;            /* TIER_BIT()s of its DEMO_YEAR listing */
	int is_new;
	enum fate fate;
	int section;               /* index into demo_sections */
	enum demo_industry industry;
	enum size size;
	int stalled;               /* 0, or 1 and 2 for the two stalled projects */
	int slow_production, showcase, has_month_plan;
	int long_filed;            /* a F_FAIL project filed long ago */
	int due_in_year;           /* continuing, planned to complete in DEMO_YEAR */
	int perf;                  /* investment against plan, permille */
	int start_month;           /* planned start month (1-12) when new */
	int flagship;              /* index into demo_flagships, or -1 */
	int64_t order_key;
	bl_day planned_start, planned_completion, planned_production;
	bl_day on[STAGE__MAX];     /* the whole history, before the cut at asof */
	bl_day land_on, permit_on;
	int64_t total_wan, annual_wan;
	int64_t month_wan[12];     /* the plan by month (the listing's when it has one) */
	int64_t capacity_wan;      /* 达产产值 per year, 万元; 0 when not industrial */
	int64_t land, energy;      /* as struct project: 1/10000 亩, 1/10000 吨标煤 */
};

struct gen {
	uint64_t seed;
	bl_day asof;
	struct rng rng;            /* the shared stream: layout, fates, names */
	struct plan *plans;        /* plans[i] is out->projects[i] */
	size_t n;
	struct demo_data *out;
};

/* One spell of a problem (存在问题) over months from..to of the year (0-11);
 * text NULL: none. demo_year.c draws it for project i whose first report is
 * month first_k, the same whatever asof is. */
struct episode {
	int from, to;
	const char *text;
};
void demo_problem_episode(const struct gen *g, size_t i, int first_k, struct episode *e);

/* demo_items.c: append to g->out the supervision items, cut at g->asof. */
void demo_gen_items(struct gen *g);
void demo_items_release(struct demo_data *d);

/* demo_guarantees.c: append to g->out the element needs and supplies and
 * the demolition task books with their progress, cut at g->asof. */
void demo_gen_guarantees(struct gen *g);
void demo_guarantees_release(struct demo_data *d);
/* demo_sharing.c: set some district-attracted projects' landing dates and
 * append their tax records and the fund registry, cut at g->asof. */
void demo_gen_sharing(struct gen *g);
void demo_sharing_release(struct demo_data *d);

/* demo_names.c: fill g->out's projects and listings from g->plans, cut at
 * g->asof, with names, companies and codes. */
void demo_gen_projects(struct gen *g);

/* demo_year.c: append to g->out the monthly reports of the started projects,
 * the year's targets with the sections' task books, and the indicator series. */
void demo_gen_reports(struct gen *g);
void demo_gen_targets(struct gen *g);
void demo_gen_indicators(struct gen *g);

/* ui14: project i's longitude and latitude inside the demo boundary, near
 * its section's centre (demo_map.c). */
void demo_place(uint64_t seed, size_t i, int section, int64_t *lng, int64_t *lat);

#endif
