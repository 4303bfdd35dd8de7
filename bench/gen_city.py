#!/usr/bin/python3
"""gen_city.py — a deterministic city-scale data set for `ballast import`.

Writes units.csv, projects.csv, listings.csv and reports.csv into --out, in the
column formats of INTERFACES.md "Files" (English header keys): one city, its
districts, ~6 sections or streets and 5 departments per district, --projects
projects spread over the sections, one listing per project and year it is
active, and a monthly report for every started, active project and month of
the years (about a million rows at the defaults).

Standard library only; the same --seed and options give byte-identical files.
All money is computed in integer yuan (1 yuan = 0.0001 万元) and written in 万元
with at most 4 decimals, so a month-by-month plan sums exactly to its annual
plan. Stage dates never go backwards and none is after the last year's 31 Dec.

    /usr/bin/python3 bench/gen_city.py --out bench/data [--seed 1] [--projects 20000]
"""
import argparse
import csv
import datetime
import os
import random
import sys
import time

# ---- names ------------------------------------------------------------------

DISTRICTS = [
    "东城区", "西城区", "南湖区", "北塘区", "滨江区", "高新区", "临港区", "山前区",
    "河口区", "新城区", "金沙区", "云溪区", "青峰区", "白石区", "龙泉区", "长乐区",
]
SECTIONS = [  # (suffix, kind)
    ("经济开发区", "section"), ("科创城", "section"), ("产业创新区", "section"),
    ("旅游度假区", "section"), ("街道", "street"), ("新安街道", "street"),
    ("高铁新城", "section"), ("临空街道", "street"),
]
DEPARTMENTS = ["发展和改革委员会", "工业和信息化局", "住房和城乡建设局", "商务局",
               "资源规划分局"]
INDUSTRIES = ["集成电路", "生物医药", "新能源", "高端装备", "物联网", "新材料",
              "软件和信息服务", "汽车零部件", "节能环保", "现代物流"]
NON_INDUSTRIES = ["城市更新", "综合交通", "水利", "教育", "医疗卫生", "文化旅游",
                  "市政公用", "保障性住房"]
PRODUCTS = ["晶圆", "功率器件", "创新药", "医疗器械", "动力电池", "光伏组件", "工业机器人",
            "精密轴承", "传感器", "数据中心", "碳纤维", "电机", "智能终端", "氢能装备"]
CIVIL = ["道路改造", "片区更新", "污水处理厂", "学校", "医院", "体育中心", "安置房",
         "综合管廊", "河道整治", "文化中心"]
FIRMS = ["华芯", "中科", "长电", "恒瑞", "天合", "远景", "汇川", "博世", "卓胜", "先导",
         "新洁", "海力", "鹰普", "micro", "隆基", "宁德", "信捷", "朗新", "康宁", "金帆"]
COMPANY_TAILS = ["科技有限公司", "半导体有限公司", "制造有限公司", "新能源有限公司",
                 "建设发展有限公司", "城市投资发展有限公司"]
LEADERS = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
PROGRESS_BEFORE = ["场地平整", "桩基施工", "基础施工"]
PROGRESS_BUILD = ["主体结构施工", "主体结构封顶", "钢结构吊装", "机电安装", "装饰装修",
                  "设备安装调试"]
PROGRESS_AFTER = ["竣工验收完成，设备调试", "试生产", "投产运营，产能爬坡", "满负荷生产"]
PROBLEMS = ["用地指标待落实", "施工许可办理中", "建设资金到位滞后", "用电增容待批复",
            "环评审批进行中", "设备进口清关延迟", "拆迁安置未完成", "用工紧张"]
TIERS = [("district", 75), ("city", 14), ("city;district", 5), ("province", 3),
         ("province;city", 3)]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# ---- helpers ----------------------------------------------------------------


def wan(yuan):
    """Integer yuan as 万元 text with at most 4 decimals, no trailing zeros."""
    q, r = divmod(yuan, 10000)
    if r == 0:
        return str(q)
    return ("%d.%04d" % (q, r)).rstrip("0")


def uscc(rng):
    """An 18-character USCC with a correct check character (GB 32100-2015)."""
    body = "91" + "320214" + "".join(rng.choice(USCC_CHARS) for _ in range(9))
    total, weight = 0, 1
    for c in body:
        total += USCC_CHARS.index(c) * weight
        weight = weight * 3 % 31
    return body + USCC_CHARS[(31 - total % 31) % 31]


def weighted(rng, pairs):
    r = rng.randrange(sum(w for _, w in pairs))
    for value, w in pairs:
        if r < w:
            return value
        r -= w
    return pairs[-1][0]


def month_index(d):
    return d.year * 12 + d.month - 1


def month_text(mi):
    return "%04d-%02d" % (mi // 12, mi % 12 + 1)


# ---- the data set -----------------------------------------------------------


def make_units(rng, ndistricts):
    units = [("320200", "江城市", "city", "")]
    sections, departments = [], []   # (code, district index)
    for d in range(ndistricts):
        dname = DISTRICTS[d % len(DISTRICTS)]
        if d >= len(DISTRICTS):
            dname = dname[:-1] + str(d // len(DISTRICTS) + 1) + "区"
        dcode = "3202%02d" % (d + 1)
        units.append((dcode, dname, "district", "320200"))
        stem = dname[:-1]
        picks = rng.sample(SECTIONS, 6 if d % 3 else 5 + rng.randrange(3))
        for s, (suffix, kind) in enumerate(picks):
            code = "%s-S%02d" % (dcode, s + 1)
            units.append((code, stem + suffix, kind, dcode))
            sections.append((code, d))
        for k, dep in enumerate(DEPARTMENTS):
            code = "%s-D%02d" % (dcode, k + 1)
            units.append((code, stem + "区" + dep, "department", dcode))
            departments.append((code, d))
    return units, sections, departments


def add_days(d, n, last):
    """d + n days, or None when that is after last (the stage is not reached)."""
    if d is None:
        return None
    e = d + datetime.timedelta(days=n)
    return e if e <= last else None


def make_project(rng, seq, sections, deps_by_district, y0, y1, dcodes=None):
    """One project in a section; dcodes[d] is district d's code (default
    3202DD, the city's)."""
    first = datetime.date(y0, 1, 1)
    last = datetime.date(y1, 12, 31)
    sec_code, d = sections[rng.randrange(len(sections))]
    industrial = rng.random() < 0.7
    # Two cohorts: continuing projects signed before the first year (most of
    # them still building or ramping up), and new ones signed during the years.
    while True:
        if rng.random() < 0.85:
            signed = first - datetime.timedelta(days=rng.randrange(30, 900))
        else:
            signed = first + datetime.timedelta(days=rng.randrange((last - first).days - 30))
        filed = add_days(signed, rng.randrange(10, 150), last)
        land = add_days(filed, rng.randrange(0, 120), last) if rng.random() < 0.8 else None
        started = add_days(filed, rng.randrange(20, 240), last)
        if land and started and land > started:
            land = started
        build = rng.randrange(900, 1900) if industrial else rng.randrange(720, 2100)
        completed = add_days(started, build, last)
        if industrial:
            production = add_days(completed, rng.randrange(0, 240), last)
            capacity = add_days(production, rng.randrange(540, 1600), last)
        else:  # a public project is "in production" (in use) when completed
            production = add_days(completed, rng.randrange(0, 60), last)
            capacity = add_days(production, 0, last)
        end = capacity or last
        if end >= first:  # still active in the first year
            break
    if industrial:
        industry = rng.choice(INDUSTRIES)
        name = "年产%d万%s%s项目" % (rng.choice([1, 2, 5, 10, 20, 50, 100]),
                                  "套" if rng.random() < 0.5 else "件", rng.choice(PRODUCTS))
        total = rng.choice([1, 2, 3, 5, 5, 8, 10, 10, 20, 30, 50, 100]) * 10000 * 10000
    else:
        industry = rng.choice(NON_INDUSTRIES)
        name = "%s%s工程" % (rng.choice(["一期", "二期", "三期", "", ""]), rng.choice(CIVIL))
        total = rng.choice([1, 1, 2, 3, 5, 8, 10, 15, 30]) * 10000 * 10000
    total = total * rng.randrange(700, 1300) // 1000
    if rng.random() < 0.3:
        total += rng.randrange(10000)  # a few yuan: 4 decimals in 万元
    firm = rng.choice(FIRMS)
    planned_start = (started or signed + datetime.timedelta(days=200)) + \
        datetime.timedelta(days=rng.randrange(-90, 60))
    if planned_start < signed:
        planned_start = signed
    planned_completion = planned_start + datetime.timedelta(days=build + rng.randrange(-60, 120))
    p = {
        "ref": "XM%06d" % seq,
        "name": firm + name,
        "section": sec_code,
        "department": rng.choice(deps_by_district[d]),
        "leader": rng.choice(LEADERS) + rng.choice(["建国", "志强", "海燕", "立新", "卫东", "晓明"]),
        "code": "", "company": firm + rng.choice(COMPANY_TAILS), "uscc": uscc(rng),
        "industrial": "是" if industrial else "否",
        "industry": industry,
        "attracted_by": "" if not industrial else rng.choice(["district", "street"]),
        "total_investment": wan(total),
        "capacity": wan(total * rng.randrange(8, 30) // 10 // 10000 * 10000) if industrial else "",
        "planned_start": planned_start.isoformat(),
        "planned_completion": planned_completion.isoformat(),
        "signed_on": signed.isoformat(),
        "filed_on": filed.isoformat() if filed else "",
        "land_on": land.isoformat() if land else "",
        "started_on": started.isoformat() if started else "",
        "completed_on": completed.isoformat() if completed else "",
        "production_on": production.isoformat() if production else "",
        "capacity_on": capacity.isoformat() if capacity else "",
    }
    if filed:
        p["code"] = "%02d%02d-%s-%02d-%02d-%06d" % (
            filed.year % 100, filed.month, dcodes[d] if dcodes else "3202%02d" % (d + 1),
            rng.randrange(1, 5) * 2 + 1,
            rng.randrange(1, 4), seq)
    life = {
        "total": total, "industrial": industrial,
        "signed": signed, "started": started, "completed": completed,
        "production": production, "capacity": capacity, "build_days": build,
        "tiers": weighted(rng, TIERS),
    }
    return p, life


def project_months(rng, life, y0, y1):
    """(listing rows, report rows) of one project: listed in each year it is
    active, a report for each month it has started and is active."""
    first_year = max(y0, life["signed"].year)
    last_year = life["capacity"].year if life["capacity"] else y1
    started, completed = life["started"], life["completed"]
    production, capacity = life["production"], life["capacity"]
    total, build_days = life["total"], life["build_days"]
    # Monthly investment while building: the total spread over the build time,
    # a little of it after completion (settlement).
    per_month = total * 30 // max(build_days, 30)
    annual_output = total * rng.randrange(8, 30) // 10 if life["industrial"] else 0
    m_start = month_index(started) if started else None
    m_done = month_index(completed) if completed else None
    m_prod = month_index(production) if (production and life["industrial"]) else None
    m_cap = month_index(capacity) if capacity else None
    listings, reports = [], []
    for y in range(first_year, last_year + 1):
        spent = 0
        for mi in range(y * 12, y * 12 + 12):
            if m_start is None or mi < m_start:
                continue
            if m_cap is not None and mi > m_cap:
                break
            if m_done is None or mi <= m_done:
                invest = per_month * rng.randrange(40, 160) // 100
                stage = PROGRESS_BEFORE if mi - m_start < 3 else PROGRESS_BUILD
                progress = rng.choice(stage)
            else:
                invest = per_month * rng.randrange(0, 15) // 100 if rng.random() < 0.3 else 0
                progress = PROGRESS_AFTER[min(3, (mi - m_done) // 4)]
            r = rng.random()
            if r < 0.80:
                invest = invest // 10000 * 10000       # whole 万元
            elif r < 0.95:
                invest = invest // 100 * 100           # 2 decimals
            output = 0
            if m_prod is not None and mi >= m_prod:
                ramp = min(12, mi - m_prod + 1) if m_cap is None or mi < m_cap else 12
                output = annual_output * ramp // 144 // 10000 * 10000
            spent += invest
            problems = rng.choice(PROBLEMS) if rng.random() < 0.08 else ""
            reports.append((mi, invest, output, progress, problems))
        # The year's plan: what was spent give or take; before the start, a
        # share of the total. Month plans (when given) in whole 万元.
        if spent:
            plan = spent * rng.randrange(85, 125) // 100
        else:
            plan = total * rng.randrange(5, 25) // 100
        monthly = None
        if rng.random() < 0.35:
            plan = plan // 10000 * 10000
            units = plan // 10000
            weights = [rng.randrange(1, 10) for _ in range(12)]
            tw = sum(weights)
            monthly = [units * w // tw for w in weights]
            monthly[11] += units - sum(monthly)
            monthly = [m * 10000 for m in monthly]
        elif rng.random() < 0.7:
            plan = plan // 10000 * 10000
        listings.append((y, plan, monthly))
    return listings, reports


def write_set(out, rng, units, sections, departments, nprojects, y0, y1, dcodes=None,
              progress=None):
    """Write the four files into out; return {file: rows}. progress(done,
    rows so far) is called every 10,000 projects when given."""
    deps_by_district = {}
    for code, d in departments:
        deps_by_district.setdefault(d, []).append(code)

    counts = {}

    def open_csv(name, header):
        f = open(os.path.join(out, name + ".tmp"), "w", newline="", encoding="utf-8")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        return f, w

    def close_csv(name, f):
        f.close()
        os.replace(os.path.join(out, name + ".tmp"), os.path.join(out, name))

    f, w = open_csv("units.csv", ["code", "name", "kind", "parent"])
    w.writerows(units)
    close_csv("units.csv", f)
    counts["units.csv"] = len(units)

    pcols = ["ref", "name", "section", "department", "leader", "code", "company", "uscc",
             "industrial", "industry", "attracted_by", "total_investment", "capacity",
             "planned_start", "planned_completion", "signed_on", "filed_on", "land_on",
             "started_on", "completed_on", "production_on", "capacity_on"]
    pf, pw = open_csv("projects.csv", pcols)
    lf, lw = open_csv("listings.csv", ["ref", "year", "tiers", "annual_plan"] +
                      ["m%02d" % m for m in range(1, 13)])
    rf, rw = open_csv("reports.csv", ["ref", "month", "invest", "output", "progress",
                                      "problems"])
    np = nl = nr = 0
    for seq in range(1, nprojects + 1):
        p, life = make_project(rng, seq, sections, deps_by_district, y0, y1, dcodes)
        pw.writerow([p[c] for c in pcols])
        np += 1
        listings, reports = project_months(rng, life, y0, y1)
        ref = p["ref"]
        for y, plan, monthly in listings:
            lw.writerow([ref, y, life["tiers"], wan(plan)] +
                        ([wan(m) for m in monthly] if monthly else [""] * 12))
        nl += len(listings)
        rw.writerows([(ref, month_text(mi), wan(inv), wan(out) if out else "", prog, prob)
                      for mi, inv, out, prog, prob in reports])
        nr += len(reports)
        if progress and seq % 10000 == 0:
            progress(seq, np + nl + nr)
    close_csv("projects.csv", pf)
    close_csv("listings.csv", lf)
    close_csv("reports.csv", rf)
    counts["projects.csv"] = np
    counts["listings.csv"] = nl
    counts["reports.csv"] = nr
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="directory for the CSV files")
    ap.add_argument("--projects", type=int, default=20000)
    ap.add_argument("--districts", type=int, default=10)
    ap.add_argument("--years", default="2020-2024", help="first-last, e.g. 2020-2024")
    a = ap.parse_args(argv)
    try:
        y0, y1 = (int(x) for x in a.years.split("-"))
    except ValueError:
        ap.error("--years wants FIRST-LAST, e.g. 2020-2024")
    if y1 < y0 or a.districts < 1 or a.projects < 1:
        ap.error("bad --years, --districts or --projects")
    if a.districts > 99:
        ap.error("a city has at most 99 districts (3202DD); bench/gen_province.py makes more")
    t0 = time.monotonic()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)

    units, sections, departments = make_units(rng, a.districts)
    counts = write_set(a.out, rng, units, sections, departments, a.projects, y0, y1)
    print_counts(counts, a.seed, t0)
    return 0


def print_counts(counts, seed, t0):
    """The rows written per file and in all (gen_province.py prints the same)."""
    for name, n in counts.items():
        print("%-14s %9d rows" % (name, n))
    print("%-14s %9d rows  (seed %d, %.1f s)" % ("total", sum(counts.values()), seed,
                                                  time.monotonic() - t0))


if __name__ == "__main__":
    sys.exit(main())
