/** A few DOM helpers: elements from tag, attributes and children, without a framework. */

export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element; `on*` attributes given functions become event listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A link that opens outside the explorer, or plain text when there is no URL. */
export function externalLink(text: string, url: string | undefined): Node {
  if (url === undefined || !/^https?:\/\//.test(url)) return document.createTextNode(text);
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text);
}

/**
 * A table with a header row; columns from `numeric` on (or the columns in `numeric`) are
 * right-aligned numbers.
 */
export function table(
  id: string,
  headers: readonly string[],
  numeric: number | readonly number[],
  rows: readonly Node[],
): HTMLTableElement {
  const isNumeric = (k: number) =>
    typeof numeric === 'number' ? k >= numeric : numeric.includes(k);
  const head = headers.map((text, k) => h('th', { class: isNumeric(k) ? 'num' : null }, text));
  return h('table', { id }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, [...rows]));
}
