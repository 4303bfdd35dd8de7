/* http.h — what the server's handlers see: a parsed request (method, path,
 * captures, query, body, the authenticated actor, this thread's database) and
 * a response to fill. libmicrohttpd stays in server.c; handlers are plain C
 * over these two structs, one file per resource (INTERFACES.md "HTTP API"). */
#ifndef BL_HTTP_H
#define BL_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/password.h"
#include "http/errors.h"
#include "snap/snapshot.h"
#include "store/store.h"
#include "util/buf.h"

#define HTTP_MAX_CAPTURES 4
#define HTTP_MAX_HEADERS 6
#define HTTP_CAPTURE_MAX 256

struct http_server;

struct http_req {
	const char *method;        /* "GET", "POST", … */
	const char *path;          /* without the query */
	const char *captures[HTTP_MAX_CAPTURES]; /* the :name segments of the route */
	/* Where the captures point: this request's own copy of the segments.
	 * Never a per-thread buffer: one worker thread serves many requests
	 * between a request's headers and its body (issue #9). */
	char capture_buf[HTTP_MAX_CAPTURES][HTTP_CAPTURE_MAX];
	const char *body;          /* the request body (may hold NULs), or NULL */
	size_t body_len;
	struct actor actor;        /* valid when authed */
	int authed;
	char *actor_name;          /* "user:NAME", for the audit trail (owned) */
	char *username;            /* actor.username points here (owned) */
	char *csrf;                /* the session's CSRF token (owned), or NULL */
	char *session_hash;        /* the session token's hash (owned), or NULL */
	struct store *st;          /* this worker thread's connection */
	/* The snapshot of the data this request reads (http_snapshot), held
	 * from its first use to the request's end; NULL before. */
	const struct snapshot *snap;
	/* The projects of the named list the query filters by (leader linkage),
	 * ascending, owned; NULL when none. */
	int64_t *list_ids;
	struct http_server *srv;
	void *conn;                /* the libmicrohttpd connection (server.c only) */
	const char *client;        /* the client's address, for throttling and logs */
};

struct http_resp {
	int status;
	struct buf body;
	const char *content_type;  /* static string */
	char *set_cookie;          /* owned, or NULL */
	char *disposition;         /* Content-Disposition, owned, or NULL */
	const char *cache;         /* Cache-Control, static, or NULL */
	/* Further headers (static strings, or header_text), e.g. the web UI's
	 * ETag. */
	struct { const char *name, *value; } headers[HTTP_MAX_HEADERS];
	int n_headers;
	char header_text[32];      /* one header value made for this response */
	/* A body in static storage (the embedded web UI), sent instead of body
	 * when not NULL. */
	const void *data;
	size_t data_len;
};

/* A query parameter's value, or NULL. */
const char *req_query(const struct http_req *rq, const char *key);
/* Append every query parameter as "&key=value" to out, in request order. */
void req_query_key(const struct http_req *rq, struct buf *out);
/* A request header's value, or NULL. */
const char *req_header(const struct http_req *rq, const char *key);
/* The body as a JSON object; on failure sets a 400 error on rs and returns
 * NULL. Refuses nesting deeper than 32. Caller decrefs. */
json_t *req_json(const struct http_req *rq, struct http_resp *rs);

/* Set the response to the JSON value j (reference stolen). */
void resp_json(struct http_resp *rs, int status, json_t *j);
/* Set the error response of e (http/errors.h: its code and status) as
 * {"error": {"code", "message", "message_zh", "field"}}: message and
 * message_zh NULL give the error's own sentences; field may be NULL. */
void resp_fail(struct http_resp *rs, enum http_err e, const char *message,
	       const char *message_zh, const char *field);
/* The error object of e alone, for answers that carry more (caller owns). */
json_t *http_error_json(enum http_err e, const char *message, const char *message_zh,
			const char *field);
/* Answer doc (reference stolen) with e's status; doc gets e's "error" object
 * when it has none. */
void resp_fail_doc(struct http_resp *rs, enum http_err e, json_t *doc);
/* End a write begun with store_begin: commit when rc is BL_OK, else (or when
 * the commit fails) roll back and set the error response. 0 when committed. */
int http_finish(struct http_req *rq, struct http_resp *rs, enum bl_err rc);
/* Open the write's transaction (store_begin): 0, or -1 after answering the
 * store's error. */
int http_begin(struct http_req *rq, struct http_resp *rs);
/* Common errors. */
void resp_bad_request(struct http_resp *rs, const char *field, const char *message);
void resp_not_found(struct http_resp *rs, const char *what);
void resp_store_error(struct http_resp *rs, struct store *st, enum bl_err rc);
/* 400 invalid naming field: the password's problem and the rule, in both
 * languages (core/password.h). */
void resp_weak_password(struct http_resp *rs, enum password_problem p, const char *field);


/* The server's answer cache (server.c): a response body keyed by a string,
 * valid while the data's write generation is unchanged. http_cached()
 * builds the key of a GET (path, query, today, and the caller's role and unit
 * when per_user) into key, and answers from the cache when it can (1);
 * http_answer() sets the response and stores it under key. Both are for
 * answers computed from the request's snapshot (http_snapshot): the
 * generation is the snapshot's. http_generation() is the database's, for
 * answers computed from the store. */
int http_cached(struct http_req *rq, struct http_resp *rs, struct buf *key, int per_user,
		int64_t *gen);
void http_answer(struct http_req *rq, struct http_resp *rs, struct buf *key, int64_t gen,
		 json_t *doc);
/* As http_answer, with the answer's JSON already written as text: text's
 * contents become the body (text is left with what the body held; the
 * caller releases it as before). */
void http_answer_text(struct http_req *rq, struct http_resp *rs, struct buf *key, int64_t gen,
		      struct buf *text);
int64_t http_generation(struct http_req *rq);
/* The snapshot of the data (snap/snapshot.h) this request reads: taken on
 * the first call, the same one for the rest of the request. For a read (GET,
 * HEAD) whose database's write generation has moved past it (another process
 * wrote), it is brought up to date first, unless another request is doing so
 * already (then this one reads the snapshot as it was a moment before).
 * Never NULL. */
const struct snapshot *http_snapshot(struct http_req *rq);
/* After a write route's handler: the snapshot brought up to what it wrote,
 * before the answer goes out (a client that wrote reads its write next). */
void http_after_write(struct http_req *rq);
/* Expensive rendering (a bulletin draft), one request at a time: 0 when this
 * request may render now (call http_render_end after), -1 when another one
 * is rendering. */
int http_render_begin(struct http_server *srv);
void http_render_end(struct http_server *srv);
int http_cache_get(struct http_server *srv, const char *key, int64_t gen, struct buf *out);
void http_cache_put(struct http_server *srv, const char *key, int64_t gen, const char *body,
		    size_t len);

#endif
