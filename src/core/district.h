/* district.h — one instance, many districts (DOMAIN.md §2, issue #17 item 5):
 * the district a unit lies in, how many districts an instance holds, and the
 * view of a year's dataset that one district's bulletin and contest read
 * (its sections, projects and what hangs on them). Who may see which
 * district's rows is core/access.c's. */
#ifndef BL_DISTRICT_H
#define BL_DISTRICT_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The district unit_id lies in: the unit itself when it is a district, else
 * its nearest ancestor of kind district; 0 when none (or unit_id is 0).
 * ds's units indexed. */
int64_t district_of_unit(const struct dataset *ds, int64_t unit_id);

/* How many units of kind district ds holds. */
size_t district_count(const struct dataset *ds);

/* The key a district's bulletins and contest rounds are stored under: the
 * district's id when the instance holds several districts, else 0 (the
 * instance's own: everything, as before districts were told apart). */
int64_t district_key(const struct dataset *ds, int64_t district_id);

/* A view of src (indexed) holding only district_id's part: the units of its
 * subtree and its ancestors; the projects (with their listings and reports)
 * of its sections; the targets and indicators of no unit or of a unit in its
 * subtree; the supervision items of its projects; the signed leads its units
 * follow. Funds, demolition and supplies are shared with src. Everything is
 * a shallow copy borrowed from src, which must outlive the view; the view
 * is indexed. Release with district_view_release (never dataset_release). */
void district_view(const struct dataset *src, int64_t district_id, struct dataset *view);
void district_view_release(struct dataset *view);

#endif
