/* notifier.h — `ballast serve` telling a group-chat robot (企业微信 or 钉钉)
 * of supervision events (core/notify.h) by webhook, when the settings
 * webhook.format (off by default) and webhook.url say so. A thread of its
 * own with its own database connection: every SCAN_EVERY seconds it queues
 * the recent events into the outbox (new red lights at the first scan of a
 * day and every RED_EVERY seconds after) (store/store_visits.h; an event's key is
 * unique, so nothing is queued twice, restarts included), and every second
 * it sends the oldest event due, retrying a failure with a growing delay
 * (1, 2, 4 … seconds, at most 10 minutes). Never inside a request. */
#ifndef BL_NOTIFIER_H
#define BL_NOTIFIER_H

#include <pthread.h>

#include "core/date.h"

struct notifier {
	const char *db_path;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop, started;
	bl_day red_day;     /* the day new red lights were last looked for */
	long long red_at;   /* and when (unix seconds) */
};

/* Start the thread over the database at db_path; 0, or -1 (printed). */
int notifier_start(struct notifier *n, const char *db_path);
/* Stop and join it (a send in progress finishes first, within its timeout). */
void notifier_stop(struct notifier *n);

#endif
