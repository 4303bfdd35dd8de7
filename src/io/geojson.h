/* geojson.h — the district boundary an administrator uploads for the project
 * map (issue #14 item 10): a GeoJSON FeatureCollection, Feature, Polygon or
 * MultiPolygon (RFC 7946) of at most GEOJSON_MAX_BYTES and GEOJSON_MAX_POINTS
 * positions, every position a longitude within ±180 and a latitude within
 * ±90, every ring closed with at least four positions. */
#ifndef BL_GEOJSON_H
#define BL_GEOJSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define GEOJSON_MAX_BYTES (2u * 1024u * 1024u) /* the compact text */
#define GEOJSON_MAX_POINTS 200000

/* NULL when g is a boundary as above, else one English sentence (static)
 * saying what is wrong; *polygons (may be NULL) gets how many polygons it
 * has. */
const char *geojson_problem(const json_t *g, size_t *polygons);

struct buf;
/* A FeatureCollection of one Feature named name whose Polygon's one ring is
 * v[0..n) (longitude, latitude in millionths of a degree), appended to b as
 * compact text. */
void geojson_polygon_text(struct buf *b, const char *name, const int64_t (*v)[2], size_t n);

#endif
