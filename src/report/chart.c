/* chart.c — drawing the bulletin's charts with cairo, text with pango: a line
 * chart over the months with target markers, bars against a plan line, and a
 * horizontal bar ranking. Values are exact integers; only the drawing
 * positions are floating point. */
#include "report/chart.h"

#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct chart *chart_new(enum chart_kind kind, const char *title, const char *unit,
			int64_t scale, int percent)
{
	struct chart *c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->title = xstrdup(title ? title : "");
	c->unit = xstrdup(unit ? unit : "");
	c->scale = scale > 0 ? scale : 1;
	c->percent = percent;
	return c;
}

void chart_free(struct chart *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_labels; i++)
		free(c->labels[i]);
	for (i = 0; i < c->n_series; i++) {
		free(c->series[i].name);
		free(c->series[i].v);
	}
	for (i = 0; i < c->n_markers; i++)
		free(c->markers[i].label);
	free(c->labels);
	free(c->series);
	free(c->markers);
	free(c->bar_rgb);
	free(c->title);
	free(c->unit);
	free(c);
}

void chart_label(struct chart *c, const char *label)
{
	c->labels = xrealloc(c->labels, (c->n_labels + 1) * sizeof(*c->labels));
	c->labels[c->n_labels++] = xstrdup(label);
}

struct chart_series *chart_series_add(struct chart *c, const char *name,
				      enum series_style style, uint32_t rgb,
				      const int64_t *v, size_t n)
{
	struct chart_series *s;

	c->series = xrealloc(c->series, (c->n_series + 1) * sizeof(*c->series));
	s = &c->series[c->n_series++];
	s->name = xstrdup(name);
	s->style = style;
	s->rgb = rgb;
	s->n = n;
	s->v = xcalloc(n ? n : 1, sizeof(*s->v));
	if (n)
		memcpy(s->v, v, n * sizeof(*v));
	return s;
}

void chart_marker_add(struct chart *c, size_t x, int64_t v, uint32_t rgb, const char *label)
{
	struct chart_marker *m;

	c->markers = xrealloc(c->markers, (c->n_markers + 1) * sizeof(*c->markers));
	m = &c->markers[c->n_markers++];
	m->x = x;
	m->v = v;
	m->rgb = rgb;
	m->label = xstrdup(label ? label : "");
}

/* ---- drawing helpers ---- */

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

/* Draw text with its anchor at (x, y): ax 0 left, 0.5 centre, 1 right; ay the
 * same vertically. Returns the text's width. */
static double text_at(cairo_t *cr, const char *font, double size, int bold, const char *s,
		      double x, double y, double ax, double ay)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(cr, x - ax * w / PANGO_SCALE, y - ay * h / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

static double text_width(cairo_t *cr, const char *font, double size, const char *s)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The axis' value of v (in the chart's unit: %, 亿元, 分). */
static double axis_value(const struct chart *c, int64_t v)
{
	return (double)v / (double)c->scale * (c->percent ? 100.0 : 1.0);
}

/* A "nice" step (1, 2, 2.5, 5 × 10^k) giving about 5 ticks up to max. */
static double nice_step(double max)
{
	static const double mult[] = { 1, 2, 2.5, 5, 10 };
	double mag, raw = max / 5.0;
	size_t i;

	if (raw <= 0)
		return 1;
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++)
		if (mult[i] * mag >= raw)
			return mult[i] * mag;
	return 10 * mag;
}

static void tick_text(char *out, size_t cap, double v, double step, const char *unit)
{
	int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;

	snprintf(out, cap, "%.*f%s", decimals, v, unit);
}

/* Title and legend at the top of the box; returns the height used. */
static double draw_head(const struct chart *c, cairo_t *cr, double x, double y, double w,
			const char *font)
{
	double lx, total = 0;
	size_t i;

	set_rgb(cr, 0x222222);
	text_at(cr, font, 10, 1, c->title, x + w / 2, y, 0.5, 0);
	if (c->kind == CHART_HBARS || !c->n_series)
		return 18;
	for (i = 0; i < c->n_series; i++)
		total += 22 + text_width(cr, font, 7.5, c->series[i].name) + 10;
	if (c->n_markers)
		total += 16 + text_width(cr, font, 7.5, "目标") + 10;
	lx = x + (w - total) / 2;
	for (i = 0; i < c->n_series; i++) {
		const struct chart_series *s = &c->series[i];

		set_rgb(cr, s->rgb);
		if (s->style == SERIES_BAR) {
			cairo_rectangle(cr, lx, y + 19, 16, 7);
			cairo_fill(cr);
		} else {
			if (s->style == SERIES_DASHED)
				cairo_set_dash(cr, (const double[]){ 3, 2 }, 2, 0);
			cairo_set_line_width(cr, 1.5);
			cairo_move_to(cr, lx, y + 22.5);
			cairo_line_to(cr, lx + 16, y + 22.5);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
		set_rgb(cr, 0x333333);
		lx += 22 + text_at(cr, font, 7.5, 0, s->name, lx + 20, y + 22.5, 0, 0.5) + 10;
	}
	if (c->n_markers) {
		set_rgb(cr, 0x333333);
		cairo_move_to(cr, lx + 5, y + 18.5);
		cairo_line_to(cr, lx + 9, y + 22.5);
		cairo_line_to(cr, lx + 5, y + 26.5);
		cairo_line_to(cr, lx + 1, y + 22.5);
		cairo_close_path(cr);
		cairo_fill(cr);
		text_at(cr, font, 7.5, 0, "目标", lx + 14, y + 22.5, 0, 0.5);
	}
	return 34;
}

/* ---- months on x: lines and bars ---- */

struct plot {
	double x0, y0, w, h; /* the plot area: x0,y0 bottom-left */
	double max;          /* the axis' top value */
	size_t n;            /* categories on x */
};

static double px(const struct plot *p, size_t i)
{
	return p->x0 + p->w * ((double)i + 0.5) / (double)p->n;
}

static double py(const struct plot *p, double v)
{
	return p->y0 - p->h * (v / p->max);
}

static double series_max(const struct chart *c)
{
	double max = 0;
	size_t i, k;

	for (i = 0; i < c->n_series; i++)
		for (k = 0; k < c->series[i].n; k++)
			if (c->series[i].v[k] != CHART_NONE && axis_value(c, c->series[i].v[k]) > max)
				max = axis_value(c, c->series[i].v[k]);
	for (i = 0; i < c->n_markers; i++)
		if (axis_value(c, c->markers[i].v) > max)
			max = axis_value(c, c->markers[i].v);
	return max;
}

static void draw_axes(const struct chart *c, cairo_t *cr, const struct plot *p, double step,
		      const char *font)
{
	char tick[32];
	double v;
	size_t i;

	cairo_set_line_width(cr, 0.5);
	for (v = 0; v <= p->max + step / 1000; v += step) {
		set_rgb(cr, v == 0 ? 0x888888 : 0xdddddd);
		cairo_move_to(cr, p->x0, py(p, v));
		cairo_line_to(cr, p->x0 + p->w, py(p, v));
		cairo_stroke(cr);
		set_rgb(cr, 0x555555);
		tick_text(tick, sizeof(tick), v, step, c->percent ? "%" : "");
		text_at(cr, font, 7, 0, tick, p->x0 - 4, py(p, v), 1, 0.5);
	}
	if (!c->percent)
		text_at(cr, font, 7, 0, c->unit, p->x0 - 4, p->y0 - p->h - 8, 1, 1);
	for (i = 0; i < c->n_labels && i < p->n; i++)
		text_at(cr, font, 7, 0, c->labels[i], px(p, i), p->y0 + 3, 0.5, 0);
}

static void draw_line(const struct chart *c, cairo_t *cr, const struct plot *p,
		      const struct chart_series *s, const char *font)
{
	size_t k, last = SIZE_MAX;
	int open = 0;
	char tick[32];

	set_rgb(cr, s->rgb);
	cairo_set_line_width(cr, 1.6);
	if (s->style == SERIES_DASHED)
		cairo_set_dash(cr, (const double[]){ 4, 3 }, 2, 0);
	for (k = 0; k < s->n && k < p->n; k++) {
		if (s->v[k] == CHART_NONE) {
			open = 0;
			continue;
		}
		if (open)
			cairo_line_to(cr, px(p, k), py(p, axis_value(c, s->v[k])));
		else
			cairo_move_to(cr, px(p, k), py(p, axis_value(c, s->v[k])));
		open = 1;
		last = k;
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	if (s->style == SERIES_DASHED)
		return;
	for (k = 0; k < s->n && k < p->n; k++) {
		if (s->v[k] == CHART_NONE)
			continue;
		cairo_arc(cr, px(p, k), py(p, axis_value(c, s->v[k])), 2.2, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	if (last != SIZE_MAX && s == &c->series[0]) {
		snprintf(tick, sizeof(tick), c->percent ? "%.1f%%" : "%.2f",
			 axis_value(c, s->v[last]));
		text_at(cr, font, 6.5, 1, tick, px(p, last) + 4, py(p, axis_value(c, s->v[last])) + 2,
			0, 0);
	}
}

static void draw_bars(const struct chart *c, cairo_t *cr, const struct plot *p,
		      const char *font)
{
	size_t i, k, nb = 0, b = 0;
	double slot = p->w / (double)p->n, bw;
	char tick[32];

	for (i = 0; i < c->n_series; i++)
		nb += c->series[i].style == SERIES_BAR;
	if (!nb)
		return;
	bw = slot * 0.6 / (double)nb;
	for (i = 0; i < c->n_series; i++) {
		const struct chart_series *s = &c->series[i];

		if (s->style != SERIES_BAR)
			continue;
		for (k = 0; k < s->n && k < p->n; k++) {
			double x, top;

			if (s->v[k] == CHART_NONE)
				continue;
			x = px(p, k) - slot * 0.3 + bw * (double)b;
			top = py(p, axis_value(c, s->v[k]));
			set_rgb(cr, s->rgb);
			cairo_rectangle(cr, x, top, bw, p->y0 - top);
			cairo_fill(cr);
			set_rgb(cr, 0x333333);
			snprintf(tick, sizeof(tick), "%.1f", axis_value(c, s->v[k]));
			text_at(cr, font, 6, 0, tick, x + bw / 2, top - 1, 0.5, 1);
		}
		b++;
	}
}

static void draw_markers(const struct chart *c, cairo_t *cr, const struct plot *p,
			 const char *font)
{
	size_t i;

	for (i = 0; i < c->n_markers; i++) {
		const struct chart_marker *m = &c->markers[i];
		double x, y;

		if (m->x >= p->n)
			continue;
		x = px(p, m->x);
		y = py(p, axis_value(c, m->v));
		set_rgb(cr, m->rgb);
		cairo_move_to(cr, x, y - 4.5);
		cairo_line_to(cr, x + 4.5, y);
		cairo_line_to(cr, x, y + 4.5);
		cairo_line_to(cr, x - 4.5, y);
		cairo_close_path(cr);
		cairo_fill(cr);
		text_at(cr, font, 6.5, 0, m->label, x + 6, y - 2, 0, 1);
	}
}

static void draw_months(const struct chart *c, cairo_t *cr, double x, double y, double w,
			double h, const char *font)
{
	struct plot p;
	double head = draw_head(c, cr, x, y, w, font), step;
	size_t i;

	p.x0 = x + 40;
	p.w = w - 50;
	p.y0 = y + h - 14;
	p.h = h - head - 14 - 10;
	p.n = c->n_labels ? c->n_labels : 1;
	p.max = series_max(c);
	if (c->percent && p.max <= 100) {
		p.max = 100;
		step = 20;
	} else {
		step = nice_step(p.max > 0 ? p.max : 1);
		p.max = ceil((p.max > 0 ? p.max : 1) / step) * step;
	}
	draw_axes(c, cr, &p, step, font);
	if (c->kind == CHART_BARS)
		draw_bars(c, cr, &p, font);
	for (i = 0; i < c->n_series; i++)
		if (c->series[i].style != SERIES_BAR)
			draw_line(c, cr, &p, &c->series[i], font);
	draw_markers(c, cr, &p, font);
}

/* ---- horizontal bars ---- */

static void draw_hbars(const struct chart *c, cairo_t *cr, double x, double y, double w,
		       double h, const char *font)
{
	const struct chart_series *s = c->n_series ? &c->series[0] : NULL;
	double head = draw_head(c, cr, x, y, w, font), label_w = 0, lo = 0, hi = 0, x0, span;
	double row, top = y + head;
	char tick[32];
	size_t i;

	if (!s || !s->n)
		return;
	for (i = 0; i < s->n && i < c->n_labels; i++) {
		double tw = text_width(cr, font, 8, c->labels[i]), v = axis_value(c, s->v[i]);

		if (tw > label_w)
			label_w = tw;
		if (v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	span = w - label_w - 12 - 40;
	x0 = x + label_w + 12 + span * (-lo / (hi - lo));
	row = (h - head - 4) / (double)s->n;
	for (i = 0; i < s->n && i < c->n_labels; i++) {
		double v = axis_value(c, s->v[i]), cy = top + row * ((double)i + 0.5);
		double bw = span * (v / (hi - lo)), bh = row * 0.62;

		set_rgb(cr, 0x333333);
		text_at(cr, font, 8, 0, c->labels[i], x + label_w + 6, cy, 1, 0.5);
		set_rgb(cr, c->bar_rgb ? c->bar_rgb[i] : s->rgb);
		cairo_rectangle(cr, bw >= 0 ? x0 : x0 + bw, cy - bh / 2, fabs(bw), bh);
		cairo_fill(cr);
		set_rgb(cr, 0x333333);
		snprintf(tick, sizeof(tick), "%.2f%s", v, c->unit);
		text_at(cr, font, 7, 0, tick, bw >= 0 ? x0 + bw + 3 : x0 + 3, cy, 0, 0.5);
	}
	set_rgb(cr, 0x888888);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, x0, top);
	cairo_line_to(cr, x0, top + row * (double)s->n);
	cairo_stroke(cr);
}

void chart_draw(const struct chart *c, cairo_t *cr, double x, double y, double w, double h,
		const char *font)
{
	cairo_save(cr);
	if (c->kind == CHART_HBARS)
		draw_hbars(c, cr, x, y, w, h, font);
	else
		draw_months(c, cr, x, y, w, h, font);
	cairo_restore(cr);
}

/* ---- SVG ---- */

static cairo_status_t svg_write(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

enum bl_err chart_svg(const struct chart *c, double w, double h, const char *font,
		      struct buf *out)
{
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(svg_write, out, w, h);
	cairo_status_t st;
	cairo_t *cr;

	cr = cairo_create(s);
	chart_draw(c, cr, 0, 0, w, h, font);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? BL_OK : BL_EIO;
}
