// The profile page, laid out like the directory's page: identity, facts, sections with their claims (and the
// analysis subsections), connections and numbered sources. Editors edit in place; every change by anyone arrives
// live and is highlighted with its editor; presence shows who is here and who edits which claim; a timeslider
// and an "as of" date show the profile at any revision (?at=N or ?at=<instant> in the URL).
import { api, LiveProfile, newCommandId } from '../api.js';
import { announce, clear, errorLine, formatDate, fromLocalInput, h, problemText, timeAgo } from '../dom.js';
import { drafts } from '../drafts.js';
import { openConflict } from './conflict.js';
import { showBlame, showClaimHistory } from './claim-history.js';
import { Watches } from '../watching.js';
import { SuggestionBoard } from './suggestions.js';

/** Live changes that open, amend or settle a suggestion, or switch suggestion mode. */
const SUGGESTION_CHANGES = new Set(['SuggestionModeSwitched', 'EditSuggested', 'SuggestionAmended',
  'SuggestionAccepted', 'SuggestionDeclined', 'SuggestionWithdrawn']);

export async function render(main, { me, params, query }) {
  const page = new ProfilePage(main, me, params[0]);
  window.palimpsest = { page };
  await page.open(query.get('at'));
}

class ProfilePage {
  constructor(main, me, id) {
    this.main = main;
    this.me = me;
    this.id = id;
    this.editing = new Map();    // claimId → {baseRevision, baseText, commandId}
    this.retracted = new Map();  // claimId → {claim, sectionId, position, retractedRevision, retractedBy}, from the API
    this.retractedHere = new Set(); // retracted while the page is open: shown with Restore even when the rest are not
    this.editors = new Map();    // revision → editor, from the live changes, for "changed by"
    this.presence = [];
    this.past = null;            // the revision shown when it is not the latest
    this.suggestions = new SuggestionBoard(id, me, (action, where) => this.write(action, where));
  }

  get editable() {
    return this.me.canEdit && this.past === null;
  }

  async open(at) {
    const started = performance.now();
    const [current, retracted, watches] = await Promise.all([api.profile(this.id), api.retractedClaims(this.id),
      Watches.load(), this.suggestions.load()]);
    this.watches = watches;
    this.profile = current;
    this.retracted = new Map(retracted.map(gone => [gone.claim.id, gone]));
    this.revision = current.revision;
    this.latest = current.revision;
    this.buildFrame();
    if (at) await this.showPast(at); else this.draw();
    this.showTarget();
    const article = this.main.querySelector('article');
    article.dataset.renderMs = String(Math.round(performance.now() - started));
    article.dataset.shownAtMs = String(Math.round(performance.now())); // since the navigation began
    this.offerDrafts();
    this.live = new LiveProfile(this.id, {
      sinceRevision: this.latest, canAnnounce: this.me.canEdit,
      onChange: change => this.changed(change),
      onPresence: list => { this.presence = list.editors; this.drawPresence(); },
      onState: state => this.liveState(state),
    }).start();
    window.palimpsest.live = this.live;
    window.addEventListener('beforeunload', () => this.live.stop());
  }

  buildFrame() {
    this.slider = h('input', { type: 'range', id: 'revision', name: 'revision', min: 1, max: this.latest,
      value: this.latest, step: 1, 'aria-describedby': 'revision-shown' });
    this.sliderOutput = h('output', { id: 'revision-shown', for: 'revision' });
    this.asOf = h('input', { type: 'datetime-local', id: 'as-of', name: 'asOf' });
    let timer;
    this.slider.addEventListener('input', () => {
      this.sliderOutput.textContent = `revision ${this.slider.value} of ${this.latest}`;
      clearTimeout(timer);
      timer = setTimeout(() => this.showPast(this.slider.value), 120);
    });
    this.status = h('span', { class: 'live-status', 'data-role': 'live-status', role: 'status' }, 'Connecting…');
    this.here = h('span', { class: 'here', 'data-role': 'profile-presence' });
    this.showRetracted = h('input', { type: 'checkbox', id: 'show-retracted', name: 'showRetracted',
      'data-action': 'show-retracted', onchange: () => this.draw() });
    this.retractedCount = h('span', { 'data-role': 'retracted-count' });
    this.banner = h('div', { 'data-role': 'past-banner' });
    this.body = h('div', { class: 'profile-body' });
    this.root = h('article', { class: 'profile', dataset: { profileId: this.id } },
      h('p', { class: 'breadcrumb' }, h('a', { href: '/' }, '← Profiles')),
      h('div', { class: 'profile-tools', role: 'region', 'aria-label': 'Profile tools' },
        h('div', { class: 'tool-row' }, this.status, this.here,
          this.watches.toggle({ profile: this.id }, `the profile ${this.id}`, 'watch-profile'),
          h('a', { href: `/profiles/${encodeURIComponent(this.id)}/history` }, 'History'),
          h('a', { href: `/profiles/${encodeURIComponent(this.id)}/citations`, 'data-role': 'citations-link' },
            'Check citations'),
          h('a', { href: api.exportUrl(this.id, 'markdown'), download: `${this.id}.md` }, 'Export Markdown'),
          h('a', { href: api.exportUrl(this.id, 'json'), download: `${this.id}.json` }, 'Export JSON'),
          h('span', { class: 'toggle', 'data-role': 'retracted-toggle' }, this.showRetracted,
            h('label', { for: 'show-retracted' }, 'Show retracted claims ', this.retractedCount))),
        h('form', { class: 'tool-row timeslider', 'data-role': 'timeslider', onsubmit: event => {
          event.preventDefault();
          if (this.asOf.value) this.showPast(fromLocalInput(this.asOf.value));
        } },
          h('label', { for: 'revision' }, 'Timeslider'), this.slider, this.sliderOutput,
          h('label', { for: 'as-of' }, 'As of'), this.asOf, h('button', { type: 'submit' }, 'Show'),
          h('button', { type: 'button', 'data-action': 'current', onclick: () => this.showCurrent() }, 'Current'))),
      this.banner, this.body);
    clear(this.main, this.root);
  }

  /** A link to a claim or a source (#claim-c3, #source-s2: the citation report's) shows it once it is drawn. */
  showTarget() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    target.classList.add('targeted');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  // ---- time travel ---------------------------------------------------------------------------------------------

  async showPast(at) {
    const byRevision = /^\d+$/.test(String(at));
    try {
      let profile;
      let edit = null;
      if (byRevision) {
        const step = await api.revision(this.id, Number(at));
        profile = step.profile;
        edit = step.edit;
        this.latest = Math.max(this.latest, step.latestRevision);
      } else {
        profile = await api.profile(this.id, { at });
      }
      if (profile.revision >= this.latest && byRevision) return this.showCurrent();
      this.past = profile.revision;
      this.pastProfile = profile;
      this.draw();
      clear(this.banner, h('div', { class: 'banner past', role: 'status' },
        `You are viewing revision ${profile.revision} of ${this.latest}`,
        edit ? [`, by ${edit.editor} `, timeAgo(edit.time), edit.summary ? `: “${edit.summary}”` : ''] : '',
        !byRevision ? ` (as of ${formatDate(at)})` : '', '. ',
        h('button', { type: 'button', onclick: () => this.showCurrent() }, 'Back to the current revision'),
        this.me.canEdit ? h('button', { type: 'button', 'data-action': 'revert-profile',
          onclick: () => this.revertProfile(profile.revision) }, `Revert the profile to revision ${profile.revision}`) : null));
      const url = new URL(location.href);
      url.searchParams.set('at', String(at));
      history.replaceState(null, '', url);
    } catch (error) {
      this.alert(`Cannot show that revision: ${problemText(error)}`);
    }
  }

  async showCurrent() {
    this.past = null;
    this.pastProfile = null;
    clear(this.banner);
    const url = new URL(location.href);
    url.searchParams.delete('at');
    history.replaceState(null, '', url);
    await this.reload(this.latest);
    this.draw();
  }

  async revertProfile(revision) {
    const summary = prompt(`Summary of the revert to revision ${revision}`, `Revert to revision ${revision}`);
    if (summary === null) return;
    try {
      const result = await api.revert(this.id, { toRevision: revision, summary });
      this.latest = Math.max(this.latest, result.revision);
      await this.showCurrent();
      announce(`Reverted to revision ${revision}`);
    } catch (error) {
      this.alert(`Not reverted: ${problemText(error)}`);
    }
  }

  // ---- live ----------------------------------------------------------------------------------------------------

  liveState(state) {
    this.status.textContent = state === 'live' ? 'Live' : state === 'reconnecting' ? 'Reconnecting…' : 'Connecting…';
    this.status.dataset.state = state;
  }

  changed(change) {
    // How long from a change's arrival to the next frame that shows it (docs/benchmarks.md, "Web editor").
    const arrived = performance.now();
    const shown = () => requestAnimationFrame(() => {
      this.root.dataset.lastChangeMs = (performance.now() - arrived).toFixed(1);
    });
    this.editors.set(change.revision, change.editor);
    this.latest = Math.max(this.latest, change.revision);
    this.slider.max = this.latest;
    if (this.past !== null) {
      this.sliderOutput.textContent = `revision ${this.past} of ${this.latest}`;
      return;
    }
    if (SUGGESTION_CHANGES.has(change.type)) {
      // The rest of an acceptance's revision may already be drawn (its edit, in place): the suggestions are read anew.
      this.suggestions.load(change.revision).then(() => this.draw()).then(shown);
    }
    if (change.revision <= this.revision) return; // our own reload already shows it
    const mine = change.editor === this.me.name;
    if (change.type === 'ClaimRetracted') this.retractedHere.add(change.change.claimId);
    if (change.type === 'ClaimRestored') this.retractedHere.delete(change.change.claimId);
    const claim = change.type === 'ClaimRevised' && this.findClaim(change.change.claimId);
    if (claim && change.revision === this.revision + 1) {
      // The common case, in place and at once: no read, no redraw of anything but the claim.
      Object.assign(claim, { text: change.change.text, revision: change.revision });
      if (change.change.label !== null) claim.label = change.change.label;
      if (change.change.items && change.change.items.length) claim.items = change.change.items;
      this.setRevision(change.revision);
      this.redrawClaim(claim.id);
      if (!mine) this.flash(claim.id, change.editor);
      shown();
    } else {
      this.reload(change.revision).then(shown);
    }
    if (!mine) announce(`${change.editor} made revision ${change.revision}${change.summary ? `: ${change.summary}` : ''}`);
  }

  /** The profile read again (at least at minRevision), and drawn, highlighting what others changed. */
  async reload(minRevision) {
    const [fresh, retracted] = await Promise.all([api.profile(this.id, { minRevision }),
      api.retractedClaims(this.id, minRevision), this.suggestions.load(minRevision)]);
    if (fresh.revision <= this.revision && this.profile) return;
    const before = this.revision;
    this.profile = fresh;
    this.retracted = new Map(retracted.map(gone => [gone.claim.id, gone]));
    this.latest = Math.max(this.latest, fresh.revision);
    this.setRevision(fresh.revision);
    if (this.past !== null) return;
    this.draw();
    for (const section of this.allSections()) {
      for (const claim of section.claims) {
        const editor = this.editors.get(claim.revision);
        if (claim.revision > before && editor && editor !== this.me.name) this.flash(claim.id, editor);
      }
    }
  }

  setRevision(revision) {
    this.revision = revision;
    this.root.dataset.revision = String(this.past ?? revision);
    this.slider.max = this.latest;
    if (this.past === null) this.slider.value = String(this.latest);
    this.sliderOutput.textContent = `revision ${this.past ?? this.revision} of ${this.latest}`;
  }

  flash(claimId, editor) {
    const element = this.claimElement(claimId);
    if (!element) return;
    element.classList.remove('flash');
    void element.offsetWidth; // restart the animation
    element.classList.add('flash');
    const note = element.querySelector('[data-role="changed-by"]');
    if (note) {
      note.textContent = `changed by ${editor} just now`;
      clearTimeout(note.timer);
      note.timer = setTimeout(() => { note.textContent = ''; }, 8000);
    }
  }

  drawPresence() {
    const others = this.presence.filter(entry => entry.editor !== this.me.name);
    const names = [...new Set(this.presence.map(entry => entry.editor))];
    this.here.textContent = names.length ? `Here now: ${names.join(', ')}` : '';
    for (const element of this.root.querySelectorAll('[data-claim-id] > .claim-meta [data-role="presence"]')) {
      const claimId = element.closest('[data-claim-id]').dataset.claimId;
      const editing = [...new Set(others.filter(entry => entry.claimId === claimId).map(entry => entry.editor))];
      element.textContent = editing.length ? `${editing.join(', ')} ${editing.length > 1 ? 'are' : 'is'} editing` : '';
    }
  }

  // ---- drawing -------------------------------------------------------------------------------------------------

  shown() {
    return this.pastProfile || this.profile;
  }

  allSections(profile = this.profile) {
    return profile.sections.flatMap(section => [section, ...section.subsections]);
  }

  findClaim(claimId) {
    for (const section of this.allSections()) {
      const claim = section.claims.find(candidate => candidate.id === claimId);
      if (claim) return claim;
    }
    return null;
  }

  claimElement(claimId) {
    return this.root.querySelector(`[data-claim-id="${CSS.escape(claimId)}"]`);
  }

  draw() {
    const profile = this.shown();
    // Keep what the person is doing: the focused field, its caret, the scroll position.
    const focused = document.activeElement;
    const focus = focused && this.root.contains(focused) && focused.closest('[data-claim-id]')
      ? { claimId: focused.closest('[data-claim-id]').dataset.claimId, name: focused.name, start: focused.selectionStart,
          end: focused.selectionEnd } : null;
    this.sources = new Map(profile.sources.map(source => [source.id, source]));
    this.root.dataset.revision = String(profile.revision);
    this.root.classList.toggle('read-only', !this.editable);
    this.retractedCount.textContent = `(${this.retracted.size})`;
    const identity = profile.identity;
    clear(this.body,
      h('header', { class: 'identity' },
        h('h1', {}, identity.name, identity.shortName ? h('span', { class: 'short-name' }, ` (${identity.shortName})`) : null),
        identity.category ? h('p', { class: 'category' }, identity.category) : null,
        identity.tagline ? h('p', { class: 'tagline' }, identity.tagline) : null,
        this.editable ? this.button('Edit identity', 'Edit the name, short name, category and tagline', event =>
          this.inlineForm(event.target, [
            { name: 'name', label: 'Name', value: identity.name },
            { name: 'shortName', label: 'Short name', value: identity.shortName || '' },
            { name: 'category', label: 'Category', value: identity.category || '' },
            { name: 'tagline', label: 'Tagline', value: identity.tagline || '' },
            { name: 'summary', label: 'Edit summary' }],
          values => api.reviseIdentity(this.id, { name: values.name, shortName: values.shortName || null,
            category: values.category || null, tagline: values.tagline || null, summary: values.summary || null,
            baseRevision: this.revision })), 'edit-identity') : null),
      this.past === null ? [this.suggestions.banner(), this.suggestions.forProfile()] : null,
      this.drawFacts(profile),
      profile.sections.map(section => this.drawSection(section, 2)),
      this.editable ? this.addSectionForm(profile) : null,
      this.drawConnections(profile),
      this.drawSources(profile));
    this.setRevision(this.revision);
    this.drawPresence();
    if (focus) {
      const field = this.claimElement(focus.claimId)?.querySelector(`[name="${focus.name}"]`);
      if (field) {
        field.focus();
        if (field.setSelectionRange && focus.start !== null) field.setSelectionRange(focus.start, focus.end);
      }
    }
  }

  drawFacts(profile) {
    return h('section', { class: 'facts', 'aria-label': 'Facts' },
      h('dl', {}, profile.facts.map(fact => h('div', { class: 'fact', dataset: { factKey: fact.key } },
        h('dt', {}, fact.key), h('dd', {}, fact.value,
          this.editable ? h('span', { class: 'inline-actions' },
            this.button('Edit', `Edit fact ${fact.key}`, event => this.inlineForm(event.target.closest('.fact'),
              [{ name: 'value', label: `Value of ${fact.key}`, value: fact.value }],
              values => api.setFact(this.id, fact.key, { value: values.value, baseRevision: this.revision }))),
            this.button('Remove', `Remove fact ${fact.key}`, () => this.write(() => api.removeFact(this.id, fact.key,
              { baseRevision: this.revision })))) : null)))),
      this.editable ? this.button('Add a fact', null, event => this.inlineForm(event.target.parentElement,
        [{ name: 'key', label: 'Key' }, { name: 'value', label: 'Value' }],
        values => api.setFact(this.id, values.key, { value: values.value, baseRevision: this.revision }))) : null);
  }

  drawSection(section, level) {
    const heading = h(`h${level}`, { id: `section-${section.id}` }, section.title);
    const element = h('section', { class: `profile-section level-${level}`, dataset: { sectionId: section.id },
      'aria-labelledby': `section-${section.id}` }, heading);
    if (this.editable) {
      element.append(h('div', { class: 'section-actions', role: 'group', 'aria-label': `Section ${section.title}` },
        this.button('Rename', `Rename section ${section.title}`, event => this.inlineForm(event.target.closest('.section-actions'),
          [{ name: 'title', label: 'Title', value: section.title }],
          values => api.renameSection(this.id, section.id, { title: values.title, baseRevision: this.revision }))),
        this.button('Move up', `Move section ${section.title} up`, () => this.moveSection(section, -1)),
        this.button('Move down', `Move section ${section.title} down`, () => this.moveSection(section, +1)),
        this.button('Add a claim', `Add a claim to ${section.title}`, event => this.addClaimForm(event.target.closest('.section-actions'), section)),
        // The service refuses to remove a section that still has claims or subsections, and says so.
        this.button('Remove', `Remove section ${section.title}`, () => this.write(() =>
          api.removeSection(this.id, section.id, { baseRevision: this.revision })).catch(() => {}), 'remove-section')));
    }
    element.append(this.drawClaims(section));
    // After the claims: an added claim goes at the end unless placed, and a section's other changes concern it all.
    if (this.past === null) element.append(this.suggestions.forSection(section.id) || '');
    for (const subsection of section.subsections || []) element.append(this.drawSection(subsection, level + 1));
    return element;
  }

  drawClaims(section) {
    const container = h('div', { class: 'claims' });
    const claims = [...section.claims];
    if (this.past === null) {
      // In the API's order, each after the live claims before it and the retracted ones already placed.
      let placed = 0;
      for (const gone of this.retracted.values()) {
        if (gone.sectionId !== section.id || claims.some(claim => claim.id === gone.claim.id)) continue;
        if (!this.showRetracted.checked && !this.retractedHere.has(gone.claim.id)) continue;
        claims.splice(Math.min(gone.position + placed, claims.length), 0,
          { ...gone.claim, retractedBy: gone.retractedBy, retractedRevision: gone.retractedRevision });
        placed++;
      }
    }
    let list = null;
    for (const claim of claims) {
      const listTag = claim.kind === 'BULLET' ? 'ul' : claim.kind === 'NUMBERED' ? 'ol' : null;
      if (!listTag) {
        list = null;
        container.append(this.drawClaim(claim, 'div', section));
      } else {
        if (!list || list.tagName.toLowerCase() !== listTag) {
          list = h(listTag, { class: 'claim-list' });
          container.append(list);
        }
        list.append(this.drawClaim(claim, 'li', section));
      }
    }
    return container;
  }

  drawClaim(claim, tag, section) {
    // tabindex -1: a tap or click on the claim focuses it, which shows its controls where nothing hovers (phones).
    const element = h(tag, { class: `claim kind-${claim.kind.toLowerCase()}`, tabindex: -1, id: `claim-${claim.id}`,
      dataset: { claimId: claim.id, sectionId: section.id } });
    this.fillClaim(element, claim, section);
    return element;
  }

  redrawClaim(claimId) {
    const element = this.claimElement(claimId);
    const section = this.allSections().find(candidate => candidate.claims.some(claim => claim.id === claimId));
    if (!element || !section) return;
    if (this.editing.has(claimId) && element.querySelector('form')) {
      // Never redraw under the editor's hands: tell them instead; saving merges or opens the conflict view.
      const form = element.querySelector('form');
      if (!form.querySelector('[data-role="changed-meanwhile"]')) {
        form.prepend(h('p', { class: 'banner warning', role: 'status', 'data-role': 'changed-meanwhile' },
          `${this.editors.get(this.findClaim(claimId).revision) || 'Someone'} changed this claim while you edit it; `
          + 'saving merges the two or shows both.'));
      }
      return;
    }
    this.fillClaim(element, this.findClaim(claimId), section);
  }

  fillClaim(element, claim, section) {
    if (claim.retractedBy) {
      element.classList.add('retracted');
      clear(element, h('span', { class: 'retracted-note' },
        `Retracted by ${claim.retractedBy} in revision ${claim.retractedRevision}: `),
        h('s', { 'data-role': 'claim-text' }, claim.text), ' ',
        this.me.canEdit ? this.button('Restore', `Restore claim ${claim.id}`, () => this.write(async () => {
          const result = await api.restoreClaim(this.id, claim.id, { baseRevision: this.revision });
          this.retractedHere.delete(claim.id);
          this.retracted.delete(claim.id);
          return result;
        }), 'restore') : null);
      return;
    }
    element.classList.remove('retracted');
    if (this.editable && this.editing.has(claim.id)) return this.fillEditor(element, claim, section);
    const cited = claim.citations.length > 0;
    const label = claim.label ? (claim.url
      ? h('a', { href: claim.url, class: 'claim-label', rel: 'noopener noreferrer' }, claim.label)
      : h('strong', { class: 'claim-label' }, claim.label)) : null;
    const separator = claim.label ? (claim.url ? ': ' : ': ') : '';
    clear(element,
      h('div', { class: 'claim-body' },
        label, separator, h('span', { 'data-role': 'claim-text' }, claim.text),
        cited ? h('sup', { class: 'citations' }, claim.citations.map(sourceId => {
          const source = this.sources.get(sourceId);
          return h('a', { href: `#source-${sourceId}`, 'data-role': 'citation', 'aria-label': `Source ${source ? source.number : sourceId}` },
            `[${source ? source.number : sourceId}]`);
        })) : claim.url ? null // a reading-list entry: its link is where it comes from (the citation report's rule)
          : h('span', { class: 'uncited', 'data-role': 'uncited', title: 'This claim cites no source' }, 'uncited'),
        claim.items.length ? h('ul', { class: 'items' }, claim.items.map(item => h('li', {},
          item.label ? h('strong', {}, `${item.label}${item.label.endsWith('?') ? '' : ':'} `) : null, item.text))) : null),
      this.past === null ? this.suggestions.forClaim(claim.id) : null,
      h('div', { class: 'claim-meta' }, h('span', { 'data-role': 'presence', class: 'presence' }),
        h('span', { 'data-role': 'changed-by', class: 'changed-by', 'aria-live': 'off' })),
      h('div', { class: 'claim-actions', role: 'group', 'aria-label': `Claim ${claim.id}` },
        this.editable ? this.button('Edit', `Edit claim ${claim.id}`, () => this.startEditing(claim, section), 'edit') : null,
        this.button('History', `History of claim ${claim.id}`, () => this.togglePanel(element, 'history',
          panel => showClaimHistory(panel, { profileId: this.id, claimId: claim.id, canEdit: this.editable,
            onRevert: revision => this.write(() => api.revert(this.id, { toRevision: revision, claimId: claim.id,
              summary: `Claim back to revision ${revision}` })) })), 'history'),
        this.button('Blame', `Who wrote claim ${claim.id}`, () => this.togglePanel(element, 'blame',
          panel => showBlame(panel, { profileId: this.id, claimId: claim.id })), 'blame'),
        this.watches.toggle({ profile: this.id, claim: claim.id }, `claim ${claim.id}`, 'watch-claim'),
        this.editable ? [
          this.button('Move up', `Move claim ${claim.id} up`, () => this.moveClaim(claim, section, -1), 'move-up'),
          this.button('Move down', `Move claim ${claim.id} down`, () => this.moveClaim(claim, section, +1), 'move-down'),
          this.button('Cite', `Cite a source in claim ${claim.id}`, event => this.citeForm(event.target.closest('.claim-actions'), claim), 'cite'),
          this.button('Retract', `Retract claim ${claim.id}`, () => this.write(async () => {
            this.retractedHere.add(claim.id);
            return api.retractClaim(this.id, claim.id, { baseRevision: this.revision });
          }), 'retract'),
        ] : null),
      h('div', { 'data-role': 'claim-panel' }));
  }

  togglePanel(element, kind, fill) {
    const panel = element.querySelector('[data-role="claim-panel"]');
    if (panel.dataset.kind === kind) {
      delete panel.dataset.kind;
      clear(panel);
      return;
    }
    panel.dataset.kind = kind;
    fill(panel);
  }

  // ---- editing a claim -----------------------------------------------------------------------------------------

  startEditing(claim, section, draft = null) {
    this.editing.set(claim.id, {
      baseRevision: draft ? draft.baseRevision : this.revision,
      baseText: draft ? draft.baseText : claim.text,
      commandId: newCommandId(), restored: draft,
    });
    if (!draft) drafts.save(this.id, claim.id, { text: claim.text, summary: '', baseRevision: this.revision, baseText: claim.text });
    const element = this.claimElement(claim.id);
    if (element) this.fillClaim(element, claim, section);
    element?.querySelector('textarea[name="text"]')?.focus();
    this.live?.announce({ sectionId: section.id, claimId: claim.id });
  }

  fillEditor(element, claim, section) {
    const edit = this.editing.get(claim.id);
    const draft = drafts.load(this.id, claim.id) || { text: claim.text, summary: '' };
    const textId = `edit-${claim.id}`;
    const text = h('textarea', { id: textId, name: 'text', rows: Math.min(12, Math.max(3, Math.ceil(draft.text.length / 70))) });
    text.value = draft.text;
    const summary = h('input', { id: `summary-${claim.id}`, name: 'summary', value: draft.summary || '', placeholder: 'What did you change, and why?' });
    const keep = () => drafts.save(this.id, claim.id, { text: text.value, summary: summary.value,
      baseRevision: edit.baseRevision, baseText: edit.baseText });
    text.addEventListener('input', keep);
    summary.addEventListener('input', keep);
    const changedMeanwhile = claim.revision > edit.baseRevision && claim.text !== edit.baseText;
    const form = h('form', { class: 'claim-editor stack' },
      edit.restored ? h('p', { class: 'banner', role: 'status', 'data-role': 'draft-restored' },
        'Your unsaved draft from ', timeAgo(edit.restored.savedAt), ' was restored. ') : null,
      changedMeanwhile ? h('p', { class: 'banner warning', role: 'status' },
        `${this.editors.get(claim.revision) || 'Someone'} changed this claim while you edit it; saving merges or shows both.`) : null,
      claim.label ? h('p', { class: 'claim-label' }, h('strong', {}, claim.label)) : null,
      h('label', { for: textId }, `Text of claim ${claim.id}`), text,
      this.citationsEditor(claim),
      h('label', { for: `summary-${claim.id}` }, 'Edit summary'), summary,
      this.suggestions.suggestsOnly ? h('p', { class: 'hint', 'data-role': 'saves-as-suggestion' },
        'Suggestion mode: saving keeps your edit as a suggestion for a reviewer.') : null,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', 'data-action': 'save' },
          this.suggestions.suggestsOnly ? 'Suggest' : 'Save'),
        h('button', { type: 'button', 'data-action': 'cancel', onclick: () => this.stopEditing(claim.id) }, 'Cancel')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.save(claim, form, text.value, summary.value);
    });
    form.addEventListener('keydown', event => {
      if (event.key === 'Escape') this.stopEditing(claim.id);
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
    clear(element, form, h('div', { class: 'claim-meta' }, h('span', { 'data-role': 'presence', class: 'presence' }),
      h('span', { 'data-role': 'changed-by', class: 'changed-by' })));
  }

  citationsEditor(claim) {
    return h('p', { class: 'citations-editor' }, 'Sources cited: ',
      claim.citations.length ? claim.citations.map(sourceId => {
        const number = this.sources.get(sourceId)?.number ?? sourceId;
        return h('span', { class: 'chip' }, `[${number}] `, this.button('×', `Remove citation of source ${number}`,
          () => this.write(() => api.uncite(this.id, claim.id, sourceId, { baseRevision: this.revision }))));
      }) : 'none');
  }

  stopEditing(claimId, { keepDraft = false } = {}) {
    this.editing.delete(claimId);
    this.claimElement(claimId)?.querySelector('form')?.remove();
    if (!keepDraft) drafts.remove(this.id, claimId);
    this.redrawClaim(claimId);
    this.claimElement(claimId)?.querySelector('[data-action="edit"]')?.focus();
    this.live?.announce({});
  }

  async save(claim, form, text, summary) {
    const edit = this.editing.get(claim.id);
    const error = errorLine(form);
    error.textContent = '';
    try {
      const result = await api.reviseClaim(this.id, claim.id, { text, baseRevision: edit.baseRevision,
        summary: summary || null, commandId: edit.commandId });
      this.finishSave(claim.id, result);
    } catch (failure) {
      if (failure.status === 409 && failure.problem && failure.problem.currentText !== undefined) {
        this.conflict(claim, failure.problem, text, summary);
      } else {
        error.textContent = `Not saved (your text is kept): ${problemText(failure)}`;
        edit.commandId = newCommandId();
      }
    }
  }

  finishSave(claimId, result) {
    drafts.remove(this.id, claimId);
    this.editing.delete(claimId);
    this.claimElement(claimId)?.querySelector('form')?.remove();
    announce(result.suggestionId ? `Suggested: ${result.suggestionId} waits for a reviewer`
      : `Saved: revision ${result.revision}`);
    this.live?.announce({});
    if (result.revision > this.revision) this.reload(result.revision).then(() => this.redrawClaim(claimId));
    else this.redrawClaim(claimId);
  }

  async conflict(claim, problem, mine, summary) {
    const edit = this.editing.get(claim.id);
    let changedAt = null;
    try {
      const steps = await api.claimHistory(this.id, claim.id);
      const step = steps.find(entry => entry.revision === problem.currentRevision);
      if (step) changedAt = `at ${formatDate(step.time)}${step.summary ? `: “${step.summary}”` : ''}`;
    } catch (ignored) { /* the view works without the time */ }
    openConflict({
      base: edit.baseText, baseRevision: edit.baseRevision, theirs: problem.currentText,
      theirsRevision: problem.currentRevision, changedBy: problem.changedBy, changedAt, mine,
      onTakeTheirs: () => {
        this.stopEditing(claim.id);
        this.reload(problem.currentRevision);
      },
      onSave: async (text, onRevision) => {
        // A new save, on the revision now current: a new command.
        const result = await api.reviseClaim(this.id, claim.id, { text, baseRevision: onRevision,
          summary: summary || null, commandId: newCommandId() });
        this.finishSave(claim.id, result);
      },
    });
  }

  offerDrafts() {
    if (!this.me.canEdit || this.past !== null) return;
    for (const draft of drafts.all(this.id)) {
      const claim = this.findClaim(draft.claimId);
      const section = claim && this.allSections().find(candidate => candidate.claims.includes(claim));
      if (claim && draft.text !== claim.text) this.startEditing(claim, section, draft);
      else if (!claim) {
        this.alert(`An unsaved draft for a claim that is no longer here (${draft.claimId}): “${draft.text}”`);
      } else drafts.remove(this.id, draft.claimId);
    }
  }

  // ---- other edits ---------------------------------------------------------------------------------------------

  /** Runs a write; afterwards the profile is read again at the revision it made (the live echo may be first). */
  async write(action, form = null) {
    try {
      const result = await action();
      if (result && result.revision > this.revision) {
        await this.reload(result.revision);
      } else {
        // The live echo came first and drew the profile; what the write did to suggestions is read at its revision.
        if (result) await this.suggestions.load(result.revision);
        this.draw();
      }
      return result;
    } catch (error) {
      const message = `Not saved: ${problemText(error)}`;
      if (form) errorLine(form).textContent = message; else this.alert(message);
      throw error;
    }
  }

  moveClaim(claim, section, step) {
    const position = section.claims.findIndex(candidate => candidate.id === claim.id) + step;
    if (position < 0 || position >= section.claims.length) return;
    this.write(() => api.moveClaim(this.id, claim.id, { sectionId: section.id, position, baseRevision: this.revision }))
      .then(() => this.claimElement(claim.id)?.querySelector(`[data-action="${step < 0 ? 'move-up' : 'move-down'}"]`)?.focus(),
        () => {});
  }

  moveSection(section, step) {
    const parent = this.profile.sections.find(candidate => candidate.subsections.some(sub => sub.id === section.id));
    const siblings = parent ? parent.subsections : this.profile.sections;
    const position = siblings.findIndex(candidate => candidate.id === section.id) + step;
    if (position < 0 || position >= siblings.length) return;
    this.write(() => api.moveSection(this.id, section.id, { position, baseRevision: this.revision })).catch(() => {});
  }

  addClaimForm(anchor, section) {
    this.inlineForm(anchor, [
      { name: 'kind', label: 'Kind', options: ['PARAGRAPH', 'BULLET', 'NUMBERED', 'LABELLED'] },
      { name: 'label', label: 'Label (optional)' },
      { name: 'text', label: 'Text', multiline: true },
      { name: 'summary', label: 'Edit summary' },
    ], values => api.addClaim(this.id, section.id, { kind: values.kind, label: values.label || null, text: values.text,
      summary: values.summary || null, baseRevision: this.revision }));
  }

  citeForm(anchor, claim) {
    const sources = this.profile.sources.filter(source => !claim.citations.includes(source.id));
    this.inlineForm(anchor, [{ name: 'source', label: 'Source', options: sources.map(source => source.id),
      optionLabels: sources.map(source => `${source.number}. ${source.title}`) }],
    values => api.cite(this.id, claim.id, values.source, { baseRevision: this.revision }));
  }

  addSectionForm(profile) {
    const holder = h('div', { class: 'add-section' });
    holder.append(this.button('Add a section', null, () => this.inlineForm(holder, [
      { name: 'title', label: 'Title' },
      { name: 'parent', label: 'Inside (optional)', options: ['', ...profile.sections.map(section => section.id)],
        optionLabels: ['(top level)', ...profile.sections.map(section => section.title)] },
    ], values => api.addSection(this.id, { title: values.title, parentSectionId: values.parent || null,
      baseRevision: this.revision }))));
    return holder;
  }

  drawConnections(profile) {
    return h('section', { class: 'connections', 'aria-labelledby': 'connections-title' },
      h('h2', { id: 'connections-title' }, `Connected to (${profile.connections.length})`),
      h('ul', {}, profile.connections.map(connection => h('li', { dataset: { connectionId: connection.id } },
        h('strong', {}, connection.target), ' ', h('span', { class: 'relation' }, connection.relation),
        connection.via ? ` · ${connection.via}` : '',
        this.editable ? this.button('Remove', `Remove connection to ${connection.target}`, () => this.write(() =>
          api.removeConnection(this.id, connection.id, { baseRevision: this.revision }))) : null))),
      this.editable ? this.button('Add a connection', null, event => this.inlineForm(event.target.parentElement, [
        { name: 'target', label: 'Organisation' }, { name: 'relation', label: 'Relation (e.g. collaborator)' },
        { name: 'via', label: 'Via person (optional)' }],
      values => api.addConnection(this.id, { target: values.target, relation: values.relation, via: values.via || null,
        baseRevision: this.revision }))) : null);
  }

  drawSources(profile) {
    return h('section', { class: 'sources', 'aria-labelledby': 'sources-title' },
      h('h2', { id: 'sources-title' }, `Sources (${profile.sources.length})`),
      h('ol', {}, profile.sources.map(source => h('li', { id: `source-${source.id}`, value: source.number, tabindex: -1,
        dataset: { sourceId: source.id } },
        source.url ? h('a', { href: source.url, rel: 'noopener noreferrer' }, source.title) : source.title,
        source.site ? h('span', { class: 'site' }, ` ${source.site}`) : null,
        this.editable ? [
          this.button('Edit', `Edit source ${source.number}`, event => this.inlineForm(event.target.closest('li'), [
            { name: 'title', label: 'Title', value: source.title }, { name: 'url', label: 'URL', value: source.url || '', type: 'url' },
            { name: 'site', label: 'Site', value: source.site || '' }],
          values => api.editSource(this.id, source.id, { title: values.title, url: values.url || null,
            site: values.site || null, baseRevision: this.revision }))),
          this.button('Remove', `Remove source ${source.number}`, () => this.write(() =>
            api.removeSource(this.id, source.id, { baseRevision: this.revision }))),
        ] : null))),
      this.editable ? this.button('Add a source', null, event => this.inlineForm(event.target.parentElement, [
        { name: 'title', label: 'Title' }, { name: 'url', label: 'URL', type: 'url' }, { name: 'site', label: 'Site (optional)' }],
      values => api.addSource(this.id, { title: values.title, url: values.url || null, site: values.site || null,
        baseRevision: this.revision }))) : null);
  }

  // ---- small parts ---------------------------------------------------------------------------------------------

  button(text, label, onclick, action = null) {
    return h('button', { type: 'button', class: 'small', 'aria-label': label, 'data-action': action, onclick }, text);
  }

  /** A small labelled form after anchor; its values go to submit, whose write's refusal is shown in the form. */
  inlineForm(anchor, fields, submit) {
    anchor.parentElement.querySelector(':scope > .inline-form')?.remove();
    const prefix = `f-${Math.random().toString(36).slice(2, 8)}`;
    const inputs = fields.map(field => {
      const id = `${prefix}-${field.name}`;
      const input = field.options
        ? h('select', { id, name: field.name }, field.options.map((option, i) =>
          h('option', { value: option }, field.optionLabels ? field.optionLabels[i] : option)))
        : field.multiline ? h('textarea', { id, name: field.name, rows: 3 })
          : h('input', { id, name: field.name, type: field.type || 'text', value: field.value ?? '' });
      return [h('label', { for: id }, field.label), input];
    });
    const form = h('form', { class: 'inline-form stack' }, inputs,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'),
        h('button', { type: 'button', onclick: () => form.remove() }, 'Cancel')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      try {
        await this.write(() => submit(values), form);
      } catch (ignored) { /* shown in the form */ }
    });
    form.addEventListener('keydown', event => { if (event.key === 'Escape') form.remove(); });
    anchor.after(form);
    form.querySelector('input, textarea, select')?.focus();
  }

  alert(message) {
    this.banner.append(h('div', { class: 'banner error', role: 'alert' }, message, ' ',
      h('button', { type: 'button', class: 'small', onclick: event => event.target.parentElement.remove() }, 'Dismiss')));
  }
}
