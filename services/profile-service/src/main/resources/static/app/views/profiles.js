// The start page: every profile, searchable by name and category (in the page: the list is one small call), and
// the import of a page text or our Markdown, with the importer's problem shown next to the text.
import { api } from '../api.js';
import { clear, h, problemText } from '../dom.js';

export async function render(main, { me, query }) {
  const profiles = await api.profiles();
  const categories = [...new Set(profiles.map(profile => profile.category).filter(Boolean))].sort();
  const search = h('input', { id: 'search', type: 'search', name: 'q', value: query.get('q') || '', autocomplete: 'off' });
  const category = h('select', { id: 'category', name: 'category' }, h('option', { value: '' }, 'All categories'),
    categories.map(name => h('option', { value: name, selected: name === query.get('category') }, name)));
  const list = h('ul', { class: 'profile-list', 'data-role': 'profile-list' });
  const count = h('p', { class: 'hint', role: 'status' });

  function show() {
    const words = search.value.trim().toLowerCase();
    const shown = profiles.filter(profile =>
      (!category.value || profile.category === category.value) &&
      (!words || [profile.name, profile.shortName, profile.tagline].some(text => (text || '').toLowerCase().includes(words))));
    clear(list, shown.map(profile => h('li', { dataset: { profileId: profile.id } },
      h('a', { href: `/profiles/${encodeURIComponent(profile.id)}` }, profile.name),
      profile.shortName ? h('span', { class: 'muted' }, ` (${profile.shortName})`) : null,
      h('div', { class: 'meta' }, [profile.category, profile.tagline, `revision ${profile.revision}`].filter(Boolean).join(' · ')))));
    count.textContent = `${shown.length} of ${profiles.length} profiles`;
    // The search is part of the URL, so it can be shared and survives a reload.
    const url = new URL(location.href);
    for (const [name, value] of [['q', search.value.trim()], ['category', category.value]]) {
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    }
    history.replaceState(null, '', url);
  }
  search.addEventListener('input', show);
  category.addEventListener('change', show);

  clear(main,
    h('h1', {}, 'Profiles'),
    h('form', { class: 'filters', role: 'search', onsubmit: event => event.preventDefault() },
      h('div', {}, h('label', { for: 'search' }, 'Search by name'), search),
      h('div', {}, h('label', { for: 'category' }, 'Category'), category)),
    count, list,
    me.canEdit ? importForm() : null);
  show();
}

function importForm() {
  const text = h('textarea', { id: 'import-text', name: 'text', rows: 10, 'aria-describedby': 'import-hint' });
  const file = h('input', { id: 'import-file', type: 'file', accept: '.txt,.md,.markdown,text/plain,text/markdown' });
  // The importer's problem goes right under the text it is about.
  const problem = h('p', { id: 'import-problem', class: 'form-error', role: 'alert', 'data-role': 'import-problem' });
  const id = h('input', { id: 'import-id', name: 'id', pattern: '[a-z0-9-]+', 'aria-describedby': 'import-id-hint' });
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  const form = h('form', { class: 'stack card', 'data-role': 'import' },
    h('h2', {}, 'Import a profile'),
    h('p', { id: 'import-hint', class: 'hint' }, 'Paste the directory\'s page text or our Markdown export, or choose a file.'),
    h('label', { for: 'import-file' }, 'File'), file,
    h('label', { for: 'import-text' }, 'Text'), text, problem,
    h('label', { for: 'import-id' }, 'Id (optional)'),
    h('p', { id: 'import-id-hint', class: 'hint' }, 'Lowercase letters, digits and hyphens; without it, a slug of the name.'), id,
    h('button', { type: 'submit', class: 'primary', 'data-action': 'import' }, 'Import'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.textContent = '';
    text.removeAttribute('aria-invalid');
    try {
      const profile = await api.importProfile(text.value, { id: id.value.trim() || undefined });
      location.assign(`/profiles/${encodeURIComponent(profile.id)}`);
    } catch (failure) {
      problem.textContent = `Not imported: ${problemText(failure)}`;
      text.setAttribute('aria-invalid', 'true');
      text.setAttribute('aria-describedby', 'import-hint import-problem');
      text.focus();
      if (failure.problem?.line) selectLine(text, failure.problem.line);
    }
  });
  return form;
}

/** Selects line number (from 1) of a textarea and scrolls it into view, as an editor's "go to line" does. */
function selectLine(textarea, number) {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, number - 1).reduce((length, line) => length + line.length + 1, 0);
  textarea.setSelectionRange(start, start + (lines[number - 1] || '').length);
  const lineHeight = textarea.scrollHeight / Math.max(1, lines.length);
  textarea.scrollTop = Math.max(0, (number - 3) * lineHeight);
}
