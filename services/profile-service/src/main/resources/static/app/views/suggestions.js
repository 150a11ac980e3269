// Suggestion mode on the profile page: a banner that says the profile is in it (with the switch, for a reviewer), and
// every open suggestion next to what it would change, as a visible proposal: its author, summary and word diff, with
// Accept / Decline for a reviewer and Amend / Withdraw for its author. Each action is a revision, drawn by the page.
import { api } from '../api.js';
import { announce, errorLine, h, problemText } from '../dom.js';
import { wordDiff } from '../diffs.js';

export class SuggestionBoard {
  /** write: the page's way to run a write and redraw at the revision it made. */
  constructor(profileId, me, write) {
    this.profileId = profileId;
    this.me = me;
    this.write = write;
    this.state = { suggesting: false, suggestions: [] };
  }

  async load(minRevision) {
    this.state = await api.suggestions(this.profileId, minRevision);
  }

  /** Whether this user's edits are kept as suggestions. */
  get suggestsOnly() {
    return this.state.suggesting && !this.me.canReview;
  }

  banner() {
    const turn = on => this.button(on ? 'Turn suggestion mode on' : 'Turn suggestion mode off', null,
      () => this.write(() => api.suggestionMode(this.profileId, { on })), on ? 'suggestion-mode-on' : 'suggestion-mode-off');
    if (!this.state.suggesting) {
      return this.me.canReview ? h('p', { class: 'suggestion-switch' }, turn(true)) : null;
    }
    return h('div', { class: 'banner suggesting', role: 'status', 'data-role': 'suggestion-mode' },
      h('strong', {}, 'Suggestion mode. '),
      this.me.canReview ? 'Editors’ changes are kept as suggestions until a reviewer accepts them.'
        : 'Your changes are kept as suggestions until a reviewer accepts them.',
      ` ${this.state.suggestions.length} open.`, this.me.canReview ? turn(false) : null);
  }

  forClaim(claimId) {
    return this.cards(s => s.claimId === claimId);
  }

  forSection(sectionId) {
    return this.cards(s => !s.claimId && s.sectionId === sectionId);
  }

  forProfile() {
    return this.cards(s => !s.claimId && !s.sectionId);
  }

  cards(wanted) {
    const chosen = this.state.suggestions.filter(wanted);
    return chosen.length ? h('div', { class: 'suggestions' }, chosen.map(s => this.card(s))) : null;
  }

  card(s) {
    const mine = s.author === this.me.name;
    const text = s.suggestedText === null ? h('p', { class: 'suggested-change' }, s.describes)
      : h('p', { class: 'suggested-text', 'data-role': 'suggested-text' },
        s.currentText === null ? h('ins', {}, s.suggestedText) : wordDiff(s.currentText, s.suggestedText));
    const card = h('div', { class: 'suggestion', role: 'group', 'aria-label': `Suggestion ${s.id} by ${s.author}`,
      dataset: { suggestionId: s.id, author: s.author } },
      h('p', { class: 'suggestion-head' }, h('span', { class: 'suggestion-tag' }, 'Suggested'), ' by ',
        h('strong', { 'data-role': 'suggestion-author' }, s.author), s.summary ? `: “${s.summary}”` : '',
        h('span', { class: 'meta' }, ` · ${s.describes}`)),
      text);
    const actions = h('div', { class: 'actions', role: 'group', 'aria-label': `Suggestion ${s.id}` },
      this.me.canReview && !mine ? [
        this.button('Accept', `Accept suggestion ${s.id} by ${s.author}`, () => this.settle(card,
          () => api.acceptSuggestion(this.profileId, s.id, {}), `Accepted ${s.author}’s suggestion`), 'accept-suggestion'),
        this.button('Decline', `Decline suggestion ${s.id} by ${s.author}`, () => this.reasonForm(card, s), 'decline-suggestion'),
      ] : null,
      mine && this.me.canEdit ? [
        s.edit === 'ReviseClaim' ? this.button('Amend', `Amend your suggestion ${s.id}`, () => this.amendForm(card, s),
          'amend-suggestion') : null,
        this.button('Withdraw', `Withdraw your suggestion ${s.id}`, () => this.settle(card,
          () => api.withdrawSuggestion(this.profileId, s.id, {}), 'Suggestion withdrawn'), 'withdraw-suggestion'),
      ] : null);
    card.append(actions);
    return card;
  }

  /** Runs a suggestion's action; a refusal (a 409 shows both texts) stays in its card. */
  async settle(card, action, done) {
    const error = errorLine(card);
    error.textContent = '';
    try {
      await this.write(action, card);
      announce(done);
    } catch (failure) {
      const problem = failure.problem || {};
      error.textContent = problem.currentText !== undefined
        ? `Not accepted: the claim changed since (${problem.changedBy}). Now: “${problem.currentText}”; suggested: “${problem.suggestedText}”.`
        : `Not done: ${problemText(failure)}`;
    }
  }

  reasonForm(card, s) {
    this.form(card, 'reason', 'Why decline it?', '', reason =>
      this.settle(card, () => api.declineSuggestion(this.profileId, s.id, { reason }), `Declined ${s.author}’s suggestion`));
  }

  amendForm(card, s) {
    this.form(card, 'text', `New text for claim ${s.claimId}`, s.suggestedText, text =>
      this.settle(card, () => api.amendSuggestion(this.profileId, s.id, { edit: { method: 'PUT',
        path: `claims/${s.claimId}`, body: { text, baseRevision: s.baseRevision, summary: s.summary } } }),
      'Suggestion amended'), true);
  }

  form(card, name, label, value, submit, multiline = false) {
    card.querySelector('.inline-form')?.remove();
    const id = `${name}-${card.dataset.suggestionId}`;
    const input = multiline ? h('textarea', { id, name, rows: 3 }) : h('input', { id, name, required: true });
    input.value = value;
    const form = h('form', { class: 'inline-form stack' }, h('label', { for: id }, label), input,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Send'),
        h('button', { type: 'button', onclick: () => form.remove() }, 'Cancel')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (input.value.trim()) submit(input.value);
    });
    card.append(form);
    input.focus();
  }

  button(text, label, onclick, action) {
    return h('button', { type: 'button', class: 'small', 'aria-label': label, 'data-action': action, onclick }, text);
  }
}
