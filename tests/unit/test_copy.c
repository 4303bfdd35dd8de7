/* test_copy.c — ballast copy's pure parts (src/store/copy_catalog.c,
 * copy_check.c, copy.c): the order tables are written in, the old audit
 * hash told from bytes, what counts as the same value on two backends, and
 * how a database is named in a message (never with its password); the
 * catalog (order, keys, rowid, types) and the comparison on two SQLite
 * databases, each difference named. The copy
 * itself is tests/integration/test_copy.py's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/copy_int.h"
#include "store/store.h"

/* A table's name as copy_table holds it (not written to here). */
#define S(name) ((char *)(name))

static struct copy_table table(const char *name, char **refs, size_t n_refs)
{
	struct copy_table t = { 0 };

	t.name = (char *)name;
	t.refs = refs;
	t.n_refs = n_refs;
	return t;
}

static void test_order(void **state)
{
	char *reports[] = { S("projects") }, *projects[] = { S("units") };
	char *applications[] = { S("policies"), S("projects") }, *policies[] = { S("units") };
	struct copy_table t[] = {
		table("applications", applications, 2), table("audit", NULL, 0),
		table("policies", policies, 1), table("projects", projects, 1),
		table("reports", reports, 1), table("units", NULL, 0),
	};
	const char *want[] = { "audit", "units", "policies", "projects", "applications",
			       "reports" };

	(void)state;
	assert_int_equal(copy_order(t, 6), 0);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(t[i].name, want[i]);
	/* already in order: unchanged */
	assert_int_equal(copy_order(t, 6), 0);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(t[i].name, want[i]);
}

static void test_order_refuses(void **state)
{
	char *a[] = { S("b") }, *b[] = { S("a") }, *c[] = { S("nowhere") };
	struct copy_table cycle[] = { table("a", a, 1), table("b", b, 1) };
	struct copy_table missing[] = { table("c", c, 1) };

	(void)state;
	assert_int_equal(copy_order(cycle, 2), -1);
	assert_int_equal(copy_order(missing, 1), -1);
	assert_int_equal(copy_order(NULL, 0), 0);
}

static void test_hex_hash(void **state)
{
	const char *old = "82aa06a426201c0803c7e637d6117db024991c969c0156132221b4411502089d";
	unsigned char raw[32];

	(void)state;
	assert_true(copy_hex_hash(old, 64));
	assert_false(copy_hex_hash(old, 63));
	assert_false(copy_hex_hash(old, 32));
	assert_false(copy_hex_hash(NULL, 64));
	/* upper case is not what ballast wrote */
	assert_false(copy_hex_hash("82AA06a426201c0803c7e637d6117db024991c969c0156132221b4411502089d", 64));
	memset(raw, 0xab, sizeof(raw));
	assert_false(copy_hex_hash(raw, sizeof(raw)));
}

static struct copy_value val(enum db_type type, int64_t i, const char *p, size_t n)
{
	return (struct copy_value){ .type = type, .i = i, .p = p, .n = n };
}

static void test_value_equal(void **state)
{
	struct copy_value i5 = val(DBT_INTEGER, 5, NULL, 0), i6 = val(DBT_INTEGER, 6, NULL, 0);
	struct copy_value null = val(DBT_NULL, 0, NULL, 0), zero = val(DBT_INTEGER, 0, NULL, 0);
	struct copy_value text = val(DBT_TEXT, 0, "新吴区", 9), blob = val(DBT_BLOB, 0, "新吴区", 9);
	struct copy_value shorter = val(DBT_TEXT, 0, "新吴区", 6), empty = val(DBT_TEXT, 0, "", 0);
	struct copy_value five = val(DBT_TEXT, 0, "5", 1), real = val(DBT_FLOAT, 0, NULL, 0);

	(void)state;
	assert_true(copy_value_equal(&i5, &i5, 1));
	assert_false(copy_value_equal(&i5, &i6, 0));
	assert_true(copy_value_equal(&null, &null, 1));
	assert_false(copy_value_equal(&null, &zero, 0));
	assert_false(copy_value_equal(&null, &empty, 0));
	assert_true(copy_value_equal(&text, &text, 1));
	assert_false(copy_value_equal(&text, &shorter, 0));
	/* a text and a blob of the same bytes: equal across backends only */
	assert_true(copy_value_equal(&text, &blob, 0));
	assert_false(copy_value_equal(&text, &blob, 1));
	/* an integer is not its digits */
	assert_false(copy_value_equal(&i5, &five, 0));
	assert_false(copy_value_equal(&real, &real, 0));
}

static void expect_name(const char *target, const char *want)
{
	struct buf b = BUF_INIT;

	store_describe(&b, target);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void test_describe(void **state)
{
	(void)state;
	expect_name("/var/lib/ballast/d.db", "/var/lib/ballast/d.db");
	expect_name("host=/tmp/pg dbname=city user=ballast password=secret",
		    "PostgreSQL database city");
	expect_name("postgres://ballast:secret@db.example/province?sslmode=require",
		    "PostgreSQL database province");
	expect_name("postgresql:///ballast?host=/tmp", "PostgreSQL database ballast");
	/* no name given: the server's default, not guessed */
	expect_name("host=/tmp/pg user=ballast", "the PostgreSQL database");
	expect_name("postgres://db.example", "the PostgreSQL database");
}

/* ---- the catalog and the comparison, on two SQLite databases ---- */

#define SCHEMA \
	"CREATE TABLE units (id INTEGER PRIMARY KEY, code TEXT NOT NULL," \
	" parent_id INTEGER REFERENCES units(id));" \
	"CREATE TABLE reports (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL" \
	" REFERENCES units(id), month TEXT NOT NULL, invest INTEGER, note BLOB);" \
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);" \
	"CREATE TABLE chunks (entry INTEGER NOT NULL, entity TEXT NOT NULL, seq INTEGER NOT NULL," \
	" digest BLOB NOT NULL, PRIMARY KEY (entry, entity, seq)) WITHOUT ROWID;"
#define ROWS \
	"INSERT INTO units VALUES (2, 'S01', NULL), (1, 'D', NULL);" \
	"UPDATE units SET parent_id = 1 WHERE id = 2;" \
	"INSERT INTO reports VALUES (1, 2, '2024-01', 100, x'00ff'), (2, 2, '2024-02', 250, NULL);" \
	"INSERT INTO settings (rowid, key, value) VALUES (3, 'b', '二'), (7, 'a', '一');" \
	"INSERT INTO chunks VALUES (1, 'report', 0, x'01'), (1, 'project', 0, x'02');"

struct pair {
	struct copy c;
	struct copy_report r;
	struct buf err;
};

static int pair_setup(void **state)
{
	struct pair *p = calloc(1, sizeof(*p));
	char why[256];

	assert_non_null(p);
	buf_init(&p->err, 0);
	p->c.r = &p->r;
	p->c.err = &p->err;
	assert_int_equal(db_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				 &p->c.src.db, why, sizeof(why)), 0);
	assert_int_equal(db_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				 &p->c.dst.db, why, sizeof(why)), 0);
	assert_int_equal(db_exec(p->c.src.db, SCHEMA ROWS), 0);
	assert_int_equal(db_exec(p->c.dst.db, SCHEMA ROWS), 0);
	assert_int_equal(copy_catalog(&p->c), BL_OK);
	*state = p;
	return 0;
}

static int pair_teardown(void **state)
{
	struct pair *p = *state;

	copy_tables_free(&p->c);
	db_close(p->c.src.db);
	db_close(p->c.dst.db);
	buf_release(&p->err);
	free(p);
	return 0;
}

static void test_catalog(void **state)
{
	struct pair *p = *state;
	const char *order[] = { "chunks", "settings", "units", "reports" };
	const struct copy_table *t = p->c.t;

	assert_int_equal(p->c.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(t[i].name, order[i]);
	/* chunks: the primary key, in its order; no rowid (WITHOUT ROWID) */
	assert_int_equal(t[0].n_cols, 4);
	assert_int_equal(t[0].n_key, 3);
	assert_string_equal(t[0].cols[t[0].key[1]], "entity");
	assert_int_equal(t[0].src_type[3], CT_BLOB);
	/* settings: SQLite's rowid, which is no column's alias, copied and the key */
	assert_int_equal(t[1].n_cols, 3);
	assert_string_equal(t[1].cols[2], "rowid");
	assert_int_equal(t[1].n_key, 1);
	assert_int_equal(t[1].key[0], 2);
	/* units refers to itself only: not a reference that orders it */
	assert_int_equal(t[2].n_refs, 0);
	assert_int_equal(t[2].n_cols, 3);
	assert_int_equal(t[3].n_refs, 1);
	assert_string_equal(t[3].refs[0], "units");
	assert_int_equal(t[3].src_type[1], CT_INT);
	assert_int_equal(t[3].dst_type[2], CT_TEXT);
}

static void test_compare_equal(void **state)
{
	struct pair *p = *state;

	assert_int_equal(copy_compare(&p->c), BL_OK);
}

static void expect_difference(struct pair *p, const char *sql, const char *want)
{
	assert_int_equal(db_exec(p->c.dst.db, sql), 0);
	assert_int_equal(copy_compare(&p->c), BL_ECONFLICT);
	assert_string_equal(p->err.s, want);
}

static void test_compare_names_the_first_difference(void **state)
{
	struct pair *p = *state;

	expect_difference(p, "UPDATE reports SET invest = 251 WHERE id = 2",
			  "reports differs from the source at row 2 (id 2): column invest");
	expect_difference(p, "UPDATE reports SET invest = 250 WHERE id = 2;"
			  " UPDATE reports SET note = CAST(x'00ff' AS TEXT) WHERE id = 1",
			  "reports differs from the source at row 1 (id 1): column note");
	expect_difference(p, "UPDATE reports SET note = x'00ff' WHERE id = 1;"
			  " DELETE FROM settings WHERE key = 'a'",
			  "settings has 1 row in the target and more in the source (the first: "
			  "rowid 7)");
	expect_difference(p, "INSERT INTO settings (rowid, key, value) VALUES (7, 'a', '一');"
			  " UPDATE chunks SET digest = x'03' WHERE entity = 'report'",
			  "chunks differs from the source at row 2 (entry 1, entity 'report', "
			  "seq 0): column digest");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_order_refuses),
		cmocka_unit_test(test_hex_hash),
		cmocka_unit_test(test_value_equal),
		cmocka_unit_test(test_describe),
		cmocka_unit_test_setup_teardown(test_catalog, pair_setup, pair_teardown),
		cmocka_unit_test_setup_teardown(test_compare_equal, pair_setup, pair_teardown),
		cmocka_unit_test_setup_teardown(test_compare_names_the_first_difference,
						pair_setup, pair_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
