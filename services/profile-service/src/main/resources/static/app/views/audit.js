// What one editor did across all profiles in a time range (the API's audit), newest first.
import { api } from '../api.js';
import { clear, fromLocalInput, h, problemText, timeAgo, toLocalInput } from '../dom.js';
import { Watches } from '../watching.js';

export async function render(main, { me, query }) {
  const editor = query.get('editor') || me.name;
  const form = h('form', { class: 'filters', method: 'get', action: '/audit', 'data-role': 'audit-filters' },
    h('div', {}, h('label', { for: 'a-editor' }, 'Editor'), h('input', { id: 'a-editor', name: 'editor', value: editor, required: true })),
    h('div', {}, h('label', { for: 'a-from' }, 'From'), h('input', { id: 'a-from', type: 'datetime-local', value: toLocalInput(query.get('from')) })),
    h('div', {}, h('label', { for: 'a-to' }, 'To'), h('input', { id: 'a-to', type: 'datetime-local', value: toLocalInput(query.get('to')) })),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const url = new URL('/audit', location.href);
    url.searchParams.set('editor', form.querySelector('#a-editor').value);
    for (const name of ['from', 'to']) {
      const value = form.querySelector(`#a-${name}`).value;
      if (value) url.searchParams.set(name, fromLocalInput(value));
    }
    location.assign(url);
  });
  const results = h('div', { 'data-role': 'audit' }, h('p', {}, 'Loading…'));
  const watches = await Watches.load();
  clear(main, h('h1', {}, `Audit: ${editor}`, ' ', watches.toggle({ editor }, `the editor ${editor}`, 'watch-editor')),
    form, results);
  try {
    const page = await api.audit({ editor, from: query.get('from'), to: query.get('to') });
    clear(results, h('p', { class: 'hint' }, `${page.total} edits from `, timeAgo(page.from), ' to ', timeAgo(page.to), '.'),
      h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Profile', 'Revision', 'Summary', 'What'].map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, page.entries.map(entry => h('tr', {},
          h('td', {}, timeAgo(entry.time)),
          h('td', {}, h('a', { href: `/profiles/${encodeURIComponent(entry.profileId)}` }, entry.profileId)),
          h('td', {}, h('a', { href: `/profiles/${encodeURIComponent(entry.profileId)}?at=${entry.revision}` }, String(entry.revision))),
          h('td', {}, entry.summary || ''), h('td', {}, entry.events.join(', ')))))));
  } catch (error) {
    clear(results, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
}
