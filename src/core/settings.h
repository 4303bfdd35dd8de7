/* settings.h — every setting an administrator may change (DOMAIN.md §6, §7,
 * §8): one table giving each key its type, its range or allowed values, its
 * default, a Chinese label and a description. Validation is here and nowhere
 * else; reading and writing go through the store (settings_store.c), every
 * change one audited transaction with the value before and after. */
#ifndef BL_SETTINGS_H
#define BL_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

enum setting_type {
	SETTING_INT,    /* a whole number in [min, max] */
	SETTING_CHOICE, /* one of choices */
	SETTING_TEXT,   /* one line of min … max characters, no control characters */
	SETTING_TYPE__MAX
};
extern const char *const setting_type_keys[SETTING_TYPE__MAX]; /* "int", "choice", "text" */

struct setting_def {
	const char *key;             /* "warn.start_overdue.red_days" */
	enum setting_type type;
	int64_t min, max;            /* int: the value's range; text: its length in characters */
	const char *const *choices;  /* choice: the allowed values, NULL-terminated; text: when
				      * set, the URL schemes allowed (the value is a URL) */
	const char *def;             /* the default as text; NULL: derived from the data */
	const char *def_note;        /* when def is NULL: what the default is, in Chinese */
	const char *label;           /* 中文名称 */
	const char *label_en;
	const char *help;            /* one Chinese sentence: what it changes */
	const char *help_en;
};

/* The table, in the order screens list it (warnings, contest, items, bulletin). */
extern const struct setting_def setting_defs[];
extern const size_t n_setting_defs;

/* The definition of key; NULL when there is no such setting. */
const struct setting_def *setting_find(const char *key);

/* NULL when value is valid for d; else a static English reason ("not a whole
 * number", "out of range (0 to 3650)", "not one of ratio, points", "empty", "longer than
 * 100 characters", "contains a control character"; for a URL setting
 * (webhook.url) also "not an http:// or https:// URL", "no host", "not a
 * valid host", "not a valid port (1 to 65535)", "contains a space or a
 * character outside ASCII"). */
const char *setting_check(const struct setting_def *d, const char *value);

/* Values of every setting, indexed like setting_defs: the stored text or,
 * when unset, the default (NULL for a derived default). Borrowed strings. */
struct setting_values {
	const char *v[64];
};

/* Rules between keys (a yellow threshold is milder than its red one). NULL
 * when vals hold together; else a sentence (in why, reset first) naming both
 * keys and returns it. */
const char *settings_check_together(const struct setting_values *vals, struct buf *why);

struct store;

/* One setting as listed: its definition, the value in effect (the stored text,
 * else the default; NULL for a derived default) and whether it is stored. */
struct setting_view {
	const struct setting_def *d;
	const char *value;
	int is_set;
};

/* Call fn for every setting of the table, in order; fn's non-zero stops (BL_OK).
 * Stored keys the table does not know are skipped. BL_EDB (store_errmsg) on a
 * store failure. */
enum bl_err settings_each(struct store *st,
			  int (*fn)(void *ctx, const struct setting_view *v), void *ctx);

/* Change settings in one transaction, audited under the store's actor: keys[i]
 * to values[i] for i < n, or back to its default (the stored row deleted) when
 * values[i] is NULL. Every key and value is checked first (BL_ENOTFOUND for an
 * unknown key, BL_EINVAL for a bad value or keys that do not hold together):
 * nothing is written unless all are good. err (may be NULL) gets one sentence
 * naming the key; *bad_key (may be NULL) the offending key (borrowed from keys,
 * or NULL). A value equal to the stored one writes nothing. */
enum bl_err settings_write(struct store *st, const char *const *keys,
			   const char *const *values, size_t n, struct buf *err,
			   const char **bad_key);

/* A module's settings read into its own struct (warnings_load.c, items_load.c):
 * set(obj, key, value) is called for each stored key that is_ours; a non-NULL
 * reason it returns goes to bad (may be NULL) and the value keeps its default.
 * 0, or -1 when a setting was bad or the store failed. */
struct settings_loader {
	int (*is_ours)(const char *key);
	const char *(*set)(void *obj, const char *key, const char *value);
};
int settings_load_into(struct store *st, const struct settings_loader *l, void *obj,
		       void (*bad)(void *ctx, const char *key, const char *value,
				   const char *why),
		       void *ctx);

#endif
