// Word diffs in the page, with jsdiff (the `diff` npm package, from its WebJar): removed words in <del>, added ones
// in <ins>, every word as text.
import { diffWords } from '/webjars/diff/lib/index.mjs';
import { h } from './dom.js';

export function wordDiff(before, after) {
  return h('span', { class: 'word-diff' }, diffWords(before || '', after || '').map(part =>
    part.added ? h('ins', {}, part.value) : part.removed ? h('del', {}, part.value) : part.value));
}

/** What a structured diff (history's `changes`) says, as the sections of a list: identity, facts, sections, ... */
export function changeList(diff) {
  const text = value => (value ? [value.label, value.text || value.value || value.title || value.target].filter(Boolean).join(': ') : '');
  return [
    diff.identity ? h('p', {}, 'Identity changed.') : null,
    diff.facts.length ? h('section', {}, h('h3', {}, 'Facts'), h('ul', {}, diff.facts.map(fact =>
      h('li', {}, `${fact.id}: `, wordDiff(fact.before?.value, fact.after?.value))))) : null,
    diff.sections.length ? h('section', {}, h('h3', {}, 'Sections'), h('ul', {}, diff.sections.map(section =>
      h('li', {}, `${section.titleAfter || section.titleBefore} (${section.aspects.join(', ').toLowerCase()})`)))) : null,
    diff.claims.length ? h('section', {}, h('h3', {}, 'Claims'), h('ul', {}, diff.claims.map(claim =>
      h('li', { dataset: { claimId: claim.claimId } }, h('strong', {}, `${claim.claimId} (${claim.aspects.join(', ').toLowerCase()}): `),
        wordDiff(text(claim.before), text(claim.after)))))) : null,
    diff.sources.length ? h('section', {}, h('h3', {}, 'Sources'), h('ul', {}, diff.sources.map(source =>
      h('li', {}, `${source.id} ${source.kind.toLowerCase()}: `, wordDiff(source.before?.title, source.after?.title))))) : null,
    diff.connections.length ? h('section', {}, h('h3', {}, 'Connections'), h('ul', {}, diff.connections.map(connection =>
      h('li', {}, `${connection.kind.toLowerCase()}: `, wordDiff(connection.before?.target, connection.after?.target))))) : null,
  ];
}
