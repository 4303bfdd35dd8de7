/* server.h — starting and stopping the HTTP server (`ballast serve`). */
#ifndef BL_SERVER_H
#define BL_SERVER_H

#include <stddef.h>
#include <stdio.h>

struct server_options {
	const char *db_path;
	char host[64];         /* IPv4 address to listen on */
	int port;
	int threads;           /* worker threads (epoll each) */
	int idle_timeout;      /* seconds a connection may stay silent */
	size_t header_limit;   /* bytes of memory per connection (headers, buffers) */
	size_t max_body;       /* bytes of a JSON request body */
	size_t max_upload;     /* bytes of an import upload */
	int max_connections;
	int max_per_ip;
	FILE *access_log;      /* one line per request, or NULL */
	void (*on_ready)(const struct server_options *opt);
};

/* Serve until SIGINT or SIGTERM; then stop accepting, finish the requests in
 * flight and close the database connections. 0 after a clean stop, -1 when
 * the server cannot start (message printed). */
int server_run(const struct server_options *opt);

#endif
