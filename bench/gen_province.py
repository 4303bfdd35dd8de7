#!/usr/bin/python3
"""gen_province.py — a deterministic province-scale data set for `ballast import`
(issue #17 item 6): 13 cities, 100 districts, 100,000 projects and about six
million monthly reports, in the same files and formats as bench/gen_city.py,
whose project, listing and report generators it reuses.

Units: 13 cities (32CC00, no parent), 100 districts spread over them (32CCDD,
7 or 8 each), 5–7 sections or streets and 5 departments per district. Standard
library only; the same --seed and options give byte-identical files. Prints
its progress every 10,000 projects (a full province takes a few minutes).

    /usr/bin/python3 bench/gen_province.py --out bench/data/province [--seed 1]
        [--projects 100000] [--districts 100] [--years 2018-2024]
"""
import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_city  # noqa: E402  (the city's generators, reused)

CITIES = ["江城市", "湖州府市", "清河市", "云台市", "海州市", "临川市", "南陵市", "北固市",
          "东阳市", "西岭市", "安平市", "永宁市", "长兴市"]


def make_units(rng, ndistricts):
    """The province's units: (rows, sections, departments, district codes)."""
    units, sections, departments, dcodes = [], [], [], []
    ncities = min(len(CITIES), max(1, (ndistricts + 7) // 8))
    for c in range(ncities):
        units.append(("32%02d00" % (c + 1), CITIES[c], "city", ""))
    for d in range(ndistricts):
        c = d % ncities
        k = d // ncities
        base = gen_city.DISTRICTS[d % len(gen_city.DISTRICTS)]
        dname = base if d < len(gen_city.DISTRICTS) else \
            base[:-1] + str(d // len(gen_city.DISTRICTS) + 1) + "区"
        dcode = "32%02d%02d" % (c + 1, k + 1)
        dcodes.append(dcode)
        units.append((dcode, dname, "district", "32%02d00" % (c + 1)))
        stem = dname[:-1]
        picks = rng.sample(gen_city.SECTIONS, 6 if d % 3 else 5 + rng.randrange(3))
        for s, (suffix, kind) in enumerate(picks):
            code = "%s-S%02d" % (dcode, s + 1)
            units.append((code, stem + suffix, kind, dcode))
            sections.append((code, d))
        for j, dep in enumerate(gen_city.DEPARTMENTS):
            code = "%s-D%02d" % (dcode, j + 1)
            units.append((code, stem + "区" + dep, "department", dcode))
            departments.append((code, d))
    return units, sections, departments, dcodes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="directory for the CSV files")
    ap.add_argument("--projects", type=int, default=100000)
    ap.add_argument("--districts", type=int, default=100)
    ap.add_argument("--years", default="2018-2024", help="first-last, e.g. 2018-2024")
    a = ap.parse_args(argv)
    try:
        y0, y1 = (int(x) for x in a.years.split("-"))
    except ValueError:
        ap.error("--years wants FIRST-LAST, e.g. 2018-2024")
    if y1 < y0 or not 1 <= a.districts <= 13 * 99 or a.projects < 1:
        ap.error("bad --years, --districts (1 to 1287) or --projects")
    t0 = time.monotonic()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)

    def progress(done, rows):
        print("  %7d of %d projects, %9d rows, %5.0f s" % (done, a.projects, rows,
                                                          time.monotonic() - t0), flush=True)

    units, sections, departments, dcodes = make_units(rng, a.districts)
    counts = gen_city.write_set(a.out, rng, units, sections, departments, a.projects, y0, y1,
                                dcodes, progress)
    gen_city.print_counts(counts, a.seed, t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
