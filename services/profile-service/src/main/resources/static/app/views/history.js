// A profile's history: entries newest first, filtered by editor and time range (in the URL), two revisions
// compared (like Wikipedia's "compare selected revisions"), each revision one click from the profile as it was.
import { api } from '../api.js';
import { clear, fromLocalInput, h, problemText, timeAgo, toLocalInput } from '../dom.js';
import { changeList } from '../diffs.js';

export async function render(main, { params, query, me }) {
  const id = params[0];
  const filters = { editor: query.get('editor') || '', from: query.get('from') || '', to: query.get('to') || '',
    page: query.get('page') || 0, size: 50 };
  const profile = await api.profile(id);
  const form = h('form', { class: 'filters', 'data-role': 'history-filters' },
    h('div', {}, h('label', { for: 'h-editor' }, 'Editor'), h('input', { id: 'h-editor', name: 'editor', value: filters.editor })),
    h('div', {}, h('label', { for: 'h-from' }, 'From'), h('input', { id: 'h-from', name: 'from', type: 'datetime-local', value: toLocalInput(filters.from) })),
    h('div', {}, h('label', { for: 'h-to' }, 'To'), h('input', { id: 'h-to', name: 'to', type: 'datetime-local', value: toLocalInput(filters.to) })),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const url = new URL(location.href);
    url.search = '';
    const data = new FormData(form);
    if (data.get('editor')) url.searchParams.set('editor', data.get('editor'));
    if (data.get('from')) url.searchParams.set('from', fromLocalInput(data.get('from')));
    if (data.get('to')) url.searchParams.set('to', fromLocalInput(data.get('to')));
    location.assign(url);
  });
  const diffArea = h('div', { 'data-role': 'diff' });
  clear(main, h('p', { class: 'breadcrumb' }, h('a', { href: `/profiles/${encodeURIComponent(id)}` }, `← ${profile.identity.name}`)),
    h('h1', {}, `History of ${profile.identity.name}`), form, h('div', { 'data-role': 'entries' }, h('p', {}, 'Loading…')), diffArea);
  let page;
  try {
    page = await api.history(id, filters);
  } catch (error) {
    return clear(main.querySelector('[data-role="entries"]'), h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
  const compare = h('form', { class: 'history-list' },
    h('p', { class: 'hint' }, `${page.total} revisions. Choose two to compare.`),
    h('table', {}, h('thead', {}, h('tr', {}, ['From', 'To', 'Revision', 'Editor', 'When', 'Summary', 'What', ''].map(title => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, page.entries.map((entry, i) => h('tr', { dataset: { revision: entry.revision } },
        h('td', {}, h('input', { type: 'radio', name: 'from', value: entry.revision, checked: i === 1, 'aria-label': `Compare from revision ${entry.revision}` })),
        h('td', {}, h('input', { type: 'radio', name: 'to', value: entry.revision, checked: i === 0, 'aria-label': `Compare to revision ${entry.revision}` })),
        h('td', {}, h('a', { href: `/profiles/${encodeURIComponent(id)}?at=${entry.revision}` }, String(entry.revision))),
        h('td', {}, h('a', { href: `/audit?editor=${encodeURIComponent(entry.editor)}` }, entry.editor)),
        h('td', {}, timeAgo(entry.time)),
        h('td', {}, entry.summary || ''),
        h('td', {}, entry.events.join(', ')),
        h('td', {}, me.canEdit && i > 0 ? h('button', { type: 'button', class: 'small', 'data-action': 'revert-profile',
          onclick: () => revert(id, entry.revision) }, 'Revert to this') : null))))),
    h('button', { type: 'submit', class: 'primary' }, 'Compare selected revisions'));
  compare.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(compare);
    const [from, to] = [Number(data.get('from')), Number(data.get('to'))].sort((a, b) => a - b);
    try {
      showDiff(diffArea, from, to, await api.diff(id, from, to));
    } catch (error) {
      clear(diffArea, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
    }
  });
  clear(main.querySelector('[data-role="entries"]'), compare);
}

async function revert(id, revision) {
  const summary = prompt(`Summary of the revert to revision ${revision}`, `Revert to revision ${revision}`);
  if (summary === null) return;
  try {
    await api.revert(id, { toRevision: revision, summary });
    location.assign(`/profiles/${encodeURIComponent(id)}`);
  } catch (error) {
    alert(`Not reverted: ${problemText(error)}`);
  }
}

function showDiff(area, from, to, diff) {
  clear(area, h('h2', { tabindex: -1 }, `Changes from revision ${from} to ${to}`), ...changeList(diff));
  area.querySelector('h2').focus();
}
