// Texts the server writes for people (score reasons, "why" explanations, alert titles, segment
// descriptions) in English and Simplified Chinese. A service builds a `Text` — a message key with
// parameters — instead of a finished sentence; the surfaces (HTTP serializer, CLI printer) render it
// in the reader's language. Stored explanations keep the `Text`, so a score written today reads in
// Chinese tomorrow. Each module defines its messages next to its code with `defineMessages`; the
// Chinese table must have every key of the English one (the compiler checks).

export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];

export type TextParam = string | number | Text;
/** A message to render later; `$t` is the key (a marker no data field uses). */
export interface Text {
  $t: string;
  params?: Record<string, TextParam>;
}

const catalogs: Record<Locale, Map<string, string>> = { en: new Map(), zh: new Map() };

/**
 * Registers a module's messages and returns a typed builder: `msg('reason.value', { field, value })`.
 * Keys are global, so prefix them with the module (`score.`, `assign.`, …).
 */
export function defineMessages<const E extends Record<string, string>>(en: E, zh: { [K in keyof E]: string }) {
  for (const [key, template] of Object.entries(en)) {
    if (catalogs.en.has(key) && catalogs.en.get(key) !== template) throw new Error(`message ${key} is defined twice`);
    catalogs.en.set(key, template);
    catalogs.zh.set(key, (zh as Record<string, string>)[key]);
  }
  return (key: keyof E & string, params?: Record<string, TextParam>): Text => (params ? { $t: key, params } : { $t: key });
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).$t === 'string';
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 2 }),
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
};

/** A template split once into literal text (even slots) and parameter names (odd slots). */
const compiled: Record<Locale, Map<string, string[]>> = { en: new Map(), zh: new Map() };

function partsOf(key: string, locale: Locale): string[] {
  let parts = compiled[locale].get(key);
  if (!parts) {
    const template = catalogs[locale].get(key) ?? catalogs.en.get(key);
    parts = (template ?? key).split(/\{(\w+)\}/);
    // A key not registered yet (its module loads later) is not cached.
    if (template !== undefined) compiled[locale].set(key, parts);
  }
  return parts;
}

/** The message in `locale`; an unknown key renders as the key itself (visible, never a crash). */
export function render(text: Text | string, locale: Locale = 'en'): string {
  if (typeof text === 'string') return text;
  const parts = partsOf(text.$t, locale);
  if (parts.length === 1) return parts[0];
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = text.params?.[parts[i]];
    out += value === undefined ? `{${parts[i]}}` : typeof value === 'number' ? numberFormats[locale].format(value) : typeof value === 'string' ? value : render(value, locale);
    out += parts[i + 1];
  }
  return out;
}

/**
 * Replaces every Text inside a JSON-like value with its rendering, sharing untouched branches.
 * Returns the same object when it holds no Text, so large payloads without texts are not copied.
 */
export function renderDeep<T>(value: T, locale: Locale): T {
  return walk(value, locale) as T;
}

function walk(value: unknown, locale: Locale): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isText(value)) return render(value, locale);
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item !== 'object' || item === null) continue;
      const next = walk(item, locale);
      if (next !== item) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | null = null;
  for (const key in value as Record<string, unknown>) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    const next = walk(item, locale);
    if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return out ?? value;
}

/** The best of our locales for an Accept-Language header or a LANG value; null when neither matches. */
export function parseLocale(header: string | undefined | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)/.exec(r)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return null;
}

/** The language to answer an HTTP request in: its Accept-Language, else the user's saved locale, else English. */
export function requestLocale(request: { headers: { 'accept-language'?: string }; actor?: { locale?: string } | null }): Locale {
  return parseLocale(request.headers['accept-language']) ?? (request.actor?.locale === 'zh' ? 'zh' : 'en');
}

/** The CLI's language: SALESBLOOM_LANG, else LC_ALL / LC_MESSAGES / LANG (zh_CN.UTF-8 → zh), else English. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  for (const name of ['SALESBLOOM_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return parseLocale(value.replace('_', '-').split('.')[0]) ?? 'en';
  }
  return 'en';
}
