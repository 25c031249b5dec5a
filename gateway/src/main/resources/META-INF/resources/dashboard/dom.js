// DOM building and formatting. Nothing from the farm is ever parsed as HTML: text becomes text
// nodes and attribute values, so a job's reason or a voice's name cannot inject markup.

/** An element with attributes (`on…` ones as listeners) and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((child) => child != null).map((child) => (child instanceof Node ? child : String(child))));
  return node;
}

/** A table with a header row; each row is `{attributes, cells}`. */
export function table(testid, headers, rows) {
  return el('table', { 'data-testid': testid },
    el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, rows.map(({ attributes, cells }) => el('tr', attributes, cells.map((cell) => el('td', {}, cell))))));
}

/** A link to a job's page. */
export function jobLink(id) {
  return el('a', { href: `#/job/${encodeURIComponent(id)}`, class: 'mono' }, id);
}

/** A message in place of a view's content when the gateway refused or could not be reached. */
export function errorBox(error) {
  return el('p', { role: 'alert', class: 'error', 'data-testid': 'view-error' }, error.message);
}

export const DASH = '—';

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : DASH;
}

export function formatSeconds(seconds) {
  if (seconds == null) return DASH;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** How much of a training is done, from a job's `progress` (`epoch` of `epochs`). */
export function percentOf(progress) {
  return progress?.epochs ? Math.round((1000 * progress.epoch) / progress.epochs) / 10 : null;
}
