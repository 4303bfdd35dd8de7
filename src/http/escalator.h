/* escalator.h — `ballast serve` escalating the supervision items by itself
 * (DOMAIN.md §7): a timer thread of its own, with its own database
 * connection, that runs the escalation (core/escalate.h) when the server
 * starts and again whenever the day changes (checked every minute), as the
 * actor "ballast:escalate". It never holds up a request: the requests' threads
 * do not wait for it, and its one short transaction is the only time it holds
 * the write lock. */
#ifndef BL_ESCALATOR_H
#define BL_ESCALATOR_H

#include <pthread.h>

#include "core/date.h"

struct escalator {
	const char *db_path;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop, started;
	bl_day done;        /* the last day escalated (DAY_NONE: none yet) */
};

/* Start the thread over the database at db_path; 0, or -1 (printed) when it
 * cannot start (the server runs on without it). */
int escalator_start(struct escalator *e, const char *db_path);
/* Stop and join it (a run in progress finishes first). */
void escalator_stop(struct escalator *e);

#endif
