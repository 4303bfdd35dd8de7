/* res_map.c — the project map's district boundary (issue #14 item 10):
 * GET /api/v1/map/boundary for everyone who reads projects, PUT for an
 * administrator (the settings' writer): a GeoJSON checked by io/geojson.h,
 * size-limited, stored through store_map.h and audited. The points are the
 * projects' own lng/lat, read from GET /api/v1/projects with its filters. */
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "http/routes.h"
#include "io/geojson.h"
#include "store/store_map.h"

/* {"name", "geojson": {…}, "bytes", "polygons", "uploaded_by", "uploaded_at",
 * "version"}; new reference. */
static json_t *boundary_json(const struct map_boundary *b)
{
	json_t *g = json_loads(b->geojson, 0, NULL);
	size_t polygons = 0;

	if (g)
		geojson_problem(g, &polygons);
	return json_pack("{s:s, s:o, s:I, s:I, s:s, s:s, s:I}", "name", b->name, "geojson",
			 g ? g : json_null(), "bytes", (json_int_t)strlen(b->geojson), "polygons",
			 (json_int_t)polygons, "uploaded_by", b->uploaded_by, "uploaded_at",
			 b->uploaded_at, "version", (json_int_t)b->version);
}

/* GET /map/boundary: 404 not_found until an administrator uploads one. */
void h_map_boundary_get(struct http_req *rq, struct http_resp *rs)
{
	struct map_boundary b;
	enum bl_err rc = store_map_boundary_get(rq->st, &b);

	if (rc == BL_ENOTFOUND)
		resp_fail(rs, HE_NOT_FOUND, "no district boundary has been uploaded",
			  "尚未上传行政区划边界", NULL);
	else if (rc)
		resp_store_error(rs, rq->st, rc);
	else
		resp_json(rs, 200, boundary_json(&b));
	map_boundary_release(&b);
}

/* The body's name and GeoJSON text, checked; -1 (rs set) when refused.
 * *text is the compact GeoJSON (caller frees). */
static int boundary_body(struct http_resp *rs, json_t *body, const char **name, char **text)
{
	json_t *g = json_object_get(body, "geojson");
	json_t *n = json_object_get(body, "name");
	const char *why;

	*text = NULL;
	*name = json_string_value(n);
	if (!*name || !**name || strlen(*name) > 200) {
		resp_fail(rs, HE_INVALID, "name: the district's name, 1 to 200 bytes",
			  "请填写区划名称（不超过200字节）", "name");
		return -1;
	}
	why = g ? geojson_problem(g, NULL) : "geojson: the boundary is missing";
	if (why) {
		resp_fail(rs, HE_INVALID, why, "边界文件不是有效的 GeoJSON 面（Polygon/MultiPolygon），"
			  "或坐标超出范围", "geojson");
		return -1;
	}
	/* 15 digits: what the upload said, not binary noise (120.3, not
	 * 120.29999999999999716) */
	*text = json_dumps(g, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	if (!*text || strlen(*text) > GEOJSON_MAX_BYTES) {
		free(*text);
		*text = NULL;
		resp_fail(rs, HE_TOO_LARGE, "the boundary is larger than 2 MiB",
			  "边界文件超过 2 MiB，请简化后再上传", "geojson");
		return -1;
	}
	return 0;
}

/* PUT /map/boundary {"name", "geojson", "version"}: a new boundary needs no
 * version; a replacement names the one it replaces (409 stale, 428). */
void h_map_boundary_put(struct http_req *rq, struct http_resp *rs)
{
	struct map_boundary old;
	json_t *body = rq->body_len > 2 * (size_t)GEOJSON_MAX_BYTES ? NULL : req_json(rq, rs);
	const char *name;
	char *text = NULL;
	int64_t version = 0;
	enum bl_err rc;
	int found;

	memset(&old, 0, sizeof(old));
	/* Whitespace aside, the body is the text: refuse a huge one unparsed. */
	if (rq->body_len > 2 * (size_t)GEOJSON_MAX_BYTES) {
		resp_fail(rs, HE_TOO_LARGE, "the boundary is larger than 2 MiB",
			  "边界文件超过 2 MiB，请简化后再上传", "geojson");
		json_decref(body);
		return;
	}
	if (!body)
		return;
	rc = store_map_boundary_get(rq->st, &old);
	found = rc == BL_OK;
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if ((found && version_check(rq, rs, body, old.version, boundary_json(&old))) ||
	    boundary_body(rs, body, &name, &text))
		goto out;
	rc = store_map_boundary_put(rq->st, name, text, found ? old.version : 0, &version);
	map_boundary_release(&old);
	if (rc == BL_ECONFLICT && !store_map_boundary_get(rq->st, &old))
		resp_stale(rs, boundary_json(&old));
	else if (rc)
		resp_store_error(rs, rq->st, rc);
	else if (!store_map_boundary_get(rq->st, &old))
		resp_json(rs, found ? 200 : 201, boundary_json(&old));
	else
		resp_store_error(rs, rq->st, BL_EDB);
out:
	map_boundary_release(&old);
	free(text);
	json_decref(body);
}
