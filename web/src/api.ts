// The REST API from the browser: the session cookie authenticates, and every unsafe request
// echoes the session's CSRF token. Errors arrive as RFC 9457 problem+json and become ApiError.

export interface FieldError {
  field?: string;
  row?: number;
  value?: unknown;
  reason: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  request_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface Me {
  id: string;
  name: string;
  role: 'admin' | 'manager' | 'rep';
  csrf_token: string | null;
  locale?: string | null;
}

export interface Lead {
  id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  industry: string | null;
  country: string | null;
  city: string | null;
  language: string | null;
  source: string | null;
  status: string;
  owner_id: string | null;
  notes: string | null;
  converted: boolean | null;
  converted_at: string | null;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface Opportunity {
  id: string;
  external_id?: string | null;
  name: string | null;
  amount: number | null;
  currency: string | null;
  stage: string;
  closed_at: string | null;
  owner_id: string | null;
  account_id?: string | null;
  contact_id?: string | null;
  lead_id?: string | null;
  product_id?: string | null;
  opened_at?: string | null;
  expected_close?: string | null;
  lost_reason?: string | null;
  attributes?: Record<string, unknown>;
  created_at?: string;
  updated_at?: string;
}

export interface Account {
  id: string;
  name: string;
  industry: string | null;
  region: string | null;
  country: string | null;
  employees: number | null;
  annual_revenue: number | null;
  owner_id?: string | null;
}

export interface Activity {
  id: string;
  type: string;
  subtype: string | null;
  direction: string | null;
  status: string | null;
  subject: string | null;
  body: string | null;
  occurred_at: string | null;
  due_at: string | null;
  owner_id: string | null;
  created_at: string;
}

export interface User {
  id: string;
  name: string;
  email: string | null;
  role: 'admin' | 'manager' | 'rep';
  team_id: string | null;
  active: boolean;
  locale: string | null;
}

export interface Team {
  id: string;
  name: string;
  region?: string | null;
  manager_id?: string | null;
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

/** The UI language, sent as Accept-Language so the server writes its explanations in it too. */
let contentLanguage = 'en';
export const setApiLocale = (locale: 'en' | 'zh'): void => {
  contentLanguage = locale === 'zh' ? 'zh-CN' : 'en';
};

/** Called on any 401 so the app can return to the login page. */
let onUnauthorized: (() => void) | null = null;
export const setUnauthorizedHandler = (fn: (() => void) | null): void => {
  onUnauthorized = fn;
};

async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  try {
    const body = await response.json();
    if (body && typeof body === 'object') problem = { ...problem, ...body, status: response.status };
  } catch {
    /* not JSON */
  }
  return new ApiError(problem);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': contentLanguage, ...init.headers };
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    if (typeof init.body === 'string' || init.body instanceof Blob) body = init.body;
    else {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body, signal: init.signal, credentials: 'same-origin' });
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && !path.endsWith('/auth/login')) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Every row of a list endpoint, following cursors (limit 1000 per page). */
export async function listAll<T>(path: string, query: Query = {}, signal?: AbortSignal, maxRows = 50_000): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api<Page<T>>(withQuery(path, { ...query, limit: 1000, cursor }), { signal });
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && rows.length < maxRows);
  return rows;
}

/** Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload<T>(path: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept-language', contentLanguage);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        if (xhr.status === 401) onUnauthorized?.();
        reject(new ApiError({ status: xhr.status, ...(body && typeof body === 'object' ? body : {}) } as Problem));
      }
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'Network error', detail: 'the server could not be reached' }));
    xhr.send(file);
  });
}

/** One Server-Sent Event. */
export interface SseEvent { event: string; data: string }

/**
 * POSTs JSON and reads a text/event-stream answer as it arrives (fetch streaming; EventSource
 * cannot POST). A JSON answer (a server without streaming) is passed on as one "json" event.
 */
export async function streamPost(path: string, body: unknown, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  const headers: Record<string, string> = { accept: 'text/event-stream', 'content-type': 'application/json', 'accept-language': contentLanguage };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), signal, credentials: 'same-origin' });
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401) onUnauthorized?.();
    throw error;
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !response.body) {
    onEvent({ event: 'json', data: await response.text() });
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent({ event, data: data.join('\n') });
    }
  }
}
