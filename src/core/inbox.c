/* inbox.c — what needs a user now (inbox.h): whose items, reports and
 * projects they are, and the entries, most urgent first. */
#include "core/inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/leaders.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *const inbox_kind_keys[IB__MAX] = {
	"item_overdue", "item_due", "item_answered", "report_returned", "reports_missing",
	"reports_to_verify", "new_red",
};
const char *const inbox_kind_labels[IB__MAX] = {
	"督办事项已逾期", "督办事项即将到期", "事项已答复待确认", "月报被退回", "上月月报未报送",
	"月报待核实", "新亮红灯",
};

static int is_office(enum role r)
{
	return r == ROLE_ADMIN || r == ROLE_COORDINATOR;
}

/* 1 when the project p is linked to the leader's account (core/leaders.h). */
static int leads(const struct project *p, const struct inbox_input *in)
{
	return project_ids_have(in->leader_projects, in->n_leader_projects, p->id);
}

/* 1 when some project is linked to the leader. */
static int leader_has_projects(const struct inbox_input *in)
{
	return in->n_leader_projects > 0;
}

/* 1 when project p is the caller's (inbox.h). */
static int project_is_theirs(const struct inbox_input *in, const struct dataset *units,
			     const struct project *p, int linked)
{
	const struct actor *a = in->a;

	switch (a->role) {
	case ROLE_SECTION:
		return a->unit_id && dataset_in_subtree(units, p->section_id, a->unit_id);
	case ROLE_DEPARTMENT:
		return a->unit_id && p->department_id == a->unit_id;
	case ROLE_LEADER:
		return !linked || leads(p, in);
	case ROLE_ADMIN:
	case ROLE_COORDINATOR:
		return 1;
	default:
		return 0;
	}
}

/* 1 when the item e (in state s) is assigned to the caller. */
static int item_is_theirs(const struct inbox_input *in, const struct item_entry *e,
			  const struct item_state *s, int linked)
{
	const struct actor *a = in->a;
	const struct dataset *units = &in->items->units;

	switch (a->role) {
	case ROLE_SECTION:
		return a->unit_id && (dataset_in_subtree(units, e->p->section_id, a->unit_id) ||
				      dataset_in_subtree(units, e->it.owner_id, a->unit_id));
	case ROLE_DEPARTMENT:
		return a->unit_id && e->it.owner_id == a->unit_id;
	case ROLE_LEADER:
		return s->level >= 3 && (!linked || leads(e->p, in));
	case ROLE_ADMIN:
	case ROLE_COORDINATOR:
		return s->status == IS_ANSWERED || s->level >= ITEM_LEVEL_MAX;
	default:
		return 0;
	}
}

static struct inbox_entry *add(struct inbox *ib, enum inbox_kind k, const struct project *p)
{
	struct inbox_entry *e;

	XGROW(ib->v, ib->alloc, ib->n + 1);
	e = &ib->v[ib->n++];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->p = p;
	e->month = MONTH_NONE;
	ib->counts[k]++;
	return e;
}

static void items(const struct inbox_input *in, struct inbox *ib, int linked)
{
	struct item_query q;
	char day[11];
	size_t i;

	item_query_init(&q, in->today);
	q.state = IS__MAX; /* pending */
	item_select(in->items, &q, in->a, &ib->items);
	for (i = 0; i < ib->items.n; i++) {
		const struct item_seen *v = &ib->items.v[i];
		struct inbox_entry *e;
		struct buf t = BUF_INIT;

		if (!item_is_theirs(in, v->e, &v->s, linked))
			continue;
		if (is_office(in->a->role) && v->s.status == IS_ANSWERED) {
			e = add(ib, IB_ITEM_ANSWERED, v->e->p);
			buf_addf(&t, "“%s”已答复，请确认是否办结", v->e->it.title);
		} else if (v->overdue) {
			e = add(ib, IB_ITEM_OVERDUE, v->e->p);
			e->days = v->days_late;
			buf_addf(&t, "“%s”（%s）办结时限%s，已逾期%lld天", v->e->it.title,
				 item_level_labels[v->s.level], day_format(v->s.deadline, day),
				 (long long)v->days_late);
		} else if (v->days_left <= INBOX_DUE_DAYS) {
			e = add(ib, IB_ITEM_DUE, v->e->p);
			e->days = v->days_left;
			buf_addf(&t, "“%s”（%s）办结时限%s，还剩%lld天", v->e->it.title,
				 item_level_labels[v->s.level], day_format(v->s.deadline, day),
				 (long long)v->days_left);
		} else {
			continue;
		}
		e->item = v;
		e->text = buf_detach(&t, NULL);
	}
}

/* The project of id in the dataset (sorted by id), or NULL. */
static const struct project *ds_project(const struct dataset *ds, int64_t id, size_t *at)
{
	size_t lo = 0, hi = ds->n_projects;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ds->projects[mid].id == id) {
			if (at)
				*at = mid;
			return &ds->projects[mid];
		}
		if (ds->projects[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Returned reports of the caller's projects; for the office, the submitted
 * ones waiting, one entry per month. */
static void returned(const struct inbox_input *in, struct inbox *ib)
{
	size_t i, waiting[3] = { 0, 0, 0 };
	bl_month first = day_month(in->today) - 2;
	char mon[8];

	for (i = 0; i < in->n_reports; i++) {
		const struct inbox_report *r = &in->reports[i];
		const struct project *p = ds_project(in->ds, r->project_id, NULL);
		struct buf t = BUF_INIT;
		struct inbox_entry *e;

		if (!p || r->month < first || r->month > first + 2)
			continue;
		if (r->status == REPORT_SUBMITTED && is_office(in->a->role)) {
			waiting[r->month - first]++;
			continue;
		}
		if (r->status != REPORT_RETURNED || in->a->role != ROLE_SECTION ||
		    !project_is_theirs(in, in->ds, p, 0))
			continue;
		e = add(ib, IB_REPORT_RETURNED, p);
		e->month = r->month;
		e->count = 1;
		buf_addf(&t, "%s月报被退回，请修改后重新提交", month_format(r->month, mon));
		e->text = buf_detach(&t, NULL);
	}
	for (i = 0; i < 3; i++) {
		struct buf t = BUF_INIT;
		struct inbox_entry *e;

		if (!waiting[i])
			continue;
		e = add(ib, IB_REPORTS_TO_VERIFY, NULL);
		e->month = (bl_month)(first + (int)i);
		e->count = waiting[i];
		buf_addf(&t, "%s有%zu份月报待核实", month_format(e->month, mon), waiting[i]);
		e->text = buf_detach(&t, NULL);
	}
}

/* After the 5th, last month's reports the caller's started projects owe. */
static void missing(const struct inbox_input *in, struct inbox *ib)
{
	bl_month owed = day_month(in->today) - 1;
	int y, m, d, bit;
	size_t i, n = 0;
	char mon[8];
	struct buf t = BUF_INIT;
	struct inbox_entry *e;

	day_to_ymd(in->today, &y, &m, &d);
	if (d <= INBOX_REPORT_DAY || in->a->role != ROLE_SECTION)
		return;
	bit = month_year(owed) == in->ds->year ? month_of_year(owed) - 1
	      : month_year(owed) == in->ds->year - 1 ? 12 + month_of_year(owed) - 1 : -1;
	if (bit < 0)
		return;
	for (i = 0; i < in->ds->n_projects; i++) {
		const struct project *p = &in->ds->projects[i];

		if (project_reached(p, STAGE_STARTED) > month_last_day(owed) ||
		    ((in->ds->reports[i].reported >> bit) & 1u) ||
		    !project_is_theirs(in, in->ds, p, 0))
			continue;
		n++;
	}
	if (!n)
		return;
	e = add(ib, IB_REPORTS_MISSING, NULL);
	e->month = owed;
	e->count = n;
	buf_addf(&t, "%s月报尚有%zu个项目未报送（每月%d日后）", month_format(owed, mon), n,
		 INBOX_REPORT_DAY);
	e->text = buf_detach(&t, NULL);
}

/* Projects of the caller red today and not seven days before. */
static void new_red(const struct inbox_input *in, struct inbox *ib, int linked)
{
	struct warning_list now, before;
	size_t i, k;

	if (in->a->role == ROLE_AUDITOR)
		return;
	warnings_compute(in->ds, in->ws, in->today, &now);
	warnings_compute(in->ds, in->ws, day_add(in->today, -INBOX_NEW_RED_DAYS), &before);
	for (i = 0; i < in->ds->n_projects; i++) {
		const struct project *p = &in->ds->projects[i];
		struct buf t = BUF_INIT;
		struct inbox_entry *e;

		if (now.lights[i] != LIGHT_RED || before.lights[i] == LIGHT_RED ||
		    !project_is_theirs(in, in->ds, p, linked))
			continue;
		e = add(ib, IB_NEW_RED, p);
		buf_addf(&t, "%s 亮红灯", p->name ? p->name : "");
		for (k = 0; k < now.n; k++)
			if (now.items[k].project == i && now.items[k].level == LIGHT_RED)
				buf_addf(&t, "：%s", now.items[k].reason);
		e->text = buf_detach(&t, NULL);
	}
	warning_list_release(&now);
	warning_list_release(&before);
}

/* Kinds in urgency order; within one, the larger days first for overdue,
 * the fewer days left first for due. */
static int cmp_entry(const void *x, const void *y)
{
	const struct inbox_entry *a = x, *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->days != b->days)
		return a->kind == IB_ITEM_OVERDUE ? (a->days > b->days ? -1 : 1)
						  : (a->days < b->days ? -1 : 1);
	if (a->p && b->p && a->p->ref && b->p->ref)
		return strcmp(a->p->ref, b->p->ref);
	return 0;
}

void inbox_build(const struct inbox_input *in, struct inbox *out)
{
	int linked;

	memset(out, 0, sizeof(*out));
	if (in->a->role == ROLE_AUDITOR)
		return;
	linked = in->a->role == ROLE_LEADER && leader_has_projects(in);
	items(in, out, linked);
	returned(in, out);
	missing(in, out);
	new_red(in, out, linked);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_entry);
}

void inbox_release(struct inbox *ib)
{
	size_t i;

	for (i = 0; i < ib->n; i++)
		free(ib->v[i].text);
	free(ib->v);
	item_selection_release(&ib->items);
	memset(ib, 0, sizeof(*ib));
}
