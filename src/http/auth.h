/* auth.h — who is asking: session cookies (HttpOnly, SameSite=Strict, 256
 * random bits, stored hashed), CSRF tokens, bearer API tokens, and login
 * throttling per account and per address. */
#ifndef BL_AUTH_H
#define BL_AUTH_H

#include "http/http.h"

#define SESSION_COOKIE "ballast_session"
#define SESSION_SECONDS (12 * 3600)

/* Before serving (after secret_init): the login throttle and the dummy
 * password hash that unknown accounts are checked against. 0 on success, -1
 * when out of memory. auth_release frees them after the last request. */
int auth_init(void);
void auth_release(void);

/* Fill rq->actor from a bearer token or the session cookie. 0 when
 * authenticated (*via_token says which); else a 401 is set on rs and -1. */
int auth_identify(struct http_req *rq, int *via_token, struct http_resp *rs);
/* 0 when the X-CSRF-Token header matches the session's token; else 403 on rs
 * and -1. */
int auth_check_csrf(struct http_req *rq, struct http_resp *rs);

#endif
