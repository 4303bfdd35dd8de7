#!/usr/bin/env python3
"""mutate.py — mutation testing of ballast's rules (issue #20 item 4).

Changes one point of a C source at a time (a mutant), rebuilds, runs a quick
suite, and reports per file how many mutants the tests killed and which
survived, with file:line and the change. A surviving mutant is a rule no test
checks. Stdlib only; run through `make mutate` or directly:

    tools/mutate.py [SPEC ...] [--limit N] [--seed S] [--timeout SEC]
                    [--budget SEC] [--list] [--no-pytest] [--no-san] [--jobs N]
                    [--json FILE]

SPEC is a source file, optionally restricted to some functions:
    src/core/access.c
    src/io/parse.c:parse_day,parse_month     only these functions
    src/io/parse.c:-format_decimal           all functions but these
Without SPEC: the default set (DEFAULT_SPECS below). The environment variables
MUTATE_LIMIT, MUTATE_SEED, MUTATE_TIMEOUT, MUTATE_BUDGET and MUTATE_JOBS give
the defaults of the options.

How it stays practical on a small machine:
  - mutants build in build/mutate/plain/ from a copy of the file (src/ is
    never written, so an interrupted run leaves nothing behind in the tree),
    as -O0 non-sanitizer position-independent objects;
  - the library is one shared object (build/mutate/plain/lib/libballast.so)
    that the unit tests and the CLI link at run time: a mutant recompiles one
    file and relinks that one library, nothing else;
  - only a mutant that survives the plain build is run again on an ASan +
    UBSan build (build/mutate/san/, what `make check` runs): an out-of-bounds
    read or a leak is killed there ("by san" in the table), not reported as
    a survivor;
  - a mutant that does not compile (-Werror as always) is counted "not
    compiled", not run;
  - the suite stops at its first failure: the mutated file's own unit test
    first, then the other unit tests, then a fast pytest subset chosen per
    file (PYTEST_SUBSETS) with -x;
  - every mutant has a timeout (a mutant that loops forever counts as killed);
  - --limit samples N mutants per file (reproducibly, --seed), --budget stops
    starting new mutants after SEC seconds and reports what ran.

A survivor that docs/testing.md explains (a table row: file, function,
mutation, mutated line, why) is counted apart from the unexplained ones, which
are printed as ready-made rows to fill in — or better, to kill with a test.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join("build", "mutate")

# The default set: the rules of core (not the demo generator), the report
# workflow when it exists, and the validators of the importer.
DEFAULT_SPECS = sorted(
    f for f in glob.glob(os.path.join(ROOT, "src/core/*.c"))
    if not os.path.basename(f).startswith("demo"))
DEFAULT_SPECS = [os.path.relpath(f, ROOT) for f in DEFAULT_SPECS]
DEFAULT_SPECS.append("src/io/parse.c:-format_decimal,format_wanyuan")

# Per file: the integration tests that exercise its rules (run with -x after
# the unit tests). Files not named here get the unit tests only.
SERVER_ACCESS = [
    "tests/integration/test_server.py::test_permission_matrix",
    "tests/integration/test_server.py::test_section_user_sees_only_its_subtree",
    "tests/integration/test_server.py::test_department_user_sees_its_projects",
    "tests/integration/test_server.py::test_create_project_and_audit_entry",
]
PYTEST_SUBSETS = {
    "src/core/access.c": SERVER_ACCESS,
    "src/core/workflow.c": [
        "tests/integration/test_server.py::test_report_workflow",
        "tests/integration/test_server.py::test_permission_matrix",
    ],
    "src/core/measures.c": ["tests/integration/test_measures.py"],
    "src/core/targets.c": ["tests/integration/test_measures.py::test_targets_status"],
    "src/core/warnings.c": ["tests/integration/test_measures.py::test_warnings_and_lights",
                            # the fund rule (超期未兑现) needs the policies' calendar
                            "tests/integration/test_funds.py::test_the_red_warning_and_the_bulletin",
                            "tests/integration/test_funds.py::test_two_late_steps_on_one_project",
                            "tests/integration/test_funds.py::test_the_server_warnings_follow_the_steps"],
    "src/core/warnings_load.c": ["tests/integration/test_warning_settings.py"],
    "src/core/warnings_view.c": [
        "tests/integration/test_measures.py::test_warnings_and_lights"],
    "src/core/scoring.c": ["tests/integration/test_bulletin.py::test_small_summary"],
    "src/core/codes.c": ["tests/integration/test_import.py"],
    "src/core/date.c": ["tests/integration/test_import.py",
                        "tests/integration/test_measures.py"],
    "src/core/model.c": ["tests/integration/test_import.py",
                         "tests/integration/test_measures.py"],
    "src/io/parse.c": ["tests/integration/test_import.py"],
    # h-muta: the supervision items' code that only the binary reaches (a few seconds each)
    "src/core/escalate.c": [
        "tests/integration/test_items.py::test_escalation_day_by_day_through_june",
        "tests/integration/test_items.py::test_escalation_walks_past_every_item_it_leaves_alone"],
    "src/core/items_view.c": [
        "tests/integration/test_items.py::test_the_list_over_http_pages_and_filters",
        "tests/integration/test_items.py::test_the_inbox_of_each_role"],
    "src/core/inbox.c": ["tests/integration/test_items.py::test_the_inbox_of_each_role"],
    # the stored waiting threshold (guarantees_wait_days_load) is read by the CLI
    "src/core/guarantees.c": [
        "tests/integration/test_guarantees.py::test_waiting_warning_on_its_exact_day"],
    # entering an application and its steps go through the store: CLI and HTTP
    "src/core/funds_act.c": [
        "tests/integration/test_funds.py::test_entering_an_application",
        "tests/integration/test_funds.py::test_every_step_and_its_refusals",
        "tests/integration/test_funds.py::test_who_sees_and_moves_what",
        "tests/integration/test_funds.py::test_entering_over_http"],
    # the book is read from the store (guarantee_book_load) by the CLI
    "src/core/guarantees_view.c": [
        "tests/integration/test_guarantees.py::"
        "test_need_vs_supplied_per_project_section_and_district",
        "tests/integration/test_guarantees.py::test_demolition_status_by_the_targets_rule"],
}

# Which unit test names the file's own tests, when not test_<stem>.
OWN_TESTS = {
    "src/core/warnings_load.c": ["test_warnings"],
    "src/core/warnings_view.c": ["test_warnings"],
    "src/core/model.c": ["test_model", "test_measures", "test_warnings"],
    "src/core/date.c": ["test_date", "test_parse", "test_measures"],
    "src/core/codes.c": ["test_codes"],
    "src/core/items_act.c": ["test_items"],  # h-muta
    "src/core/escalate.c": ["test_escalate", "test_items"],  # h-mut2: the run on a real store
    "src/core/guarantees_view.c": ["test_guarantees"],
}


def note(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- the lexer

PUNCT = sorted("""
>>= <<= ... -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |= ##
{ } [ ] ( ) ; , : ? ~ ! + - * / % < > = & ^ | . #
""".split(), key=len, reverse=True)

TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>(?:u8|[uUL])?"(?:\\.|[^"\\\n])*")
  | (?P<char>(?:[uUL])?'(?:\\.|[^'\\\n])*')
  | (?P<number>\.?\d(?:[\w.]|[eEpP][+-])*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<punct>""" + "|".join(re.escape(p) for p in PUNCT) + r""")
""", re.S | re.X)


class Tok:
    __slots__ = ("kind", "text", "start", "end", "line", "func")

    def __init__(self, kind, text, start, end, line):
        self.kind, self.text, self.start, self.end, self.line = kind, text, start, end, line
        self.func = None

    def __repr__(self):
        return f"{self.kind}:{self.text}@{self.line}"


def blank_preprocessor(src):
    """src with every preprocessor line (and its continuations) blanked to
    spaces, so offsets and line numbers stay those of the file."""
    out = []
    lines = src.split("\n")
    cont = False
    for ln in lines:
        if cont or ln.lstrip().startswith("#"):
            cont = ln.endswith("\\")
            out.append(" " * len(ln))
        else:
            out.append(ln)
    return "\n".join(out)


def tokenize(src):
    code = blank_preprocessor(src)
    toks = []
    pos, line = 0, 1
    while pos < len(code):
        m = TOKEN_RE.match(code, pos)
        if not m:
            raise SyntaxError(f"line {line}: cannot read {code[pos:pos + 20]!r}")
        kind = m.lastgroup
        text = m.group()
        if kind not in ("ws", "comment"):
            toks.append(Tok(kind, text, m.start(), m.end(), line))
        line += text.count("\n")
        pos = m.end()
    mark_functions(toks)
    return toks


def matching(toks, i):
    """Index of the bracket closing toks[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    o, c = toks[i].text, pairs[toks[i].text]
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == o:
            depth += 1
        elif toks[j].text == c:
            depth -= 1
            if depth == 0:
                return j
    raise SyntaxError(f"line {toks[i].line}: unbalanced {o}")


def mark_functions(toks):
    """Set tok.func to the function (or top-level object) each token is in."""
    i = 0
    while i < len(toks):
        if toks[i].text == "{":
            j = matching(toks, i)
            name = None
            k = i - 1
            if k >= 0 and toks[k].text == ")":
                depth = 0
                while k >= 0:
                    if toks[k].text == ")":
                        depth += 1
                    elif toks[k].text == "(":
                        depth -= 1
                        if depth == 0:
                            break
                    k -= 1
                if k > 0 and toks[k - 1].kind == "ident":
                    name = toks[k - 1].text
            else:
                # an initializer: NAME [..] = {   or   struct NAME {
                k = i - 1
                while k >= 0 and toks[k].text in ("=", "]"):
                    if toks[k].text == "]":
                        while k >= 0 and toks[k].text != "[":
                            k -= 1
                    k -= 1
                if k >= 0 and toks[k].kind == "ident":
                    name = toks[k].text
            for t in toks[i:j + 1]:
                t.func = name
            i = j + 1
        else:
            i += 1


# ---------------------------------------------------------------- mutants

class Mutant:
    __slots__ = ("path", "start", "end", "repl", "line", "func", "op", "desc", "id", "text")

    def __init__(self, path, start, end, repl, line, func, op, desc):
        self.path, self.start, self.end, self.repl = path, start, end, repl
        self.line, self.func, self.op, self.desc = line, func, op, desc
        self.id = None
        self.text = None  # the mutated line, set by mutants_of()

    def apply(self, src):
        return src[:self.start] + self.repl + src[self.end:]

    def key(self):
        return (self.start, self.end, self.repl)


SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
        "&&": "||", "||": "&&"}
SWAP_OP = {"<": "rel", "<=": "rel", ">": "rel", ">=": "rel", "==": "eq", "!=": "eq",
           "&&": "logic", "||": "logic"}
TYPE_WORDS = {"char", "short", "int", "long", "unsigned", "signed", "float", "double",
              "size_t", "int64_t", "uint64_t", "int32_t", "uint32_t", "uint8_t", "bool",
              "const", "static", "struct", "enum", "union", "*"}
NOT_TYPE = {"return", "sizeof", "case", "if", "while", "for", "switch", "else", "do", "goto"}
INT_RE = re.compile(r"^(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)$")


def int_variants(text):
    m = INT_RE.match(text)
    if not m:
        return []
    body, suffix = m.groups()
    hexa = body[:2] in ("0x", "0X")
    if not hexa and len(body) > 1 and body.startswith("0"):
        return []  # octal: leave alone
    v = int(body, 16 if hexa else 10)
    out = []
    for nv in (v + 1, v - 1):
        if nv < 0:
            if "u" in suffix.lower():
                continue
            s = f"(-{-nv}{suffix})"
        else:
            s = (f"0x{nv:x}" if hexa else str(nv)) + suffix
        out.append((s, f"{text} → {s.strip('()')}"))
    return out


def is_array_size(toks, i):
    """toks[i] is the N of `type name[N]` (a declaration's size): skip it."""
    if i < 2 or i + 1 >= len(toks):
        return False
    if toks[i - 1].text != "[" or toks[i + 1].text != "]":
        return False
    k = i - 2
    while k >= 0 and toks[k].text == "]":   # name[A][N]
        while k >= 0 and toks[k].text != "[":
            k -= 1
        k -= 1
    if k < 1 or toks[k].kind != "ident":
        return False
    before = toks[k - 1]
    if before.text in NOT_TYPE:
        return False
    return before.text in TYPE_WORDS or before.kind == "ident" or before.text == ","


def bit_macros(src):
    """Names #defined as a single bit: #define R (1u << ACT_READ)."""
    return re.findall(r"^#define\s+([A-Z]\w*)\s+\(1u?\s*<<\s*\w+\)", src, re.M)


def mask_mutants(path, src, toks):
    """A bit added to (or taken from) each permission mask, and each absent
    cell of a [ROW] = { [COL] = mask, ... } table given each bit."""
    bits = bit_macros(src)
    if not bits:
        return []
    out = []
    bitset = set(bits)
    row_at = []  # (start, end, row name) of each "[ROW] = {" block
    for i in range(len(toks) - 4):
        if (toks[i].text == "[" and toks[i + 1].kind == "ident" and toks[i + 2].text == "]"
                and toks[i + 3].text == "=" and toks[i + 4].text == "{"):
            row_at.append((toks[i + 4].start, toks[matching(toks, i + 4)].end, toks[i + 1].text))

    def cell(i):
        """ROW[COL] for the mask after toks[i] ("="), as far as it is known."""
        col = toks[i - 2].text if i >= 3 and toks[i - 1].text == "]" else "?"
        inside = [(a, r) for a, b, r in row_at if a <= toks[i].start < b]
        row = max(inside)[1] if inside else None
        return f"{row}[{col}]" if row else col

    # masks: maximal BIT ( | BIT )* after "="
    i = 0
    while i < len(toks):
        if toks[i].text == "=" and i + 1 < len(toks) and toks[i + 1].text in bitset:
            j = i + 1
            present = [toks[j].text]
            while j + 2 < len(toks) and toks[j + 1].text == "|" and toks[j + 2].text in bitset:
                j += 2
                present.append(toks[j].text)
            a, b = toks[i + 1], toks[j]
            old = src[a.start:b.end]
            for bit in bits:
                if bit not in present:
                    new = " | ".join([x for x in bits if x in present or x == bit])
                    out.append(Mutant(path, a.start, b.end, new, a.line, a.func, "mask",
                                      f"mask bit added: {cell(i)} = {old} → {new}"))
            for bit in present:
                rest = [x for x in present if x != bit]
                new = " | ".join(rest) if rest else "0"
                out.append(Mutant(path, a.start, b.end, new, a.line, a.func, "mask",
                                  f"mask bit removed: {cell(i)} = {old} → {new}"))
            i = j + 1
        else:
            i += 1
    # absent cells: rows "[ROW] = {" whose members are "[COL] = mask"
    rows = []
    cols_all = []
    for i in range(len(toks) - 4):
        if (toks[i].text == "[" and toks[i + 1].kind == "ident" and toks[i + 2].text == "]"
                and toks[i + 3].text == "=" and toks[i + 4].text == "{"):
            j = matching(toks, i + 4)
            inner = toks[i + 5:j]
            cols = [inner[k + 1].text for k in range(len(inner) - 4)
                    if inner[k].text == "[" and inner[k + 2].text == "]"
                    and inner[k + 3].text == "=" and inner[k + 4].text in bitset]
            if cols:
                rows.append((toks[i + 1].text, toks[j], set(cols)))
                cols_all += [c for c in cols if c not in cols_all]
    for row, close, cols in rows:
        for col in cols_all:
            if col in cols:
                continue
            for bit in bits:
                out.append(Mutant(path, close.start, close.start, f"[{col}] = {bit}, ",
                                  close.line, close.func, "mask",
                                  f"mask bit added: {row}[{col}] = 0 → {bit}"))
    return out


def error_return_mutants(path, src, toks, i):
    """return -1; / return BL_E…; / return "reason"; → deleted, or return 0."""
    t = toks[i]
    j = i + 1
    if j < len(toks) and toks[j].text == "-" and j + 1 < len(toks) and toks[j + 1].text == "1":
        val_end = j + 1
    elif j < len(toks) and (re.match(r"^BL_E[A-Z]", toks[j].text) or
                            (toks[j].kind == "string" and toks[j].text.startswith('"'))):
        val_end = j
    else:
        return []
    if val_end + 1 >= len(toks) or toks[val_end + 1].text != ";":
        return []
    semi = toks[val_end + 1]
    old = src[t.start:semi.end]
    return [
        Mutant(path, t.start, semi.end, "{ }", t.line, t.func, "ret",
               f"error return deleted: {old}"),
        Mutant(path, t.start, semi.end, "return 0;", t.line, t.func, "ret",
               f"error return → success: {old} → return 0;"),
    ]


# An integer in the arguments of these calls is an allocation size: ±1 there
# is not a rule (a larger block changes nothing, xcalloc(0) is xcalloc(1)),
# so no constant mutant is made inside them.
ALLOC_CALLS = {"xmalloc", "xcalloc", "xrealloc", "XGROW", "xgrow", "malloc", "calloc",
               "realloc"}


def alloc_args(toks):
    """The indexes of the tokens inside the parentheses of an allocation call,
    and inside sizeof(…): the 0 of sizeof(a[0]) names a size, not a rule (any
    element of an array has the same size)."""
    inside = set()
    for i, t in enumerate(toks[:-1]):
        if t.kind == "ident" and t.text in ALLOC_CALLS | {"sizeof"} and toks[i + 1].text == "(":
            inside.update(range(i + 2, matching(toks, i + 1)))
    return inside


def mutants_of(path, src, only=None, skip=None):
    toks = tokenize(src)
    sizes = alloc_args(toks)
    out = []
    for i, t in enumerate(toks):
        if t.func is None or t.func.startswith("_"):
            continue
        if only and t.func not in only:
            continue
        if skip and t.func in skip:
            continue
        if t.kind == "punct" and t.text in SWAP:
            new = SWAP[t.text]
            out.append(Mutant(path, t.start, t.end, new, t.line, t.func, SWAP_OP[t.text],
                              f"{t.text} → {new}"))
        elif t.kind == "ident" and t.text == "if" and i + 1 < len(toks) \
                and toks[i + 1].text == "(":
            j = matching(toks, i + 1)
            a, b = toks[i + 1], toks[j]
            cond = src[a.end:b.start]
            short = " ".join(cond.split())
            if len(short) > 60:
                short = short[:57] + "..."
            for v in ("0", "1"):
                if cond.strip() != v:
                    out.append(Mutant(path, a.end, b.start, v, t.line, t.func, "cond",
                                      f"if ({short}) → if ({v})"))
        elif t.kind == "ident" and t.text == "return":
            out += error_return_mutants(path, src, toks, i)
        elif t.kind == "number" and not is_array_size(toks, i) and i not in sizes \
                and not (toks[i - 1].text == "-" and toks[i - 2].text == "return"
                         and toks[i + 1].text == ";"):
            # (the 1 of "return -1;" is the ret operator's: -0 is its
            # "return 0", and -2 is the same error to every caller)
            for s, d in int_variants(t.text):
                out.append(Mutant(path, t.start, t.end, s, t.line, t.func, "const", d))
    out += [m for m in mask_mutants(path, src, toks)
            if (not only or m.func in only) and not (skip and m.func in skip)]
    seen, uniq = set(), []
    for m in sorted(out, key=lambda m: (m.start, m.end, m.repl)):
        if m.key() not in seen:
            seen.add(m.key())
            a = src.rfind("\n", 0, m.start) + 1
            b = src.find("\n", m.end)
            m.text = " ".join((src[a:m.start] + m.repl + src[m.end:b if b >= 0 else None])
                              .split())
            uniq.append(m)
    return uniq


# ---------------------------------------------------------------- building

def make_vars():
    """BASE_CFLAGS, SAN_FLAGS, LIBS, PYTEST and cmocka's flags, read from the
    Makefile itself so that they are never written twice."""
    probe = ("_mutate_probe:\n"
             "\t$(info @@CFLAGS $(BASE_CFLAGS))\n"
             "\t$(info @@SAN $(SAN_FLAGS))\n"
             "\t$(info @@LIBS $(LIBS))\n"
             "\t$(info @@CMOCKA $(shell pkg-config --cflags --libs cmocka))\n"
             "\t$(info @@PYTEST $(PYTEST))\n"
             "\t@:\n")
    r = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-",
                        "_mutate_probe"], input=probe, capture_output=True, text=True,
                       cwd=ROOT)
    if r.returncode:
        sys.exit("mutate: cannot read the Makefile's flags:\n" + r.stderr)
    v = {}
    for ln in r.stdout.splitlines():
        if ln.startswith("@@"):
            k, _, rest = ln[2:].partition(" ")
            v[k] = shlex.split(rest)
    v["CFLAGS"] = [f for f in v["CFLAGS"] if f not in ("-MMD", "-MP")]
    return v


def run_cmd(cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


class Build:
    """One build of the library, the unit tests and the CLI under OUT/<name>:
    "plain" (-O0, no sanitizer: the fast first pass) or "san" (-O0 with
    AddressSanitizer and UBSan, as `make check` runs: the second look at a
    mutant the plain build let through)."""

    def __init__(self, v, name, jobs):
        self.v = v
        self.name = name
        self.jobs = jobs
        self.out = os.path.join(OUT, name)
        self.cc = os.environ.get("CC", "gcc")
        extra = ["-O0", "-fPIC"]
        if name == "san":
            extra += [f for f in v["SAN"] if f.startswith("-f")]
        self.cflags = v["CFLAGS"] + extra
        self.ldflags = [f for f in v["SAN"] if f.startswith("-fsanitize")] \
            if name == "san" else []
        srcs = sorted(os.path.relpath(p, ROOT) for p in
                      glob.glob(os.path.join(ROOT, "src/**/*.c"), recursive=True))
        self.lib_src = [s for s in srcs if s != "src/main.c"]
        self.tests = sorted(os.path.splitext(os.path.basename(p))[0]
                            for p in glob.glob(os.path.join(ROOT, "tests/unit/test_*.c")))
        self.ready = False

    def obj(self, src):
        return os.path.join(self.out, "obj", src[:-2] + ".o")

    def exe(self, name):
        return os.path.join(self.out, name)

    def stale(self, src, obj):
        """obj is missing, or older than src or a header it used last time."""
        d = obj[:-2] + ".d"
        if not os.path.exists(obj) or not os.path.exists(d):
            return True
        t = os.path.getmtime(obj)
        with open(d) as f:
            first = f.read().replace("\\\n", " ").split("\n", 1)[0]
        deps = [src] + first.partition(":")[2].split()
        return any(not os.path.exists(p) or os.path.getmtime(p) > t for p in deps)

    def compile(self, src, obj, extra=()):
        os.makedirs(os.path.dirname(obj), exist_ok=True)
        return run_cmd([self.cc, *self.cflags, *extra, "-c", "-o", obj, src])

    def compile_all(self, items):
        """Compile [(src, obj, extra flags)] two at a time; exit on an error."""
        with concurrent.futures.ThreadPoolExecutor(self.jobs) as ex:
            futs = {ex.submit(self.compile, s, o, e): s for s, o, e in items}
            for f in concurrent.futures.as_completed(futs):
                r = f.result()
                if r.returncode:
                    sys.exit(f"mutate: {futs[f]} does not compile:\n{r.stderr}")

    def baseline(self):
        """Build (incrementally) the objects, the library, the tests, the CLI."""
        if self.ready:
            return
        dep = ["-MMD", "-MP"]
        units = [f"tests/unit/{t}.c" for t in self.tests]
        todo = [(s, self.obj(s), dep) for s in
                self.lib_src + ["src/main.c", "tools/web_assets_none.c"]
                if self.stale(s, self.obj(s))]
        todo += [(s, self.obj(s), ["-Itests/unit"] + dep) for s in units
                 if self.stale(s, self.obj(s))]
        if todo:
            note(f"mutate: compiling {len(todo)} files into {self.out} ({self.name})")
        self.compile_all(todo)
        r = self.link_lib({})
        if r.returncode:
            sys.exit("mutate: cannot link the library:\n" + r.stderr)
        lib = os.path.join(self.out, "lib")
        link = [*self.ldflags, "-L" + lib, "-lballast",
                "-Wl,-rpath," + os.path.join(ROOT, lib), *self.v["LIBS"]]
        none = self.obj("tools/web_assets_none.c")
        jobs = []
        for t, src in zip(self.tests, units):
            o, exe = self.obj(src), self.exe(t)
            if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(o):
                jobs.append([self.cc, "-o", exe, o, none, *link, *self.v["CMOCKA"]])
        o, exe = self.obj("src/main.c"), self.exe("ballast")
        if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(o):
            jobs.append([self.cc, "-o", exe, o, none, *link])
        with concurrent.futures.ThreadPoolExecutor(self.jobs) as ex:
            for cmd, r in zip(jobs, ex.map(run_cmd, jobs)):
                if r.returncode:
                    sys.exit("mutate: link failed: " + " ".join(cmd) + "\n" + r.stderr)
        self.ready = True

    def link_lib(self, replace):
        """Link the library, with replace[src] = object for a mutated file."""
        objs = [replace.get(s, self.obj(s)) for s in self.lib_src]
        lib = os.path.join(self.out, "lib", "libballast.so")
        os.makedirs(os.path.dirname(lib), exist_ok=True)
        r = run_cmd([self.cc, "-shared", *self.ldflags, "-o", lib + ".tmp", *objs,
                     *self.v["LIBS"]])
        if r.returncode == 0:
            os.replace(lib + ".tmp", lib)
        return r

    def build_mutant(self, m, src_text):
        """Compile a mutated copy of m.path (never the file itself) and relink
        the library with it. False when the mutant does not compile."""
        mdir = os.path.join(self.out, "mutant")
        os.makedirs(mdir, exist_ok=True)
        copy = os.path.join(mdir, m.path.replace("/", "_"))
        with open(copy, "w") as f:
            # #line keeps __FILE__ and the diagnostics those of the real file
            f.write(f'#line 1 "{m.path}"\n')
            f.write(m.apply(src_text))
        obj = copy[:-2] + ".o"
        if self.compile(copy, obj, ["-iquote", os.path.dirname(m.path)]).returncode:
            return False
        return self.link_lib({m.path: obj}).returncode == 0


# ---------------------------------------------------------------- running

class Timeout(Exception):
    pass


def run_group(cmd, deadline, env=None):
    """Run cmd in a process group of its own and kill the whole group after
    it (a server a test started goes with it); at the deadline, Timeout.
    Returns the exit status (negative for a signal)."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise Timeout()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, env=env)
    try:
        return p.wait(timeout=left)
    except subprocess.TimeoutExpired:
        raise Timeout()
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        p.wait()


class SuiteFails(Exception):
    pass


class Suite:
    """The quick suite of one file on one build: the unit tests (the file's
    own first), then its pytest subset with -x; the first failure ends it."""

    def __init__(self, build, path, use_pytest):
        self.build = build
        stem = os.path.splitext(os.path.basename(path))[0]
        own = [t for t in OWN_TESTS.get(path, [f"test_{stem}"]) if t in build.tests]
        self.units = own + [t for t in build.tests if t not in own]
        self.pytest = PYTEST_SUBSETS.get(path, []) if use_pytest else []
        self.env = dict(os.environ, BALLAST=os.path.join(ROOT, build.exe("ballast")))
        self.env.pop("BALLAST_DB", None)
        self.timeout = None

    def steps(self):
        for t in self.units:
            yield t, [self.build.exe(t)]
        if self.pytest:
            yield "pytest", [*self.build.v["PYTEST"], "-x", "-q", "-p", "no:cacheprovider",
                             *self.pytest]

    def run(self, deadline):
        """The name of the first step that fails, "timeout", or None."""
        for name, cmd in self.steps():
            try:
                rc = run_group(cmd, deadline, self.env)
            except Timeout:
                return "timeout"
            if rc != 0:
                return name
        return None

    def calibrate(self, timeout):
        """Run the suite on the unmutated build (it must pass) and set the
        per-mutant timeout: the given one, else 3× the time, at least 20 s."""
        t0 = time.monotonic()
        for name, cmd in self.steps():
            try:
                rc = run_group(cmd, time.monotonic() + 1800, self.env)
            except Timeout:
                rc = "timeout"
            if rc != 0:
                raise SuiteFails(f"mutate: the {self.build.name} suite fails without any"
                                 f" mutant ({name}: {rc}); fix that first: {' '.join(cmd)}")
        base = time.monotonic() - t0
        self.timeout = timeout or max(20.0, 3 * base)
        return base


# ---------------------------------------------------------------- explained survivors

DOC = "docs/testing.md"


def norm(s):
    return " ".join(s.replace("`", "").split())


def explained():
    """The survivors docs/testing.md explains: its table rows
    | `file` | function | mutation | `mutated line` | why |
    keyed by (file, function, mutation, mutated line) — no line numbers, so an
    edit elsewhere in the file does not orphan them."""
    keys = {}
    try:
        with open(os.path.join(ROOT, DOC)) as f:
            for ln in f:
                row = ln.strip()
                if not row.startswith("|"):
                    continue
                cells = [c.strip().replace("\\|", "|")
                         for c in re.split(r"(?<!\\)\|", row.strip("|"))]
                if len(cells) >= 5 and cells[0].startswith("`src/"):
                    keys[(norm(cells[0]), norm(cells[1]), norm(cells[2]),
                          norm(cells[3]))] = cells[4]
    except FileNotFoundError:
        pass
    return keys


def why(keys, m):
    return keys.get((m.path, m.func or "", norm(m.desc), norm(m.text)))


# ---------------------------------------------------------------- main

def parse_spec(spec):
    path, _, funcs = spec.partition(":")
    only = skip = None
    if funcs.startswith("-"):
        skip = set(funcs[1:].split(","))
    elif funcs:
        only = set(funcs.split(","))
    return path, only, skip


def main():
    env = os.environ.get
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="*", metavar="SPEC",
                    help="file[:func,…|:-func,…] (default: the default set)")
    ap.add_argument("--limit", type=int, default=int(env("MUTATE_LIMIT") or 0),
                    help="at most N mutants per file, sampled (0: all)")
    ap.add_argument("--seed", type=int, default=int(env("MUTATE_SEED") or 1),
                    help="the sample's seed (the same seed gives the same sample)")
    ap.add_argument("--timeout", type=float, default=float(env("MUTATE_TIMEOUT") or 0),
                    help="seconds per mutant (default: 3× the suite's time, at least 20)")
    ap.add_argument("--budget", type=float, default=float(env("MUTATE_BUDGET") or 0),
                    help="start no mutant after SEC seconds (0: no budget)")
    ap.add_argument("--jobs", type=int, default=int(env("MUTATE_JOBS") or 2),
                    help="parallel compiles of a baseline build (default 2)")
    ap.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    ap.add_argument("--no-pytest", action="store_true", help="unit tests only")
    ap.add_argument("--no-san", action="store_true",
                    help="do not run a survivor again under ASan + UBSan")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    a = ap.parse_args()
    os.chdir(ROOT)

    plan = []
    for spec in a.specs or DEFAULT_SPECS:
        path, only, skip = parse_spec(spec)
        path = os.path.relpath(os.path.abspath(path), ROOT)
        if not os.path.exists(path):
            sys.exit(f"mutate: {path}: no such file")
        with open(path) as f:
            src = f.read()
        ms = mutants_of(path, src, only, skip)
        total = len(ms)
        if a.limit and len(ms) > a.limit:
            ms = sorted(random.Random(f"{a.seed}:{path}").sample(ms, a.limit),
                        key=lambda m: (m.start, m.repl))
        plan.append((path, src, ms, total))

    if a.list:
        for path, _, ms, total in plan:
            note(f"== {path}: {len(ms)} of {total} mutants")
            for m in ms:
                note(f"  {path}:{m.line}: [{m.op}] {m.func}: {m.desc}\n      {m.text}")
        return 0

    v = make_vars()
    plain = Build(v, "plain", a.jobs)
    san = Build(v, "san", a.jobs)
    plain.baseline()
    results = {}
    t_start = time.monotonic()
    try:
        for path, src, ms, total in plan:
            res = results[path] = {"total": total, "sampled": len(ms), "killed": [],
                                   "killed_san": [], "timeout": [], "survived": [],
                                   "not_compiled": [], "not_run": []}
            if a.budget and time.monotonic() - t_start > a.budget:
                res["not_run"] = list(ms)
                continue
            # the previous file's last mutant is still linked in: undo it
            plain.link_lib({})
            if san.ready:
                san.link_lib({})
            suite = Suite(plain, path, not a.no_pytest)
            base = suite.calibrate(a.timeout)
            note(f"== {path}: {len(ms)} of {total} mutants; quick suite {base:.1f}s"
                 f" ({len(suite.units)} unit tests{', pytest' if suite.pytest else ''}),"
                 f" timeout {suite.timeout:.0f}s")
            ssuite = None
            for n, m in enumerate(ms, 1):
                if a.budget and time.monotonic() - t_start > a.budget:
                    res["not_run"] += ms[n - 1:]
                    note("mutate: the time budget is spent; the rest is not run")
                    break
                t0 = time.monotonic()
                if not plain.build_mutant(m, src):
                    res["not_compiled"].append(m)
                    verdict = "not compiled"
                else:
                    by = suite.run(time.monotonic() + suite.timeout)
                    if by is None and not a.no_san:
                        # a second look with the sanitizers of `make check`
                        san.baseline()
                        if ssuite is None:
                            ssuite = Suite(san, path, not a.no_pytest)
                            ssuite.calibrate(a.timeout and 3 * a.timeout)
                        if san.build_mutant(m, src):
                            by = ssuite.run(time.monotonic() + ssuite.timeout)
                            by = by and f"{by} under ASan/UBSan"
                        else:
                            # the sanitizers' flags make gcc see the fault
                            # (-Warray-bounds …): make check would not build
                            by = "the compiler under ASan/UBSan"
                    if by is None:
                        res["survived"].append(m)
                        verdict = "SURVIVED"
                    elif by == "timeout":
                        res["timeout"].append(m)
                        verdict = "killed (timeout)"
                    elif by.endswith("UBSan"):
                        res["killed_san"].append(m)
                        verdict = f"killed by {by}"
                    else:
                        res["killed"].append(m)
                        verdict = f"killed by {by}"
                note(f"[{n}/{len(ms)}] {path}:{m.line} {m.func}: {m.desc} — {verdict}"
                     f" ({time.monotonic() - t0:.1f}s)")
    except KeyboardInterrupt:
        note("\nmutate: interrupted; the results so far:")
    except SuiteFails as e:
        note(str(e))
        note("mutate: stopped; the results so far:")
    finally:
        # src/ was never written; put the unmutated libraries back
        plain.link_lib({})
        if san.ready:
            san.link_lib({})
    report(results, time.monotonic() - t_start, a.json)
    return 0


def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "—"


def report(results, elapsed, json_path):
    """The table per file; score = killed / (killed + survived), and the same
    without the survivors docs/testing.md shows to be equivalent (its "why"
    starts with "equivalent"), which no test can kill."""
    keys = explained()
    note("")
    note(f"{'file':28} {'mutants':>7} {'killed':>6} {'(by san)':>8} {'survived':>8}"
         f" {'(equiv.)':>8} {'not compiled':>12} {'score':>6} {'w/o equiv.':>10}")
    for path, r in results.items():
        killed = len(r["killed"]) + len(r["killed_san"]) + len(r["timeout"])
        surv = len(r["survived"])
        equiv = sum(1 for m in r["survived"] if (why(keys, m) or "").startswith("equivalent"))
        extra = f"  sampled {r['sampled']} of {r['total']}" if r["sampled"] < r["total"] else ""
        if r["not_run"]:
            extra += f"  ({len(r['not_run'])} not run)"
        note(f"{path:28} {r['sampled']:>7} {killed:>6} {len(r['killed_san']):>8} {surv:>8}"
             f" {equiv:>8} {len(r['not_compiled']):>12} {pct(killed, killed + surv):>6}"
             f" {pct(killed, killed + surv - equiv):>10}{extra}")
    survivors = [m for r in results.values() for m in r["survived"]]
    known = [m for m in survivors if why(keys, m)]
    unknown = [m for m in survivors if not why(keys, m)]
    if known:
        note(f"\nsurvivors explained in {DOC}: {len(known)}")
    if unknown:
        note(f"\nsurvivors not explained in {DOC} (add a test, or a row saying why):")
        for m in unknown:
            note(f"  {m.path}:{m.line}: [{m.op}] {m.func}: {m.desc}\n      {m.text}")
        note(f"  as rows for {DOC}:")
        for m in unknown:
            d = m.desc.replace("|", "\\|")
            t = m.text.replace("|", "\\|")
            note(f"| `{m.path}` | {m.func} | {d} | `{t}` | |")
    note(f"\n{elapsed / 60:.1f} min")
    if json_path:
        def enc(m):
            return {"file": m.path, "line": m.line, "function": m.func, "op": m.op,
                    "mutation": m.desc, "mutated_line": m.text, "why": why(keys, m)}
        with open(json_path, "w") as f:
            json.dump({p: {k: ([enc(m) for m in x] if isinstance(x, list) else x)
                           for k, x in r.items()} for p, r in results.items()},
                      f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(1)
