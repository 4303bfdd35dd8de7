/* demo_funds.h — writing the demo's policy fulfilment (demo_funds.c). */
#ifndef BL_CLI_DEMO_FUNDS_H
#define BL_CLI_DEMO_FUNDS_H

#include "core/demo.h"
#include "store/store.h"

/* Write the calendar, policies and applications of the demo as known on
 * asof, mapping generator unit and project ids (id k is unit[k - 1],
 * project[k - 1]) to the database's; in the caller's transaction. */
enum bl_err demo_funds_write(struct store *st, const struct demo_data *d, const int64_t *unit,
			     const int64_t *project, bl_day asof);

#endif
