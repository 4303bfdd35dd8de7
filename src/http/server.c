/* server.c — the libmicrohttpd adapter: a pool of epoll worker threads (a
 * slow client costs a socket, not a worker), limits on headers, bodies and
 * idle time, callers admitted from their headers before a body is read, an
 * access log line per request, and a clean stop on SIGINT/SIGTERM. The
 * database connections are store_pool.c's, the answer cache cache.c's.
 * Handlers see only http.h. */
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "http/auth.h"
#include "http/cache.h"
#include "http/escalator.h"
#include "http/notifier.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/static.h"
#include "http/store_pool.h"
#include "snap/holder.h"
#include "store/store_accounts.h"
#include "store/store_multi.h"
#include "util/xalloc.h"

/* Request bodies buffered at once, all connections together. Bodies are read
 * only for callers already admitted (route_admit), so only known users spend
 * this; past it a request gets 503 and its body is discarded, not kept. */
#define BODY_BUDGET ((size_t)256 << 20)

/* How many times a write that another writer's conflict undid is run again
 * (run_route), after a random pause of up to 10, 20, 40, 80 ms. */
#define CONFLICT_RETRIES 4

struct http_server {
	struct MHD_Daemon *d;
	const struct server_options *opt;
	pthread_mutex_t lock;          /* body_bytes */
	struct store_pool pool;
	struct snap_holder *snaps;     /* the current snapshot of the data */
	struct answer_cache cache;
	size_t body_bytes;             /* buffered now, under lock; ≤ BODY_BUDGET */
	pthread_mutex_t render;        /* held while a draft is drawn */
};

/* Per request. */
struct conn_ctx {
	struct buf body;
	const struct route *route;
	int path_known;
	int too_big;
	int refused;          /* answered from the headers: the body is discarded */
	int over_budget;      /* the server's body budget was spent: 503 */
	size_t reserved;      /* bytes of srv->body_bytes this request holds */
	int status;
	size_t bytes;
	struct timespec start;
	char client[64];
	struct http_req rq;
};

/* ---- the answer cache ---- */

int64_t http_generation(struct http_req *rq)
{
	return store_generation(rq->st);
}

const struct snapshot *http_snapshot(struct http_req *rq)
{
	int64_t gen;

	if (rq->snap)
		return rq->snap;
	rq->snap = snap_holder_get(rq->srv->snaps);
	/* A write's handler decides from the store in its own transaction; the
	 * snapshot catches up after it (http_after_write), never inside it. */
	if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD"))
		return rq->snap;
	gen = store_generation(rq->st);
	/* Another process wrote (a CLI import, another server): catch up,
	 * unless a refresh is running already, which catches up anyway. */
	if (gen >= 0 && gen != snapshot_generation(rq->snap) &&
	    !snap_holder_refresh(rq->srv->snaps, rq->st, 0)) {
		snap_holder_put(rq->srv->snaps, rq->snap);
		rq->snap = snap_holder_get(rq->srv->snaps);
	}
	return rq->snap;
}

void http_after_write(struct http_req *rq)
{
	enum bl_err rc = snap_holder_refresh(rq->srv->snaps, rq->st, 1);

	if (rc)
		fprintf(stderr, "ballast serve: the snapshot of the data was not refreshed: %s\n",
			store_errmsg(rq->st));
}

int http_cache_get(struct http_server *srv, const char *key, int64_t gen, struct buf *out)
{
	return cache_get(&srv->cache, key, gen, out);
}

int http_render_begin(struct http_server *srv)
{
	return pthread_mutex_trylock(&srv->render) ? -1 : 0;
}

void http_render_end(struct http_server *srv)
{
	pthread_mutex_unlock(&srv->render);
}

void http_cache_put(struct http_server *srv, const char *key, int64_t gen, const char *body,
		    size_t len)
{
	cache_put(&srv->cache, key, gen, body, len);
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

static enum MHD_Result fail_now(struct MHD_Connection *c, struct conn_ctx *cx, enum http_err e,
				const char *msg, const char *zh)
{
	struct http_resp rs;
	enum MHD_Result ok;

	resp_init(&rs);
	resp_fail(&rs, e, msg, zh, NULL);
	ok = send_resp(c, cx, &rs);
	resp_release(&rs);
	return ok;
}

/* Send a response built on rs, then release it. */
static enum MHD_Result send_built(struct MHD_Connection *c, struct conn_ctx *cx,
				  struct http_resp *rs)
{
	enum MHD_Result ok = send_resp(c, cx, rs);

	resp_release(rs);
	return ok;
}

/* The first call of a request, with its headers only: route it, check the
 * announced body size, and admit or refuse the caller before a byte of the
 * body is read. A refusal is answered at once and the body never buffered. */
static enum MHD_Result begin(struct http_server *srv, struct MHD_Connection *c,
			     struct conn_ctx *cx, const char *url, const char *method)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	struct http_resp rs;
	size_t limit;

	cx->rq.method = method;
	cx->rq.path = url;
	cx->rq.srv = srv;
	cx->rq.conn = c;
	cx->rq.client = client_address(c, cx->client, sizeof(cx->client));
	cx->route = route_find(method, url, &cx->rq, &cx->path_known);
	limit = cx->route && (cx->route->flags & ROUTE_BIG_BODY) ? srv->opt->max_upload
								 : srv->opt->max_body;
	buf_init(&cx->body, limit);
	if (!cx->route || (cx->route->flags & ROUTE_PUBLIC)) {
		if (len && strtoull(len, NULL, 10) > limit) {
			cx->too_big = 1;
			return fail_now(c, cx, HE_TOO_LARGE, "the request body is too large",
					"请求内容过大");
		}
		return MHD_YES;
	}
	resp_init(&rs);
	cx->rq.st = store_pool_get(&srv->pool);
	if (!cx->rq.st) {
		resp_fail(&rs, HE_UNAVAILABLE, "the database cannot be opened",
			   "数据库无法打开", NULL);
		cx->refused = 1;
		return send_built(c, cx, &rs);
	}
	if (route_admit(cx->route, &cx->rq, &rs)) {
		cx->refused = 1;
		return send_built(c, cx, &rs);
	}
	resp_release(&rs);
	if (len && strtoull(len, NULL, 10) > limit) {
		cx->too_big = 1;
		return fail_now(c, cx, HE_TOO_LARGE, "the request body is too large",
				"请求内容过大");
	}
	return MHD_YES;
}

/* Take n more bytes of the server's body budget for cx; 0 when granted. */
static int reserve_body(struct http_server *srv, struct conn_ctx *cx, size_t n)
{
	int ok;

	pthread_mutex_lock(&srv->lock);
	ok = srv->body_bytes <= BODY_BUDGET && n <= BODY_BUDGET - srv->body_bytes;
	if (ok) {
		srv->body_bytes += n;
		cx->reserved += n;
	}
	pthread_mutex_unlock(&srv->lock);
	return ok ? 0 : -1;
}

static void release_body(struct http_server *srv, struct conn_ctx *cx)
{
	pthread_mutex_lock(&srv->lock);
	srv->body_bytes -= cx->reserved;
	pthread_mutex_unlock(&srv->lock);
	cx->reserved = 0;
	buf_release(&cx->body);
}

/* Run the route's handler. A write whose transaction another writer's undid
 * — PostgreSQL's SERIALIZABLE refusing it (40001, 40P01: store_conflicted)
 * — with nothing of it committed runs again, here and nowhere else: the new
 * run sees the other write, so it answers 409 stale where the version moved,
 * or succeeds. Past CONFLICT_RETRIES the 503 busy stands. ballast's own
 * writers queue on the store's write lock and never meet; this is for a
 * write from outside between a transaction's read and its write. */
static void run_route(struct conn_ctx *cx, struct http_resp *rs)
{
	struct timespec pause;
	uint64_t commits;
	int tries;

	for (tries = 0;; tries++) {
		commits = store_commits(cx->rq.st);
		route_run(cx->route, &cx->rq, rs);
		if (!strcmp(cx->rq.method, "GET") || !strcmp(cx->rq.method, "HEAD") ||
		    !strcmp(cx->rq.method, "OPTIONS") ||
		    tries == CONFLICT_RETRIES || rs->status != 503 ||
		    !store_conflicted(cx->rq.st) || store_commits(cx->rq.st) != commits)
			return;
		resp_release(rs);
		resp_init(rs);
		free(cx->rq.list_ids);
		cx->rq.list_ids = NULL;
		pause.tv_sec = 0;
		pause.tv_nsec = (long)randombytes_uniform(10000u << tries) * 1000;
		nanosleep(&pause, NULL);
	}
}

static enum MHD_Result handle(struct http_server *srv, struct MHD_Connection *c,
			      struct conn_ctx *cx, const char *url)
{
	struct http_resp rs;

	if (cx->body.err)
		return fail_now(c, cx, HE_TOO_LARGE, "the request body is too large",
				"请求内容过大");
	if (cx->over_budget)
		return fail_now(c, cx, HE_BUSY, "the server is receiving too many uploads; "
				"try again shortly", "服务器正忙于接收上传，请稍后再试");
	resp_init(&rs);
	cx->rq.body = cx->body.len ? cx->body.s : NULL;
	cx->rq.body_len = cx->body.len;
	if (!cx->route) {
		if (!cx->path_known && static_serve(&cx->rq, &rs))
			; /* the web UI's files */
		else if (cx->path_known)
			resp_fail(&rs, HE_METHOD_NOT_ALLOWED, "method not allowed",
				   "不支持该请求方法", NULL);
		else
			resp_not_found(&rs, url);
	} else {
		if (!cx->rq.st)
			cx->rq.st = store_pool_get(&srv->pool);
		if (!cx->rq.st)
			resp_fail(&rs, HE_UNAVAILABLE, "the database cannot be opened",
				   "数据库无法打开", NULL);
		else
			run_route(cx, &rs);
	}
	return send_built(c, cx, &rs);
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
	if (cx->too_big || cx->refused) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (cx->body.err) { /* over this route's limit: 413 at the end */
			*upload_size = 0;
			return MHD_YES;
		}
		if (!cx->over_budget && reserve_body(srv, cx, *upload_size)) {
			cx->over_budget = 1;
			release_body(srv, cx);
		}
		if (!cx->over_budget)
			buf_add(&cx->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return handle(srv, c, cx, url);
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
	release_body(srv, cx);
	snap_holder_put(srv->snaps, cx->rq.snap);
	free(cx->rq.actor_name);
	free(cx->rq.username);
	free(cx->rq.csrf);
	free(cx->rq.session_hash);
	free(cx->rq.list_ids);
	free(cx);
	*con_cls = NULL;
}

static void release(struct http_server *srv)
{
	snap_holder_close(srv->snaps);
	store_pool_release(&srv->pool);
	cache_release(&srv->cache);
	pthread_mutex_destroy(&srv->lock);
	pthread_mutex_destroy(&srv->render);
	auth_release();
}

/* The data, loaded once into memory (snap/holder.h) on this thread's
 * connection; every read answers from it. */
static int open_snapshot(struct http_server *srv)
{
	struct store *st = store_pool_get(&srv->pool);
	enum bl_err rc;

	if (!st)
		return -1;
	rc = snap_holder_open(st, &srv->snaps);
	if (rc) {
		struct buf name = BUF_INIT;

		store_describe(&name, srv->opt->db_path);
		fprintf(stderr, "ballast serve: %s: cannot load the data: %s\n", name.s,
			*store_errmsg(st) ? store_errmsg(st) : bl_strerror(rc));
		buf_release(&name);
		return -1;
	}
	return 0;
}

int server_run(const struct server_options *opt)
{
	struct http_server srv;
	struct escalator esc;
	struct notifier notif; /* visits: the group-chat webhook */
	struct sockaddr_in sa;
	sigset_t sigs;
	int sig = 0;

	memset(&srv, 0, sizeof(srv));
	srv.opt = opt;
	pthread_mutex_init(&srv.lock, NULL);
	pthread_mutex_init(&srv.render, NULL);
	store_pool_init(&srv.pool, opt->db_path);
	cache_init(&srv.cache);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(opt->port);
	if (inet_pton(AF_INET, opt->host, &sa.sin_addr) != 1) {
		fprintf(stderr, "ballast serve: %s: not an IPv4 address\n", opt->host);
		return -1;
	}
	if (auth_init()) {
		fprintf(stderr, "ballast serve: out of memory for the login throttle\n");
		release(&srv);
		return -1;
	}
	if (open_snapshot(&srv)) {
		release(&srv);
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
	/* DOMAIN.md §7: the items escalate each day by themselves. */
	escalator_start(&esc, opt->db_path);
	/* Issue #13: supervision events to a group-chat robot, when set. */
	notifier_start(&notif, opt->db_path);
	if (opt->on_ready)
		opt->on_ready(opt);
	sigwait(&sigs, &sig);
	fprintf(stderr, "ballast serve: %s: finishing requests and stopping\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	notifier_stop(&notif);
	escalator_stop(&esc);
	MHD_quiesce_daemon(srv.d);
	MHD_stop_daemon(srv.d);
	release(&srv);
	fprintf(stderr, "ballast serve: stopped\n");
	return 0;
}
