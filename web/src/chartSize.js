// chartSize.js — an ECharts chart follows its box's size: resized whenever
// the box changes, except to no size at all (the page leaving, a hidden tab),
// which is not drawn (ECharts' geo view cannot invert a zero scale and throws).

/** Resize chart with el's box; returns the function that stops watching. */
export function watchChartSize(el, chart) {
  const ro = new ResizeObserver(() => {
    if (el.clientWidth > 0 && el.clientHeight > 0) chart.resize();
  });
  ro.observe(el);
  return () => ro.disconnect();
}
