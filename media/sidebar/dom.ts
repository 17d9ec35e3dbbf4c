/**
 * A tiny element builder. Strings become text nodes, never markup: an error that contains
 * `<img src=x onerror=…>` is shown as those characters. Nothing in the page uses innerHTML.
 */

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  id?: string;
  /** Plain attributes (aria-*, role, title, type, tabindex, data-*). */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

function append(el: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
    return;
  }
  el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, handler] of Object.entries(props.on ?? {})) {
    if (handler) el.addEventListener(name, handler as EventListener);
  }
  append(el, children);
  return el;
}

/** A codicon, hidden from screen readers (the control around it carries the label). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extra ? ' ' + extra : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let idCounter = 0;
export function uid(prefix: string): string {
  return `${prefix}-${++idCounter}`;
}

/**
 * Arrow-key navigation over the focusable items of a list (roving focus): Up/Down (or
 * Left/Right for horizontal lists), Home, End. Items are the elements matching `selector`.
 */
export function arrowNavigation(container: HTMLElement, selector: string, horizontal = false): void {
  container.addEventListener('keydown', (ev) => {
    const prev = horizontal ? 'ArrowLeft' : 'ArrowUp';
    const next = horizontal ? 'ArrowRight' : 'ArrowDown';
    if (![prev, next, 'Home', 'End'].includes(ev.key)) return;
    const items = Array.from(container.querySelectorAll<HTMLElement>(selector)).filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0 && ev.key !== 'Home' && ev.key !== 'End') return;
    let to = at;
    if (ev.key === prev) to = Math.max(0, at - 1);
    else if (ev.key === next) to = Math.min(items.length - 1, at + 1);
    else if (ev.key === 'Home') to = 0;
    else to = items.length - 1;
    ev.preventDefault();
    items[to]?.focus();
  });
}
