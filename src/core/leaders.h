/* leaders.h — leader linkage (领导挂钩, DOMAIN.md §7) and named project lists
 * (tags, e.g. 书记挂钩10亿以上项目): the rules both follow, whatever stores or
 * shows them. A leader account (role leader) is linked to projects, many to
 * many; the projects' free-text 挂钩领导 is kept as the linked leaders'
 * names, for reading. A named list is a set of projects that every project
 * filter accepts (struct scope's list). */
#ifndef BL_LEADERS_H
#define BL_LEADERS_H

#include <stddef.h>
#include <stdint.h>

/* The longest list name, in bytes. */
#define LIST_NAME_MAX 100
/* The most names one 挂钩领导 cell or link request may give. */
#define LEADER_NAMES_MAX 16

/* A named project list. */
struct project_list {
	int64_t id;           /* 0 before it is stored */
	char *name;           /* unique */
	int64_t version;
	int64_t *project_ids; /* ascending, no repeats (owned) */
	size_t n;
};
void project_list_init(struct project_list *l);
/* Free l's name and ids and re-initialise it. */
void project_list_release(struct project_list *l);
/* Sort l's ids and drop repeats. */
void project_list_normalise(struct project_list *l);
/* 1 when id is one of the ascending ids (n of them). */
int project_ids_have(const int64_t *ids, size_t n, int64_t id);

/* Why name cannot name a list (English; *zh the Chinese), or NULL when it
 * can: not blank, at most LIST_NAME_MAX bytes, no control character. */
const char *project_list_name_check(const char *name, const char **zh);

/* Split a 挂钩领导 text into names at ; , 、 ， ； (each name trimmed of
 * spaces, empty ones dropped; a space inside a name stays), into names[] (each owned: free them) up to
 * max; the count, or -1 when there are more than max. */
int leader_names_split(const char *text, char **names, int max);
/* The names joined by "、" (caller frees); NULL when n is 0. */
char *leader_names_join(const char *const *names, size_t n);

/* A leader account (role leader, not disabled) as names are matched to it. */
struct leader_account {
	int64_t id;
	char *username;
	char *display_name; /* may be NULL */
};
void leader_accounts_free(struct leader_account *v, size_t n);
/* The account name names among v: the one whose username it is, else the
 * one whose display name it is; -1 when none, -2 when several share that
 * display name. */
long leader_account_match(const struct leader_account *v, size_t n, const char *name);
/* The name a project's 挂钩领导 text shows for a: its display name, else its
 * username (borrowed). */
const char *leader_account_shown(const struct leader_account *a);

/* Leaders named against the accounts, the one way every path that sets a
 * project's leaders reads names (the import's 挂钩领导 column, a project's
 * "leader" over the API, PUT /projects/:ref/leaders): each name must be one
 * account's username or display name (leader_account_match); the accounts
 * named, in order, each once, and the text the project keeps. */
struct leader_pick {
	int64_t ids[LEADER_NAMES_MAX];
	size_t n;
	char *text;     /* the accounts' shown names joined by "、" (owned; NULL when n is 0) */
	int n_bad;      /* names that named no account or several */
	char *bad;      /* the first of them (owned; NULL when none) */
	long bad_why;   /* -1: no account has that name; -2: several have it */
};
/* Why a name named no account: */
enum { LEADER_UNKNOWN = -1, LEADER_AMBIGUOUS = -2 };
/* Pick the accounts of v (n_acc) that names[0..n) name into *out (release
 * it with leader_pick_release); bad (may be NULL) is called with each name
 * that names none (why LEADER_UNKNOWN) or several (LEADER_AMBIGUOUS). 0 when
 * every name named one account, else -1 (out->text then joins those that did). */
int leader_names_pick(const struct leader_account *v, size_t n_acc, const char *const *names,
		      size_t n, struct leader_pick *out,
		      void (*bad)(void *ctx, const char *name, long why), void *ctx);
/* leader_names_pick over a 挂钩领导 text split as leader_names_split does
 * (NULL or blank: no leader; *out then picks none); -2 (out picks none) when
 * it gives more than LEADER_NAMES_MAX names. */
int leader_text_pick(const struct leader_account *v, size_t n_acc, const char *text,
		     struct leader_pick *out,
		     void (*bad)(void *ctx, const char *name, long why), void *ctx);
void leader_pick_release(struct leader_pick *p);
/* 1 when ids (n of them) are, as a set, the picked accounts. */
int leader_pick_same(const struct leader_pick *p, const int64_t *ids, size_t n);

/* What changed on a leader's project since their last visit. */
enum leader_change {
	LC_PROJECT, /* its record: stage dates, plans, people */
	LC_REPORT,  /* a monthly report */
	LC_ITEMS,   /* a supervision item or a step of one */
	LC_LIGHT,   /* its light: another colour today than on the visit's day */
	LC__MAX
};
extern const char *const leader_change_keys[LC__MAX];   /* "project", … */
extern const char *const leader_change_labels[LC__MAX]; /* "项目信息", … */
/* The change an audit entity names ("project", "report", "item",
 * "item_step"), or -1 for any other. */
int leader_change_of_entity(const char *entity);

#endif
