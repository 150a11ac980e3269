// Small DOM helpers shared by the views. Text from the store is only ever set as text (textContent), never parsed
// as HTML: h() takes strings and numbers as text nodes, and there is no way to pass markup through it.

/** h('p', {class: 'x', dataset: {claimId: 'c1'}, onclick: fn}, 'text', child, ...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago" in a <time> whose title and datetime are the exact instant. */
export function timeAgo(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return h('time', { datetime: date.toISOString(), title: absolute.format(date) }, ago(date));
}

export function ago(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return absolute.format(date);
}

export function formatDate(iso) {
  return absolute.format(new Date(iso));
}

/** A value for <input type="datetime-local"> from an ISO instant, in local time. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}

/** Announces a message to screen readers (and shows it briefly) through the page's live region. */
export function announce(message) {
  const region = document.querySelector('[data-role="announcer"]');
  if (region) region.textContent = message;
}

/** A message for a failed call: the problem's detail when the service sent one. */
export function problemText(error) {
  if (error && error.problem) return error.problem.detail || error.problem.title || `Error ${error.status}`;
  return error && error.message ? error.message : String(error);
}

/** An error line for a form, linked to the form for screen readers. */
export function errorLine(form) {
  let line = form.querySelector('[data-role="form-error"]');
  if (!line) {
    line = h('p', { class: 'form-error', role: 'alert', 'data-role': 'form-error', id: `e-${Math.random().toString(36).slice(2)}` });
    form.append(line);
  }
  return line;
}
