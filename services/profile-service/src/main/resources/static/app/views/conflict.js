// The conflict view: a save the service refused with 409 because someone changed the same words. It shows the
// base text, theirs (who, when) and mine, each of the two with a word diff against the base, and lets the editor
// take theirs, keep mine (saved again on the current revision) or save a merged text. Closing it keeps the draft.
import { h } from '../dom.js';
import { wordDiff } from '../diffs.js';

export function openConflict({ base, baseRevision, theirs, theirsRevision, changedBy, changedAt, mine, onTakeTheirs,
                               onSave }) {
  const merged = h('textarea', { id: 'conflict-merged', name: 'merged', rows: 6 }, );
  merged.value = mine;
  const status = h('p', { class: 'form-error', role: 'alert' });
  const dialog = h('dialog', { class: 'conflict', 'data-role': 'conflict', 'aria-labelledby': 'conflict-title' },
    h('h2', { id: 'conflict-title' }, 'Someone changed this claim while you were editing'),
    h('p', {}, 'Your save was not applied. Nothing you typed is lost: choose what to keep.'),
    h('div', { class: 'conflict-columns' },
      h('section', { 'data-role': 'conflict-base' }, h('h3', {}, `Base (revision ${baseRevision})`),
        h('p', { class: 'conflict-text' }, base)),
      h('section', { 'data-role': 'conflict-theirs' },
        h('h3', {}, `Theirs: ${changedBy || 'another editor'}, revision ${theirsRevision}`),
        changedAt ? h('p', { class: 'meta' }, changedAt) : null,
        h('p', { class: 'conflict-text' }, wordDiff(base, theirs))),
      h('section', { 'data-role': 'conflict-mine' }, h('h3', {}, 'Mine'),
        h('p', { class: 'conflict-text' }, wordDiff(base, mine)))),
    h('label', { for: 'conflict-merged' }, 'Merged text (edit freely, then save it)'), merged,
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-action': 'take-theirs', onclick: () => { dialog.close(); onTakeTheirs(); } },
        'Take theirs'),
      h('button', { type: 'button', class: 'primary', 'data-action': 'keep-mine', onclick: () => save(mine) },
        'Keep mine'),
      h('button', { type: 'button', 'data-action': 'save-merged', onclick: () => save(merged.value) }, 'Save merged text'),
      h('button', { type: 'button', 'data-action': 'close', onclick: () => dialog.close() }, 'Back to editing')));

  async function save(text) {
    status.textContent = '';
    try {
      await onSave(text, theirsRevision);
      dialog.close();
    } catch (error) {
      status.textContent = error.message;
    }
  }
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
