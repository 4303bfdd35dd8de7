#!/usr/bin/env python3
"""store_to_db.py — move src/store from SQLite's API onto db.h (issue #17).

A one-time, mechanical rewrite, kept as a script so that it can be run again
over a tree that others changed meanwhile (re-run it after merging, then fix
by hand what it reports). It rewrites the calls db.h mirrors one for one and
prints every use of SQLite it leaves for a person: opening, pragmas, the
backup API, error codes.

    tools/store_to_db.py [FILE ...]     default: src/store/*.c src/store/*.h but db.*
"""
import glob
import re
import sys

SIMPLE = [
    (r"\bsqlite3_stmt\b", "struct dbq"),
    (r"\bsqlite3_bind_int64\(", "dbq_bind_i64("),
    (r"\bsqlite3_bind_int\(", "dbq_bind_i64("),
    (r"\bsqlite3_bind_null\(", "dbq_bind_null("),
    (r"\bsqlite3_step\(", "dbq_step("),
    (r"\bsqlite3_reset\(", "dbq_reset("),
    (r"\bsqlite3_clear_bindings\(", "dbq_clear("),
    (r"\bsqlite3_finalize\(", "dbq_finalize("),
    (r"\bsqlite3_column_int64\(", "dbq_i64("),
    (r"\bsqlite3_column_int\(", "(int)dbq_i64("),
    (r"\bsqlite3_column_double\(", "dbq_double("),
    (r"\(const char \*\)sqlite3_column_text\(", "dbq_text("),
    (r"\(const unsigned char \*\)sqlite3_column_text\(", "(const unsigned char *)dbq_text("),
    (r"\bsqlite3_column_text\(", "(const unsigned char *)dbq_text("),
    (r"\bsqlite3_column_blob\(", "dbq_blob("),
    (r"\bsqlite3_column_bytes\(", "dbq_bytes("),
    (r"\bsqlite3_column_count\(", "dbq_columns("),
    (r"\bsqlite3_changes\(", "db_changes("),
    (r"\bsqlite3_last_insert_rowid\(", "db_last_id("),
    (r"\bsqlite3_errmsg\(", "db_errmsg("),
    (r"\bSQLITE_ROW\b", "DB_ROW"),
    (r"\bSQLITE_DONE\b", "DB_DONE"),
    (r"\bSQLITE_INTEGER\b", "DBT_INTEGER"),
    (r"\bSQLITE_FLOAT\b", "DBT_FLOAT"),
    (r"\bSQLITE_TEXT\b", "DBT_TEXT"),
    (r"\bSQLITE_BLOB\b", "DBT_BLOB"),
]


def split_args(text, start):
    """The arguments of the call whose '(' is at text[start]: (args, end)."""
    depth, args, cur, i, quote = 0, [], [], start + 1, None
    while i < len(text):
        c = text[i]
        if quote:
            cur.append(c)
            if c == "\\":
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            cur.append(c)
        elif c in "([{":
            depth += 1
            cur.append(c)
        elif c in ")]}":
            if depth == 0:
                args.append("".join(cur).strip())
                return args, i + 1
            depth -= 1
            cur.append(c)
        elif c == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    raise ValueError("unbalanced call at %d" % start)


def rewrite_calls(text, name, fn):
    """Replace every call name(...) by fn(args) (None: leave it)."""
    out, pos = [], 0
    pat = re.compile(r"\b" + re.escape(name) + r"\(")
    while True:
        m = pat.search(text, pos)
        if not m:
            out.append(text[pos:])
            return "".join(out)
        args, end = split_args(text, m.end() - 1)
        new = fn(args)
        out.append(text[pos:m.start()])
        out.append(new if new is not None else text[m.start():end])
        pos = end


def bind_bytes(kind):
    def fn(a):
        if len(a) != 5:
            return None
        kept = a[4] == "SQLITE_STATIC"
        if kind == "text":
            return "dbq_bind_text%s(%s, %s, %s, %s)" % ("_kept" if kept else "", a[0], a[1], a[2], a[3])
        return "dbq_bind_blob%s(%s, %s, %s, %s)" % ("_kept" if kept else "", a[0], a[1], a[2], a[3])
    return fn


def prepare(kept):
    def fn(a):
        # sqlite3_prepare_v2(db, sql, -1, &s, NULL): 0 on success
        if kept and len(a) == 6 and a[2] == "-1" and a[5] == "NULL" and a[4].startswith("&"):
            return "!(%s = db_prepare_kept(%s, %s))" % (a[4][1:].strip(), a[0], a[1])
        if kept and len(a) == 6 and a[2] == "-1" and a[5] == "NULL":
            return "!(*(%s) = db_prepare_kept(%s, %s))" % (a[4], a[0], a[1])
        if not kept and len(a) == 5 and a[2] == "-1" and a[4] == "NULL" and a[3].startswith("&"):
            return "!(%s = db_prepare(%s, %s))" % (a[3][1:].strip(), a[0], a[1])
        return None
    return fn


def exec_call(a):
    if len(a) == 5 and a[2:] == ["NULL", "NULL", "NULL"]:
        return "db_exec(%s, %s)" % (a[0], a[1])
    return None


def column_type(text):
    # sqlite3_column_type(s, i) == SQLITE_NULL → dbq_is_null(s, i)
    def fn(a):
        return "dbq_type(%s)" % ", ".join(a)
    text = rewrite_calls(text, "sqlite3_column_type", fn)
    text = re.sub(r"dbq_type\(([^()]*)\) == SQLITE_NULL", r"dbq_is_null(\1)", text)
    text = re.sub(r"dbq_type\(([^()]*)\) != SQLITE_NULL", r"!dbq_is_null(\1)", text)
    return text.replace("SQLITE_NULL", "DBT_NULL")


def convert(text):
    text = rewrite_calls(text, "sqlite3_bind_text", bind_bytes("text"))
    text = rewrite_calls(text, "sqlite3_bind_blob64", bind_bytes("blob"))
    text = rewrite_calls(text, "sqlite3_bind_blob", bind_bytes("blob"))
    text = rewrite_calls(text, "sqlite3_prepare_v2", prepare(False))
    text = rewrite_calls(text, "sqlite3_prepare_v3", lambda a: prepare(True)(a) if len(a) == 6 and a[3] == "SQLITE_PREPARE_PERSISTENT" else None)
    text = rewrite_calls(text, "sqlite3_exec", exec_call)
    text = column_type(text)
    for pat, rep in SIMPLE:
        text = re.sub(pat, rep, text)
    # !x == 0 forms the prepare rewrite can leave: "!!(s = …)" reads as a success test
    text = text.replace("!!(", "(")
    return text


def main(argv):
    files = argv[1:] or sorted(f for f in glob.glob("src/store/*.[ch]")
                               if not f.startswith("src/store/db."))
    left = 0
    for f in files:
        old = open(f, encoding="utf-8").read()
        new = convert(old)
        if new != old:
            open(f, "w", encoding="utf-8").write(new)
        for n, line in enumerate(new.splitlines(), 1):
            if re.search(r"\bsqlite3_|\bSQLITE_", line) and "#include" not in line:
                print("%s:%d: left: %s" % (f, n, line.strip()))
                left += 1
    print("store_to_db: %d uses of SQLite left for a person" % left, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
