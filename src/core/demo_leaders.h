/* demo_leaders.h — the demo district's leader linkage (领导挂钩, DOMAIN.md
 * §7): one account per demo leader, each linked to 5–15 projects (its own
 * by the generator's 挂钩领导, those with supervision items first, then the
 * largest; topped up likewise from the unlinked ones), and two named project
 * lists. Pure: no I/O. */
#ifndef BL_DEMO_LEADERS_H
#define BL_DEMO_LEADERS_H

#include <stddef.h>

#include "core/demo.h"

/* The named lists the demo ships. */
#define DEMO_LIST_BIG "10亿以上项目"      /* total investment of 10 亿 or more */
#define DEMO_LIST_SECRETARY "书记挂钩项目" /* the party secretary's projects */
/* 10 亿元 in yuan: the big list's threshold. */
#define DEMO_BIG_YUAN 1000000000LL

/* The usernames of the demo leaders, parallel to demo_leaders[] (their
 * display names); demo_n_leaders of them. */
extern const char *const demo_leader_usernames[];

/* Link d's projects: leader_of[i] (n_projects entries) gets the index of
 * the demo leader project i is linked to, or -1; each project's 挂钩领导 text
 * becomes that leader's name, or NULL when unlinked. Deterministic. */
void demo_leader_links(struct demo_data *d, int *leader_of);

/* The number of projects demo leader k is linked to: 5–15. */
size_t demo_leader_quota(size_t k);

#endif
