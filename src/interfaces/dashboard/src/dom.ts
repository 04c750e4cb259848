import { cell } from './format.js';
import type { ApiRow } from './api.js';

/** An element with a class and children (text or elements). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

/**
 * A headline figure. `data-figure` names it and `data-value` holds the raw number, so the
 * browser test can hold the page to the API and the CLI.
 */
export function figure(
  name: string,
  label: string,
  value: number | string | boolean | null | undefined,
  formatted: string,
): HTMLElement {
  return el(
    'div',
    {
      class: 'figure',
      'data-figure': name,
      'data-value': value === null || value === undefined ? '' : String(value),
    },
    el('div', { class: 'figure-value' }, formatted),
    el('div', { class: 'figure-label' }, label),
  );
}

/** A table of rows, formatted like the CLI's (money, percentages, — for undefined). */
export function table(
  rows: readonly ApiRow[],
  columns: readonly string[],
  name: string,
): HTMLElement {
  if (!rows.length) return empty(name, 'No rows for these filters.');
  return el(
    'table',
    { 'data-table': name },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', {}, c.replaceAll('_', ' '))))),
    el(
      'tbody',
      {},
      ...rows.map((r) => el('tr', {}, ...columns.map((c) => el('td', {}, cell(c, r[c]))))),
    ),
  );
}

/** What a chart or table shows when there is nothing to show, and why. */
export function empty(name: string, text: string): HTMLElement {
  return el('div', { class: 'empty', 'data-empty': name }, text);
}

export function section(title: string, ...children: Node[]): HTMLElement {
  return el('section', { class: 'card' }, el('h2', {}, title), ...children);
}
