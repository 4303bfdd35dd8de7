/* sqlite_reconcile.c — every row ballast keeps, compared with the audit trail:
 * for each table a description of the row's audit form (the JSON its writes
 * record, rebuilt here from the raw columns, so a value stored in another
 * type or spelling differs too), the trail replayed per (entity, key), and a
 * merge of the two, both read in key order. What differs goes to verify's
 * report, or, once after an upgrade, becomes a baseline audit entry. Its
 * statements are prepared per pass, not in the statement table: each runs
 * once per verify or upgrade, and the per-table ones come from specs[]. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/secret.h"
#include "util/xalloc.h"

/* How a field of the audit form is made from the row's columns. */
enum xform {
	XF_RAW,         /* the column's value as stored: integer, real, text or null */
	XF_ID0,         /* an id: NULL reads as 0, as the entity structs read it */
	XF_EMPTY_NULL,  /* '' reads as null (a target's tier "any") */
	XF_JSON,        /* a JSON text, parsed (a contest round's weights, result) */
	XF_BLOB,        /* {"bytes": n, "sha256": hex} of a blob (a bulletin's file) */
	XF_FINGERPRINT, /* secret_fingerprint() of a stored hash (password, token) */
	XF_PREFIX8,     /* the first 8 characters (a token hash's prefix) */
	XF_TIERS,       /* 3 columns (province, city, district) → ["province", …] */
	XF_MONTHS,      /* 12 columns m01…m12 → an array; absent when all are NULL */
};

struct field {
	const char *name; /* the member of the audit form */
	enum xform xf;
	int omit_null;    /* left out when null, as the puts' forms leave it out */
};

struct table_spec {
	const char *table;   /* the SQL table, as problems name it */
	const char *entity;  /* the audit trail's entity */
	/* The key (the audit trail's entity_key) then the fields' columns, in key
	 * order. */
	const char *sql;
	const struct field *fields;
	size_t n_fields;
	/* Every column verify knows: compared, or bookkeeping (the edit counter
	 * "version", surrogate ids). Any other column is reported as not compared. */
	const char *columns;
};

#define F(name, xf) { name, xf, 0 }
#define F_OPT(name) { name, XF_RAW, 1 }
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct field unit_fields[] = {
	F("id", XF_RAW), F("code", XF_RAW), F("name", XF_RAW), F("kind", XF_RAW),
	F("parent_id", XF_ID0),
};
static const struct field project_fields[] = {
	F("id", XF_RAW), F("ref", XF_RAW), F("name", XF_RAW), F("code", XF_RAW),
	F("company", XF_RAW), F("uscc", XF_RAW), F("leader", XF_RAW), F("industry", XF_RAW),
	F("commando", XF_RAW), F("section_id", XF_ID0), F("department_id", XF_ID0),
	F("industrial", XF_RAW), F("attracted_by", XF_RAW), F("total_investment", XF_RAW),
	F("capacity", XF_RAW), F("land_mu_e4", XF_RAW), F("energy_tce_e4", XF_RAW),
	F("planned_start", XF_RAW), F("planned_completion", XF_RAW),
	F("planned_production", XF_RAW), F("signed_on", XF_RAW), F("filed_on", XF_RAW),
	F("started_on", XF_RAW), F("completed_on", XF_RAW), F("production_on", XF_RAW),
	F("capacity_on", XF_RAW), F("land_on", XF_RAW), F("permit_on", XF_RAW),
};
static const struct field listing_fields[] = {
	F("project_id", XF_RAW), F("year", XF_RAW), F("tiers", XF_TIERS),
	F("annual_plan", XF_RAW), F("month_plan", XF_MONTHS),
};
static const struct field report_fields[] = {
	F("project_id", XF_RAW), F("month", XF_RAW), F("invest", XF_RAW), F("output", XF_RAW),
	F("progress", XF_RAW), F("problems", XF_RAW), F("status", XF_RAW),
	/* The workflow's stamps: only transitions write them (report_json has none). */
	F_OPT("return_reason"), F_OPT("submitted_by"), F_OPT("submitted_at"),
	F_OPT("verified_by"), F_OPT("verified_at"),
};
static const struct field target_fields[] = {
	F("id", XF_RAW), F("year", XF_RAW), F("measure", XF_RAW), F("tier", XF_EMPTY_NULL),
	F("section_id", XF_RAW), F("department_id", XF_RAW), F("industrial", XF_RAW),
	F("due", XF_RAW), F("value", XF_RAW),
};
static const struct field value_fields[] = { F("value", XF_RAW) };
/* An indicator's figure with where it came from (schema 5). */
static const struct field indicator_fields[] = {
	F("value", XF_RAW), F("source", XF_RAW), F("note", XF_RAW),
};
static const struct field user_fields[] = {
	F("id", XF_RAW), F("username", XF_RAW), F("role", XF_RAW), F("unit_id", XF_ID0),
	F("display_name", XF_RAW), F("disabled", XF_RAW), F("created_at", XF_RAW),
	F("password_fingerprint", XF_FINGERPRINT),
};
static const struct field token_fields[] = {
	F("user_id", XF_RAW), F("hash_prefix", XF_PREFIX8), F("fingerprint", XF_FINGERPRINT),
	F("created_at", XF_RAW), F("revoked", XF_RAW),
};
static const struct field bulletin_fields[] = {
	F("month", XF_RAW), F("version", XF_RAW), F("reason", XF_RAW), F("issue_no", XF_RAW),
	F("issued_at", XF_RAW), F("issued_by", XF_RAW), F("html", XF_BLOB), F("pdf", XF_BLOB),
	F("xlsx", XF_BLOB),
};
static const struct field round_fields[] = {
	F("computed_at", XF_RAW), F("weights", XF_JSON), F("result", XF_JSON),
};
/* Supervision items and their steps (schema 8, sqlite_items.c). */
static const struct field item_fields[] = {
	F("id", XF_RAW), F("project_id", XF_RAW), F("title", XF_RAW), F("detail", XF_RAW),
	F("category", XF_RAW), F("owner_id", XF_RAW), F("level", XF_RAW), F("raised_on", XF_RAW),
	F("deadline", XF_RAW), F("level_deadline", XF_RAW), F("status", XF_RAW),
	F("source", XF_RAW), F("source_ref", XF_RAW), F("raised_by", XF_RAW), F("last_on", XF_RAW),
};
static const struct field item_step_fields[] = {
	F("id", XF_RAW), F("item_id", XF_RAW), F("kind", XF_RAW), F("on", XF_RAW), F("at", XF_RAW),
	F("actor", XF_RAW), F("body", XF_RAW), F("attachment", XF_RAW), F("status", XF_RAW),
	F("level", XF_RAW), F("deadline", XF_RAW), F("level_deadline", XF_RAW),
};

/* The rows' audit keys are built in SQL exactly as the store's writes build
 * them (period_key, bulletin_audit_key, the ids as decimal text). */
static const struct table_spec specs[] = {
	{ "units", "unit", "SELECT code, id, code, name, kind, parent_id FROM units ORDER BY 1",
	  unit_fields, N(unit_fields), " id code name kind parent_id version " },
	{ "projects", "project",
	  "SELECT ref, id, ref, name, code, company, uscc, leader, industry, commando,"
	  " section_id, department_id, industrial, attracted_by, total_investment, capacity,"
	  " land_mu, energy_tce, planned_start, planned_completion, planned_production,"
	  " signed_on, filed_on, started_on, completed_on, production_on, capacity_on, land_on,"
	  " permit_on FROM projects ORDER BY 1",
	  project_fields, N(project_fields),
	  " id ref name code company uscc leader industry commando section_id department_id"
	  " industrial attracted_by total_investment capacity land_mu energy_tce planned_start"
	  " planned_completion planned_production signed_on filed_on started_on completed_on"
	  " production_on capacity_on land_on permit_on version " },
	{ "listings", "listing",
	  "SELECT COALESCE(p.ref, '#' || l.project_id) || '/' || l.year, l.project_id, l.year,"
	  " l.province, l.city, l.district, l.annual_plan, l.m01, l.m02, l.m03, l.m04, l.m05,"
	  " l.m06, l.m07, l.m08, l.m09, l.m10, l.m11, l.m12"
	  " FROM listings l LEFT JOIN projects p ON p.id = l.project_id ORDER BY 1",
	  listing_fields, N(listing_fields),
	  " id project_id year province city district annual_plan m01 m02 m03 m04 m05 m06 m07"
	  " m08 m09 m10 m11 m12 version " },
	{ "reports", "report",
	  "SELECT COALESCE(p.ref, '#' || r.project_id) || '/' || r.month, r.project_id, r.month,"
	  " r.invest, r.output, r.progress, r.problems, r.status, r.return_reason,"
	  " r.submitted_by, r.submitted_at, r.verified_by, r.verified_at"
	  " FROM reports r LEFT JOIN projects p ON p.id = r.project_id ORDER BY 1",
	  report_fields, N(report_fields),
	  " id project_id month invest output progress problems status version return_reason"
	  " submitted_by submitted_at verified_by verified_at " },
	{ "targets", "target",
	  "SELECT CAST(id AS TEXT), id, year, measure, tier, section_id, department_id,"
	  " industrial, due, value FROM targets ORDER BY 1",
	  target_fields, N(target_fields),
	  " id year measure tier section_id department_id industrial due value version " },
	{ "indicators", "indicator",
	  "SELECT measure || '/' || unit_id || '/' || month, value, source, note"
	  " FROM indicators ORDER BY 1",
	  indicator_fields, N(indicator_fields), " id measure unit_id month value source note version " },
	{ "settings", "setting", "SELECT key, value FROM settings ORDER BY 1",
	  value_fields, N(value_fields), " key value " },
	{ "users", "user",
	  "SELECT username, id, username, role, unit_id, display_name, disabled, created_at,"
	  " password_hash FROM users ORDER BY 1",
	  user_fields, N(user_fields),
	  " id username role unit_id display_name password_hash disabled created_at version " },
	{ "api_tokens", "api_token",
	  "SELECT CAST(id AS TEXT), user_id, token_hash, token_hash, created_at, revoked"
	  " FROM api_tokens ORDER BY 1",
	  token_fields, N(token_fields), " id user_id token_hash created_at revoked " },
	{ "bulletins", "bulletin",
	  "SELECT month || CASE WHEN version > 1 THEN '/v' || version ELSE '' END, month,"
	  " version, reason, issue_no, issued_at, issued_by, html, pdf, xlsx"
	  " FROM bulletins ORDER BY 1",
	  bulletin_fields, N(bulletin_fields),
	  " id month version issue_no issued_at issued_by reason html pdf xlsx " },
	{ "ranking_rounds", "ranking_round",
	  "SELECT month, computed_at, weights, result FROM ranking_rounds ORDER BY 1",
	  round_fields, N(round_fields), " id month computed_at weights result " },
	{ "items", "item",
	  "SELECT CAST(id AS TEXT), id, project_id, title, detail, category, owner_id, level,"
	  " raised_on, deadline, level_deadline, status, source, source_ref, raised_by, last_on"
	  " FROM items ORDER BY 1",
	  item_fields, N(item_fields),
	  " id project_id title detail category owner_id level raised_on deadline level_deadline"
	  " status source source_ref raised_by last_on version " },
	{ "item_steps", "item_step",
	  "SELECT CAST(id AS TEXT), id, item_id, kind, on_day, at, actor, body, attachment, status,"
	  " level, deadline, level_deadline FROM item_steps ORDER BY 1",
	  item_step_fields, N(item_step_fields),
	  " id item_id kind on_day at actor body attachment status level deadline level_deadline " },
};

/* Tables that are not the district's data: sessions (logins), the trail itself. */
static const char *const not_data[] = { "sessions", "audit", NULL };

/* ---- the row's audit form ---- */

static json_t *text_json(const char *s, int n)
{
	json_t *j = json_stringn(s, (size_t)n);

	/* Not UTF-8: a value that equals nothing the trail can hold. */
	return j ? j : json_string("\xef\xbf\xbd (not UTF-8)");
}

static json_t *column_json(sqlite3_stmt *s, int i)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(s, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(s, i));
	case SQLITE_TEXT:
		return text_json((const char *)sqlite3_column_text(s, i), sqlite3_column_bytes(s, i));
	case SQLITE_BLOB:
		return json_sprintf("(a blob of %d bytes)", sqlite3_column_bytes(s, i));
	default:
		return json_null();
	}
}

static json_t *blob_digest(sqlite3_stmt *s, int i)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	const void *p = sqlite3_column_blob(s, i);
	int n = sqlite3_column_bytes(s, i);

	crypto_hash_sha256(h, p ? p : (const void *)"", (unsigned long long)n);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return json_pack("{s:I, s:s}", "bytes", (json_int_t)n, "sha256", hex);
}

/* The audit form of the row s is on (columns from 1). */
static json_t *row_json(const struct table_spec *t, sqlite3_stmt *s)
{
	json_t *o = json_object(), *v;
	int col = 1, k;
	size_t f;

	for (f = 0; f < t->n_fields; f++) {
		const struct field *fd = &t->fields[f];
		int type = sqlite3_column_type(s, col);

		switch (fd->xf) {
		case XF_ID0:
			v = type == SQLITE_NULL ? json_integer(0) : column_json(s, col);
			col++;
			break;
		case XF_EMPTY_NULL:
			v = type == SQLITE_TEXT && !sqlite3_column_bytes(s, col) ? json_null()
										  : column_json(s, col);
			col++;
			break;
		case XF_JSON:
			v = type == SQLITE_TEXT ? json_loads((const char *)sqlite3_column_text(s, col),
							     JSON_DECODE_ANY, NULL) : NULL;
			if (!v)
				v = column_json(s, col);
			col++;
			break;
		case XF_BLOB:
			v = blob_digest(s, col++);
			break;
		case XF_FINGERPRINT: {
			char fp[SECRET_FINGERPRINT_HEX];

			if (type == SQLITE_NULL) {
				v = json_null();
			} else {
				secret_fingerprint((const char *)sqlite3_column_text(s, col), fp);
				v = json_string(fp);
			}
			col++;
			break;
		}
		case XF_PREFIX8:
			v = type == SQLITE_TEXT
				? text_json((const char *)sqlite3_column_text(s, col),
					    sqlite3_column_bytes(s, col) < 8 ? sqlite3_column_bytes(s, col) : 8)
				: column_json(s, col);
			col++;
			break;
		case XF_TIERS:
			/* Each tier column holds 0 or 1; anything else shows as itself. */
			v = json_array();
			for (k = 0; k < TIER__MAX; k++, col++) {
				if (sqlite3_column_type(s, col) == SQLITE_INTEGER &&
				    sqlite3_column_int64(s, col) == 1)
					json_array_append_new(v, json_string(tier_keys[k]));
				else if (sqlite3_column_type(s, col) != SQLITE_INTEGER ||
					 sqlite3_column_int64(s, col) != 0)
					json_array_append_new(v, json_pack("{s:o}", tier_keys[k],
									   column_json(s, col)));
			}
			break;
		case XF_MONTHS: {
			int any = 0;

			for (k = 0; k < 12; k++)
				any |= sqlite3_column_type(s, col + k) != SQLITE_NULL;
			v = NULL;
			if (any) {
				v = json_array();
				for (k = 0; k < 12; k++)
					json_array_append_new(v, column_json(s, col + k));
			}
			col += 12;
			break;
		}
		default:
			v = column_json(s, col++);
			break;
		}
		if (v && fd->omit_null && json_is_null(v)) {
			json_decref(v);
			v = NULL;
		}
		if (v)
			json_object_set_new(o, fd->name, v);
	}
	return o;
}

/* ---- the trail replayed ---- */

struct trail {
	sqlite3_stmt *s;
	int step;          /* of s: SQLITE_ROW while an entry is pending */
	char *key;         /* the current group's key */
	/* Its value after its last entry: text, when an insert set it and nothing
	 * changed it since (not parsed unless it differs from the row: a million
	 * imported rows are compared as text); else state. Both NULL: none, or
	 * deleted. */
	char *text;
	json_t *state;
	int64_t entry;     /* its last entry */
	int deleted;
};

/* An entry's after as an object. Entries before schema 4 wrote " (password
 * changed)" after a user's JSON: what follows the object is not part of it.
 * Not a JSON object: something that cannot equal any row. */
static json_t *parse_after(const char *after)
{
	json_t *a = json_loads(after, JSON_DISABLE_EOF_CHECK, NULL);

	if (a && json_is_object(a))
		return a;
	json_decref(a);
	return json_pack("{s:s}", "(audited)", after);
}

/* t's value as parsed JSON. */
static void settle(struct trail *t)
{
	if (!t->text)
		return;
	json_decref(t->state);
	t->state = parse_after(t->text);
	free(t->text);
	t->text = NULL;
}

static void trail_clear(struct trail *t)
{
	free(t->text);
	t->text = NULL;
	json_decref(t->state);
	t->state = NULL;
}

/* Replay the next key's entries into t (t->key NULL at the end): an insert
 * (or a baseline) sets the value, an update merges its members over it, a
 * delete clears it. */
static void trail_next(struct trail *t)
{
	free(t->key);
	t->key = NULL;
	trail_clear(t);
	t->entry = 0;
	t->deleted = 0;
	if (t->step != SQLITE_ROW)
		return;
	t->key = xstrdup((const char *)sqlite3_column_text(t->s, 2));
	do {
		const char *action = (const char *)sqlite3_column_text(t->s, 1);
		const char *after = (const char *)sqlite3_column_text(t->s, 3);

		t->entry = sqlite3_column_int64(t->s, 0);
		if (!after || (action && !strcmp(action, "delete"))) {
			trail_clear(t);
			t->deleted = 1;
		} else if ((!t->state && !t->text) ||
			   (action && (!strcmp(action, "insert") || !strcmp(action, "baseline")))) {
			trail_clear(t);
			t->text = xstrdup(after);
			t->deleted = 0;
		} else {
			json_t *a;

			settle(t);
			a = parse_after(after);
			if (json_object_get(a, "(audited)")) {
				json_decref(t->state);
				t->state = a;
			} else {
				json_object_update(t->state, a);
				json_decref(a);
			}
		}
		t->step = sqlite3_step(t->s);
	} while (t->step == SQLITE_ROW &&
		 !strcmp((const char *)sqlite3_column_text(t->s, 2), t->key));
}

/* ---- comparing ---- */

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER)
		 : xstrdup("null");
}

struct fields_out {
	const char **name;
	char **audited, **stored;
	size_t n, alloc;
};

static void add_field(struct fields_out *f, const char *name, const json_t *a, const json_t *s)
{
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? 2 * f->alloc : 8;
		f->name = xrealloc(f->name, f->alloc * sizeof(*f->name));
		f->audited = xrealloc(f->audited, f->alloc * sizeof(*f->audited));
		f->stored = xrealloc(f->stored, f->alloc * sizeof(*f->stored));
	}
	f->name[f->n] = name;
	f->audited[f->n] = dump(a);
	f->stored[f->n] = dump(s);
	f->n++;
}

static void fields_release(struct fields_out *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->audited[i]);
		free(f->stored[i]);
	}
	free(f->name);
	free(f->audited);
	free(f->stored);
	memset(f, 0, sizeof(*f));
}

static const json_t *member(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	return v ? v : json_null();
}

/* The members where audited and stored differ (a missing member is null):
 * the stored form's in order, then any the trail has that the row does not. */
static void compare(const json_t *audited, const json_t *stored, struct fields_out *f)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)stored, k, v)
		if (!json_equal(member(audited, k), v))
			add_field(f, k, member(audited, k), v);
	json_object_foreach((json_t *)audited, k, v)
		if (!json_object_get(stored, k) && !json_is_null(v))
			add_field(f, k, v, json_null());
}

static void report(const struct table_spec *t, const char *key, const json_t *stored,
		   struct trail *tr, void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	struct reconcile_diff d;
	struct fields_out f;
	char *st_text = stored ? dump(stored) : NULL, *au_text;

	/* The same text is the same value: nothing to parse. */
	if (st_text && tr && tr->text && !strcmp(st_text, tr->text)) {
		free(st_text);
		return;
	}
	if (tr)
		settle(tr);
	au_text = tr && tr->state ? dump(tr->state) : NULL;
	memset(&d, 0, sizeof(d));
	memset(&f, 0, sizeof(f));
	d.table = t->table;
	d.entity = t->entity;
	d.key = key;
	d.stored = st_text;
	d.audited = au_text;
	d.entry = tr ? tr->entry : 0;
	d.deleted = tr ? tr->deleted : 0;
	if (stored && tr && tr->state) {
		compare(tr->state, stored, &f);
		if (!f.n)
			goto out; /* equal */
		d.n_fields = f.n;
		d.field = f.name;
		d.field_audited = (const char *const *)f.audited;
		d.field_stored = (const char *const *)f.stored;
	}
	fn(ctx, &d);
out:
	fields_release(&f);
	free(st_text);
	free(au_text);
}

static int table_exists(struct store *st, const char *name)
{
	sqlite3_stmt *s = NULL;
	int found = 0;

	if (!sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND"
				" name = ?1", -1, &s, NULL)) {
		bind_str(s, 1, name);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

/* Columns and tables verify does not compare, as notes. */
static void coverage(struct store *st, void (*note)(void *, const char *), void *ctx)
{
	sqlite3_stmt *s = NULL, *c = NULL;
	struct buf line = BUF_INIT, word = BUF_INIT;
	size_t i;

	if (!note || sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type ="
					" 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", -1,
					&s, NULL))
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		const struct table_spec *t = NULL;

		for (i = 0; i < N(specs); i++)
			if (!strcmp(specs[i].table, name))
				t = &specs[i];
		for (i = 0; not_data[i]; i++)
			if (!strcmp(not_data[i], name))
				break;
		if (not_data[i])
			continue;
		if (!t) {
			buf_reset(&line);
			buf_addf(&line, "table %s is not compared with the audit trail", name);
			note(ctx, line.s);
			continue;
		}
		if (sqlite3_prepare_v2(st->db, "SELECT name FROM pragma_table_info(?1)", -1, &c,
				       NULL))
			continue;
		bind_str(c, 1, name);
		while (sqlite3_step(c) == SQLITE_ROW) {
			buf_reset(&word);
			buf_addf(&word, " %s ", (const char *)sqlite3_column_text(c, 0));
			if (strstr(t->columns, word.s))
				continue;
			buf_reset(&line);
			buf_addf(&line, "column %s.%s is not compared with the audit trail", name,
				 (const char *)sqlite3_column_text(c, 0));
			note(ctx, line.s);
		}
		sqlite3_finalize(c);
		c = NULL;
	}
out:
	sqlite3_finalize(s);
	buf_release(&line);
	buf_release(&word);
}

/* One table: rows and the trail of its entity merged in key order. */
static enum bl_err reconcile_table(struct store *st, const struct table_spec *t,
				   void (*fn)(void *, const struct reconcile_diff *), void *ctx,
				   int64_t *rows)
{
	struct trail tr;
	sqlite3_stmt *r = NULL;
	enum bl_err rc = BL_OK;
	int rstep;

	memset(&tr, 0, sizeof(tr));
	if (!table_exists(st, t->table))
		return BL_OK; /* a database before the table's migration */
	if (sqlite3_prepare_v2(st->db, t->sql, -1, &r, NULL))
		return db_fail(st, "read rows");
	/* No audit table (dropped): every row then has no entry. */
	if (!sqlite3_prepare_v2(st->db, "SELECT id, action, entity_key, after FROM audit"
				" WHERE entity = ?1 ORDER BY entity_key, id", -1, &tr.s, NULL)) {
		bind_str(tr.s, 1, t->entity);
		tr.step = sqlite3_step(tr.s);
	} else {
		tr.step = SQLITE_DONE;
	}
	trail_next(&tr);
	rstep = sqlite3_step(r);
	while (rstep == SQLITE_ROW || tr.key) {
		const char *rkey = rstep == SQLITE_ROW ? (const char *)sqlite3_column_text(r, 0) : NULL;
		int cmp = !rkey ? -1 : !tr.key ? 1 : strcmp(tr.key, rkey);
		json_t *stored;

		if (cmp < 0) {
			/* Audited, no row: a difference unless the trail deleted it. */
			if (tr.state || tr.text)
				report(t, tr.key, NULL, &tr, fn, ctx);
			trail_next(&tr);
			continue;
		}
		stored = row_json(t, r);
		(*rows)++;
		report(t, rkey ? rkey : "", stored, cmp == 0 ? &tr : NULL, fn, ctx);
		json_decref(stored);
		if (cmp == 0)
			trail_next(&tr);
		rstep = sqlite3_step(r);
	}
	if (rstep != SQLITE_DONE)
		rc = db_fail(st, "read rows");
	free(tr.key);
	trail_clear(&tr);
	sqlite3_finalize(tr.s);
	sqlite3_finalize(r);
	return rc;
}

enum bl_err reconcile(struct store *st, void (*fn)(void *ctx, const struct reconcile_diff *d),
		      void (*note)(void *ctx, const char *sentence), void *ctx, int64_t *rows)
{
	enum bl_err rc = BL_OK;
	size_t i;

	*rows = 0;
	for (i = 0; i < N(specs) && !rc; i++)
		rc = reconcile_table(st, &specs[i], fn, ctx, rows);
	if (!rc)
		coverage(st, note, ctx);
	return rc;
}

/* ---- the baseline after an upgrade ---- */

struct pending {
	char *entity, *key, *before, *after;
};

struct baseline {
	struct pending *p;
	size_t n, alloc;
};

static void collect(void *ctx, const struct reconcile_diff *d)
{
	struct baseline *b = ctx;
	struct pending *p;

	XGROW(b->p, b->alloc, b->n + 1);
	p = &b->p[b->n++];
	p->entity = xstrdup(d->entity);
	p->key = xstrdup(d->key);
	p->before = d->audited ? xstrdup(d->audited) : NULL;
	p->after = d->stored ? xstrdup(d->stored) : NULL;
}

enum bl_err reconcile_baseline(struct store *st, int64_t *n)
{
	struct baseline b = { NULL, 0, 0 };
	enum bl_err rc;
	int64_t rows;
	size_t i;

	if (n)
		*n = 0;
	rc = store_begin(st);
	if (rc)
		return rc;
	/* Collected first, written after: the trail is not appended to while it
	 * is being read. */
	rc = reconcile(st, collect, NULL, &b, &rows);
	for (i = 0; !rc && i < b.n; i++)
		rc = audit_append(st, b.p[i].after ? "baseline" : "delete", b.p[i].entity, b.p[i].key,
				  b.p[i].before, b.p[i].after);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_rollback(st);
	else if (n)
		*n = (int64_t)b.n;
	for (i = 0; i < b.n; i++) {
		free(b.p[i].entity);
		free(b.p[i].key);
		free(b.p[i].before);
		free(b.p[i].after);
	}
	free(b.p);
	return rc;
}
