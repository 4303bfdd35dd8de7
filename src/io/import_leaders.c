/* import_leaders.c — the projects file's 挂钩领导 column as leader links
 * (领导挂钩, core/leaders.h): a name that is a leader account's username or
 * display name links it; any other name is a problem of the row, so that an
 * import stays all or nothing. An empty cell links no one. */
#include <stdlib.h>

#include "io/import_int.h"
#include "store/store_leaders.h"

void imp_project_leaders(struct importer *im, struct prow *r)
{
	char *names[LEADER_NAMES_MAX];
	const char *shown[LEADER_NAMES_MAX];
	const char *cell;
	int n, i;
	long k;

	if (!imp_present(im, P_LEADER))
		return;
	cell = imp_cell(im, P_LEADER);
	if (cell && !im->leaders_loaded) {
		im->leaders_loaded = 1;
		if (store_leader_accounts(im->st, &im->leaders, &im->n_leaders))
			imp_problem(im, P_LEADER, NULL, "cannot read the leader accounts");
	}
	n = leader_names_split(cell, names, LEADER_NAMES_MAX);
	if (n < 0) {
		imp_problem(im, P_LEADER, cell, "more than 16 leaders");
		return;
	}
	r->n_leaders = 0;
	for (i = 0; i < n; i++) {
		k = leader_account_match(im->leaders, im->n_leaders, names[i]);
		if (k == -2)
			imp_problem(im, P_LEADER, names[i],
				    "several leader accounts have this name; use the username");
		else if (k < 0)
			imp_problem(im, P_LEADER, names[i],
				    "no leader account has this username or name");
		else {
			shown[r->n_leaders] = leader_account_shown(&im->leaders[k]);
			r->leader_ids[r->n_leaders++] = im->leaders[k].id;
		}
	}
	free(r->p.leader);
	r->p.leader = leader_names_join(shown, r->n_leaders);
	r->set_leaders = 1;
	for (i = 0; i < n; i++)
		free(names[i]);
}

enum bl_err imp_write_leaders(struct importer *im, const struct prow *r)
{
	return store_project_leaders_set(im->st, r->p.id, r->leader_ids, r->n_leaders, NULL, 0,
					 NULL);
}
