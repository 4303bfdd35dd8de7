/* test_leaders.c — unit tests of leader linkage's rules (src/core/leaders.c):
 * splitting a 挂钩领导 cell, matching a name to a leader account, joining the
 * names, a list's ids and name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/demo_leaders.h"
#include "core/demo_names.h"
#include "core/leaders.h"
#include "util/xalloc.h"

static void test_split(void **state)
{
	char *n[LEADER_NAMES_MAX];
	int k, i;

	(void)state;
	k = leader_names_split(" 区长 张某某、wang；李区长 ,, ;", n, LEADER_NAMES_MAX);
	assert_int_equal(k, 3);
	assert_string_equal(n[0], "区长 张某某"); /* a space inside a name stays */
	assert_string_equal(n[1], "wang");
	assert_string_equal(n[2], "李区长");
	for (i = 0; i < k; i++)
		free(n[i]);
	assert_int_equal(leader_names_split(NULL, n, LEADER_NAMES_MAX), 0);
	assert_int_equal(leader_names_split("、 ,", n, LEADER_NAMES_MAX), 0);
	assert_int_equal(leader_names_split("a,b,c", n, 2), -1);
}

static void test_match_and_join(void **state)
{
	struct leader_account v[3] = {
		{ 1, (char *)"wang", (char *)"王副区长" },
		{ 2, (char *)"zhou1", (char *)"周副区长" },
		{ 3, (char *)"zhou2", (char *)"周副区长" },
	};
	const char *names[2] = { "王副区长", "zhou2" };
	char *s;

	(void)state;
	assert_int_equal(leader_account_match(v, 3, "wang"), 0);
	assert_int_equal(leader_account_match(v, 3, "王副区长"), 0);
	assert_int_equal(leader_account_match(v, 3, "zhou2"), 2);
	assert_int_equal(leader_account_match(v, 3, "周副区长"), -2);
	assert_int_equal(leader_account_match(v, 3, "赵某"), -1);
	assert_int_equal(leader_account_match(v, 3, NULL), -1);
	s = leader_names_join(names, 2);
	assert_string_equal(s, "王副区长、zhou2");
	free(s);
	assert_null(leader_names_join(names, 0));
}

struct seen { int n; char names[4][32]; long why[4]; };

static void note_bad(void *ctx, const char *name, long why)
{
	struct seen *s = ctx;

	snprintf(s->names[s->n], sizeof(s->names[0]), "%s", name);
	s->why[s->n++] = why;
}

/* The one reading of names every write path shares (leader_text_pick):
 * usernames and display names, each account once, the shown names joined,
 * every bad name told and the first kept. */
static void test_pick(void **state)
{
	struct leader_account v[4] = {
		{ 7, (char *)"wang", (char *)"王副区长" },
		{ 8, (char *)"zhou1", (char *)"周副区长" },
		{ 9, (char *)"zhou2", (char *)"周副区长" },
		{ 11, (char *)"li", NULL },
	};
	const char *names[3] = { "li", "wang", "王副区长" };
	struct seen seen = { 0 };
	struct leader_pick pk;
	char many[64] = "";
	int i;

	(void)state;
	assert_int_equal(leader_text_pick(v, 4, " 王副区长 ; li、wang", &pk, note_bad, &seen), 0);
	assert_int_equal(pk.n, 2); /* wang named twice: once */
	assert_int_equal(pk.ids[0], 7);
	assert_int_equal(pk.ids[1], 11);
	assert_string_equal(pk.text, "王副区长、li"); /* li has no display name */
	assert_int_equal(pk.n_bad, 0);
	assert_null(pk.bad);
	assert_int_equal(seen.n, 0);
	assert_true(leader_pick_same(&pk, (const int64_t[]){ 11, 7 }, 2));
	assert_false(leader_pick_same(&pk, (const int64_t[]){ 7 }, 1));
	assert_false(leader_pick_same(&pk, (const int64_t[]){ 7, 11, 9 }, 3));
	leader_pick_release(&pk);

	assert_int_equal(leader_text_pick(v, 4, "赵某,zhou2，周副区长", &pk, note_bad, &seen), -1);
	assert_int_equal(pk.n, 1);
	assert_int_equal(pk.ids[0], 9);
	assert_string_equal(pk.text, "周副区长");
	assert_int_equal(pk.n_bad, 2);
	assert_string_equal(pk.bad, "赵某");
	assert_int_equal(pk.bad_why, LEADER_UNKNOWN);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.names[0], "赵某");
	assert_int_equal(seen.why[0], LEADER_UNKNOWN);
	assert_string_equal(seen.names[1], "周副区长");
	assert_int_equal(seen.why[1], LEADER_AMBIGUOUS);
	leader_pick_release(&pk);

	/* blank: no one; the empty set is the same as no links */
	assert_int_equal(leader_text_pick(v, 4, " 、 ", &pk, NULL, NULL), 0);
	assert_int_equal(pk.n, 0);
	assert_null(pk.text);
	assert_true(leader_pick_same(&pk, NULL, 0));
	leader_pick_release(&pk);
	assert_int_equal(leader_text_pick(v, 4, NULL, &pk, NULL, NULL), 0);
	assert_int_equal(pk.n, 0);
	leader_pick_release(&pk);

	for (i = 0; i < LEADER_NAMES_MAX + 1; i++)
		memcpy(many + 3 * i, "li,", 4);
	assert_int_equal(leader_text_pick(v, 4, many, &pk, NULL, NULL), -2);
	assert_int_equal(pk.n, 0);
	leader_pick_release(&pk);

	/* a list of names (PUT /projects/:ref/leaders) the same way */
	assert_int_equal(leader_names_pick(v, 4, names, 3, &pk, NULL, NULL), 0);
	assert_int_equal(pk.n, 2);
	assert_string_equal(pk.text, "li、王副区长");
	leader_pick_release(&pk);
}

static void test_list(void **state)
{
	struct project_list l;
	const char *zh;

	(void)state;
	project_list_init(&l);
	l.project_ids = xcalloc(5, sizeof(int64_t));
	l.project_ids[0] = 9, l.project_ids[1] = 2, l.project_ids[2] = 9, l.project_ids[3] = 4;
	l.n = 4;
	project_list_normalise(&l);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.project_ids[0], 2);
	assert_int_equal(l.project_ids[2], 9);
	assert_true(project_ids_have(l.project_ids, l.n, 4));
	assert_false(project_ids_have(l.project_ids, l.n, 5));
	assert_false(project_ids_have(NULL, 0, 4));
	project_list_release(&l);
	assert_null(project_list_name_check("书记挂钩10亿以上项目", &zh));
	assert_string_equal(project_list_name_check("  ", &zh), "a list needs a name");
	assert_string_equal(project_list_name_check("a\nb", &zh),
			    "holds a control character or line break");
	assert_string_equal(project_list_name_check(
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890", &zh), "a list's name is longer than 100 bytes");
}

static void test_change_of_entity(void **state)
{
	(void)state;
	assert_int_equal(leader_change_of_entity("project"), LC_PROJECT);
	assert_int_equal(leader_change_of_entity("report"), LC_REPORT);
	assert_int_equal(leader_change_of_entity("item_step"), LC_ITEMS);
	assert_int_equal(leader_change_of_entity("listing"), -1);
	assert_int_equal(leader_change_of_entity(NULL), -1);
}

/* The demo links each of its ten leaders to its quota, 5–15 projects, and a
 * project's 挂钩领导 text names its leader (NULL when it has none). */
static void test_demo_links(void **state)
{
	struct demo_data d;
	size_t count[10] = { 0 }, i, k;
	int *of;

	(void)state;
	demo_generate(1, day_from_ymd(2024, 6, 30), &d);
	of = xcalloc(d.n_projects, sizeof(*of));
	demo_leader_links(&d, of);
	for (i = 0; i < d.n_projects; i++) {
		if (of[i] < 0) {
			assert_null(d.projects[i].leader);
			continue;
		}
		count[of[i]]++;
		assert_string_equal(d.projects[i].leader, demo_leaders[of[i]]);
	}
	assert_int_equal(demo_n_leaders, 10);
	for (k = 0; k < 10; k++) {
		assert_int_equal(count[k], demo_leader_quota(k));
		assert_in_range(count[k], 5, 15);
	}
	free(of);
	demo_data_release(&d);
}

/* Spaces and tabs around a name go, inside it stay; an empty list stays
 * empty; a name shared by two accounts is ambiguous (-2) wherever they
 * stand, the first included; accounts are freed with their strings. */
static void test_edges(void **state)
{
	struct leader_account dup[2] = {
		{ 1, (char *)"li1", (char *)"李副区长" },
		{ 2, (char *)"li2", (char *)"李副区长" },
	};
	struct leader_account *acc = xcalloc(2, sizeof(*acc));
	struct project_list l;
	char *n[LEADER_NAMES_MAX];
	int k;

	(void)state;
	k = leader_names_split("\t张 三\t,李四\t；\t 王五 ", n, LEADER_NAMES_MAX);
	assert_int_equal(k, 3);
	assert_string_equal(n[0], "张 三");
	assert_string_equal(n[1], "李四");
	assert_string_equal(n[2], "王五");
	while (k > 0)
		free(n[--k]);
	assert_int_equal(leader_names_split("a;b", n, 2), 2);
	free(n[0]);
	free(n[1]);
	assert_int_equal(leader_account_match(dup, 2, "李副区长"), -2);
	assert_int_equal(leader_account_match(dup, 2, "li2"), 1);
	assert_int_equal(leader_account_match(dup, 1, "李副区长"), 0);
	acc[0].username = xstrdup("wang");
	acc[0].display_name = xstrdup("王副区长");
	acc[1].username = xstrdup("zhao");
	assert_string_equal(leader_account_shown(&acc[0]), "王副区长");
	assert_string_equal(leader_account_shown(&acc[1]), "zhao");
	leader_accounts_free(acc, 2);
	project_list_init(&l);
	project_list_normalise(&l);
	assert_int_equal(l.n, 0);
	l.project_ids = xcalloc(3, sizeof(int64_t));
	l.project_ids[0] = 5;
	l.n = 1;
	project_list_normalise(&l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.project_ids[0], 5);
	project_list_release(&l);
	assert_null(l.name);
	assert_null(l.project_ids);
	assert_int_equal(l.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_match_and_join),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_change_of_entity),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_demo_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
