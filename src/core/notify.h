/* notify.h — the events a group-chat robot is told of (issue #13 item 6):
 * an item escalated (督办事项升级), an item overdue (督办事项逾期) and a
 * project newly red (新亮红灯), each
 * with a key that names it for ever (so the outbox sends it once) and one
 * Chinese sentence. Only events of the last NOTIFY_RECENT_DAYS days are
 * made, so that turning the webhook on does not flood a group with old news
 * and a server that was down a few days still tells what happened. Pure: the
 * item book is handed in; http/notifier.c queues and sends. */
#ifndef BL_NOTIFY_H
#define BL_NOTIFY_H

#include <stddef.h>

#include "core/items_view.h"
#include "core/warnings.h"

#define NOTIFY_RECENT_DAYS 7

enum notify_kind {
	NK_ITEM_ESCALATED, /* key "item_escalated:ID:LEVEL:DAY" */
	NK_ITEM_OVERDUE,   /* key "item_overdue:ID:DEADLINE" */
	NK_NEW_RED,        /* key "new_red:REF:DAY", the day it turned red */
	NK__MAX
};
extern const char *const notify_kind_keys[NK__MAX]; /* "item_escalated", … */

struct notify_event {
	enum notify_kind kind;
	char key[96];
	char *text; /* owned */
};
struct notify_list {
	struct notify_event *v;
	size_t n, alloc;
};

/* The events of b's items on days in [today − NOTIFY_RECENT_DAYS + 1, today]:
 * each step that moved an item up a level (on its day), and each item
 * pending past its deadline at the end of today whose first overdue day
 * (deadline + 1) is in that range. Appended to *out (init it to zeros);
 * release with notify_list_release. */
void notify_events(const struct item_book *b, bl_day today, struct notify_list *out);
/* The projects of ds (listed in today's year) red at the end of today that
 * turned red within the last NOTIFY_RECENT_DAYS days (a project red on each
 * of them and the day before is not new), each once per red spell: its key
 * names the day the spell began. The text gives its red warnings' reasons
 * as of today. Appended to *out. */
void notify_new_red(const struct dataset *ds, const struct warning_settings *ws, bl_day today,
		    struct notify_list *out);
void notify_list_release(struct notify_list *l);

#endif
