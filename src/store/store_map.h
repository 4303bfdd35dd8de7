/* store_map.h — what the project map (项目地图, issue #14 item 10) keeps
 * besides the projects' coordinates: the district's boundary, one GeoJSON
 * text an administrator uploads (validated by io/geojson.h before it gets
 * here). Writes are one audited transaction of their own. */
#ifndef BL_STORE_MAP_H
#define BL_STORE_MAP_H

#include <stdint.h>

#include "store/store.h"

/* The stored boundary. Strings owned; release with map_boundary_release. */
struct map_boundary {
	char *name;        /* e.g. 示例区 */
	char *geojson;     /* the GeoJSON text, compact */
	char *uploaded_by; /* the actor */
	char *uploaded_at; /* UTC ISO 8601 */
	int64_t version;   /* 1 when first uploaded, +1 on every change */
};
void map_boundary_release(struct map_boundary *b);

/* The boundary into *out; BL_ENOTFOUND when none was uploaded. */
enum bl_err store_map_boundary_get(struct store *st, struct map_boundary *out);
/* Store name and geojson as the boundary, by the store's actor now, in one
 * transaction that re-reads the stored version: BL_ECONFLICT when it is not
 * version (0: none may be stored yet). Audited (entity "map_boundary", key
 * "district", the text by its length and SHA-256). *out_version (may be NULL)
 * gets the new version; an unchanged boundary is not written. */
enum bl_err store_map_boundary_put(struct store *st, const char *name, const char *geojson,
				   int64_t version, int64_t *out_version);

#endif
