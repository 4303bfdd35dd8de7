// api.js — the JSON API (INTERFACES.md "HTTP API") from the browser: the
// session cookie goes by itself, the CSRF token rides on every write, errors
// become ApiError with the server's message in both languages.
let csrf = null;
let onUnauthorized = () => {};

export function setCsrf(token) {
  csrf = token;
}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'http_' + status;
    this.field = e.field || null;
    this.messageZh = e.message_zh || e.message || null;
    this.body = body;
    this.current = body && body.current; // 409 stale: the row as it is now
  }
}

export function qs(params) {
  if (!params) return '';
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    u.set(k, v === true ? '1' : String(v));
  }
  const s = u.toString();
  return s ? '?' + s : '';
}

export async function api(method, path, body, { allow401 = false, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  let data;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    data = body;
    headers['Content-Type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    data = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch('/api/v1' + path, { method, headers, body: data, credentials: 'same-origin' });
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (raw) return { status: r.status, body: json };
  if (!r.ok) {
    if (r.status === 401 && !allow401) onUnauthorized();
    throw new ApiError(r.status, json);
  }
  return json;
}

export const get = (path, params, opts) => api('GET', path + qs(params), undefined, opts);
export const post = (path, body, opts) => api('POST', path, body, opts);
export const put = (path, body, opts) => api('PUT', path, body, opts);
export const del = (path, opts) => api('DELETE', path, undefined, opts);

/** Download a list as the spreadsheet the server writes (GET path?…&format=xlsx,
 * with the list's own filters): saved under the server's file name. Throws
 * ApiError when the server refuses. */
export async function download(path, params) {
  const r = await fetch('/api/v1' + path + qs({ ...params, format: 'xlsx' }), { credentials: 'same-origin' });
  if (!r.ok) {
    let json = null;
    try {
      json = await r.json();
    } catch {
      json = null;
    }
    if (r.status === 401) onUnauthorized();
    throw new ApiError(r.status, json);
  }
  const blob = await r.blob();
  const m = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? m[1] : 'ballast.xlsx';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  return blob.size;
}
