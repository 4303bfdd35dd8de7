/* json_audit.h — an audit entry as the JSON GET /api/v1/audit returns and
 * `ballast audit --format json` prints: one writer for both. */
#ifndef BL_JSON_AUDIT_H
#define BL_JSON_AUDIT_H

#include "store/store_accounts.h"

/* A store_audit_each callback: append {id, at, actor, action, entity, key,
 * before, after} to the JSON array items (a json_t *); before and after are
 * the stored JSON (a string when it does not parse; null when absent). 0. */
int json_audit_add(void *items, const struct audit_entry *e);

#endif
