/* notify.c — the events a group-chat robot is told of (notify.h). */
#include "core/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

const char *const notify_kind_keys[NK__MAX] = { "item_escalated", "item_overdue", "new_red" };

static void add(struct notify_list *l, enum notify_kind k, const char *key, struct buf *text)
{
	struct notify_event *e;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	e = &l->v[l->n++];
	e->kind = k;
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->text = xstrdup(text->s ? text->s : "");
}

/* "项目2024-001（某某项目）督办事项「title」" into t (reset first). */
static void about(struct buf *t, const struct item_entry *e)
{
	buf_reset(t);
	buf_addf(t, "项目%s（%s）督办事项「%s」", e->p && e->p->ref ? e->p->ref : "",
		 e->p && e->p->name ? e->p->name : "", e->it.title ? e->it.title : "");
}

static void escalations(struct notify_list *out, const struct item_entry *e, bl_day first,
			bl_day today, struct buf *t)
{
	const struct item_track *tr = &e->track;
	char key[96], d1[11], d2[11];
	size_t i;

	for (i = 1; i < tr->n_points; i++) {
		const struct item_point *pt = &tr->points[i];

		if (pt->s.level <= tr->points[i - 1].s.level || pt->on < first || pt->on > today)
			continue;
		about(t, e);
		buf_addf(t, "已由第%d级（%s）升至第%d级（%s），本级时限%s（%s升级）。",
			 tr->points[i - 1].s.level, item_level_labels[tr->points[i - 1].s.level],
			 pt->s.level, item_level_labels[pt->s.level],
			 day_format(pt->s.level_deadline, d1), day_format(pt->on, d2));
		snprintf(key, sizeof(key), "item_escalated:%lld:%d:%s", (long long)e->it.id,
			 pt->s.level, d2);
		add(out, NK_ITEM_ESCALATED, key, t);
	}
}

void notify_events(const struct item_book *b, bl_day today, struct notify_list *out)
{
	bl_day first = day_add(today, 1 - NOTIFY_RECENT_DAYS);
	struct buf t = BUF_INIT;
	char key[96], day[11];
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct item_entry *e = &b->v[i];
		struct item_state s;

		escalations(out, e, first, today, &t);
		if (!item_track_at(&e->track, today, &s) || !item_overdue(&s, today))
			continue;
		if (day_add(s.deadline, 1) < first)
			continue;
		about(&t, e);
		/* Neither the days late nor the level: the text is fixed when the
		 * event is first queued, which may be before or after the day's
		 * escalation. */
		buf_addf(&t, "办结时限%s已过，逾期未办结。", day_format(s.deadline, day));
		snprintf(key, sizeof(key), "item_overdue:%lld:%s", (long long)e->it.id, day);
		add(out, NK_ITEM_OVERDUE, key, &t);
	}
	buf_release(&t);
}

void notify_new_red(const struct dataset *ds, const struct warning_settings *ws, bl_day today,
		    struct notify_list *out)
{
	enum light *lights[NOTIFY_RECENT_DAYS + 1]; /* [k]: the lights of today − k */
	struct warning_list now;
	struct buf t = BUF_INIT;
	char key[96], day[11];
	size_t i, w;
	int k;

	for (k = 0; k <= NOTIFY_RECENT_DAYS; k++) {
		lights[k] = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(**lights));
		warnings_lights(ds, ws, day_add(today, -k), lights[k]);
	}
	warnings_compute(ds, ws, today, &now);
	for (i = 0; i < ds->n_projects; i++) {
		const struct project *p = &ds->projects[i];

		if (lights[0][i] != LIGHT_RED)
			continue;
		for (k = 1; k <= NOTIFY_RECENT_DAYS && lights[k][i] == LIGHT_RED; k++)
			;
		if (k > NOTIFY_RECENT_DAYS) /* red all along: not new */
			continue;
		day_format(day_add(today, 1 - k), day); /* the day after the last not red */
		buf_reset(&t);
		buf_addf(&t, "项目%s（%s）亮红灯", p->ref ? p->ref : "", p->name ? p->name : "");
		for (w = 0; w < now.n; w++)
			if (now.items[w].project == i && now.items[w].level == LIGHT_RED)
				buf_addf(&t, "：%s", now.items[w].reason);
		snprintf(key, sizeof(key), "new_red:%s:%s", p->ref ? p->ref : "", day);
		add(out, NK_NEW_RED, key, &t);
	}
	warning_list_release(&now);
	for (k = 0; k <= NOTIFY_RECENT_DAYS; k++)
		free(lights[k]);
	buf_release(&t);
}

void notify_list_release(struct notify_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
