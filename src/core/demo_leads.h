/* demo_leads.h — the demo district's lead pool (招商线索, h-leads): about 40
 * leads across the sections and chains — the leads behind the demo's
 * attributed projects signed since the year before DEMO_YEAR (found by the district or the
 * street, as each project's attracted_by says), leads still open at each
 * stage, and a few dropped — and the talents each section reports. Pure:
 * from the generated data and asof only, the same for any seed. */
#ifndef BL_DEMO_LEADS_H
#define BL_DEMO_LEADS_H

#include "core/demo.h"
#include "core/leads.h"

/* A lead with the days of its moves. Ids are the generator's (struct
 * demo_data): units 1..n, l.project_id a project's position + 1. l.stage is
 * its stage at asof; every day below is on or before asof. */
struct demo_lead {
	struct lead l;
	bl_day talks_on, intent_on; /* 洽谈, 意向; DAY_NONE when not reached */
	bl_day visit_on;            /* a visit on its log, or DAY_NONE */
	bl_day dropped_on;          /* when dropped, else DAY_NONE */
};

/* The leads known at asof, by found_on; caller frees with demo_leads_free. */
void demo_leads(const struct demo_data *d, bl_day asof, struct demo_lead **out, size_t *n);
void demo_leads_free(struct demo_lead *v, size_t n);
/* The talents (人才/团队) each section reported per month up to asof's month.
 * Caller frees *out. */
void demo_talents(bl_day asof, struct talent_count **out, size_t *n);

#endif
