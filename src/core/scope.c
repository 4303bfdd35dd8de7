/* scope.c — the one project filter (scope.h). */
#include "core/scope.h"

#include <string.h>

#include "core/leaders.h"

const char *const project_kind_keys[PK__MAX] = { "new", "continuing" };
const char *const project_kind_labels[PK__MAX] = { "新开工", "续建" };

const char *const stage_at_keys[STAGE_AT__MAX] = {
	"reserve", "signed", "filed", "started", "completed", "production", "capacity",
};
const char *const stage_at_labels[STAGE_AT__MAX] = {
	"储备", "签约", "备案", "开工", "竣工", "投产", "达产",
};

int project_stage_at(const struct project *p, bl_day asof)
{
	int k;

	for (k = STAGE__MAX - 1; k >= 0; k--)
		if (p->stage_on[k] <= asof)
			return k + 1;
	return 0;
}

void scope_init(struct scope *sc, int year, bl_day asof)
{
	memset(sc, 0, sizeof(*sc));
	sc->year = year;
	sc->asof = asof;
	sc->tier = TIER_ANY;
	sc->stage = sc->reached = sc->not_reached = sc->kind = sc->light = -1;
	sc->reached_from = DAY_NONE;
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

/* The filters every count shares (DOMAIN.md §4). */
static int matches_base(const struct dataset *ds, const struct scope *sc, size_t i)
{
	const struct project *p = &ds->projects[i];

	if (sc->year != ds->year)
		return 0;
	if (sc->tier != TIER_ANY && !(ds->listings[i].tiers & TIER_BIT(sc->tier)))
		return 0;
	if (sc->industrial_only && !p->industrial)
		return 0;
	if (sc->department_id && p->department_id != sc->department_id)
		return 0;
	if (sc->reach_department_id && p->department_id != sc->reach_department_id)
		return 0;
	if (sc->reach_section_id && !dataset_in_subtree(ds, p->section_id, sc->reach_section_id))
		return 0;
	return !sc->section_id || dataset_in_subtree(ds, p->section_id, sc->section_id);
}

/* The filters on the stages, as of sc->asof (DOMAIN.md §3, §4). */
static int matches_stages(const struct project *p, const struct scope *sc)
{
	if (sc->stage >= 0 && project_stage_at(p, sc->asof) != sc->stage)
		return 0;
	if (sc->reached >= 0) {
		bl_day d = project_reached(p, (enum stage)sc->reached);

		if (d > sc->asof || (sc->reached_from != DAY_NONE && d < sc->reached_from))
			return 0;
	}
	return sc->not_reached < 0 || project_reached(p, (enum stage)sc->not_reached) > sc->asof;
}

/* The filters on the start against the year (DOMAIN.md §3, §4). */
static int matches_start(const struct project *p, const struct scope *sc)
{
	bl_day y0 = day_from_ymd(sc->year, 1, 1), started = project_reached(p, STAGE_STARTED);

	/* 应开尽开: planned start by D, over projects not started before Y. */
	if (sc->due_start && (p->planned_start > sc->asof || started < y0))
		return 0;
	return sc->kind < 0 || (started < y0) == (sc->kind == PK_CONTINUING);
}

int scope_matches(const struct dataset *ds, const struct scope *sc, size_t i)
{
	const struct project *p = &ds->projects[i];

	if (!matches_base(ds, sc, i))
		return 0;
	if ((sc->stage >= 0 || sc->reached >= 0 || sc->not_reached >= 0) && !matches_stages(p, sc))
		return 0;
	if ((sc->due_start || sc->kind >= 0) && !matches_start(p, sc))
		return 0;
	if (sc->light >= 0 && (int)(sc->lights ? sc->lights[i] : LIGHT_GREEN) != sc->light)
		return 0;
	if (sc->industry && *sc->industry && (!p->industry || strcmp(p->industry, sc->industry)))
		return 0;
	if (sc->list_name && *sc->list_name &&
	    !project_ids_have(sc->list_ids, sc->n_list_ids, p->id))
		return 0;
	return !sc->q || !*sc->q || contains(p->ref, sc->q) || contains(p->name, sc->q) ||
	       contains(p->company, sc->q) || contains(p->code, sc->q);
}

int scope_reads_asof(const struct scope *sc)
{
	return sc->stage >= 0 || sc->reached >= 0 || sc->not_reached >= 0 || sc->due_start;
}

int scope_selects_all(const struct scope *sc)
{
	return sc->tier == TIER_ANY && !sc->section_id && !sc->department_id &&
	       !sc->reach_section_id && !sc->reach_department_id && !sc->industrial_only &&
	       !scope_is_narrowed(sc);
}

int scope_is_narrowed(const struct scope *sc)
{
	return sc->stage >= 0 || sc->reached >= 0 || sc->not_reached >= 0 || sc->due_start ||
	       sc->kind >= 0 || sc->light >= 0 || (sc->industry && *sc->industry) ||
	       (sc->q && *sc->q) || (sc->list_name && *sc->list_name);
}
