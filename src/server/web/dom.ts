/** Building the page's elements: strings become text nodes (never HTML), attributes are set one by one. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e;
}

/** GET (or POST) JSON from the API; an answer with `error` becomes a thrown Error carrying it. */
export async function api<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await r.json() as T & { error?: string; hint?: string };
  if (!r.ok) throw new Error(`${body.error ?? `HTTP ${r.status}`}${body.hint ? ` — ${body.hint}` : ''}`);
  return body;
}
