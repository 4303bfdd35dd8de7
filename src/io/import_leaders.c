/* import_leaders.c — the projects file's 挂钩领导 column as leader links
 * (领导挂钩, core/leaders.h): the names read as every path that sets a
 * project's leaders reads them (leader_text_pick); a name that is no leader
 * account's username or display name, or several's, is a problem of the row,
 * so that an import stays all or nothing. An empty cell links no one. */
#include <stdlib.h>
#include <string.h>

#include "io/import_int.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

static void bad_name(void *ctx, const char *name, long why)
{
	imp_problem(ctx, P_LEADER, name, why == LEADER_AMBIGUOUS
		    ? "several leader accounts have this name; use the username"
		    : "no leader account has this username or name");
}

void imp_project_leaders(struct importer *im, struct prow *r)
{
	struct leader_pick pk;
	const char *cell;

	if (!imp_present(im, P_LEADER))
		return;
	cell = imp_cell(im, P_LEADER);
	if (cell && !im->leaders_loaded) {
		im->leaders_loaded = 1;
		if (store_leader_accounts(im->st, &im->leaders, &im->n_leaders))
			imp_problem(im, P_LEADER, NULL, "cannot read the leader accounts");
	}
	if (leader_text_pick(im->leaders, im->n_leaders, cell, &pk, bad_name, im) == -2) {
		imp_problem(im, P_LEADER, cell, "more than 16 leaders");
		return;
	}
	memcpy(r->leader_ids, pk.ids, pk.n * sizeof(*pk.ids));
	r->n_leaders = pk.n;
	free(r->p.leader);
	r->p.leader = pk.text;
	pk.text = NULL;
	r->set_leaders = 1;
	leader_pick_release(&pk);
}

enum bl_err imp_write_leaders(struct importer *im, const struct prow *r)
{
	/* A first load inserts every project: none has links yet, and writing
	 * them now would end the COPY of the projects at every row. The trail
	 * is the same: link entries in row order, before the import's. */
	if (store_batch_first_load(im->st) && store_last_put(im->st) == PUT_INSERTED) {
		if (r->n_leaders) {
			XGROW(im->later, im->later_alloc, im->n_later + 2 + r->n_leaders);
			im->later[im->n_later++] = r->p.id;
			im->later[im->n_later++] = (int64_t)r->n_leaders;
			memcpy(im->later + im->n_later, r->leader_ids,
			       r->n_leaders * sizeof(*r->leader_ids));
			im->n_later += r->n_leaders;
		}
		return BL_OK;
	}
	return store_project_leaders_set(im->st, r->p.id, r->leader_ids, r->n_leaders, NULL, 0,
					 NULL);
}

enum bl_err imp_leaders_later(struct importer *im)
{
	enum bl_err rc = BL_OK;
	size_t i = 0;

	while (!rc && i < im->n_later) {
		size_t n = (size_t)im->later[i + 1];
		rc = store_project_leaders_set(im->st, im->later[i], im->later + i + 2, n, NULL, 0,
					       NULL);
		i += 2 + n;
	}
	return rc;
}
