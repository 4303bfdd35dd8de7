/* notifier.c — the webhook thread of `ballast serve` (notifier.h) and its
 * client: a POST of one JSON body to an http:// or https:// URL through
 * libcurl (TLS by OpenSSL, certificates verified against the system's CA
 * store), the answer's status and JSON errcode checked. */
#include "http/notifier.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/notify.h"
#include "io/scope_params.h"
#include "store/store_multi.h"
#include "store/store_visits.h"
#include "util/buf.h"

#define SEND_EVERY 1       /* seconds between looks at the outbox */
#define SCAN_EVERY 5       /* seconds between queuings of the recent events */
#define TIMEOUT 10         /* seconds a send may take in all, connecting included */
#define BACKOFF_MAX 600    /* the longest delay before a retry, seconds */
#define ANSWER_MAX 65536
#define RED_EVERY 600      /* seconds between looks for new red lights in a day */

/* ---- the client (libcurl) ---- */

/* The answer's body, kept up to ANSWER_MAX bytes (the rest is dropped). */
struct answer {
	char s[ANSWER_MAX + 1];
	size_t len;
};

static size_t keep(char *data, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t k = size * n, room = ANSWER_MAX - a->len;

	memcpy(a->s + a->len, data, k < room ? k : room);
	a->len += k < room ? k : room;
	return k;
}

/* The options of one POST of body to url: http or https only, no redirect,
 * TIMEOUT in all, the peer's certificate and name verified against the
 * system's CA store — or, under the test suite only, the CA file named by
 * BALLAST_TEST_CA (docs/testing.md). There is no switch to turn the
 * verification off. */
static void set_options(CURL *c, const char *url, const char *body, struct curl_slist *hdr,
			struct answer *a, char *error)
{
	const char *ca = getenv("BALLAST_TEST_CA");

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TIMEOUT);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca && *ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ballast");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
}

/* POST body to url; NULL on success (a 2xx answer whose JSON, if any, has no
 * errcode other than 0), else the reason in why (size n). */
static const char *post(const char *url, const char *body, char *why, size_t n)
{
	char error[CURL_ERROR_SIZE] = "";
	struct answer *a = calloc(1, sizeof(*a));
	struct curl_slist *hdr;
	CURL *c = curl_easy_init();
	CURLcode rc;
	long status = 0;
	json_t *j;

	if (!a || !c)
		abort();
	hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	hdr = curl_slist_append(hdr, "Expect:"); /* no 100-continue round trip */
	set_options(c, url, body, hdr, a, error);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		snprintf(why, n, "%s", *error ? error : curl_easy_strerror(rc));
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		a->s[a->len] = '\0';
		j = json_loads(a->s, JSON_DISABLE_EOF_CHECK, NULL);
		if (status < 200 || status > 299)
			snprintf(why, n, "the robot answered HTTP %ld", status);
		else if (json_is_object(j) && json_integer_value(json_object_get(j, "errcode")))
			snprintf(why, n, "the robot refused the message (errcode %lld: %.200s)",
				 (long long)json_integer_value(json_object_get(j, "errcode")),
				 json_string_value(json_object_get(j, "errmsg")) ?
				 json_string_value(json_object_get(j, "errmsg")) : "");
		else
			*why = '\0';
		json_decref(j);
	}
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	free(a);
	return *why ? why : NULL;
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
	char *text, *msg, reason[CURL_ERROR_SIZE + 256];
	const char *why;
	enum bl_err rc = BL_OK;
	int attempts;

	while (!rc && !store_outbox_next(st, now, &id, &text, &attempts)) {
		msg = message(format, text);
		why = post(url, msg, reason, sizeof(reason));
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

	/* One server at a time sends (issue #17 item 4): between reading an
	 * event and marking it sent, another would send it too. */
	if (format && url && strcmp(format, "off") && store_job_lock(st, "webhook") == 1) {
		if (time(NULL) - *last_scan >= SCAN_EVERY) {
			scan(n, st);
			*last_scan = time(NULL);
		}
		send_due(st, format, url);
		store_job_unlock(st, "webhook");
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
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		fprintf(stderr, "ballast serve: cannot start libcurl for the webhook notifier\n");
		return -1;
	}
	n->db_path = db_path;
	n->red_day = DAY_NONE;
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->wake, NULL);
	if (pthread_create(&n->thread, NULL, loop, n)) {
		fprintf(stderr, "ballast serve: cannot start the webhook notifier\n");
		pthread_cond_destroy(&n->wake);
		pthread_mutex_destroy(&n->lock);
		curl_global_cleanup();
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
	curl_global_cleanup();
	n->started = 0;
}
