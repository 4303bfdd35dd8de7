/* store_sharing.h — revenue sharing (the stored sharing rules and the tax
 * records, core/sharing.h) and the industrial fund registry in the store.
 * Every write is audited: entities "sharing_rule" (keyed by id), "tax"
 * (keyed "REF/YEAR") and "fund" (keyed by name); an unchanged row is not
 * written. Writes run in the caller's transaction. */
#ifndef BL_STORE_SHARING_H
#define BL_STORE_SHARING_H

#include "core/sharing.h"
#include "store/store.h"

/* Every stored rule, by id (caller frees each with sharing_rule_release and
 * the array with free). */
enum bl_err store_sharing_rules(struct store *st, struct sharing_rule **out, size_t *n);
/* The rule with this id into *out (release with sharing_rule_release);
 * BL_ENOTFOUND when none. */
enum bl_err store_sharing_rule_get(struct store *st, int64_t id, struct sharing_rule *out);
/* Insert r (r->id 0: sets r->id and r->version 1) or update the rule r->id,
 * whose stored version must be r->version (else BL_ECONFLICT "stale";
 * BL_ENOTFOUND when there is none). Audited. */
enum bl_err store_sharing_rule_put(struct store *st, struct sharing_rule *r);

/* Insert or update the tax of (t->project_id, t->year); sets t->id and
 * t->version. Audited. */
enum bl_err store_tax_put(struct store *st, struct tax_record *t);
/* Every tax record, by project id then year (caller frees). */
enum bl_err store_taxes(struct store *st, struct tax_record **out, size_t *n);

/* Insert or update the fund named f->name; sets f->id and f->version.
 * Audited. */
enum bl_err store_fund_put(struct store *st, struct fund *f);
/* Every fund, by registration date then name (caller releases each with
 * fund_release and frees the array). */
enum bl_err store_funds(struct store *st, struct fund **out, size_t *n);
/* Free n funds and the array. */
void funds_free(struct fund *f, size_t n);

/* The funds registered in year (0: every year) as the targets read them
 * (caller frees *out). */
enum bl_err store_fund_values(struct store *st, int year, struct fund_value **out, size_t *n);
/* funds_as_indicators over *v with the registry's funds of year (0: all):
 * what every loader of indicator values calls (the dataset, the snapshot). */
enum bl_err store_funds_into_indicators(struct store *st, int year, struct indicator_value **v,
					size_t *nv, size_t *alloc);

/* Everything ledger_build reads: units (indexed), every project by id, the
 * stored rules and every tax record, into *d (release with
 * sharing_data_release). */
enum bl_err store_load_sharing(struct store *st, struct sharing_data *d);

#endif
