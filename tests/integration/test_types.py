"""A day and a month are distinct types (src/core/date.h).

Each snippet below is compiled against the real header with the project's
warning flags; the mixes must be refused with the named diagnostic, and the
correct uses must compile. If date.h went back to two int32_t typedefs, every
refusal here would compile and the test would fail."""
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLAGS = ["-std=c17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
         "-I", os.path.join(ROOT, "src"), "-x", "c", "-"]

PRELUDE = '#include "core/date.h"\n'

ACCEPTED = {
    "day arithmetic through the helpers":
        "bl_day f(bl_month mo) { return day_add(month_first_day(mo), 1); }",
    "the month a day falls in":
        "bl_month f(bl_day d) { bl_month m = day_month(d); return month_add(m, -12); }",
    "absent values of their own type":
        "int f(bl_day d, bl_month m) { return d == DAY_NONE && m == MONTH_NONE; }",
    "a parsed day into a day":
        "int f(const char *s) { bl_day d; return day_parse_iso(s, &d); }",
}

REFUSED = {
    "a month assigned to a day": (
        "bl_day f(bl_month mo) { bl_day d = mo; return d; }", "enum-conversion"),
    "a day passed where a month is due": (
        "bl_day f(bl_day d) { return month_first_day(d); }", "enum-conversion"),
    "a month returned as a day": (
        "bl_day f(bl_month mo) { return mo; }", "enum-conversion"),
    "a month set to the absent day": (
        "bl_month f(void) { bl_month m = DAY_NONE; return m; }", "enum-conversion"),
    "a month's address parsed as a day": (
        "int f(const char *s) { bl_month m; return day_parse_iso(s, &m); }",
        "incompatible-pointer-types"),
    "a day's address parsed as a month": (
        "int f(const char *s) { bl_day d; return month_parse_iso(s, &d); }",
        "incompatible-pointer-types"),
}


def compile_snippet(body):
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is not on PATH, so the type checks cannot be compiled")
    return subprocess.run([gcc] + FLAGS, input=PRELUDE + body + "\n",
                          capture_output=True, text=True)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_correct_use_compiles(name):
    r = compile_snippet(ACCEPTED[name])
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_mixing_days_and_months_is_refused(name):
    body, diagnostic = REFUSED[name]
    r = compile_snippet(body)
    assert r.returncode == 1, f"{name} compiled: {r.stderr}"
    assert f"-Werror={diagnostic}" in r.stderr, r.stderr
