/* items.h — supervision items (问题/督办事项, DOMAIN.md §7 分级协调 and 督查督办):
 * a problem raised on a project, with a category, an owner unit (责任单位), a
 * level (1 section → 2 department → 3 district leader → 4 区协调会), a deadline
 * (办结时限) and a status, and its timeline of steps (raised, replies, the
 * answer, escalations, resolved, closed, reopened), each step with who, when
 * and the item's state after it. An item's state on any day is its last step
 * on or before that day, so lists and warnings as of a past date are
 * reproducible. Escalation and the days per level are here too. Pure: no
 * I/O; the store side is store/store_items.h, who may do what core/workflow.c. */
#ifndef BL_ITEMS_H
#define BL_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum item_category {
	IC_LAND,       /* 用地 */
	IC_ENERGY,     /* 用能 */
	IC_FUNDS,      /* 资金 */
	IC_APPROVAL,   /* 审批 */
	IC_DEMOLITION, /* 征拆 */
	IC_OTHER,      /* 其他 */
	IC__MAX
};
extern const char *const item_category_keys[IC__MAX];   /* "land", … */
extern const char *const item_category_labels[IC__MAX]; /* "用地", … */

/* The workflow's statuses (core/workflow.c WF_ITEM). open and answered are
 * pending (未办结): they escalate and can be overdue; resolved and closed do
 * not. */
enum item_status {
	IS_OPEN,     /* 未办结: raised or reopened, waiting for the owner */
	IS_ANSWERED, /* 已答复: the owner answered, the office has not confirmed */
	IS_RESOLVED, /* 已办结: the office confirmed it solved */
	IS_CLOSED,   /* 已关闭: the office closed it without a solution (duplicate, moot) */
	IS__MAX
};
extern const char *const item_status_keys[IS__MAX];   /* "open", … */
extern const char *const item_status_labels[IS__MAX]; /* "未办结", … */

/* The levels of graded coordination (分级协调). */
#define ITEM_LEVEL_MIN 1
#define ITEM_LEVEL_MAX 4
/* item_level_keys[l] and item_level_labels[l] for l = 1…4 ([0] is ""). */
extern const char *const item_level_keys[ITEM_LEVEL_MAX + 1];   /* "1", … */
extern const char *const item_level_labels[ITEM_LEVEL_MAX + 1]; /* "板块协调", … */

enum item_source {
	ISRC_DIRECT, /* 直接提出 */
	ISRC_VISIT,  /* 现场督办: from a site visit's note */
	ISRC_REPORT, /* 月报问题: from a monthly report's 存在问题 */
	ISRC_IMPORT, /* 导入 */
	ISRC__MAX
};
extern const char *const item_source_keys[ISRC__MAX];   /* "direct", … */
extern const char *const item_source_labels[ISRC__MAX]; /* "直接提出", … */

/* What a step of the timeline is. */
enum item_step_kind {
	IK_RAISE,    /* 提出 */
	IK_REPLY,    /* 回复: a note or an attachment note; the state is unchanged */
	IK_ANSWER,   /* 答复: the owner's answer */
	IK_RESOLVE,  /* 办结 */
	IK_CLOSE,    /* 关闭 */
	IK_REOPEN,   /* 重新打开 */
	IK_ESCALATE, /* 升级 (by the daily escalation or by the office) */
	IK_EDIT,     /* 修改: the office changed its fields */
	IK_IMPORT,   /* 导入: an import changed it */
	IK__MAX
};
extern const char *const item_step_keys[IK__MAX];   /* "raise", … */
extern const char *const item_step_labels[IK__MAX]; /* "提出", … */

/* The longest texts, in characters (UTF-8 code points). */
#define ITEM_TITLE_MAX 200
#define ITEM_TEXT_MAX 2000
#define ITEM_ATTACHMENT_MAX 500

/* An item as stored. Strings owned (NULL: absent); item_release frees them. */
struct item {
	int64_t id;          /* 0 before it is stored */
	int64_t project_id;
	char *title;         /* 事项, required */
	char *detail;        /* 详细情况 */
	enum item_category category;
	int64_t owner_id;    /* 责任单位: a unit id, required */
	int level;           /* 1–4 */
	bl_day raised_on;    /* 提出日期 */
	bl_day deadline;     /* 办结时限: to be solved by the end of this day; pending
	                      * after it, the item is overdue (逾期) */
	bl_day level_deadline; /* 本级时限: the present level's time; pending after it,
	                        * the item escalates. The deadline when raised, edited
	                        * or reopened; each escalation sets it anew */
	enum item_status status;
	enum item_source source;
	char *source_ref;    /* the report's month, or the site visit's day */
	char *raised_by;     /* the audit actor who raised it ("user:wang") */
	bl_day last_on;      /* the day of its last step */
	int64_t version;
};
void item_init(struct item *it);
void item_release(struct item *it);
void item_copy(struct item *dst, const struct item *src);

/* What a step leaves: the item's state after it. */
struct item_state {
	enum item_status status;
	int level;
	bl_day deadline;       /* 办结时限 */
	bl_day level_deadline; /* 本级时限 */
};

/* One step of an item's timeline (a row of item_steps). */
struct item_step {
	int64_t id;
	int64_t item_id;
	enum item_step_kind kind;
	bl_day on;           /* the day it took effect */
	char *at;            /* when it was written, UTC "2024-07-05T02:30:00Z" */
	char *actor;         /* who ("user:wang", "ballast:escalate") */
	char *body;          /* the reply, the answer or the reason */
	char *attachment;    /* 附件说明: what was attached and where it is kept */
	struct item_state after;
};
void item_step_release(struct item_step *s);

/* The state of it as its row holds it (the state after its last step). */
struct item_state item_current(const struct item *it);

/* An item's history, compact, for computing as of a day (a dataset carries
 * one per item of its projects). points are the states after each step that
 * changed the state, in order. */
struct item_point {
	bl_day on;
	struct item_state s;
};
struct item_track {
	int64_t id;
	size_t project;      /* index into the dataset's projects */
	int64_t owner_id;
	enum item_category category;
	char *title;         /* owned */
	bl_day raised_on;
	struct item_point *points; /* owned */
	size_t n_points, alloc;
};
/* Append a point (on, s) to t. */
void item_track_add(struct item_track *t, bl_day on, const struct item_state *s);
/* The state of t at the end of day d into *out; 0 when t was not raised by
 * then (out untouched), 1 otherwise. */
int item_track_at(const struct item_track *t, bl_day d, struct item_state *out);
void item_track_release(struct item_track *t);

/* ---- the rules of DOMAIN.md §7 ---- */

/* Days a level gives an item to be solved: the deadline when it is raised
 * at, or escalated to, that level. Settings "items.days.level1" … "level4". */
struct item_settings {
	int days[ITEM_LEVEL_MAX + 1]; /* days[l] for l = 1…4: 15, 10, 10, 30 */
};
void item_settings_defaults(struct item_settings *is);
/* Set one from its text setting (1–365 days). NULL on success, else a static
 * English reason and *is unchanged. */
const char *item_settings_set(struct item_settings *is, const char *key, const char *value);
/* 1 when key is one of the keys above. */
int item_setting_is_ours(const char *key);
struct store;
/* The settings in effect (items_load.c): the defaults overridden by the
 * store's. A bad stored value is reported to bad (may be NULL) and keeps its
 * default. 0, or -1 when a setting was bad or the store failed. */
int item_settings_load(struct store *st, struct item_settings *is,
		       void (*bad)(void *ctx, const char *key, const char *value,
				   const char *why),
		       void *ctx);

/* 1 when s is pending (未办结): open or answered. */
int item_pending(enum item_status s);
/* 1 when an item in state s is overdue at the end of day d: pending and d is
 * after its deadline, 办结时限 (the deadline day itself is still in time). An
 * escalated item stays overdue until it is solved: escalation moves it up to
 * be coordinated higher, it does not excuse the time it missed. */
int item_overdue(const struct item_state *s, bl_day d);
/* Days past the deadline at d (0 when not overdue). */
int64_t item_days_late(const struct item_state *s, bl_day d);
/* The deadline of an item raised at, or moved to, level on day from. */
bl_day item_deadline_for(bl_day from, int level, const struct item_settings *is);
/* DOMAIN.md §7: an item unresolved past its deadline escalates one level with
 * a new deadline. 1 when s escalates on day d, with *to its state after
 * (level + 1, level_deadline d + days of the new level; its 办结时限 stays);
 * 0 when not: it is not pending, not past its level's deadline, or at level
 * 4 already (区协调会 is the top: it stays there, overdue). Escalating on d
 * leaves a level deadline after d, so a second run on the same day does
 * nothing. */
int item_escalation(const struct item_state *s, bl_day d, const struct item_settings *is,
		    struct item_state *to);

struct buf;
/* The text of an escalation step: "本级时限2024-05-31已过仍未办结，由第1级（板块
 * 协调）升至第2级（部门协调），本级时限2024-06-11", into out (reset first). */
void escalation_text(struct buf *out, const struct item_state *from,
		     const struct item_state *to);

/* ---- a step by hand (items_act.c) ---- */

/* What a caller gives with an action on an item. */
struct item_change {
	bl_day on;              /* the day it takes effect (the caller's today by default) */
	const char *text;       /* the reply, the answer, or why (close, reopen, escalate) */
	const char *attachment; /* an attachment note (reply, answer), or NULL */
	/* An edit (WA_SAVE on a stored item: a new deadline sets the level's
	 * too); reopen takes a deadline (both), escalate a level deadline. NULL /
	 * -1 / 0 / DAY_NONE: unchanged (or the level's default). */
	const char *title, *detail; /* detail "" clears it */
	int category;
	int64_t owner_id;
	bl_day deadline;
};
/* Everything unchanged, on day on. */
void item_change_init(struct item_change *c, bl_day on);

/* The item and step that action act (enum wf_action of core/workflow.h: save
 * for an edit, reply, answer, resolve, close, reopen, escalate) makes of it,
 * the workflow table having allowed it with to-status to (a status, or
 * WF_UNCHANGED): *next a copy of it with the changes and the state after
 * (release with item_release), *step the step (release with
 * item_step_release; id, at and actor are the store's to set). Reopening
 * sets the deadline (and the level's) given, else on + the level's days;
 * escalating moves one level up with the level deadline given, else on + the
 * new level's days. NULL on success; else a static English
 * reason, *field (may be NULL) the body's member to blame, and nothing is
 * made: a deadline before the step's day, escalating an item at level 4, an
 * edit that changes nothing. */
const char *item_next(const struct item *it, int act, int to, const struct item_change *c,
		      const struct item_settings *is, struct item *next, struct item_step *step,
		      const char **field);

/* ---- texts ---- */

/* The category, status, level (1–4) or source named s by key or label; -1
 * when none. */
int item_category_from_text(const char *s);
int item_status_from_text(const char *s);
int item_level_from_text(const char *s);
/* The category a problem's text suggests from its words (用地, 土地 → land;
 * 能耗, 用能, 用电, 电力 → energy; 资金, 融资, 贷款 → funds; 审批, 手续, 许可, 备案 →
 * approval; 拆迁, 征收, 征拆 → demolition), the first found; IC_OTHER else. */
enum item_category item_guess_category(const char *text);
/* NULL when s is a text of 1…max characters of valid UTF-8 with no control
 * character but tab and line breaks (one_line: none); else a static English
 * reason. */
const char *item_text_problem(const char *s, size_t max, int one_line);
/* A title from a longer text (a report's 存在问题, a visit's note): its first
 * non-blank line, cut at the first sentence end (。；;) and to at most 60
 * characters ("…" added when cut); NULL when the text has nothing to show.
 * Caller frees. */
char *item_title_from_text(const char *text);

#endif
