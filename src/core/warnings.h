/* warnings.h — red/yellow warnings (预警) of DOMAIN.md §6 over projects,
 * listings, monthly reports and supervision items: start overdue, filed not
 * started, investment lag, completion overdue, report missing, supervision
 * item overdue; each with a Chinese sentence giving the numbers, and each
 * project's light (the worst). */
#ifndef BL_WARNINGS_H
#define BL_WARNINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"

enum warning_rule {
	WR_START_OVERDUE,      /* 逾期未开工 */
	WR_FILED_NOT_STARTED,  /* 备案未开工 */
	WR_INVESTMENT_LAG,     /* 投资滞后 */
	WR_COMPLETION_OVERDUE, /* 逾期未竣工 */
	WR_REPORT_MISSING,     /* 月报缺报 */
	WR_ITEM_OVERDUE,       /* 督办事项逾期: red, no threshold (DOMAIN.md §6) */
	WR_FUND_OVERDUE,       /* 超期未兑现: a fund step of an application on the
	                        * project past its limit in working days; red
	                        * (DOMAIN.md §6; h-funds) */
	WR_ELEMENT_WAIT,       /* 要素保障等待: a land or energy need short more
	                        * than guarantees.wait_days (core/guarantees.h);
	                        * yellow (DOMAIN.md §7; h-wait) */
	WR__MAX
};
extern const char *const warning_rule_keys[WR__MAX];   /* "start_overdue", … */
extern const char *const warning_rule_labels[WR__MAX]; /* "逾期未开工", … */

enum light {
	LIGHT_GREEN,  /* 绿灯: no warning */
	LIGHT_YELLOW, /* 黄灯 */
	LIGHT_RED,    /* 红灯 */
	LIGHT__MAX
};
extern const char *const light_keys[LIGHT__MAX];   /* "green", "yellow", "red" */
extern const char *const light_labels[LIGHT__MAX]; /* "绿", "黄", "红" */

/* How the investment-lag rule judges (DOMAIN.md §6: the form is a setting). */
enum lag_form {
	LAG_RATIO,  /* invest ÷ plan-to-date below a percentage */
	LAG_POINTS, /* completion rate this many percentage points below pace (序时) */
	LAG_FORM__MAX
};
extern const char *const lag_form_keys[LAG_FORM__MAX]; /* "ratio", "points" */

/* Every threshold of the rules, in whole days, percent or points. A rule
 * fires yellow past its yellow threshold and red past its red one. */
struct warning_settings {
	int start_overdue_yellow_days;      /* yellow when planned start is > this late (0) */
	int start_overdue_red_days;         /* red when > this late (30) */
	int filed_not_started_yellow_days;  /* yellow when filed > this many days ago (90) */
	int filed_not_started_red_days;     /* red when > this many (180) */
	enum lag_form lag_form;             /* LAG_RATIO */
	int lag_yellow_pct;                 /* ratio: yellow when invest < this % of plan-to-date (80) */
	int lag_red_pct;                    /* ratio: red when < this % (50) */
	int lag_yellow_points;              /* points: yellow when > this many points below pace (10) */
	int lag_red_points;                 /* points: red when > this many (30) */
	int completion_overdue_yellow_days; /* yellow when planned completion is > this late (0) */
	int completion_overdue_red_days;    /* red when > this late (60) */
	int report_due_day;                 /* a month's report is owed after this day of the next month (10) */
	int element_wait_days;              /* yellow when land or energy is short > this many days (90;
	                                     * the setting guarantees.wait_days, h-wait) */
};

/* The defaults of DOMAIN.md §6. */
void warning_settings_defaults(struct warning_settings *ws);

struct store;
/* The thresholds in effect: the defaults overridden by the store's warn.*
 * settings (warnings_load.c). A bad stored value is reported to bad (may be
 * NULL) and leaves that threshold at its default. 0, or -1 when a setting was
 * bad or the store failed. */
int warning_settings_load(struct store *st, struct warning_settings *ws,
			  void (*bad)(void *ctx, const char *key, const char *value,
				      const char *why),
			  void *ctx);
/* A bad callback for warning_settings_load: ctx is a char[WARNING_BAD_TEXT]
 * that starts empty and keeps the first bad value as "KEY = VALUE: why". */
#define WARNING_BAD_TEXT 192
void warning_bad_text(void *ctx, const char *key, const char *value, const char *why);

/* Set one threshold from its text setting. Keys (the store keeps them as
 * settings with these names):
 *   warn.start_overdue.yellow_days        0    (0–3650)
 *   warn.start_overdue.red_days           30   (0–3650)
 *   warn.filed_not_started.yellow_days    90   (0–3650)
 *   warn.filed_not_started.red_days       180  (0–3650)
 *   warn.investment_lag.form              ratio | points
 *   warn.investment_lag.yellow_pct        80   (0–100)
 *   warn.investment_lag.red_pct           50   (0–100)
 *   warn.investment_lag.yellow_points     10   (0–100)
 *   warn.investment_lag.red_points        30   (0–100)
 *   warn.completion_overdue.yellow_days   0    (0–3650)
 *   warn.completion_overdue.red_days      60   (0–3650)
 *   warn.report_missing.due_day           10   (1–28)
 *   guarantees.wait_days                  90   (0–3650; element guarantees'
 *                                              setting, which the element-wait
 *                                              rule reads too)
 * Returns NULL on success; else a static English reason (unknown key, not a
 * whole number, out of range) and *ws is unchanged. Other keys are other
 * modules' settings: callers skip them (warning_setting_is_ours). */
const char *warning_settings_set(struct warning_settings *ws, const char *key,
				 const char *value);
/* 1 when key is one of the keys above. */
int warning_setting_is_ours(const char *key);
/* Call fn for every key above in order with its current value in ws (as text)
 * and a short Chinese description; stops when fn returns non-zero. */
void warning_settings_each(const struct warning_settings *ws,
			   int (*fn)(void *ctx, const char *key, const char *value,
				     const char *help),
			   void *ctx);

/* A figure of a warning's reason by name, so that a UI in another language
 * can say the same sentence (e.g. "days" "176"). */
#define WARNING_PARAMS_MAX 6
struct warning_param {
	const char *name;       /* static */
	char value[64];         /* a number, a day, a month, months joined by ',',
	                         * an item's title (cut to whole characters) */
};

struct warning {
	size_t project;         /* index into ds->projects */
	enum warning_rule rule;
	enum light level;       /* LIGHT_YELLOW or LIGHT_RED */
	char *reason;           /* one Chinese sentence with the numbers; owned */
	/* The same sentence as a code and its figures: start_overdue,
	 * filed_not_started, completion_overdue, investment_lag_ratio,
	 * investment_lag_points, report_missing, report_missing_two,
	 * item_overdue, item_overdue_many, fund_overdue, fund_overdue_many,
	 * element_wait, element_wait_two (static). */
	const char *code;
	struct warning_param params[WARNING_PARAMS_MAX];
	size_t n_params;
};

struct warning_list {
	struct warning *items;  /* ordered by project index, then rule */
	size_t n, alloc;
	enum light *lights;     /* per project index (ds->n_projects entries): the worst */
	size_t n_lights;
};

/* Compute the warnings of every project of ds (listed in ds->year, which
 * should be year(asof)) as of asof, under ws, into *out (overwritten; release
 * with warning_list_release()). Never fails. */
void warnings_compute(const struct dataset *ds, const struct warning_settings *ws,
		      bl_day asof, struct warning_list *out);
/* As warnings_compute, but only project i's warnings (every other light
 * green): what a project's own page shows. */
void warnings_compute_one(const struct dataset *ds, const struct warning_settings *ws,
			  bl_day asof, size_t i, struct warning_list *out);
/* The lights of projects idx[0..n) of ds (idx NULL: 0 … n-1) into out[0..n),
 * as warnings_compute gives them (each its worst warning), without writing
 * the reasons: what a list shows and sorts by. warnings_lights: of every
 * project (ds->n_projects entries). */
void warnings_lights_of(const struct dataset *ds, const struct warning_settings *ws,
			bl_day asof, const size_t *idx, size_t n, enum light *out);
void warnings_lights(const struct dataset *ds, const struct warning_settings *ws,
		     bl_day asof, enum light *out);
/* A selection of warnings to show: red first, then by project ref, then rule;
 * the count of projects per light among the projects in the selection's
 * scope, and the count of warnings per level in that scope whatever the
 * minimum level shown, so a summary says what exists and what the filter
 * hides (warnings_view.c). */
struct warning_shown {
	const struct warning *w;
	const struct project *p;
};
struct warning_view {
	struct warning_shown *v; /* owned */
	size_t n;
	size_t lights[LIGHT__MAX];
	size_t counts[LIGHT__MAX]; /* warnings per level in scope, shown or not */
};
struct scope;
/* Select from wl (over ds) the warnings of level >= min of projects that sc
 * selects (NULL: all; its year is taken as ds's and its light filter reads
 * wl's lights) and for which visible(ctx, p) holds (NULL: all). Pointers into
 * ds and wl stay valid while they live. Release with warning_view_release(). */
void warnings_select(const struct dataset *ds, const struct warning_list *wl,
		     const struct scope *sc, enum light min,
		     int (*visible)(void *ctx, const struct project *p), void *ctx,
		     struct warning_view *out);
/* Keep in wv's list only the warnings of rule (enum warning_rule; -1: all),
 * in order; its counts and lights stay those of the whole scope. */
void warning_view_keep_rule(struct warning_view *wv, int rule);
void warning_view_release(struct warning_view *wv);

/* Free the warnings, their reasons and the lights; zero *wl. */
void warning_list_release(struct warning_list *wl);

#endif
