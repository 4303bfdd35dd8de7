/* server.c — the HTTP server on libmicrohttpd: a pool of epoll worker threads
 * (a slow client costs a socket, not a worker), limits on headers, bodies and
 * idle time, one database connection per worker, an answer cache keyed by the
 * database's write generation, an access log line per request, and a clean
 * stop on SIGINT/SIGTERM. Handlers see only http.h. */
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "http/routes.h"
#include "http/server.h"
#include "http/static.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define CACHE_SLOTS 64
#define CACHE_KEY_MAX 512

struct cache_slot {
	char key[CACHE_KEY_MAX];
	int64_t gen;
	char *body;
	size_t len;
	uint64_t used;
};

struct http_server {
	struct MHD_Daemon *d;
	const struct server_options *opt;
	pthread_mutex_t lock;          /* stores and cache */
	struct store **stores;
	size_t n_stores, alloc_stores;
	struct cache_slot cache[CACHE_SLOTS];
	uint64_t tick;
};

/* Per request. */
struct conn_ctx {
	struct buf body;
	const struct route *route;
	int path_known;
	int too_big;
	int status;
	size_t bytes;
	struct timespec start;
	struct http_req rq;
};

static __thread struct store *tl_store;

/* This worker thread's database connection, opened on first use. */
static struct store *thread_store(struct http_server *srv)
{
	struct buf err = BUF_INIT;

	if (tl_store)
		return tl_store;
	if (store_open(srv->opt->db_path, STORE_EXISTING, &tl_store, &err)) {
		fprintf(stderr, "ballast serve: %s: %s\n", srv->opt->db_path, err.s);
		buf_release(&err);
		return NULL;
	}
	buf_release(&err);
	pthread_mutex_lock(&srv->lock);
	XGROW(srv->stores, srv->alloc_stores, srv->n_stores + 1);
	srv->stores[srv->n_stores++] = tl_store;
	pthread_mutex_unlock(&srv->lock);
	return tl_store;
}

/* ---- the answer cache ---- */

int64_t http_generation(struct http_req *rq)
{
	return store_generation(rq->st);
}

int http_cache_get(struct http_server *srv, const char *key, int64_t gen, struct buf *out)
{
	int i, hit = 0;

	if (gen < 0 || strlen(key) >= CACHE_KEY_MAX)
		return 0;
	pthread_mutex_lock(&srv->lock);
	for (i = 0; i < CACHE_SLOTS; i++) {
		struct cache_slot *c = &srv->cache[i];

		if (c->body && c->gen == gen && !strcmp(c->key, key)) {
			buf_add(out, c->body, c->len);
			c->used = ++srv->tick;
			hit = 1;
			break;
		}
	}
	pthread_mutex_unlock(&srv->lock);
	return hit;
}

void http_cache_put(struct http_server *srv, const char *key, int64_t gen, const char *body,
		    size_t len)
{
	struct cache_slot *victim;
	int i;

	if (gen < 0 || strlen(key) >= CACHE_KEY_MAX)
		return;
	pthread_mutex_lock(&srv->lock);
	victim = &srv->cache[0];
	for (i = 0; i < CACHE_SLOTS; i++) {
		struct cache_slot *c = &srv->cache[i];

		if (!c->body || !strcmp(c->key, key)) {
			victim = c;
			break;
		}
		if (c->used < victim->used)
			victim = c;
	}
	free(victim->body);
	snprintf(victim->key, sizeof(victim->key), "%s", key);
	victim->gen = gen;
	victim->body = xstrndup(body, len);
	victim->len = len;
	victim->used = ++srv->tick;
	pthread_mutex_unlock(&srv->lock);
}

/* ---- requests ---- */

const char *req_query(const struct http_req *rq, const char *key)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, key);
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct buf *b = cls;

	(void)kind;
	buf_addf(b, "&%s=%s", key, value ? value : "");
	return MHD_YES;
}

void req_query_key(const struct http_req *rq, struct buf *out)
{
	/* In the order the client sent them: the same URL gives the same key,
	 * which is what a cache of repeated requests needs. */
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_arg, out);
}

const char *req_header(const struct http_req *rq, const char *key)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, key);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static const char *client_address(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, cap, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)cap);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
			  (socklen_t)cap);
	return out;
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct conn_ctx *cx, struct http_resp *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ok;
	const char *type = rs->content_type ? rs->content_type : "application/json; charset=utf-8";
	int i, has_csp = 0;

	if (rs->data)
		r = MHD_create_response_from_buffer(rs->data_len, (void *)rs->data,
						    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(rs->body.len, rs->body.s, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	for (i = 0; i < rs->n_headers; i++) {
		MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
		has_csp |= !strcmp(rs->headers[i].name, "Content-Security-Policy");
	}
	/* The web UI's pages bring their own policy (static.c). Any other HTML
	 * is a bulletin: its inline style sheet and SVG, nothing else. An API
	 * answer loads nothing at all. Neither may be framed. */
	if (!has_csp && !strncmp(type, "text/html", 9))
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
					"font-src data:; base-uri 'none'; form-action 'none'; "
					"frame-ancestors 'none'");
	else if (!has_csp && !strncmp(type, "application/json", 16))
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'none'; frame-ancestors 'none'");
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", rs->cache ? rs->cache : "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	if (rs->set_cookie)
		MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	ok = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	cx->status = rs->status;
	cx->bytes = rs->data ? rs->data_len : rs->body.len;
	return ok;
}

static void resp_init(struct http_resp *rs)
{
	memset(rs, 0, sizeof(*rs));
	buf_init(&rs->body, 0);
	rs->status = 200;
}

static void resp_release(struct http_resp *rs)
{
	buf_release(&rs->body);
	free(rs->set_cookie);
	free(rs->disposition);
}

static enum MHD_Result fail_now(struct MHD_Connection *c, struct conn_ctx *cx, int status,
				const char *code, const char *msg, const char *zh)
{
	struct http_resp rs;
	enum MHD_Result ok;

	resp_init(&rs);
	resp_error(&rs, status, code, msg, zh, NULL);
	ok = send_resp(c, cx, &rs);
	resp_release(&rs);
	return ok;
}

/* The first call of a request: route it and check the announced body size. */
static enum MHD_Result begin(struct http_server *srv, struct MHD_Connection *c,
			     struct conn_ctx *cx, const char *url, const char *method)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	size_t limit;

	cx->route = route_find(method, url, &cx->rq, &cx->path_known);
	limit = cx->route && (cx->route->flags & ROUTE_BIG_BODY) ? srv->opt->max_upload
								 : srv->opt->max_body;
	buf_init(&cx->body, limit);
	if (len && strtoull(len, NULL, 10) > limit) {
		cx->too_big = 1;
		return fail_now(c, cx, 413, "too_large", "the request body is too large",
				"请求内容过大");
	}
	return MHD_YES;
}

static enum MHD_Result handle(struct http_server *srv, struct MHD_Connection *c,
			      struct conn_ctx *cx, const char *url, const char *method)
{
	struct http_resp rs;
	char addr[64];
	enum MHD_Result ok;

	if (cx->body.err)
		return fail_now(c, cx, 413, "too_large", "the request body is too large",
				"请求内容过大");
	resp_init(&rs);
	cx->rq.method = method;
	cx->rq.path = url;
	cx->rq.body = cx->body.len ? cx->body.s : NULL;
	cx->rq.body_len = cx->body.len;
	cx->rq.srv = srv;
	cx->rq.conn = c;
	cx->rq.client = client_address(c, addr, sizeof(addr));
	if (!cx->route) {
		if (!cx->path_known && static_serve(&cx->rq, &rs))
			; /* the web UI's files */
		else if (cx->path_known)
			resp_error(&rs, 405, "method_not_allowed", "method not allowed",
				   "不支持该请求方法", NULL);
		else
			resp_not_found(&rs, url);
	} else {
		cx->rq.st = thread_store(srv);
		if (!cx->rq.st)
			resp_error(&rs, 503, "unavailable", "the database cannot be opened",
				   "数据库无法打开", NULL);
		else
			route_dispatch(cx->route, &cx->rq, &rs);
	}
	ok = send_resp(c, cx, &rs);
	resp_release(&rs);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct conn_ctx *cx = *con_cls;

	(void)version;
	if (!cx) {
		cx = xcalloc(1, sizeof(*cx));
		clock_gettime(CLOCK_MONOTONIC, &cx->start);
		*con_cls = cx;
		return begin(srv, c, cx, url, method);
	}
	if (cx->too_big) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		buf_add(&cx->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return handle(srv, c, cx, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct conn_ctx *cx = *con_cls;
	char addr[64];

	(void)toe;
	if (!cx)
		return;
	if (srv->opt->access_log)
		fprintf(srv->opt->access_log, "%s %s %s %d %zu %.2fms\n",
			client_address(c, addr, sizeof(addr)),
			cx->rq.method ? cx->rq.method : "-", cx->rq.path ? cx->rq.path : "-",
			cx->status, cx->bytes, ms_since(&cx->start));
	buf_release(&cx->body);
	free(cx->rq.actor_name);
	free(cx->rq.username);
	free(cx->rq.csrf);
	free(cx->rq.session_hash);
	free(cx);
	*con_cls = NULL;
}

static void release(struct http_server *srv)
{
	size_t i;

	for (i = 0; i < srv->n_stores; i++)
		store_close(srv->stores[i]);
	free(srv->stores);
	for (i = 0; i < CACHE_SLOTS; i++)
		free(srv->cache[i].body);
	pthread_mutex_destroy(&srv->lock);
}

int server_run(const struct server_options *opt)
{
	struct http_server srv;
	struct sockaddr_in sa;
	sigset_t sigs;
	int sig = 0;

	memset(&srv, 0, sizeof(srv));
	srv.opt = opt;
	pthread_mutex_init(&srv.lock, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(opt->port);
	if (inet_pton(AF_INET, opt->host, &sa.sin_addr) != 1) {
		fprintf(stderr, "ballast serve: %s: not an IPv4 address\n", opt->host);
		return -1;
	}
	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	srv.d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
				 MHD_USE_ERROR_LOG, opt->port, NULL, NULL, on_request, &srv,
				 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				 MHD_OPTION_THREAD_POOL_SIZE, (unsigned)opt->threads,
				 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)opt->idle_timeout,
				 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)opt->header_limit,
				 MHD_OPTION_CONNECTION_LIMIT, (unsigned)opt->max_connections,
				 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)opt->max_per_ip,
				 MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
				 MHD_OPTION_END);
	if (!srv.d) {
		fprintf(stderr, "ballast serve: cannot listen on %s:%d\n", opt->host, opt->port);
		release(&srv);
		return -1;
	}
	fprintf(stderr, "ballast serve: listening on http://%s:%d/ (%d threads)\n", opt->host,
		opt->port, opt->threads);
	if (opt->on_ready)
		opt->on_ready(opt);
	sigwait(&sigs, &sig);
	fprintf(stderr, "ballast serve: %s: finishing requests and stopping\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_quiesce_daemon(srv.d);
	MHD_stop_daemon(srv.d);
	release(&srv);
	fprintf(stderr, "ballast serve: stopped\n");
	return 0;
}
