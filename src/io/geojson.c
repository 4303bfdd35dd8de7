/* geojson.c — checking an uploaded district boundary (geojson.h): the
 * geometry types a map draws as areas, with bounded positions. */
#include "io/geojson.h"

#include <string.h>

#include "io/parse.h"
#include "util/buf.h"

struct walk {
	size_t points, polygons;
};

static const char *position(const json_t *p, struct walk *w)
{
	double lng, lat;

	if (!json_is_array(p) || json_array_size(p) < 2 || !json_is_number(json_array_get(p, 0)) ||
	    !json_is_number(json_array_get(p, 1)))
		return "a position is not [longitude, latitude]";
	lng = json_number_value(json_array_get(p, 0));
	lat = json_number_value(json_array_get(p, 1));
	if (!(lng >= -180.0 && lng <= 180.0) || !(lat >= -90.0 && lat <= 90.0))
		return "a position is out of range: longitude from -180 to 180, latitude from -90 to 90";
	if (++w->points > GEOJSON_MAX_POINTS)
		return "too many positions (more than 200000)";
	return NULL;
}

static const char *ring(const json_t *r, struct walk *w)
{
	size_t i, n = json_array_size(r);
	const char *why;

	if (!json_is_array(r) || n < 4)
		return "a ring has fewer than 4 positions";
	for (i = 0; i < n; i++) {
		why = position(json_array_get(r, i), w);
		if (why)
			return why;
	}
	if (!json_equal(json_array_get(r, 0), json_array_get(r, n - 1)))
		return "a ring is not closed (its last position differs from its first)";
	return NULL;
}

static const char *polygon(const json_t *rings, struct walk *w)
{
	size_t i;
	const char *why;

	if (!json_is_array(rings) || !json_array_size(rings))
		return "a polygon has no rings";
	for (i = 0; i < json_array_size(rings); i++) {
		why = ring(json_array_get(rings, i), w);
		if (why)
			return why;
	}
	w->polygons++;
	return NULL;
}

static const char *geometry(const json_t *g, struct walk *w)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	const json_t *c = json_object_get(g, "coordinates");
	const char *why;
	size_t i;

	if (!json_is_object(g) || !type)
		return "a geometry has no type";
	if (!strcmp(type, "Polygon"))
		return polygon(c, w);
	if (strcmp(type, "MultiPolygon"))
		return "a geometry is not a Polygon or a MultiPolygon";
	if (!json_is_array(c) || !json_array_size(c))
		return "a MultiPolygon has no polygons";
	for (i = 0; i < json_array_size(c); i++) {
		why = polygon(json_array_get(c, i), w);
		if (why)
			return why;
	}
	return NULL;
}

static const char *feature(const json_t *f, struct walk *w)
{
	const char *type = json_string_value(json_object_get(f, "type"));

	if (!json_is_object(f) || !type || strcmp(type, "Feature"))
		return "a member of features is not a Feature";
	return geometry(json_object_get(f, "geometry"), w);
}

const char *geojson_problem(const json_t *g, size_t *polygons)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	const json_t *fs = json_object_get(g, "features");
	struct walk w = { 0, 0 };
	const char *why = NULL;
	size_t i;

	if (!json_is_object(g) || !type)
		return "not a GeoJSON object (no type)";
	if (!strcmp(type, "FeatureCollection")) {
		if (!json_is_array(fs) || !json_array_size(fs))
			return "a FeatureCollection without features";
		for (i = 0; i < json_array_size(fs) && !why; i++)
			why = feature(json_array_get(fs, i), &w);
	} else if (!strcmp(type, "Feature")) {
		why = feature(g, &w);
	} else {
		why = geometry(g, &w);
	}
	if (polygons)
		*polygons = w.polygons;
	return why;
}

void geojson_polygon_text(struct buf *b, const char *name, const int64_t (*v)[2], size_t n)
{
	size_t i;

	buf_adds(b, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
		    "\"properties\":{\"name\":");
	buf_add_json_str(b, name);
	buf_adds(b, "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
	for (i = 0; i < n; i++) {
		buf_adds(b, i ? ",[" : "[");
		format_decimal(b, v[i][0], 6);
		buf_addch(b, ',');
		format_decimal(b, v[i][1], 6);
		buf_addch(b, ']');
	}
	buf_adds(b, "]]}}]}");
}
