// The JSX runtime of every view: elements become escaped HTML strings as they are created (README, Design:
// views render as they are built). The output is Hono's JSX's byte for byte (test/unit/jsx-runtime.test.tsx).
import type { HtmlEscapedString } from 'hono/utils/html';
import { escapeHtml } from '../ui/escape.ts';
export type { JSX } from 'hono/jsx/jsx-runtime';

type Props = Record<string, unknown> & { children?: unknown };

const EMPTY = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const BOOLEAN = new Set([
  'allowfullscreen', 'async', 'autofocus', 'autoplay', 'checked', 'controls', 'default', 'defer', 'disabled', 'download', 'formnovalidate', 'hidden', 'inert',
  'ismap', 'itemscope', 'loop', 'multiple', 'muted', 'nomodule', 'novalidate', 'open', 'playsinline', 'readonly', 'required', 'reversed', 'selected',
  'shadowrootclonable', 'shadowrootdelegatesfocus', 'shadowrootserializable',
]);
const RENAMED = new Map(Object.entries({ className: 'class', htmlFor: 'for', crossOrigin: 'crossorigin', httpEquiv: 'http-equiv', itemProp: 'itemprop', fetchPriority: 'fetchpriority', noModule: 'nomodule', formAction: 'formaction' }));
const INVALID_NAME = /[\s"'<>/=`\\\x00-\x1f\x7f-\x9f]/;


/**
 * Markup already escaped. Not a String object (as Hono's `raw()` makes): `c.html()` turns any other object into
 * its string, and a string body is what the Node adapter writes in one piece (and src/http/compression.ts
 * compresses); a String object would be streamed, uncompressed.
 */
class Html {
  readonly isEscaped = true;
  constructor(private readonly html: string) {}
  toString(): string {
    return this.html;
  }
  valueOf(): string {
    return this.html;
  }
}

const escaped = (html: string) => new Html(html) as unknown as HtmlEscapedString;

function append(out: string, child: unknown): string {
  if (typeof child === 'string') return out + escapeHtml(child);
  if (child === null || child === undefined || typeof child === 'boolean') return out;
  if (typeof child === 'number') return out + child;
  if ((child as { isEscaped?: boolean }).isEscaped) return out + child;
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) out = append(out, child[i]);
    return out;
  }
  if (child instanceof Promise) throw new Error('JSX: a view may not hold a promise (await the data in the route)');
  return out + escapeHtml(String(child));
}

function attribute(key: string, v: unknown, tag: string): string {
  if (key === 'ref' || v === null || v === undefined) return '';
  if (typeof v === 'boolean' && BOOLEAN.has(key)) return v ? ` ${key}=""` : '';
  if (typeof v === 'function') {
    if (!key.startsWith('on')) throw new Error(`Invalid prop '${key}' of type 'function' supplied to '${tag}'.`);
    return '';
  }
  if (typeof v === 'string') return ` ${key}="${escapeHtml(v)}"`;
  if (typeof v === 'number' || (v as { isEscaped?: boolean }).isEscaped) return ` ${key}="${v}"`;
  if (typeof v === 'object' && key === 'style') throw new Error('JSX: style objects are not supported; write the style as a string');
  return ` ${key}="${escapeHtml(String(v))}"`;
}

/**
 * When a void element has no children, as Hono decides it: its elements of forms and of the head (components
 * there) take one child out of its array and count null as none; the others close a void element given any.
 */
const COMPONENT_TAGS = new Set(['input', 'button', 'form', 'meta', 'link', 'script', 'style', 'title']);
function noChildren(tag: string, props: Props, children: unknown): boolean {
  if (!('children' in props)) return true;
  const c = COMPONENT_TAGS.has(tag) && Array.isArray(children) && children.length === 1 ? children[0] : children;
  return (Array.isArray(c) && c.length === 0) || (c == null && COMPONENT_TAGS.has(tag));
}

function element(tag: string, props: Props): HtmlEscapedString {
  let out = '<' + tag;
  let children: unknown = undefined;
  for (const k in props) {
    const v = props[k];
    if (k === 'children') {
      children = v;
      continue;
    }
    if (k === 'dangerouslySetInnerHTML') throw new Error('JSX: use raw() for markup');
    const key = RENAMED.get(k) ?? k;
    if (key.length === 0 || INVALID_NAME.test(key)) continue;
    out += attribute(key, v, tag);
  }
  if (EMPTY.has(tag) && noChildren(tag, props, children)) return escaped(out + '/>');
  return escaped(append(out + '>', children) + '</' + tag + '>');
}

export function jsx(tag: string | ((props: Props) => unknown), props: Props | null): HtmlEscapedString {
  const p = props ?? {};
  if (typeof tag === 'function') {
    const res = tag(p);
    // A component's own element as it is; markup from Hono's `raw()` (a String object) made one of ours.
    if (res instanceof Html) return res as unknown as HtmlEscapedString;
    if (res !== null && typeof res === 'object' && (res as { isEscaped?: boolean }).isEscaped) return escaped(String(res));
    return escaped(append('', res));
  }
  return element(tag, p);
}

export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  return escaped(append('', props.children));
}

export { jsx as jsxs, jsx as jsxDEV };
