/* chart.h — the bulletin's charts, drawn by ballast's own code with cairo and
 * pango: the same drawing gives SVG for the HTML and vector graphics in the
 * PDF. A chart is plain data (series of exact integers) plus a kind; drawing
 * it needs only a cairo context and a box. */
#ifndef BL_CHART_H
#define BL_CHART_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "util/buf.h"

enum chart_kind {
	CHART_LINES,    /* x = months; line series and target markers (start-rate trend) */
	CHART_BARS,     /* x = months; bar series and line series (investment vs plan) */
	CHART_HBARS,    /* one horizontal bar per label (section ranking) */
	CHART_KIND__MAX
};

/* A value that is absent (an undefined rate, a month not yet reached). */
#define CHART_NONE INT64_MIN

enum series_style {
	SERIES_LINE,   /* a solid line with dots */
	SERIES_DASHED, /* a dashed line (a plan, a target path) */
	SERIES_BAR,    /* bars (CHART_BARS: one group per x) */
};

struct chart_series {
	char *name;       /* the legend's text; owned */
	enum series_style style;
	uint32_t rgb;     /* 0xRRGGBB */
	int64_t *v;       /* n values (in the chart's unit), CHART_NONE when absent; owned */
	size_t n;
};

/* A target marker on a CHART_LINES chart: a diamond at (x, value) with a label. */
struct chart_marker {
	size_t x;
	int64_t v;
	uint32_t rgb;
	char *label;      /* owned */
};

struct chart {
	enum chart_kind kind;
	char *title;      /* owned */
	char *unit;       /* the y axis' unit text: "%", "亿元", "分"; owned */
	int64_t scale;    /* values ÷ scale = the axis' unit (10000 ‱ → 1 for %, 1e8 yuan → 亿) */
	int percent;      /* 1: the axis shows value ÷ scale × 100 */
	char **labels;    /* n_labels x labels (CHART_LINES/BARS) or bar labels (HBARS); owned */
	size_t n_labels;
	struct chart_series *series;
	size_t n_series;
	struct chart_marker *markers;
	size_t n_markers;
	uint32_t *bar_rgb; /* CHART_HBARS: a colour per bar, or NULL; owned */
};

/* A new empty chart (caller frees with chart_free, or hands it to a doc). */
struct chart *chart_new(enum chart_kind kind, const char *title, const char *unit,
			int64_t scale, int percent);
void chart_free(struct chart *c);
/* Append an x label (copied). */
void chart_label(struct chart *c, const char *label);
/* Append a series of n values (copied); returns it. */
struct chart_series *chart_series_add(struct chart *c, const char *name,
				      enum series_style style, uint32_t rgb,
				      const int64_t *v, size_t n);
void chart_marker_add(struct chart *c, size_t x, int64_t v, uint32_t rgb, const char *label);

/* Draw c into the box (x, y, w, h) of cr, in points, with the given font
 * family ("Noto Sans CJK SC"). Saves and restores cr's state. */
void chart_draw(const struct chart *c, cairo_t *cr, double x, double y, double w, double h,
		const char *font);

/* Render c as a standalone SVG document of w × h points appended to out.
 * BL_OK, or BL_EIO when cairo fails. */
enum bl_err chart_svg(const struct chart *c, double w, double h, const char *font,
		      struct buf *out);

#endif
