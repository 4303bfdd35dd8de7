/* migrations.h — the numbered schema migrations. Migration i (1-based) takes a
 * database from schema version i-1 to i; the database records its version in
 * PRAGMA user_version. Portable SQL only (SQLite and PostgreSQL). */
#ifndef BL_MIGRATIONS_H
#define BL_MIGRATIONS_H

extern const char *const migrations[];
extern const int n_migrations;

#endif
