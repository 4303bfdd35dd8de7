// district.js — one instance, many districts (issue #17 item 5): whether the
// user picks the district a bulletin or contest round is of, and the districts
// to pick from. The server decides (src/core/access.c access_district_pick):
// a user bound to a district (GET /session's user.district) gets its own and
// sees no picker; one bound to none picks when the instance holds several.
import { session } from './session.js';

/** The district units, by code. */
export function districts() {
  return session.units.filter((u) => u.kind === 'district').sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Whether the user names the district (a city coordinator, an administrator). */
export function picksDistrict() {
  return !!session.user && !session.user.district && districts().length > 1;
}

/** The district of a route's query when the user picks one, else undefined
 * (the parameter is left out: the server takes the user's own). */
export function districtParam(query) {
  return picksDistrict() && query.district ? String(query.district) : undefined;
}
