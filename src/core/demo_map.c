/* demo_map.c — where the demo's projects lie (issue #14 item 10): a made-up
 * district outline (示例区 — no real place, drawn for the demo) and, for each
 * project, a point near its section's centre inside it, from its own random
 * stream so that nothing else in the demo moves. */
#include "core/demo.h"
#include "core/demo_int.h"
#include "core/demo_names.h"

/* Clockwise from the west, in millionths of a degree; closed. */
const int64_t demo_boundary[][2] = {
	{ 120330000, 31560000 }, { 120370000, 31615000 }, { 120440000, 31630000 },
	{ 120520000, 31612000 }, { 120575000, 31560000 }, { 120560000, 31480000 },
	{ 120500000, 31438000 }, { 120420000, 31432000 }, { 120350000, 31470000 },
	{ 120330000, 31560000 },
};
const size_t demo_boundary_n = sizeof(demo_boundary) / sizeof(demo_boundary[0]);

/* Each section's centre, inside the outline. */
static const int64_t centres[DEMO_N_SECTIONS][2] = {
	{ 120400000, 31560000 }, { 120470000, 31590000 }, { 120520000, 31540000 },
	{ 120440000, 31500000 }, { 120500000, 31475000 }, { 120380000, 31490000 },
};

int demo_boundary_contains(int64_t lng, int64_t lat)
{
	size_t i, j;
	int in = 0;

	/* The crossing count of a ray to the east (even-odd rule), in exact
	 * integer arithmetic: products of micro-degree differences fit in int64. */
	for (i = 0, j = demo_boundary_n - 1; i < demo_boundary_n; j = i++) {
		int64_t xi = demo_boundary[i][0], yi = demo_boundary[i][1];
		int64_t xj = demo_boundary[j][0], yj = demo_boundary[j][1];

		if ((yi > lat) == (yj > lat))
			continue;
		/* lng < xi + (lat - yi) * (xj - xi) / (yj - yi), without dividing */
		if ((yj > yi) ? (lng - xi) * (yj - yi) < (lat - yi) * (xj - xi)
			      : (lng - xi) * (yj - yi) > (lat - yi) * (xj - xi))
			in = !in;
	}
	return in;
}

void demo_place(uint64_t seed, size_t i, int section, int64_t *lng, int64_t *lat)
{
	const int64_t *c = centres[(unsigned)section % DEMO_N_SECTIONS];
	struct rng r;
	int tries;

	demo_rng_init(&r, seed, STREAM(i, S_MAP));
	for (tries = 0; tries < 16; tries++) {
		*lng = c[0] + demo_rng_range(&r, -28000, 28000);
		*lat = c[1] + demo_rng_range(&r, -22000, 22000);
		if (demo_boundary_contains(*lng, *lat))
			return;
	}
	*lng = c[0];
	*lat = c[1];
}
