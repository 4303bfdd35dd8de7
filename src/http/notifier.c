/* notifier.c — the webhook thread of `ballast serve` (notifier.h) and its
 * small HTTP/1.1 client: a POST of one JSON body to an http:// URL, the
 * answer's status and body read back. https:// is not spoken here (no TLS
 * library is linked): a district points webhook.url at a local forwarder
 * (docs/admin.md). */
#include "http/notifier.h"

#include <errno.h>
#include <jansson.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/notify.h"
#include "io/scope_params.h"
#include "store/store_visits.h"
#include "util/buf.h"

#define SEND_EVERY 1       /* seconds between looks at the outbox */
#define SCAN_EVERY 5       /* seconds between queuings of the recent events */
#define TIMEOUT 10         /* seconds a send may take to connect, write or read */
#define BACKOFF_MAX 600    /* the longest delay before a retry, seconds */
#define ANSWER_MAX 65536
#define RED_EVERY 600      /* seconds between looks for new red lights in a day */

/* ---- the client ---- */

/* host, port and path of an http:// url; -1 when it is not one. */
static int split_url(const char *url, char *host, size_t hn, char *port, size_t pn,
		     const char **path)
{
	const char *h, *end, *colon;
	size_t len;

	if (strncmp(url, "http://", 7))
		return -1;
	h = url + 7;
	end = h + strcspn(h, "/?#");
	*path = *end == '/' ? end : "/";
	colon = memchr(h, ':', (size_t)(end - h));
	len = (size_t)((colon ? colon : end) - h);
	if (!len || len >= hn)
		return -1;
	memcpy(host, h, len);
	host[len] = '\0';
	len = colon ? (size_t)(end - colon - 1) : 2;
	if (!len || len >= pn)
		return -1;
	if (colon) {
		memcpy(port, colon + 1, len);
		port[len] = '\0';
	} else {
		snprintf(port, pn, "80");
	}
	return 0;
}

static int connect_to(const char *host, const char *port)
{
	struct addrinfo hints, *res, *ai;
	struct timeval tv = { TIMEOUT, 0 };
	int fd = -1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res))
		return -1;
	for (ai = res; ai && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen)) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	return fd;
}

/* POST body to url; NULL on success (a 2xx answer whose JSON, if any, has no
 * errcode other than 0), else a static reason. */
static const char *post(const char *url, const char *body)
{
	char host[256], port[16], *answer = NULL;
	const char *path, *why = NULL, *sep;
	struct buf req = BUF_INIT;
	size_t got = 0, off = 0;
	ssize_t k;
	int fd, status;
	json_t *j;

	if (split_url(url, host, sizeof(host), port, sizeof(port), &path))
		return "webhook.url is not an http:// URL";
	fd = connect_to(host, port);
	if (fd < 0)
		return "cannot connect";
	buf_addf(&req, "POST %s HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/json; "
		 "charset=utf-8\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s", path, host,
		 port, strlen(body), body);
	while (off < req.len) {
		k = send(fd, req.s + off, req.len - off, MSG_NOSIGNAL);
		if (k <= 0) {
			why = "cannot send";
			goto out;
		}
		off += (size_t)k;
	}
	answer = malloc(ANSWER_MAX + 1);
	if (!answer)
		abort();
	while (got < ANSWER_MAX && (k = recv(fd, answer + got, ANSWER_MAX - got, 0)) > 0)
		got += (size_t)k;
	answer[got] = '\0';
	if (sscanf(answer, "HTTP/1.%*d %d", &status) != 1) {
		why = "no HTTP answer";
		goto out;
	}
	if (status < 200 || status > 299) {
		why = "the robot answered with an error status";
		goto out;
	}
	sep = strstr(answer, "\r\n\r\n");
	j = sep ? json_loads(sep + 4, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
	if (json_is_object(j) && json_integer_value(json_object_get(j, "errcode")) != 0)
		why = "the robot refused the message (errcode)";
	json_decref(j);
out:
	free(answer);
	buf_release(&req);
	close(fd);
	return why;
}

/* ---- the thread ---- */

/* The setting key into *out (caller frees), or NULL when unset. */
static char *setting(struct store *st, const char *key)
{
	char *v = NULL;

	if (store_setting_get(st, key, &v))
		return NULL;
	return v;
}

/* The robot's message of text in format ("wecom", "dingtalk"). Caller frees. */
static char *message(const char *format, const char *text)
{
	json_t *m = json_pack("{s:s, s:{s:s}}", "msgtype", "text", "text", "content", text);
	char *s;

	if (!strcmp(format, "dingtalk"))
		json_object_set_new(m, "at", json_pack("{s:b}", "isAtAll", 0));
	s = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	return s;
}

/* The projects newly red (core/notify.h), into l: the year's dataset and the
 * warnings of eight days, so only when the day changed or RED_EVERY passed. */
static void scan_red(struct notifier *n, struct store *st, struct notify_list *l)
{
	struct warning_settings ws;
	struct dataset ds;
	bl_day today = scope_today();

	if (today == n->red_day && time(NULL) - n->red_at < RED_EVERY)
		return;
	warning_settings_load(st, &ws, NULL, NULL);
	if (store_load_dataset_for(st, day_year(today), day_month(today), DS_ALL, &ds)) {
		fprintf(stderr, "ballast serve: webhook: %s\n", store_errmsg(st));
		return;
	}
	notify_new_red(&ds, &ws, today, l);
	dataset_release(&ds);
	n->red_day = today;
	n->red_at = time(NULL);
}

static void scan(struct notifier *n, struct store *st)
{
	struct notify_list l = { NULL, 0, 0 };
	struct item_book b;
	size_t i;
	int added;

	if (item_book_load(st, &b)) {
		fprintf(stderr, "ballast serve: webhook: %s\n", store_errmsg(st));
		return;
	}
	notify_events(&b, scope_today(), &l);
	scan_red(n, st, &l);
	for (i = 0; i < l.n; i++)
		if (store_outbox_add(st, l.v[i].key, l.v[i].text, &added))
			fprintf(stderr, "ballast serve: webhook: %s\n", store_errmsg(st));
	notify_list_release(&l);
	item_book_release(&b);
}

/* Send the events due now, one after another. */
static void send_due(struct store *st, const char *format, const char *url)
{
	int64_t id, now = (int64_t)time(NULL);
	char *text, *msg;
	const char *why;
	enum bl_err rc = BL_OK;
	int attempts;

	while (!rc && !store_outbox_next(st, now, &id, &text, &attempts)) {
		msg = message(format, text);
		why = post(url, msg);
		if (!why) {
			rc = store_outbox_sent(st, id);
		} else {
			int64_t delay = attempts < 10 ? (int64_t)1 << attempts : BACKOFF_MAX;

			rc = store_outbox_failed(st, id, now + (delay < BACKOFF_MAX ? delay :
								 BACKOFF_MAX), why);
			fprintf(stderr, "ballast serve: webhook: event %lld: %s (try %d)\n",
				(long long)id, why, attempts + 1);
		}
		/* An outbox that cannot be written stops the round (tried again at
		 * the next tick) rather than sending the same event again now. */
		if (rc)
			fprintf(stderr, "ballast serve: webhook: %s\n", store_errmsg(st));
		free(msg);
		free(text);
		now = (int64_t)time(NULL);
	}
}

static void tick(struct notifier *n, struct store *st, time_t *last_scan)
{
	char *format = setting(st, "webhook.format"), *url = setting(st, "webhook.url");

	if (format && url && strcmp(format, "off")) {
		if (time(NULL) - *last_scan >= SCAN_EVERY) {
			scan(n, st);
			*last_scan = time(NULL);
		}
		send_due(st, format, url);
	}
	free(format);
	free(url);
}

static void *loop(void *arg)
{
	struct notifier *n = arg;
	struct buf err = BUF_INIT;
	struct store *st = NULL;
	struct timespec until;
	time_t last_scan = 0;

	if (store_open(n->db_path, STORE_EXISTING, &st, &err)) {
		fprintf(stderr, "ballast serve: webhook: %s\n", err.s ? err.s : "cannot open");
		buf_release(&err);
		return NULL;
	}
	pthread_mutex_lock(&n->lock);
	while (!n->stop) {
		pthread_mutex_unlock(&n->lock);
		tick(n, st, &last_scan);
		pthread_mutex_lock(&n->lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SEND_EVERY;
		while (!n->stop && pthread_cond_timedwait(&n->wake, &n->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&n->lock);
	store_close(st);
	buf_release(&err);
	return NULL;
}

int notifier_start(struct notifier *n, const char *db_path)
{
	memset(n, 0, sizeof(*n));
	n->db_path = db_path;
	n->red_day = DAY_NONE;
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->wake, NULL);
	if (pthread_create(&n->thread, NULL, loop, n)) {
		fprintf(stderr, "ballast serve: cannot start the webhook notifier\n");
		pthread_cond_destroy(&n->wake);
		pthread_mutex_destroy(&n->lock);
		return -1;
	}
	n->started = 1;
	return 0;
}

void notifier_stop(struct notifier *n)
{
	if (!n->started)
		return;
	pthread_mutex_lock(&n->lock);
	n->stop = 1;
	pthread_cond_signal(&n->wake);
	pthread_mutex_unlock(&n->lock);
	pthread_join(n->thread, NULL);
	pthread_cond_destroy(&n->wake);
	pthread_mutex_destroy(&n->lock);
	n->started = 0;
}
