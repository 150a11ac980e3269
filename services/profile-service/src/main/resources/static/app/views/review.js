// The patrol queue: changes waiting for review across profiles, newest first, each with its risk flags and diff, and
// (for a reviewer, on others' changes) approve, or reject with a reason, which reverts that change. Filters and the
// page are in the URL.
import { api } from '../api.js';
import { announce, clear, fromLocalInput, h, problemText, timeAgo, toLocalInput } from '../dom.js';
import { changeList } from '../diffs.js';

const FLAGS = [
  ['uncited-claim', 'Uncited claim'], ['citation-lost', 'Lost its last citation'],
  ['source-url-changed', 'Source URL changed'], ['cited-source-removed', 'Cited source removed'],
  ['large-deletion', 'Large deletion'], ['reverts-others', 'Reverts others'],
  ['first-changes', 'First changes'], ['burst', 'Burst'],
];
const FILTERS = ['profile', 'editor', 'flag', 'since', 'until'];

export async function render(main, { query, me }) {
  const filters = Object.fromEntries(FILTERS.filter(name => query.get(name)).map(name => [name, query.get(name)]));
  const list = h('div', { 'data-role': 'queue' }, h('p', {}, 'Loading…'));
  clear(main, h('h1', {}, 'Review'), filterForm(filters), list);
  let page;
  try {
    page = await api.reviewQueue({ ...filters, before: query.get('before') || undefined, limit: 20 });
  } catch (error) {
    return clear(list, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
  clear(list,
    h('p', { class: 'hint', 'data-role': 'waiting' }, `${page.waiting} change${page.waiting === 1 ? '' : 's'} waiting`
      + (filters.profile ? ` on ${filters.profile}` : filters.editor ? ` by ${filters.editor}` : filters.flag ? ` flagged ${filters.flag}` : '')
      + (me.canReview ? '.' : '. Only a reviewer may approve or reject them.')),
    page.changes.length ? h('ol', { class: 'review-queue' }, page.changes.map(change => item(change, me)))
      : h('p', { class: 'hint', 'data-role': 'nothing-waiting' }, 'Nothing waiting for review.'),
    page.next ? h('p', {}, h('a', { href: pageUrl(filters, page.next), 'data-action': 'older' }, 'Older changes →')) : null);
}

function filterForm(filters) {
  const form = h('form', { class: 'filters', 'data-role': 'review-filters' },
    h('div', {}, h('label', { for: 'r-profile' }, 'Profile'), h('input', { id: 'r-profile', name: 'profile', value: filters.profile || '' })),
    h('div', {}, h('label', { for: 'r-editor' }, 'Editor'), h('input', { id: 'r-editor', name: 'editor', value: filters.editor || '' })),
    h('div', {}, h('label', { for: 'r-flag' }, 'Flag'), h('select', { id: 'r-flag', name: 'flag' },
      h('option', { value: '' }, 'Any'),
      FLAGS.map(([code, label]) => h('option', { value: code, selected: filters.flag === code }, label)))),
    h('div', {}, h('label', { for: 'r-since' }, 'Since'), h('input', { id: 'r-since', name: 'since', type: 'datetime-local', value: toLocalInput(filters.since) })),
    h('div', {}, h('label', { for: 'r-until' }, 'Until'), h('input', { id: 'r-until', name: 'until', type: 'datetime-local', value: toLocalInput(filters.until) })),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = {};
    for (const name of FILTERS) {
      const value = data.get(name);
      if (value) chosen[name] = name === 'since' || name === 'until' ? fromLocalInput(value) : value;
    }
    location.assign(pageUrl(chosen));
  });
  return form;
}

function pageUrl(filters, before) {
  const url = new URL('/review', location.origin);
  Object.entries(filters).forEach(([name, value]) => url.searchParams.set(name, value));
  if (before) url.searchParams.set('before', before);
  return url.pathname + url.search;
}

function item(change, me) {
  const name = `revision ${change.revision} of ${change.profileId}`;
  const li = h('li', { class: 'review-item', dataset: { profileId: change.profileId, revision: change.revision } },
    h('h2', {},
      h('a', { href: `/profiles/${encodeURIComponent(change.profileId)}?at=${change.revision}` }, change.profileId),
      ` · revision ${change.revision}`),
    h('p', { class: 'meta' }, 'by ', h('a', { href: `/review?editor=${encodeURIComponent(change.editor)}` }, change.editor),
      ' ', timeAgo(change.time), change.summary ? `: “${change.summary}”` : ''),
    change.flags.length ? h('ul', { class: 'flags', 'aria-label': 'Risk flags' }, change.flags.map(flag =>
      h('li', { class: `flag flag-${flag.code}`, dataset: { flag: flag.code }, title: flag.sentence }, flag.sentence))) : null,
    change.changes ? h('div', { class: 'review-diff' }, ...changeList(change.changes)) : h('p', { class: 'hint' }, 'Its diff is not in the history yet.'),
    actions(change, me, name));
  return li;
}

function actions(change, me, name) {
  if (!me.canReview) return null;
  if (change.editor === me.name) return h('p', { class: 'hint' }, 'Your change: another reviewer reviews it.');
  const reason = h('input', { name: 'reason', 'aria-label': `Reason for rejecting ${name}`, placeholder: 'Reason (required to reject)' });
  const outcome = h('p', { class: 'outcome', role: 'status' });
  const done = (li, message) => {
    li.classList.add('reviewed');
    li.querySelectorAll('button, input').forEach(control => { control.disabled = true; });
    outcome.textContent = message;
    announce(message);
  };
  const approve = h('button', { type: 'button', class: 'primary', 'data-action': 'approve', onclick: async event => {
    const li = event.target.closest('li.review-item');
    try {
      const result = await api.approve(change.profileId, change.revision, {});
      done(li, `Approved ${name} (revision ${result.revision}).`);
    } catch (error) {
      outcome.textContent = `Not approved: ${problemText(error)}`;
    }
  } }, 'Approve');
  const reject = h('button', { type: 'button', 'data-action': 'reject', onclick: async event => {
    const li = event.target.closest('li.review-item');
    if (!reason.value.trim()) {
      outcome.textContent = 'Say why it is rejected.';
      return reason.focus();
    }
    try {
      const result = await api.reject(change.profileId, change.revision, { reason: reason.value.trim() });
      done(li, `Rejected ${name}: taken back in revision ${result.revision}.`);
    } catch (error) {
      outcome.textContent = `Not rejected: ${problemText(error)}` + (error.problem?.currentText
        ? ` The claim now reads “${error.problem.currentText}” (changed by ${error.problem.changedBy}).` : '');
    }
  } }, 'Reject');
  return h('div', { class: 'review-actions' }, approve, reason, reject, outcome);
}
