/* errors.h — the HTTP API's one error vocabulary (docs/api.md "Errors"): each
 * error code with its status and its English and Chinese sentences, in one
 * table (errors.c). Handlers name an error by its enum, so a code always goes
 * with the same status; a handler may give a more precise sentence. */
#ifndef BL_HTTP_ERRORS_H
#define BL_HTTP_ERRORS_H

#include "util/error.h"

enum http_err {
	HE_INVALID,            /* 400 a field is malformed or out of range */
	HE_BAD_JSON,           /* 400 the body is not a JSON object */
	HE_EMPTY,              /* 400 an upload with no bytes */
	HE_UNAUTHENTICATED,    /* 401 no valid session or token */
	HE_BAD_CREDENTIALS,    /* 401 wrong username or password */
	HE_FORBIDDEN,          /* 403 the role or unit may not do this */
	HE_CSRF,               /* 403 a session write without its CSRF token */
	HE_NOT_FOUND,          /* 404 no such thing (or not visible to the caller) */
	HE_NOT_ISSUED,         /* 404 the month's bulletin is not issued */
	HE_NO_VERSION,         /* 404 the month has no such issued version */
	HE_UNKNOWN_SETTING,    /* 404 no setting has this key */
	HE_METHOD_NOT_ALLOWED, /* 405 */
	HE_STALE,              /* 409 changed since the caller read it */
	HE_CONFLICT,           /* 409 a duplicate key or a concurrent change */
	HE_LOCKED,             /* 409 submitted or verified: the office's now */
	HE_WRONG_STATUS,       /* 409 the workflow does not allow it from here */
	HE_EXISTS,             /* 409 already exists */
	HE_ISSUED,             /* 409 the month's bulletin is issued */
	HE_PLAN_ISSUED,        /* 409 the year's plan is issued: change it by a change request */
	HE_PLAN_OPEN,          /* 409 the year's plan is not issued: edit it directly */
	HE_CHANGE_PENDING,     /* 409 a pending change request has the field already */
	HE_TOO_LARGE,          /* 413 the body is over its limit */
	HE_REFUSED,            /* 422 a file with problems: nothing written */
	/* leader linkage on every project write (issue 13) */
	HE_UNKNOWN_LEADER,     /* 422 a leader name that is no leader account's */
	HE_AMBIGUOUS_LEADER,   /* 422 a display name several leader accounts share */
	/* district1: one instance, many districts (issue #17 item 5) */
	HE_DISTRICT_REQUIRED,  /* 422 several districts, none named, the caller bound to none */
	HE_VERSION_REQUIRED,   /* 428 an edit without the version it changes */
	HE_THROTTLED,          /* 429 too many failed logins */
	HE_INTERNAL,           /* 500 */
	HE_BAD_SETTING,        /* 500 a stored setting is not valid: nothing computed with it */
	HE_UNAVAILABLE,        /* 503 the database cannot be opened */
	HE_BUSY,               /* 503 try again shortly (Retry-After) */
	HE__MAX
};

struct http_error_def {
	const char *code;
	int status;
	const char *message;    /* the default English sentence */
	const char *message_zh; /* the default Chinese sentence */
};

extern const struct http_error_def http_errors[HE__MAX];

/* The error a store or domain error code becomes. */
enum http_err http_err_of(enum bl_err rc);

#endif
