/* leaders.c — the rules of leader linkage and named lists (leaders.h). */
#include "core/leaders.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

const char *const leader_change_keys[LC__MAX] = { "project", "report", "items", "light" };
const char *const leader_change_labels[LC__MAX] = { "项目信息", "月度填报", "督办事项", "预警灯" };

void project_list_init(struct project_list *l)
{
	memset(l, 0, sizeof(*l));
}

void project_list_release(struct project_list *l)
{
	free(l->name);
	free(l->project_ids);
	project_list_init(l);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void project_list_normalise(struct project_list *l)
{
	size_t i, k = 0;

	if (!l->n)
		return;
	qsort(l->project_ids, l->n, sizeof(*l->project_ids), cmp_id);
	for (i = 1; i < l->n; i++)
		if (l->project_ids[i] != l->project_ids[k])
			l->project_ids[++k] = l->project_ids[i];
	l->n = k + 1;
}

int project_ids_have(const int64_t *ids, size_t n, int64_t id)
{
	return ids && n && bsearch(&id, ids, n, sizeof(*ids), cmp_id) != NULL;
}

/* 1 when id is one of ids (n, in any order). */
static int has_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

const char *project_list_name_check(const char *name, const char **zh)
{
	const unsigned char *p;
	int blank = 1;

	for (p = (const unsigned char *)(name ? name : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*zh = "含控制字符或换行";
			return "holds a control character or line break";
		}
		if (*p != ' ')
			blank = 0;
	}
	if (blank) {
		*zh = "名称不能为空";
		return "a list needs a name";
	}
	if (strlen(name) > LIST_NAME_MAX) {
		*zh = "名称超过100字节";
		return "a list's name is longer than 100 bytes";
	}
	return NULL;
}

/* The length of the separator at s (0: none): ASCII ; or , or 、 ， ；
 * (three bytes each in UTF-8). Not a space: a name may hold one
 * ("副区长 李某某"). */
static size_t separator(const char *s)
{
	static const char *const wide[] = { "、", "，", "；" };
	size_t i;

	if (*s == ';' || *s == ',')
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (!strncmp(s, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

/* The length of [*start, end) without leading and trailing spaces (*start
 * moves past the leading ones). */
static size_t trimmed(const char **start, const char *end)
{
	while (*start < end && (**start == ' ' || **start == '\t'))
		(*start)++;
	while (end > *start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return (size_t)(end - *start);
}

int leader_names_split(const char *text, char **names, int max)
{
	const char *s = text ? text : "", *start;
	int n = 0;

	while (*s) {
		size_t k = separator(s);

		if (k) {
			s += k;
			continue;
		}
		for (start = s; *s && !separator(s); s++)
			;
		if (trimmed(&start, s) == 0)
			continue;
		if (n == max) {
			while (n > 0)
				free(names[--n]);
			return -1;
		}
		names[n++] = xstrndup(start, trimmed(&start, s));
	}
	return n;
}

char *leader_names_join(const char *const *names, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!n)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, "、");
		buf_adds(&b, names[i]);
	}
	return buf_detach(&b, NULL);
}

void leader_accounts_free(struct leader_account *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].username);
		free(v[i].display_name);
	}
	free(v);
}

long leader_account_match(const struct leader_account *v, size_t n, const char *name)
{
	long found = -1;
	size_t i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(v[i].username, name))
			return (long)i;
	for (i = 0; name && i < n; i++) {
		if (!v[i].display_name || strcmp(v[i].display_name, name))
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

const char *leader_account_shown(const struct leader_account *a)
{
	return a->display_name && *a->display_name ? a->display_name : a->username;
}

int leader_names_pick(const struct leader_account *v, size_t n_acc, const char *const *names,
		      size_t n, struct leader_pick *out,
		      void (*bad)(void *ctx, const char *name, long why), void *ctx)
{
	const char *shown[LEADER_NAMES_MAX];
	size_t i;
	long k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		k = leader_account_match(v, n_acc, names[i]);
		if (k < 0) {
			if (!out->n_bad++) {
				out->bad = xstrdup(names[i] ? names[i] : "");
				out->bad_why = k;
			}
			if (bad)
				bad(ctx, names[i], k);
		} else if (!has_id(out->ids, out->n, v[k].id) &&
			   out->n < LEADER_NAMES_MAX) {
			shown[out->n] = leader_account_shown(&v[k]);
			out->ids[out->n++] = v[k].id;
		}
	}
	out->text = leader_names_join(shown, out->n);
	return out->n_bad ? -1 : 0;
}

int leader_text_pick(const struct leader_account *v, size_t n_acc, const char *text,
		     struct leader_pick *out,
		     void (*bad)(void *ctx, const char *name, long why), void *ctx)
{
	char *names[LEADER_NAMES_MAX];
	int n = leader_names_split(text, names, LEADER_NAMES_MAX), rc, i;

	if (n < 0) {
		memset(out, 0, sizeof(*out));
		return -2;
	}
	rc = leader_names_pick(v, n_acc, (const char *const *)names, (size_t)n, out, bad, ctx);
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

void leader_pick_release(struct leader_pick *p)
{
	free(p->text);
	free(p->bad);
	memset(p, 0, sizeof(*p));
}

int leader_pick_same(const struct leader_pick *p, const int64_t *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!has_id(p->ids, p->n, ids[i]))
			return 0;
	for (i = 0; i < p->n; i++)
		if (!has_id(ids, n, p->ids[i]))
			return 0;
	return 1;
}

int leader_change_of_entity(const char *entity)
{
	if (!entity)
		return -1;
	if (!strcmp(entity, "project"))
		return LC_PROJECT;
	if (!strcmp(entity, "report"))
		return LC_REPORT;
	if (!strcmp(entity, "item") || !strcmp(entity, "item_step"))
		return LC_ITEMS;
	return -1;
}
