/* escalator.c — the daily escalation inside `ballast serve` (escalator.h). */
#include "http/escalator.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/escalate.h"
#include "io/scope_params.h"
#include "store/store.h"
#include "store/store_multi.h"

/* How often the thread looks whether the day changed, in seconds. */
#define CHECK_EVERY 60

/* One run as of today, unless today was done; logged on stderr. */
static void run_once(struct escalator *e)
{
	struct escalation_run run;
	struct item_settings is;
	struct store *st = NULL;
	struct buf err = BUF_INIT;
	bl_day today = scope_today();
	char day[11];
	int locked;

	if (today == e->done)
		return;
	if (store_open(e->db_path, STORE_EXISTING, &st, &err)) {
		fprintf(stderr, "ballast serve: escalation: %s\n", err.s ? err.s : "cannot open");
		buf_release(&err);
		return; /* tried again at the next check */
	}
	/* One server at a time (issue #17 item 4); the others try again at
	 * their next check, when the day's run finds nothing left to move. */
	locked = store_job_lock(st, "escalate");
	if (locked != 1) {
		if (locked < 0)
			fprintf(stderr, "ballast serve: escalation: %s\n", store_errmsg(st));
		store_close(st);
		return;
	}
	store_set_actor(st, "ballast:escalate");
	item_settings_load(st, &is, NULL, NULL);
	if (items_escalate(st, today, &is, &run)) {
		fprintf(stderr, "ballast serve: escalation as of %s: %s\n", day_format(today, day),
			store_errmsg(st));
	} else {
		fprintf(stderr, "ballast serve: escalation as of %s: %zu item%s moved up\n",
			day_format(today, day), run.n, run.n == 1 ? "" : "s");
		e->done = today;
	}
	escalation_run_release(&run);
	store_job_unlock(st, "escalate");
	store_close(st);
	buf_release(&err);
}

static void *loop(void *arg)
{
	struct escalator *e = arg;
	struct timespec until;

	/* The first run is the server's start's, whatever comes after. */
	run_once(e);
	pthread_mutex_lock(&e->lock);
	while (!e->stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += CHECK_EVERY;
		while (!e->stop && pthread_cond_timedwait(&e->wake, &e->lock, &until) != ETIMEDOUT)
			;
		if (e->stop)
			break;
		pthread_mutex_unlock(&e->lock);
		run_once(e);
		pthread_mutex_lock(&e->lock);
	}
	pthread_mutex_unlock(&e->lock);
	return NULL;
}

int escalator_start(struct escalator *e, const char *db_path)
{
	memset(e, 0, sizeof(*e));
	e->db_path = db_path;
	e->done = DAY_NONE;
	pthread_mutex_init(&e->lock, NULL);
	pthread_cond_init(&e->wake, NULL);
	if (pthread_create(&e->thread, NULL, loop, e)) {
		fprintf(stderr, "ballast serve: cannot start the daily escalation\n");
		pthread_cond_destroy(&e->wake);
		pthread_mutex_destroy(&e->lock);
		return -1;
	}
	e->started = 1;
	return 0;
}

void escalator_stop(struct escalator *e)
{
	if (!e->started)
		return;
	pthread_mutex_lock(&e->lock);
	e->stop = 1;
	pthread_cond_signal(&e->wake);
	pthread_mutex_unlock(&e->lock);
	pthread_join(e->thread, NULL);
	pthread_cond_destroy(&e->wake);
	pthread_mutex_destroy(&e->lock);
	e->started = 0;
}
