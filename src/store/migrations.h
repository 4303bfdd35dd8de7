/* migrations.h — the numbered schema migrations. Migration i (1-based) takes a
 * database from schema version i-1 to i; the database records its version in
 * PRAGMA user_version. Portable SQL only (SQLite and PostgreSQL). */
#ifndef BL_MIGRATIONS_H
#define BL_MIGRATIONS_H

extern const char *const migrations[];
extern const int n_migrations;

/* PostgreSQL's schema (pg_schema.c): steps that each bring a database to
 * schema version `to`, the same numbering as SQLite's. The first is a
 * baseline (a whole schema at once); a database below it is new. */
struct pg_migration {
	int to;
	const char *sql;
};
extern const struct pg_migration pg_migrations[];
extern const int n_pg_migrations;

#endif
