// The views' JSX runtime (views/jsx/jsx-runtime.ts): the same HTML as Hono's JSX, built as elements are created.
import fc from 'fast-check';
import { raw } from 'hono/html';
import { Fragment as HonoFragment, jsx as honoJsx } from 'hono/jsx/jsx-runtime';
import { describe, expect, it } from 'vitest';
import { Fragment, jsx } from '../../views/jsx/jsx-runtime.ts';

/** A tree of markup as data, built with either runtime. */
type Node =
  | { kind: 'text'; value: string | number | boolean | null | undefined }
  | { kind: 'raw'; html: string }
  | { kind: 'list'; items: Node[] }
  | { kind: 'element'; tag: string; attrs: Array<[string, unknown]>; children: Node[] }
  | { kind: 'component'; child: Node; returns: 'node' | 'array' | 'text' | 'null' }
  | { kind: 'fragment'; children: Node[] };

type Runtime = { jsx: (tag: never, props: never) => unknown; Fragment: unknown };

function build(node: Node, rt: Runtime): unknown {
  const make = rt.jsx as (tag: unknown, props: Record<string, unknown>) => unknown;
  const kids = (xs: Node[]) => (xs.length === 1 ? build(xs[0], rt) : xs.map((x) => build(x, rt)));
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'raw':
      return raw(node.html);
    case 'list':
      return node.items.map((x) => build(x, rt));
    case 'element': {
      const props: Record<string, unknown> = Object.fromEntries(node.attrs.map(([k, v]) => [k, v === 'RAW' ? raw('a&amp;b') : v]));
      if (node.children.length) props.children = kids(node.children);
      return make(node.tag, props);
    }
    case 'component': {
      const Component = (props: { children?: unknown; label: string }) =>
        node.returns === 'null' ? null : node.returns === 'text' ? props.label : node.returns === 'array' ? [props.label, props.children] : make('span', { title: props.label, children: props.children });
      return make(Component, { label: 'x<y & "z"', children: build(node.child, rt) });
    }
    case 'fragment':
      return make(rt.Fragment, { children: kids(node.children) });
  }
}

const honoHtml = (node: Node) => String(build(node, { jsx: honoJsx as never, Fragment: HonoFragment }));
const ourHtml = (node: Node) => String(build(node, { jsx: jsx as never, Fragment }));

const text = fc.oneof(fc.string(), fc.constantFrom('<b>', 'a & b', '"quoted"', "it's", '김민아 > 이서연', ''), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const attrValue = fc.oneof(fc.string(), fc.constantFrom('<x>', 'a"b', "c'd", '&amp;', 'RAW'), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const attrName = fc.constantFrom('constructor', 'toString', 'id', 'class', 'className', 'htmlFor', 'href', 'hx-get', 'aria-label', 'data-level', 'disabled', 'checked', 'selected', 'hidden', 'open', 'required', 'aria-hidden', 'value', 'bad name', 'a"b', '');
const tag = fc.constantFrom('div', 'span', 'p', 'a', 'table', 'tr', 'td', 'ul', 'li', 'input', 'br', 'img', 'hr', 'option', 'select', 'textarea', 'button', 'form', 'label');

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((value) => ({ kind: 'text', value }) as Node),
    fc.constantFrom('<i>ok</i>', '&nbsp;', '').map((html) => ({ kind: 'raw', html }) as Node),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => ({ kind: 'list', items }) as Node),
    fc
      .record({ tag, attrs: fc.uniqueArray(fc.tuple(attrName, attrValue), { maxLength: 4, selector: ([k]) => k }), children: fc.array(tie('node'), { maxLength: 3 }) })
      .map((r) => ({ kind: 'element', ...r }) as Node),
    fc.record({ child: tie('node'), returns: fc.constantFrom('node', 'array', 'text', 'null') }).map((r) => ({ kind: 'component', ...r }) as Node),
    fc.array(tie('node'), { maxLength: 3 }).map((children) => ({ kind: 'fragment', children }) as Node),
  ),
}));

describe('the JSX runtime of the views', () => {
  it('writes the same HTML as Hono’s JSX for any tree of elements, components, fragments, text and raw markup', () => {
    fc.assert(
      fc.property(node, (n) => {
        expect(ourHtml(n)).toBe(honoHtml(n));
      }),
      { numRuns: 3000 },
    );
  });

  it('escapes text and attributes, keeps raw markup, writes void and boolean attributes as HTML does', () => {
    const html = String(
      <form action="/x?a=1&b=2" class="c">
        <label htmlFor="n">A &lt; {'<b>'} & "q"</label>
        <input id="n" name="n" value={'5" onfocus="x'} required={true} disabled={false} aria-hidden={true} />
        <br />
        {raw('<i>kept</i>')}
        {[1, null, false, undefined, 'two']}
      </form>,
    );
    expect(html).toBe(
      '<form action="/x?a=1&amp;b=2" class="c"><label for="n">A &lt; &lt;b&gt; &amp; &quot;q&quot;</label>' +
        '<input id="n" name="n" value="5&quot; onfocus=&quot;x" required="" aria-hidden="true"/><br/><i>kept</i>1two</form>',
    );
  });

  it('makes every element, a component returning raw() markup too, something c.html() sends as one plain string', () => {
    const Raw = () => raw('<td>kept</td>');
    for (const el of [jsx(Raw, {}), jsx('p', { children: 'x' }), jsx(Fragment, { children: ['a', raw('<b>')] })]) {
      // A String object body would reach the Node adapter as a stream, and a streamed answer goes out uncompressed.
      expect(el).not.toBeInstanceOf(String);
      expect(typeof el.toString()).toBe('string');
    }
    expect(String(jsx(Raw, {}))).toBe('<td>kept</td>');
  });

  it('refuses what would silently render wrong: a promise as a child, a style object, a function as a plain attribute', () => {
    expect(() => jsx('p', { children: Promise.resolve('late') })).toThrow(/promise/);
    expect(() => jsx('p', { style: { color: 'red' } })).toThrow(/style/);
    expect(() => jsx('p', { title: () => 'x' })).toThrow(/function/);
    expect(String(jsx('button', { onclick: () => 'x', children: 'ok' }))).toBe('<button>ok</button>');
  });
});
