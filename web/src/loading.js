// loading.js — a page's loading flag and error line, and the one way they are
// set around a fetch: on while it runs, the error cleared first and set to
// the API's message (i18n.js errorText) when it fails.
import { ref } from 'vue';
import { errorText } from './i18n.js';

export function useLoading() {
  const loading = ref(false);
  const error = ref('');
  /** Run fn; when it throws, error shows why and onError (may be absent) runs. */
  async function track(fn, onError) {
    loading.value = true;
    error.value = '';
    try {
      await fn();
    } catch (e) {
      error.value = errorText(e);
      if (onError) onError(e);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, track };
}
