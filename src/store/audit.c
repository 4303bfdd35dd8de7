/* audit.c — the audit trail: every write appends who, when, what, before and
 * after, chained by hash (each entry's hash covers the previous entry's hash and
 * every field of its own, so changing or deleting any entry breaks the chain
 * from there on). Also the JSON forms of the entities that the entries hold. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Hash input: each field as "<length>:<bytes>;" so no two entries collide by
 * moving bytes between fields. */
static void hash_field(crypto_generichash_state *h, const char *s)
{
	char len[32];
	size_t n = s ? strlen(s) : 0;
	int k;

	k = snprintf(len, sizeof(len), "%zu%c", n, s ? ':' : '!');
	crypto_generichash_update(h, (const unsigned char *)len, (size_t)k);
	if (s)
		crypto_generichash_update(h, (const unsigned char *)s, n);
	crypto_generichash_update(h, (const unsigned char *)";", 1);
}

static void entry_hash(const char *prev, int64_t id, const char *const fields[7], char out[65])
{
	crypto_generichash_state h;
	unsigned char bin[32];
	char idtext[32];
	int i;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	crypto_generichash_init(&h, NULL, 0, sizeof(bin));
	hash_field(&h, prev);
	hash_field(&h, idtext);
	for (i = 0; i < 7; i++)
		hash_field(&h, fields[i]);
	crypto_generichash_final(&h, bin, sizeof(bin));
	sodium_bin2hex(out, 65, bin, sizeof(bin));
}

static void now_iso(char out[32])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

static enum bl_err load_last(struct store *st)
{
	sqlite3_stmt *s = stmt_get(st, ST_AUDIT_LAST);
	int rc;

	if (!s)
		return BL_EDB;
	st->audit_last_id = 0;
	snprintf(st->audit_last_hash, sizeof(st->audit_last_hash), "%s", GENESIS_HASH);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st->audit_last_id = sqlite3_column_int64(s, 0);
		snprintf(st->audit_last_hash, sizeof(st->audit_last_hash), "%s",
			 (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, "read audit trail");
	st->audit_loaded = 1;
	return BL_OK;
}

enum bl_err audit_append(struct store *st, const char *action, const char *entity,
			 const char *key, const char *before, const char *after)
{
	const char *fields[7];
	char at[32], hash[65];
	sqlite3_stmt *s;
	enum bl_err rc;
	int64_t id;
	int i;

	st->last_put = PUT_UNCHANGED;
	if (!st->in_txn)
		return store_fail(st, BL_EDB, "internal: a write outside a transaction");
	if (!st->audit_loaded) {
		rc = load_last(st);
		if (rc)
			return rc;
	}
	now_iso(at);
	id = st->audit_last_id + 1;
	fields[0] = at;
	fields[1] = st->actor ? st->actor : "unknown";
	fields[2] = action;
	fields[3] = entity;
	fields[4] = key;
	fields[5] = before;
	fields[6] = after;
	entry_hash(st->audit_last_hash, id, fields, hash);
	s = stmt_get(st, ST_AUDIT_INSERT);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < 7; i++)
		bind_str(s, 2 + i, fields[i]);
	bind_str(s, 9, st->audit_last_hash);
	bind_str(s, 10, hash);
	rc = step_done(st, s, "write audit entry");
	if (rc)
		return rc;
	st->audit_last_id = id;
	st->last_put = before ? PUT_UPDATED : PUT_INSERTED;
	memcpy(st->audit_last_hash, hash, sizeof(hash));
	return BL_OK;
}

/* ---- JSON forms ---- */

static void j_str(struct buf *b, const char *k, const char *v)
{
	buf_addf(b, "%s\"%s\":", b->len > 1 ? "," : "", k);
	if (v)
		buf_add_json_str(b, v);
	else
		buf_adds(b, "null");
}

static void j_int(struct buf *b, const char *k, int64_t v)
{
	buf_addf(b, "%s\"%s\":", b->len > 1 ? "," : "", k);
	if (v == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		buf_addf(b, "%lld", (long long)v);
}

static void j_day(struct buf *b, const char *k, bl_day d)
{
	char tmp[11];

	j_str(b, k, d == DAY_NONE ? NULL : day_format(d, tmp));
}

void project_json(struct buf *b, const struct project *p)
{
	int k;

	buf_addch(b, '{');
	j_int(b, "id", p->id);
	j_str(b, "ref", p->ref);
	j_str(b, "name", p->name);
	j_str(b, "code", p->code);
	j_str(b, "company", p->company);
	j_str(b, "uscc", p->uscc);
	j_str(b, "leader", p->leader);
	j_str(b, "industry", p->industry);
	j_str(b, "commando", p->commando);
	j_int(b, "section_id", p->section_id);
	j_int(b, "department_id", p->department_id);
	j_int(b, "industrial", p->industrial != 0);
	j_str(b, "attracted_by",
	      p->attracted_by == ATTRACTED_NONE ? NULL : attracted_keys[p->attracted_by]);
	j_int(b, "total_investment", p->total_investment);
	j_int(b, "capacity", p->capacity);
	j_int(b, "land_mu_e4", p->land_mu);
	j_int(b, "energy_tce_e4", p->energy_tce);
	j_day(b, "planned_start", p->planned_start);
	j_day(b, "planned_completion", p->planned_completion);
	j_day(b, "planned_production", p->planned_production);
	for (k = 0; k < STAGE__MAX; k++) {
		char key[24];

		snprintf(key, sizeof(key), "%s_on", stage_keys[k]);
		j_day(b, key, p->stage_on[k]);
	}
	j_day(b, "land_on", p->land_on);
	j_day(b, "permit_on", p->permit_on);
	buf_addch(b, '}');
}

void listing_json(struct buf *b, const struct listing *l)
{
	int t, m;

	buf_addch(b, '{');
	j_int(b, "project_id", l->project_id);
	j_int(b, "year", l->year);
	buf_adds(b, ",\"tiers\":[");
	for (t = 0; t < TIER__MAX; t++)
		if (l->tiers & TIER_BIT(t))
			buf_addf(b, "%s\"%s\"", b->s[b->len - 1] == '[' ? "" : ",", tier_keys[t]);
	buf_addch(b, ']');
	j_int(b, "annual_plan", l->annual_plan);
	if (l->has_month_plan) {
		buf_adds(b, ",\"month_plan\":[");
		for (m = 0; m < 12; m++)
			buf_addf(b, "%s%lld", m ? "," : "", (long long)l->month_plan[m]);
		buf_addch(b, ']');
	}
	buf_addch(b, '}');
}

void report_json(struct buf *b, const struct report *r)
{
	char month[8];

	buf_addch(b, '{');
	j_int(b, "project_id", r->project_id);
	j_str(b, "month", month_format(r->month, month));
	j_int(b, "invest", r->invest);
	j_int(b, "output", r->output);
	j_str(b, "progress", r->progress);
	j_str(b, "problems", r->problems);
	j_str(b, "status", report_status_keys[r->status]);
	buf_addch(b, '}');
}

void unit_json(struct buf *b, const struct unit *u)
{
	buf_addch(b, '{');
	j_int(b, "id", u->id);
	j_str(b, "code", u->code);
	j_str(b, "name", u->name);
	j_str(b, "kind", unit_kind_keys[u->kind]);
	j_int(b, "parent_id", u->parent_id);
	buf_addch(b, '}');
}

void target_json(struct buf *b, const struct target *t)
{
	buf_addch(b, '{');
	j_int(b, "id", t->id);
	j_int(b, "year", t->year);
	j_str(b, "measure", measure_info[t->measure].key);
	j_str(b, "tier", t->tier == TIER_ANY ? NULL : tier_keys[t->tier]);
	j_int(b, "section_id", t->section_id);
	j_int(b, "department_id", t->department_id);
	j_int(b, "industrial", t->industrial != 0);
	j_day(b, "due", t->due);
	j_int(b, "value", t->value);
	buf_addch(b, '}');
}
