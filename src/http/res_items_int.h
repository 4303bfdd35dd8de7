/* res_items_int.h — what the two files of /api/v1/items share: reading an
 * item with its project and how the caller stands to it, the answer to a
 * refusal of the workflow table, the body's item fields, and the item's JSON
 * with its timeline and the actions open to the caller. Private to
 * res_items.c and res_item_acts.c. */
#ifndef BL_RES_ITEMS_INT_H
#define BL_RES_ITEMS_INT_H

#include "core/items.h"
#include "core/workflow.h"
#include "http/http.h"

/* An item as a handler holds it. */
struct item_ctx {
	struct item it;
	struct project p;      /* its project: id, ref, name, leader, section, department */
	struct dataset units;  /* every unit, indexed */
	enum wf_sight sight;
	bl_day today;
};

/* Read the item whose id is the path's first capture, its project and the
 * units, and how the caller stands to it (core/workflow.c). -1 after a 404
 * (no such item, or one the caller cannot see) or a 500. Release with
 * item_ctx_release (also after -1). */
int item_ctx_load(struct http_req *rq, struct http_resp *rs, struct item_ctx *c);
void item_ctx_release(struct item_ctx *c);

/* The answer to the workflow table's refusal o of q on an item. */
void item_refuse(struct http_resp *rs, const struct wf_request *q, enum wf_outcome o,
		 const char *what);

/* The item with its project, its state today, its timeline and the actions
 * the caller may take now ("actions": ["reply", "answer", …]). New
 * reference; NULL after a 500 on rs. */
json_t *item_detail_json(struct http_req *rq, struct http_resp *rs, const struct item_ctx *c);

/* The body's fields into *ch (core/items.h): "on", "text", "attachment",
 * "title", "detail", "category", "owner", "deadline". Strings borrow from
 * body. -1 after a 400 naming the field. */
int item_change_from_json(struct http_resp *rs, json_t *body, const struct dataset *units,
			  struct item_change *ch);
/* A day field of body (absent or null: *out untouched); -1 after a 400. */
int item_day_field(struct http_resp *rs, json_t *body, const char *key, bl_day *out);

#endif
