/* audit.c — the audit trail: every write appends who, when, what, before and
 * after, chained by hash (each entry's hash covers the previous entry's hash and
 * every field of its own, so changing or deleting any entry breaks the chain
 * from there on). Also the JSON forms of the entities that the entries hold. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"

/* Write v as decimal digits ending just before end; returns the first digit.
 * The audit trail formats a few numbers for every written row, so this and the
 * JSON helpers below stay clear of printf, which cost more than the SQL did. */
static char *put_u64(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* Write v as exactly n digits (the low ones) at out. */
static void put_fixed(char *out, unsigned v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The hash input, gathered in one block and fed to BLAKE2b in few calls. */
struct hash_input {
	crypto_generichash_state h;
	size_t len;
	unsigned char buf[1024];
};

static void hash_add(struct hash_input *in, const void *p, size_t n)
{
	if (in->len + n > sizeof(in->buf)) {
		crypto_generichash_update(&in->h, in->buf, in->len);
		in->len = 0;
		if (n > sizeof(in->buf)) {
			crypto_generichash_update(&in->h, p, n);
			return;
		}
	}
	memcpy(in->buf + in->len, p, n);
	in->len += n;
}

/* Hash input: each field as "<length>:<bytes>;" (NULL as "0!;") so no two
 * entries collide by moving bytes between fields. */
static void hash_field(struct hash_input *in, const char *s)
{
	char len[24], *end = len + sizeof(len) - 1;
	size_t n = s ? strlen(s) : 0;
	char *p = put_u64(end, n);

	*end = s ? ':' : '!';
	hash_add(in, p, (size_t)(end + 1 - p));
	if (s)
		hash_add(in, s, n);
	hash_add(in, ";", 1);
}

/* The hash of an entry as 32 bytes (audit_entry_hash's, before hex). */
static void entry_hash_bin(const char *prev, int64_t id, const char *const fields[7],
			   unsigned char bin[32])
{
	struct hash_input in;
	char idtext[24], *p;
	int i;

	idtext[sizeof(idtext) - 1] = '\0';
	p = put_u64(idtext + sizeof(idtext) - 1, id < 0 ? 0 - (uint64_t)id : (uint64_t)id);
	if (id < 0)
		*--p = '-';
	in.len = 0;
	crypto_generichash_init(&in.h, NULL, 0, 32);
	hash_field(&in, prev);
	hash_field(&in, p);
	for (i = 0; i < 7; i++)
		hash_field(&in, fields[i]);
	crypto_generichash_update(&in.h, in.buf, in.len);
	crypto_generichash_final(&in.h, bin, 32);
}

void audit_entry_hash(const char *prev, int64_t id, const char *const fields[7], char out[65])
{
	unsigned char bin[32];

	entry_hash_bin(prev, id, fields, bin);
	sodium_bin2hex(out, 65, bin, sizeof(bin));
}

int audit_hash_col(struct dbq *s, int i, char out[65])
{
	const void *p;
	int n = dbq_bytes(s, i);

	out[0] = '\0';
	switch (dbq_type(s, i)) {
	case DBT_BLOB:
		p = dbq_blob(s, i);
		if (n == 64 && p) {
			/* An entry from before schema 7 copied into PostgreSQL's
			 * bytea column (ballast copy) keeps its hex digits. */
			memcpy(out, p, 64);
			out[64] = '\0';
			return 0;
		}
		if (n != 32 || !p)
			return -1;
		sodium_bin2hex(out, 65, p, 32);
		return 0;
	case DBT_TEXT:
		p = (const unsigned char *)dbq_text(s, i);
		if (n != 64 || !p)
			return -1;
		memcpy(out, p, 64);
		out[64] = '\0';
		return 0;
	default:
		return -1;
	}
}

/* The current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
static void now_iso(char out[32])
{
	struct timespec ts;
	int64_t days, secs;
	int y, m, d;

	clock_gettime(CLOCK_REALTIME, &ts);
	days = ts.tv_sec / 86400;
	secs = ts.tv_sec % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	day_to_ymd((bl_day)days, &y, &m, &d);
	put_fixed(out, (unsigned)y, 4);
	out[4] = '-';
	put_fixed(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_fixed(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_fixed(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_fixed(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_fixed(out + 17, (unsigned)(secs % 60), 2);
	out[19] = '.';
	put_fixed(out + 20, (unsigned)(ts.tv_nsec / 1000000 % 1000), 3);
	out[23] = 'Z';
	out[24] = '\0';
}

enum bl_err store_audit_head(struct store *st, int64_t *id, char hash[65])
{
	struct dbq *s = stmt_get(st, ST_AUDIT_LAST);
	int rc;

	*id = 0;
	memcpy(hash, AUDIT_GENESIS, 65);
	if (!s)
		return BL_EDB;
	rc = dbq_step(s);
	if (rc == DB_ROW) {
		*id = dbq_i64(s, 0);
		audit_hash_col(s, 1, hash);
	}
	dbq_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(st, "read audit trail");
	return BL_OK;
}

/* Load the chain's head into st once per transaction. */
enum bl_err audit_load_head(struct store *st)
{
	enum bl_err rc;

	if (st->audit_loaded)
		return BL_OK;
	rc = store_audit_head(st, &st->audit_last_id, st->audit_last_hash);
	if (rc)
		return rc;
	st->audit_loaded = 1;
	return BL_OK;
}

enum bl_err audit_append(struct store *st, const char *action, const char *entity,
			 const char *key, const char *before, const char *after)
{
	const char *fields[7];
	unsigned char prev[32], hash[32];
	char at[32];
	struct dbq *s;
	enum bl_err rc;
	int64_t id;
	int i;

	st->last_put = PUT_UNCHANGED;
	if (!st->in_txn)
		return store_fail(st, BL_EDB, "internal: a write outside a transaction");
	rc = audit_load_head(st);
	if (rc)
		return rc;
	now_iso(at);
	id = st->audit_last_id + 1;
	fields[0] = at;
	fields[1] = st->actor ? st->actor : "unknown";
	fields[2] = action;
	fields[3] = entity;
	fields[4] = key;
	fields[5] = before;
	fields[6] = after;
	/* The hash input names the previous hash in hex, as it always has; the
	 * columns hold both hashes as 32 bytes (schema 7: entries before it keep
	 * their 64 hex digits, and readers take either, audit_hash_col). */
	entry_hash_bin(st->audit_last_hash, id, fields, hash);
	if (sodium_hex2bin(prev, sizeof(prev), st->audit_last_hash, 64, NULL, NULL, NULL))
		return store_fail(st, BL_EDB, "internal: the audit head is not a hash");
	s = stmt_get(st, ST_AUDIT_INSERT);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	for (i = 0; i < 7; i++)
		bind_str(s, 2 + i, fields[i]);
	dbq_bind_blob_kept(s, 9, prev, sizeof(prev));
	dbq_bind_blob_kept(s, 10, hash, sizeof(hash));
	rc = step_done(st, s, "write audit entry");
	if (rc)
		return rc;
	st->audit_last_id = id;
	st->audit_dirty = 1;
	st->last_put = before ? PUT_UPDATED : PUT_INSERTED;
	sodium_bin2hex(st->audit_last_hash, sizeof(st->audit_last_hash), hash, sizeof(hash));
	return BL_OK;
}

/* ---- JSON forms ---- */

/* The JSON of an entity is built for every row an import writes, so it goes
 * through this small write-combining buffer and reaches the struct buf in a
 * few buf_add calls rather than several per member. */
struct jw {
	struct buf *b;
	int members; /* members written so far */
	size_t n;
	char s[256];
};

static void jw_add(struct jw *w, const char *p, size_t n)
{
	if (w->n + n > sizeof(w->s)) {
		buf_add(w->b, w->s, w->n);
		w->n = 0;
		if (n > sizeof(w->s)) {
			buf_add(w->b, p, n);
			return;
		}
	}
	memcpy(w->s + w->n, p, n);
	w->n += n;
}

static void jw_begin(struct jw *w, struct buf *b)
{
	w->b = b;
	w->members = 0;
	w->n = 0;
	jw_add(w, "{", 1);
}

static void jw_end(struct jw *w)
{
	jw_add(w, "}", 1);
	buf_add(w->b, w->s, w->n);
}

/* The member name "k" followed by suffix (may be NULL), after a comma unless
 * it is the object's first. */
static void j_key(struct jw *w, const char *k, const char *suffix)
{
	if (w->members++)
		jw_add(w, ",", 1);
	jw_add(w, "\"", 1);
	jw_add(w, k, strlen(k));
	if (suffix)
		jw_add(w, suffix, strlen(suffix));
	jw_add(w, "\":", 2);
}

/* v as a JSON string literal, escaped as buf_add_json_str does (RFC 8259). */
static void j_text(struct jw *w, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)v, *run = p;

	jw_add(w, "\"", 1);
	for (; *p; p++) {
		char esc[7] = "\\u00";

		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		jw_add(w, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"': jw_add(w, "\\\"", 2); break;
		case '\\': jw_add(w, "\\\\", 2); break;
		case '\n': jw_add(w, "\\n", 2); break;
		case '\r': jw_add(w, "\\r", 2); break;
		case '\t': jw_add(w, "\\t", 2); break;
		default:
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			jw_add(w, esc, 6);
		}
	}
	jw_add(w, (const char *)run, (size_t)(p - run));
	jw_add(w, "\"", 1);
}

static void j_num(struct jw *w, int64_t v)
{
	char tmp[24], *end = tmp + sizeof(tmp), *p;

	p = put_u64(end, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	jw_add(w, p, (size_t)(end - p));
}

static void j_str(struct jw *w, const char *k, const char *v)
{
	j_key(w, k, NULL);
	if (v)
		j_text(w, v);
	else
		jw_add(w, "null", 4);
}

static void j_int(struct jw *w, const char *k, int64_t v)
{
	j_key(w, k, NULL);
	if (v == AMOUNT_NONE)
		jw_add(w, "null", 4);
	else
		j_num(w, v);
}

/* A date member; the name is k followed by suffix (may be NULL). */
static void j_day(struct jw *w, const char *k, const char *suffix, bl_day d)
{
	char tmp[12];

	j_key(w, k, suffix);
	if (d == DAY_NONE) {
		jw_add(w, "null", 4);
		return;
	}
	tmp[0] = '"';
	day_format(d, tmp + 1);
	tmp[11] = '"';
	jw_add(w, tmp, 12);
}

void project_json(struct buf *b, const struct project *p)
{
	struct jw w;
	int k;

	jw_begin(&w, b);
	j_int(&w, "id", p->id);
	j_str(&w, "ref", p->ref);
	j_str(&w, "name", p->name);
	j_str(&w, "code", p->code);
	j_str(&w, "company", p->company);
	j_str(&w, "uscc", p->uscc);
	j_str(&w, "leader", p->leader);
	j_str(&w, "industry", p->industry);
	j_str(&w, "commando", p->commando);
	j_int(&w, "section_id", p->section_id);
	j_int(&w, "department_id", p->department_id);
	j_int(&w, "industrial", p->industrial != 0);
	j_str(&w, "attracted_by",
	      p->attracted_by == ATTRACTED_NONE ? NULL : attracted_keys[p->attracted_by]);
	j_int(&w, "total_investment", p->total_investment);
	j_int(&w, "capacity", p->capacity);
	j_int(&w, "land_mu_e4", p->land_mu);
	j_int(&w, "energy_tce_e4", p->energy_tce);
	j_day(&w, "planned_start", NULL, p->planned_start);
	j_day(&w, "planned_completion", NULL, p->planned_completion);
	j_day(&w, "planned_production", NULL, p->planned_production);
	for (k = 0; k < STAGE__MAX; k++)
		j_day(&w, stage_keys[k], "_on", p->stage_on[k]);
	j_day(&w, "land_on", NULL, p->land_on);
	j_day(&w, "permit_on", NULL, p->permit_on);
	/* ui14: left out when absent, so rows written before the map match */
	if (p->lng != COORD_NONE)
		j_int(&w, "lng_e6", p->lng);
	if (p->lat != COORD_NONE)
		j_int(&w, "lat_e6", p->lat);
	if (p->landed_on != DAY_NONE) /* revenue sharing: absent when absent, as before it */
		j_day(&w, "landed_on", NULL, p->landed_on);
	jw_end(&w);
}

void listing_json(struct buf *b, const struct listing *l)
{
	struct jw w;
	int t, m, first = 1;

	jw_begin(&w, b);
	j_int(&w, "project_id", l->project_id);
	j_int(&w, "year", l->year);
	j_key(&w, "tiers", NULL);
	jw_add(&w, "[", 1);
	for (t = 0; t < TIER__MAX; t++) {
		if (!(l->tiers & TIER_BIT(t)))
			continue;
		if (!first)
			jw_add(&w, ",", 1);
		j_text(&w, tier_keys[t]);
		first = 0;
	}
	jw_add(&w, "]", 1);
	j_int(&w, "annual_plan", l->annual_plan);
	if (l->has_month_plan) {
		j_key(&w, "month_plan", NULL);
		jw_add(&w, "[", 1);
		for (m = 0; m < 12; m++) {
			if (m)
				jw_add(&w, ",", 1);
			j_num(&w, l->month_plan[m]);
		}
		jw_add(&w, "]", 1);
	}
	jw_end(&w);
}

void report_json(struct buf *b, const struct report *r)
{
	struct jw w;
	char month[8];

	jw_begin(&w, b);
	j_int(&w, "project_id", r->project_id);
	j_str(&w, "month", month_format(r->month, month));
	j_int(&w, "invest", r->invest);
	j_int(&w, "output", r->output);
	j_str(&w, "progress", r->progress);
	j_str(&w, "problems", r->problems);
	j_str(&w, "status", report_status_keys[r->status]);
	jw_end(&w);
}

void unit_json(struct buf *b, const struct unit *u)
{
	struct jw w;

	jw_begin(&w, b);
	j_int(&w, "id", u->id);
	j_str(&w, "code", u->code);
	j_str(&w, "name", u->name);
	j_str(&w, "kind", unit_kind_keys[u->kind]);
	j_int(&w, "parent_id", u->parent_id);
	jw_end(&w);
}

void target_json(struct buf *b, const struct target *t)
{
	struct jw w;
	char due[11];

	jw_begin(&w, b);
	j_int(&w, "id", t->id);
	j_int(&w, "year", t->year);
	j_str(&w, "measure", measure_info[t->measure].key);
	j_str(&w, "tier", t->tier == TIER_ANY ? NULL : tier_keys[t->tier]);
	j_int(&w, "section_id", t->section_id);
	j_int(&w, "department_id", t->department_id);
	j_int(&w, "industrial", t->industrial != 0);
	j_str(&w, "due", t->due == DAY_NONE ? NULL : day_format(t->due, due));
	j_int(&w, "value", t->value);
	jw_end(&w);
}

/* ---- an update's changed members ---- */

/* One member of a JSON object as text: its key and value, without copying. */
struct member {
	const char *k, *v;
	size_t klen, vlen;
};

#define MEMBERS_MAX 64

/* The end of the JSON string that starts at p ('"'), past its closing quote;
 * NULL when it does not close. */
static const char *skip_string(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : NULL;
}

/* The end of the JSON value that starts at p (the ',' or the closing bracket
 * after it); NULL when it is cut short. */
static const char *skip_value(const char *p)
{
	int depth = 0;

	for (;;) {
		if (*p == '"') {
			p = skip_string(p);
			if (!p)
				return NULL;
			continue;
		}
		if (!*p)
			return NULL;
		if (*p == '[' || *p == '{') {
			depth++;
		} else if (*p == ']' || *p == '}') {
			if (!depth)
				return p;
			depth--;
		} else if (*p == ',' && !depth) {
			return p;
		}
		p++;
	}
}

/* The members of the object text s (as the JSON forms write it: no white
 * space) into m; their number, or -1 when s is not such an object. */
static int members_of(const char *s, struct member *m)
{
	int n = 0;

	if (!s || *s++ != '{')
		return -1;
	while (*s && *s != '}') {
		const char *e;

		if (n == MEMBERS_MAX || *s != '"')
			return -1;
		e = skip_string(s);
		if (!e || *e != ':')
			return -1;
		m[n].k = s;
		m[n].klen = (size_t)(e - s);
		m[n].v = e + 1;
		e = skip_value(e + 1);
		if (!e)
			return -1;
		m[n].vlen = (size_t)(e - m[n].v);
		n++;
		s = e;
		if (*s == ',')
			s++;
	}
	return *s == '}' ? n : -1;
}

static const struct member *find_member(const struct member *m, int n, const struct member *k)
{
	int i;

	for (i = 0; i < n; i++)
		if (m[i].klen == k->klen && !memcmp(m[i].k, k->k, k->klen))
			return &m[i];
	return NULL;
}

static void add_member(struct buf *b, const struct member *key, const struct member *value)
{
	buf_addch(b, b->len ? ',' : '{');
	buf_add(b, key->k, key->klen);
	buf_addch(b, ':');
	if (value)
		buf_add(b, value->v, value->vlen);
	else
		buf_adds(b, "null");
}

void audit_json_diff(const char *before, const char *after, struct buf *db, struct buf *da)
{
	struct member mb[MEMBERS_MAX], ma[MEMBERS_MAX];
	int nb = members_of(before, mb), na = members_of(after, ma), i;

	buf_reset(db);
	buf_reset(da);
	if (nb < 0 || na < 0) { /* not a form this knows: keep both whole */
		buf_adds(db, before ? before : "null");
		buf_adds(da, after ? after : "null");
		return;
	}
	for (i = 0; i < na; i++) {
		const struct member *o = find_member(mb, nb, &ma[i]);

		if (o && o->vlen == ma[i].vlen && !memcmp(o->v, ma[i].v, o->vlen))
			continue;
		add_member(db, &ma[i], o);
		add_member(da, &ma[i], &ma[i]);
	}
	for (i = 0; i < nb; i++) {
		if (find_member(ma, na, &mb[i]))
			continue;
		add_member(db, &mb[i], &mb[i]);
		add_member(da, &mb[i], NULL);
	}
	buf_adds(db, db->len ? "}" : "{}");
	buf_adds(da, da->len ? "}" : "{}");
}
