// listpage.js — a list page whose filters live in the URL's query: the query
// sets them (asof from it, else the period; a flag is '1'), go() writes them
// back, load() fetches the API's list with them (useLoading's flag and error).
import { reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { get } from './api.js';
import { useLoading } from './loading.js';
import { period } from './session.js';

export const PAGE = 50;

/** path: the API's list; filters: the query's keys and their empty values ('' or
 *  false for a flag), in the order the API takes them. With year, the page shows
 *  the year of asof whole (up to 1000 rows) instead of PAGE rows a page. */
export function useListPage(path, filters, { year = false } = {}) {
  const route = useRoute();
  const router = useRouter();
  const f = reactive({ year: 0, asof: '', ...filters });
  const doc = ref(null);
  const page = ref(1);
  const { loading, error, track } = useLoading();
  const chosen = () => Object.fromEntries(Object.keys(filters).map((k) => [k, f[k] === true ? 1 : f[k] || undefined]));

  function go() {
    router.replace({ query: { asof: f.asof, ...chosen() } });
  }
  function load() {
    const q = year ? { year: f.year, asof: f.asof, limit: 1000 }
      : { asof: f.asof, ...chosen(), limit: PAGE, offset: (page.value - 1) * PAGE };
    return track(async () => {
      doc.value = await get(path, q);
    });
  }
  watch(
    () => route.query,
    () => {
      const p = period(route.query);
      f.asof = route.query.asof || p.asof;
      f.year = Number(f.asof.slice(0, 4)) || p.year;
      for (const [k, v] of Object.entries(filters)) f[k] = v === false ? route.query[k] === '1' : route.query[k] || '';
      page.value = 1;
      load();
    },
    { immediate: true },
  );
  return { f, doc, page, loading, error, go, load };
}
