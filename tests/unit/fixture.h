/* fixture.h — building small datasets by hand for the unit tests of the
 * measures, targets, warnings, contest and bulletin: units, listed projects
 * and monthly reports, with every field absent unless a test sets it. */
#ifndef BL_TEST_FIXTURE_H
#define BL_TEST_FIXTURE_H

#include <string.h>

#include "core/model.h"
#include "util/xalloc.h"

static inline bl_day fx_day(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

/* Arrays grow geometrically: one realloc per append is quadratic under
 * AddressSanitizer, which made a 20,000-project case take minutes. */
static inline size_t fx_cap(size_t n)
{
	size_t c = 16;

	while (c < n)
		c *= 2;
	return c;
}

static inline int fx_full(size_t n)
{
	return n == 0 || fx_cap(n) != fx_cap(n + 1);
}

static inline void fx_unit(struct dataset *ds, int64_t id, const char *code, const char *name,
			   enum unit_kind kind, int64_t parent)
{
	struct unit *u;

	if (fx_full(ds->n_units))
		ds->units = xrealloc(ds->units, fx_cap(ds->n_units + 1) * sizeof(*ds->units));
	u = &ds->units[ds->n_units++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->code = xstrdup(code);
	u->name = xstrdup(name);
	u->kind = kind;
	u->parent_id = parent;
}

/* Append a project listed in ds->year (id = its position + 1, ref and name
 * both ref); returns it for the caller to fill. */
static inline struct project *fx_project(struct dataset *ds, const char *ref, int64_t section,
					 int64_t dept, int industrial, const char *industry,
					 unsigned tiers, int64_t plan)
{
	size_t n = ds->n_projects + 1;
	struct project *p;
	struct listing *l;

	if (fx_full(n - 1)) {
		ds->projects = xrealloc(ds->projects, fx_cap(n) * sizeof(*ds->projects));
		ds->listings = xrealloc(ds->listings, fx_cap(n) * sizeof(*ds->listings));
		ds->reports = xrealloc(ds->reports, fx_cap(n) * sizeof(*ds->reports));
	}
	p = &ds->projects[n - 1];
	project_init(p);
	p->id = (int64_t)n;
	p->ref = xstrdup(ref);
	p->name = xstrdup(ref);
	p->industry = industry ? xstrdup(industry) : NULL;
	p->section_id = section;
	p->department_id = dept;
	p->industrial = industrial;
	l = &ds->listings[n - 1];
	memset(l, 0, sizeof(*l));
	l->project_id = p->id;
	l->year = ds->year;
	l->tiers = tiers;
	l->annual_plan = plan;
	memset(&ds->reports[n - 1], 0, sizeof(ds->reports[n - 1]));
	ds->n_projects = n;
	return p;
}

/* Project i reported invest yuan for month (1-12) of ds->year. */
static inline void fx_report(struct dataset *ds, size_t i, int month, int64_t invest)
{
	ds->reports[i].invest[month - 1] = invest;
	ds->reports[i].reported |= 1u << (month - 1);
}

#endif
