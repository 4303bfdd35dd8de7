/* web_assets_none.c — an empty web UI table for the binaries that do not serve
 * it (unit tests, fuzz targets), so they build without web/dist. build/ballast
 * links build/gen/web_assets.c instead (tools/web-embed.mjs). */
#include "http/web_assets.h"

const struct web_asset web_assets[1] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0 } };
const size_t web_assets_count = 0;
