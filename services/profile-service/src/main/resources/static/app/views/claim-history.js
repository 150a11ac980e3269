// One claim's history (editor, time, summary, word diff of each revision, a revert to any of them) and its blame
// (created by, last changed by, number of revisions), shown in the claim's panel.
import { api } from '../api.js';
import { clear, h, problemText, timeAgo } from '../dom.js';
import { wordDiff } from '../diffs.js';

export async function showClaimHistory(panel, { profileId, claimId, canEdit, onRevert }) {
  clear(panel, h('p', { class: 'hint' }, 'Loading history…'));
  try {
    const steps = await api.claimHistory(profileId, claimId);
    const states = await reviewStates(profileId, steps);
    const latest = steps.length ? steps[steps.length - 1].revision : 0;
    clear(panel, h('h3', { class: 'panel-title' }, `History of this claim (${steps.length})`),
      h('ol', { class: 'claim-history', reversed: true, 'data-role': 'claim-history' },
        [...steps].reverse().map(step => h('li', { dataset: { revision: step.revision } },
          h('div', { class: 'meta' }, `Revision ${step.revision} · ${step.editor} · `, timeAgo(step.time),
            step.summary ? ` · “${step.summary}”` : '', ` · ${describe(step.change)}`,
            states.has(step.revision) ? h('span', { class: 'review-state', 'data-role': 'review-state' }, ` · ${states.get(step.revision)}`) : null),
          step.change.aspects.includes('CONTENT') && step.change.before && step.change.after
            ? h('p', { class: 'diff' }, wordDiff(step.change.before.text, step.change.after.text)) : null,
          step.change.aspects.includes('ADDED') && step.change.after ? h('p', { class: 'diff' }, h('ins', {}, step.change.after.text)) : null,
          canEdit && step.revision !== latest ? h('button', { type: 'button', class: 'small', 'data-action': 'revert-claim',
            onclick: () => onRevert(step.revision) }, `Bring back revision ${step.revision}`) : null))));
  } catch (error) {
    clear(panel, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
}

/** Each step's review state in words ("approved by vera"), by revision; none when the states cannot be read. */
async function reviewStates(profileId, steps) {
  const words = review => ({
    UNREVIEWED: 'unreviewed', EXPIRED: 'never reviewed',
    APPROVED: `approved by ${review.review?.reviewer}`,
    REJECTED: `rejected by ${review.review?.reviewer}: “${review.review?.reason}”`,
    UNDONE: `undone by ${review.review?.reviewer}: “${review.review?.reason}”`,
  })[review.state];
  try {
    const { reviews } = steps.length ? await api.reviews(profileId, steps.map(step => step.revision).slice(-200)) : { reviews: [] };
    return new Map(reviews.filter(words).map(review => [review.revision, words(review)]));
  } catch {
    return new Map(); // the history reads without them
  }
}

function describe(change) {
  const names = { ADDED: 'added', REMOVED: 'retracted', CONTENT: 'text changed', MOVED: 'moved', CITATIONS: 'citations' };
  const parts = change.aspects.map(aspect => names[aspect] || aspect.toLowerCase());
  if (change.cited && change.cited.length) parts.push(`cited ${change.cited.join(', ')}`);
  if (change.uncited && change.uncited.length) parts.push(`uncited ${change.uncited.join(', ')}`);
  return parts.join(', ');
}

export async function showBlame(panel, { profileId, claimId }) {
  clear(panel, h('p', { class: 'hint' }, 'Loading…'));
  try {
    const blame = await api.blame(profileId);
    const line = blame.claims.find(entry => entry.claimId === claimId);
    clear(panel, line ? h('p', { class: 'blame', 'data-role': 'blame' },
      `Created by ${line.createdBy} (revision ${line.createdRevision}, `, timeAgo(line.createdAt), '); ',
      `last changed by ${line.lastChangedBy} (revision ${line.lastChangedRevision}, `, timeAgo(line.lastChangedAt), '); ',
      `${line.revisions} revision${line.revisions === 1 ? '' : 's'} by ${line.editors.join(', ')}.`)
      : h('p', {}, 'No blame for this claim yet.'));
  } catch (error) {
    clear(panel, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
}
