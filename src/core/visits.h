/* visits.h — commando teams (党员突击队) and site visits (走访, 现场督办) of
 * DOMAIN.md §7, and the bimonthly on-site supervision schedule (双月现场督办):
 * which projects the office must visit in a two-month window and whether a
 * supervision visit went there. Pure: no I/O; the store side is
 * store/store_visits.h, items raised from a visit are core/items.h's (source
 * ISRC_VISIT). */
#ifndef BL_VISITS_H
#define BL_VISITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/warnings.h"

enum visit_kind {
	VK_COMMANDO,    /* 突击队走访 */
	VK_SUPERVISION, /* 双月现场督办 */
	VK_OTHER,       /* 其他走访 */
	VK__MAX
};
extern const char *const visit_kind_keys[VK__MAX];   /* "commando", … */
extern const char *const visit_kind_labels[VK__MAX]; /* "突击队走访", … */
/* The kind named s by key or label; -1 when none. */
int visit_kind_from_text(const char *s);

#define VISIT_WHO_MAX 200
#define VISIT_FINDINGS_MAX 2000
#define TEAM_NAME_MAX 100
#define TEAM_MEMBERS_MAX 2000 /* the members' text, one a line */

/* A visit as stored. Strings owned; visit_release frees them. */
struct visit {
	int64_t id;          /* 0 before it is stored */
	int64_t project_id;
	bl_day on;           /* 走访日期 */
	enum visit_kind kind;
	char *who;           /* 走访人员, required */
	char *findings;      /* 发现的问题与情况, or NULL */
	char *recorded_by;   /* the audit actor that recorded it */
	char *recorded_at;   /* UTC, when it was written */
	int64_t version;
};
void visit_init(struct visit *v);
void visit_release(struct visit *v);

/* A project's commando team. Strings owned; team_release frees them. */
struct team {
	int64_t id;
	int64_t project_id;
	char *name;          /* 突击队名称 */
	char *members;       /* one member a line: a username or a free name; NULL: none */
	int64_t version;
};
void team_init(struct team *t);
void team_release(struct team *t);

/* NULL when v's fields are good to store as of today (a day not after
 * today, who 1…200 characters on one line, findings at most 2000); else a
 * static English reason and *field the member to blame. */
const char *visit_check(const struct visit *v, bl_day today, const char **field);
/* The same of a team: a name of 1…100 characters on one line, members of
 * at most 2000 characters, none of its lines longer than 100. */
const char *team_check(const struct team *t, const char **field);

/* ---- the bimonthly schedule (双月现场督办) ---- */

/* Settings "supervision.months" (odd: windows open in January, March, …;
 * even: in February, April, …) and "supervision.threshold_yuan" (total
 * investment at or above which a project is on the schedule; 10 亿). */
struct schedule_settings {
	int even;               /* 0: odd months open a window, 1: even months */
	int64_t threshold;      /* yuan */
};
void schedule_settings_defaults(struct schedule_settings *ss);
/* Set one from its text setting. NULL on success, else a static English
 * reason and *ss unchanged. */
const char *schedule_settings_set(struct schedule_settings *ss, const char *key,
				  const char *value);
int schedule_setting_is_ours(const char *key);
struct store;
/* The settings in effect (visits_load.c): the defaults overridden by the
 * store's; 0, or -1 when a stored value was bad (it keeps its default) or
 * the store failed. */
int schedule_settings_load(struct store *st, struct schedule_settings *ss);

/* The two-month window holding day d: its first day (the first of a month
 * of the configured parity) and its last (the end of the next month). */
void schedule_window(bl_day d, const struct schedule_settings *ss, bl_day *from, bl_day *to);

/* One project on the schedule. */
struct schedule_entry {
	size_t project;          /* index into the dataset's projects */
	int filed_not_started;   /* 备案未开工 at the window's first day */
	int red;                 /* a red light at the window's first day */
	size_t visits;           /* supervision visits in the window */
	bl_day visited_on;       /* the first of them, or DAY_NONE: not visited */
	int64_t visit_id;        /* its id, or 0 */
	const char *section_code; /* borrowed from the dataset: the order */
	const char *ref;
};
struct schedule {
	bl_day from, to;         /* the window */
	struct schedule_entry *v; /* owned; by section code, then ref */
	size_t n;
	size_t visited;          /* entries visited */
};

/* The schedule of the window holding asof: the projects of ds (listed in the
 * window's year) whose total investment is at least ss->threshold and that,
 * at the window's first day, are filed-not-started (reached filed, not
 * started: DOMAIN.md §3) or red (lights[i], computed as of that day), each
 * marked visited by the supervision visits of visits[0..n) within the
 * window (their project_id matched against ds's projects). Release with
 * schedule_release. */
void schedule_build(const struct dataset *ds, const enum light *lights,
		    const struct schedule_settings *ss, bl_day asof, const struct visit *visits,
		    size_t n_visits, struct schedule *out);
/* Keep only the entries whose project index keep(ctx, i) accepts (a
 * caller's sight, a section), in order; the visited count follows. */
void schedule_keep(struct schedule *s, int (*keep)(void *ctx, size_t project), void *ctx);
void schedule_release(struct schedule *s);
/* The schedule of the window holding asof from the store (visits_load.c):
 * the supervision visits of the window read from st, the lights of ds (the
 * window's year) computed under ws as of the window's first day, then
 * schedule_build. BL_OK, or the store's error (*out empty). */
enum bl_err schedule_compute(struct store *st, const struct dataset *ds,
			     const struct warning_settings *ws,
			     const struct schedule_settings *ss, bl_day asof, struct schedule *out);

#endif
