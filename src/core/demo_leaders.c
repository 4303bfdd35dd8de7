/* demo_leaders.c — the demo's leader links (demo_leaders.h). */
#include "core/demo_leaders.h"

#include <stdlib.h>
#include <string.h>

#include "core/demo_names.h"
#include "util/xalloc.h"

const char *const demo_leader_usernames[] = {
	"lin", "zhang", "wang", "li", "zhao", "zhou", "wu", "zheng", "qian", "sun",
};
_Static_assert(sizeof(demo_leader_usernames) / sizeof(demo_leader_usernames[0]) == 10,
	       "one username per demo leader (demo_names.c)");

size_t demo_leader_quota(size_t k)
{
	return 5 + (k * 4) % 11;
}

/* 1 when project i (0-based) has a supervision item: a leader follows those
 * first (问题在项目一线解决). */
static int has_item(const struct demo_data *d, size_t i)
{
	size_t k;

	for (k = 0; k < d->n_items; k++)
		if (d->items[k].it.project_id == (int64_t)i + 1)
			return 1;
	return 0;
}

/* The project to link next among those not yet linked whose 挂钩领导 is name
 * (NULL: any): one with an item first, then the largest total investment,
 * then the first; -1 when none. */
static long largest(const struct demo_data *d, const int *leader_of, const char *name)
{
	long best = -1;
	int best_item = 0;
	size_t i;

	for (i = 0; i < d->n_projects; i++) {
		const struct project *p = &d->projects[i];
		int item;

		if (leader_of[i] >= 0 || (name && (!p->leader || strcmp(p->leader, name))))
			continue;
		item = has_item(d, i);
		if (best < 0 || item > best_item || (item == best_item &&
		    p->total_investment > d->projects[best].total_investment)) {
			best = (long)i;
			best_item = item;
		}
	}
	return best;
}

void demo_leader_links(struct demo_data *d, int *leader_of)
{
	size_t i, k, n;
	long j;

	for (i = 0; i < d->n_projects; i++)
		leader_of[i] = -1;
	for (k = 0; k < demo_n_leaders; k++) {
		for (n = 0; n < demo_leader_quota(k); n++) {
			j = largest(d, leader_of, demo_leaders[k]);
			if (j < 0)
				j = largest(d, leader_of, NULL);
			if (j < 0)
				break;
			leader_of[j] = (int)k;
		}
	}
	for (i = 0; i < d->n_projects; i++) {
		free(d->projects[i].leader);
		d->projects[i].leader = leader_of[i] >= 0 ? xstrdup(demo_leaders[leader_of[i]]) : NULL;
	}
}
