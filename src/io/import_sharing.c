/* import_sharing.c — the rows of the taxes and funds files (INTERFACES.md
 * "Next contracts"): a project's tax of a year, upserted by (ref, year), and
 * the industrial fund registry, upserted by name; money in 万元 → yuan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_int.h"
#include "store/store_sharing.h"

void imp_row_tax(struct importer *im)
{
	struct taxrow r;
	char *ref = NULL;
	size_t before = im->nproblems;
	char key[96];

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	imp_need(im, TX_REF);
	imp_need(im, TX_YEAR);
	imp_need(im, TX_TAX);
	imp_text(im, TX_REF, CODE_MAX, &ref);
	if (!imp_year(im, TX_YEAR, &r.t.year) && r.t.year &&
	    (r.t.year < SHARING_YEAR_MIN || r.t.year > SHARING_YEAR_MAX))
		imp_problem(im, TX_YEAR, imp_cell(im, TX_YEAR), "a tax year from 2000 to 2099");
	imp_money(im, TX_TAX, &r.t.tax);
	if (ref) {
		r.t.project_id = imp_project_id(im, ref);
		if (!r.t.project_id)
			imp_problem(im, TX_REF, ref, "no project has this ref (import projects first)");
	}
	if (ref && im->nproblems == before) {
		snprintf(key, sizeof(key), "%lld\x1f%d", (long long)r.t.project_id, r.t.year);
		imp_once(im, TX_YEAR, key, imp_cell(im, TX_YEAR));
	}
	free(ref);
	if (im->nproblems > before)
		return;
	im->cur.tax = r;
	im->have_row = 1;
}

enum bl_err imp_write_tax(struct importer *im)
{
	return store_tax_put(im->st, &im->cur.tax.t);
}

void imp_row_fund(struct importer *im)
{
	struct fundrow r;
	size_t before = im->nproblems;

	memset(&r, 0, sizeof(r));
	fund_init(&r.f);
	r.row = im->row;
	imp_need(im, FU_NAME);
	imp_need(im, FU_CAPITAL);
	imp_need(im, FU_REGISTERED_ON);
	imp_text(im, FU_NAME, TEXT_MAX, &r.f.name);
	imp_text(im, FU_MANAGER, TEXT_MAX, &r.f.manager);
	imp_money(im, FU_CAPITAL, &r.f.capital);
	imp_day(im, FU_REGISTERED_ON, &r.f.registered_on);
	imp_text(im, FU_FOCUS, TEXT_MAX, &r.f.focus);
	imp_unit(im, FU_BROUGHT_BY, ~0u, &r.f.brought_by);
	if (r.f.name && im->nproblems == before)
		imp_once(im, FU_NAME, r.f.name, r.f.name);
	if (im->nproblems > before) {
		fund_release(&r.f);
		return;
	}
	im->cur.fund = r;
	im->have_row = 1;
}

enum bl_err imp_write_fund(struct importer *im)
{
	return store_fund_put(im->st, &im->cur.fund.f);
}
