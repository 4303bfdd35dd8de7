/* sqlite_batch_verify.c — verify's side of import batches (audit_batch.c):
 * the rows a batch names (an id range per kind) must all be there, and the
 * digests of their audit forms as they were written — the row as stored,
 * with what later entries changed put back from their befores
 * (sqlite_reconcile.c) — must give the chunk digests in audit_chunks, which
 * must give the digest the chained entry recorded. A chunk that differs names
 * its 64 rows by key; a part digest that differs says the chunks were
 * rewritten. Statements are prepared per pass, as verify's are. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

/* One batch's rows of the table being checked. */
struct batch_range {
	int64_t entry;           /* the import's audit entry */
	int64_t first, last;     /* the rows' ids */
	unsigned char digest[32];/* the part digest the entry recorded */
	unsigned char *rows;     /* each row's digest as verify computes it */
	unsigned char *seen;     /* a bit per row: found */
};

struct batch_check {
	const struct form_table *t;
	struct batch_range *r;   /* sorted by first */
	size_t n, alloc;
	int chunk;               /* rows per chunk digest */
};

static void sentence(void (*fn)(void *, const struct reconcile_diff *), void *ctx,
		     const struct form_table *t, const char *key, int64_t entry, const char *s)
{
	struct reconcile_diff d;

	memset(&d, 0, sizeof(d));
	d.table = t->table;
	d.entity = t->entity;
	d.key = key;
	d.entry = entry;
	d.sentence = s;
	fn(ctx, &d);
}

static int cmp_range(const void *a, const void *b)
{
	const struct batch_range *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* The part of after (an import entry's) for t's entity into bc; a problem
 * when it is not one. */
static void add_part(struct batch_check *bc, int64_t entry, json_t *after, struct buf *why)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(after, "parts"), i, p) {
		struct batch_range *r;
		const char *hex = json_string_value(json_object_get(p, "digest"));
		json_int_t first = json_integer_value(json_object_get(p, "first"));
		json_int_t last = json_integer_value(json_object_get(p, "last"));

		if (!json_is_string(json_object_get(p, "entity")) ||
		    strcmp(json_string_value(json_object_get(p, "entity")), bc->t->entity))
			continue;
		if (!hex || first < 1 || last < first ||
		    json_integer_value(json_object_get(p, "rows")) != last - first + 1) {
			buf_addf(why, "audit entry %lld (import) does not name its %s rows as an "
				 "import does", (long long)entry, bc->t->table);
			return;
		}
		XGROW(bc->r, bc->alloc, bc->n + 1);
		r = &bc->r[bc->n++];
		memset(r, 0, sizeof(*r));
		r->entry = entry;
		r->first = first;
		r->last = last;
		if (sodium_hex2bin(r->digest, sizeof(r->digest), hex, strlen(hex), NULL, NULL, NULL))
			memset(r->digest, 0, sizeof(r->digest));
		r->rows = xcalloc((size_t)(last - first + 1), BATCH_DIGEST);
		r->seen = xcalloc((size_t)(last - first + 1) / 8 + 1, 1);
	}
}

enum bl_err batch_check_load(struct store *st, const struct form_table *t,
			     void (*fn)(void *, const struct reconcile_diff *), void *ctx,
			     struct batch_check **out)
{
	struct batch_check *bc;
	struct buf why = BUF_INIT;
	struct dbq *s = NULL;

	*out = NULL;
	if (t->part == BP_NONE)
		return BL_OK;
	bc = xcalloc(1, sizeof(*bc));
	bc->t = t;
	bc->chunk = BATCH_CHUNK;
	/* No audit table (dropped): no batch; every row then has no entry. */
	if ((s = db_prepare(st->db, "SELECT id, after FROM audit WHERE action = 'import'"
				" ORDER BY id"))) {
		while (dbq_step(s) == DB_ROW) {
			const char *text = dbq_text(s, 1);
			json_t *after = text ? json_loads(text, 0, NULL) : NULL;

			buf_reset(&why);
			if (!after)
				buf_addf(&why, "audit entry %lld (import) does not name its rows",
					 (long long)dbq_i64(s, 0));
			else
				add_part(bc, dbq_i64(s, 0), after, &why);
			if (why.len)
				sentence(fn, ctx, t, "", dbq_i64(s, 0), why.s);
			json_decref(after);
		}
	}
	dbq_finalize(s);
	buf_release(&why);
	if (!bc->n) {
		batch_check_free(bc);
		return BL_OK;
	}
	qsort(bc->r, bc->n, sizeof(*bc->r), cmp_range);
	*out = bc;
	return BL_OK;
}

long batch_check_find(const struct batch_check *bc, int64_t rowid)
{
	size_t lo = 0, hi = bc ? bc->n : 0;

	while (lo < hi) { /* the first range that ends at or after rowid */
		size_t mid = (lo + hi) / 2;

		if (bc->r[mid].last < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (bc && lo < bc->n && bc->r[lo].first <= rowid)
		return (long)lo;
	return -1;
}

int64_t batch_check_entry(const struct batch_check *bc, long i)
{
	return bc->r[i].entry;
}

void batch_check_row(struct batch_check *bc, long i, int64_t rowid,
		     const unsigned char d[BATCH_DIGEST])
{
	struct batch_range *r = &bc->r[i];
	size_t k = (size_t)(rowid - r->first);

	memcpy(r->rows + k * BATCH_DIGEST, d, BATCH_DIGEST);
	r->seen[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* The keys of rows first … last (ids), for a problem: "K1 … K2". */
static void key_range(struct store *st, const struct form_table *t, int64_t first, int64_t last,
		      struct buf *out)
{
	struct dbq *s = form_stmt(st, t, FQ_IDS);
	char *a = NULL, *b = NULL;

	if (!s)
		return;
	dbq_bind_i64(s, 1, first);
	dbq_bind_i64(s, 2, last);
	while (dbq_step(s) == DB_ROW) {
		const char *k = dbq_text(s, 0);

		free(b);
		b = xstrdup(k ? k : "?");
		if (!a)
			a = xstrdup(b);
	}
	dbq_reset(s);
	if (a && strcmp(a, b))
		buf_addf(out, "%s … %s", a, b);
	else if (a)
		buf_adds(out, a);
	free(a);
	free(b);
}

/* The chunk digests audit_chunks holds for r, *n of them (caller frees). */
static unsigned char *stored_chunks(struct store *st, const struct form_table *t,
				    const struct batch_range *r, size_t *n)
{
	struct dbq *s = NULL;
	unsigned char *out = NULL;
	size_t alloc = 0;

	*n = 0;
	if (!(s = db_prepare(st->db, "SELECT digest FROM audit_chunks WHERE entry = ?1 AND"
			       " entity = ?2 ORDER BY seq")))
		return NULL;
	dbq_bind_i64(s, 1, r->entry);
	bind_str(s, 2, t->entity);
	while (dbq_step(s) == DB_ROW) {
		const void *d = dbq_blob(s, 0);

		XGROW(out, alloc, (*n + 1) * BATCH_DIGEST);
		memset(out + *n * BATCH_DIGEST, 0, BATCH_DIGEST);
		if (d && dbq_bytes(s, 0) == BATCH_DIGEST)
			memcpy(out + *n * BATCH_DIGEST, d, BATCH_DIGEST);
		(*n)++;
	}
	dbq_finalize(s);
	return out;
}

/* Rows of r that are missing, each a problem; 1 when chunk k has one. */
static int chunk_has_hole(const struct batch_range *r, size_t k, int chunk)
{
	size_t i, n = (size_t)(r->last - r->first + 1);

	for (i = k * (size_t)chunk; i < n && i < (k + 1) * (size_t)chunk; i++)
		if (!(r->seen[i / 8] & (1u << (i % 8))))
			return 1;
	return 0;
}

/* The rows of r that are missing, each a problem. */
static void check_holes(const struct batch_check *bc, const struct batch_range *r,
			void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	struct buf line = BUF_INIT, key = BUF_INIT;
	size_t i, n = (size_t)(r->last - r->first + 1);

	for (i = 0; i < n; i++) {
		if (r->seen[i / 8] & (1u << (i % 8)))
			continue;
		buf_reset(&line);
		buf_reset(&key);
		buf_addf(&key, "#%lld", (long long)(r->first + (int64_t)i));
		buf_addf(&line, "%s %s: the row with id %lld, which import entry %lld wrote, is "
			 "missing", bc->t->table, key.s, (long long)(r->first + (int64_t)i),
			 (long long)r->entry);
		sentence(fn, ctx, bc->t, key.s, r->entry, line.s);
	}
	buf_release(&line);
	buf_release(&key);
}

/* The chunk digests of r's rows as found, n of them (caller frees). */
static unsigned char *found_chunks(const struct batch_check *bc, const struct batch_range *r,
				   size_t *n)
{
	size_t rows = (size_t)(r->last - r->first + 1), k;
	unsigned char *out;

	*n = (rows + (size_t)bc->chunk - 1) / (size_t)bc->chunk;
	out = xcalloc(*n, BATCH_DIGEST);
	for (k = 0; k < *n; k++) {
		size_t a = k * (size_t)bc->chunk;
		size_t m = rows - a < (size_t)bc->chunk ? rows - a : (size_t)bc->chunk;

		crypto_generichash(out + k * BATCH_DIGEST, BATCH_DIGEST, r->rows + a * BATCH_DIGEST,
				   m * BATCH_DIGEST, NULL, 0);
	}
	return out;
}

/* Chunks found that differ from the stored ones, each a problem naming its
 * rows by key (chunks with a missing row are left to check_holes). */
static void changed_chunks(struct store *st, const struct batch_check *bc,
			   const struct batch_range *r, const unsigned char *found,
			   const unsigned char *stored, size_t n,
			   void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	struct buf line = BUF_INIT, key = BUF_INIT;
	size_t rows = (size_t)(r->last - r->first + 1), k;

	for (k = 0; k < n; k++) {
		size_t a = k * (size_t)bc->chunk;
		size_t m = rows - a < (size_t)bc->chunk ? rows - a : (size_t)bc->chunk;
		int64_t lo = r->first + (int64_t)a, hi = lo + (int64_t)m - 1;

		if (!memcmp(found + k * BATCH_DIGEST, stored + k * BATCH_DIGEST, BATCH_DIGEST) ||
		    chunk_has_hole(r, k, bc->chunk))
			continue;
		buf_reset(&line);
		buf_reset(&key);
		key_range(st, bc->t, lo, hi, &key);
		buf_addf(&line, "%s %s: changed since import entry %lld wrote them (the %zu rows with "
			 "ids %lld to %lld do not match their digest)", bc->t->table, key.s,
			 (long long)r->entry, m, (long long)lo, (long long)hi);
		sentence(fn, ctx, bc->t, key.s, r->entry, line.s);
	}
	buf_release(&line);
	buf_release(&key);
}

/* One batch's rows. The stored chunk digests are the batch's when they give
 * the digest its chained entry recorded: then each found chunk that differs
 * names changed rows. When they do not, audit_chunks was rewritten; the rows
 * are still whole if the chunks found give the recorded digest. */
static void check_range(struct store *st, struct batch_check *bc, struct batch_range *r,
			void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	size_t n, n_stored;
	unsigned char *stored = stored_chunks(st, bc->t, r, &n_stored);
	unsigned char *found = found_chunks(bc, r, &n), part[32];
	struct buf line = BUF_INIT;

	check_holes(bc, r, fn, ctx);
	crypto_generichash(part, sizeof(part), stored, n_stored * BATCH_DIGEST, NULL, 0);
	if (n_stored == n && !memcmp(part, r->digest, sizeof(part))) {
		changed_chunks(st, bc, r, found, stored, n, fn, ctx);
	} else {
		buf_addf(&line, "audit entry %lld (import): the digests of its %s rows in "
			 "audit_chunks were changed after it was written: they do not match the "
			 "digest it recorded", (long long)r->entry, bc->t->table);
		sentence(fn, ctx, bc->t, "", r->entry, line.s);
		crypto_generichash(part, sizeof(part), found, n * BATCH_DIGEST, NULL, 0);
		if (memcmp(part, r->digest, sizeof(part))) {
			buf_reset(&line);
			buf_addf(&line, "%s: rows that import entry %lld wrote (ids %lld to %lld) were "
				 "changed since: they do not match the digest it recorded", bc->t->table,
				 (long long)r->entry, (long long)r->first, (long long)r->last);
			sentence(fn, ctx, bc->t, "", r->entry, line.s);
		}
	}
	free(stored);
	free(found);
	buf_release(&line);
}

void batch_check_finish(struct store *st, struct batch_check *bc,
			void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	size_t i;

	for (i = 0; bc && i < bc->n; i++)
		check_range(st, bc, &bc->r[i], fn, ctx);
}

void batch_check_free(struct batch_check *bc)
{
	size_t i;

	if (!bc)
		return;
	for (i = 0; i < bc->n; i++) {
		free(bc->r[i].rows);
		free(bc->r[i].seen);
	}
	free(bc->r);
	free(bc);
}
