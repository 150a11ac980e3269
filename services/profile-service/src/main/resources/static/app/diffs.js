// Word diffs in the page, with jsdiff (the `diff` npm package, from its WebJar): removed words in <del>, added ones
// in <ins>, every word as text.
import { diffWords } from '/webjars/diff/lib/index.mjs';
import { h } from './dom.js';

export function wordDiff(before, after) {
  return h('span', { class: 'word-diff' }, diffWords(before || '', after || '').map(part =>
    part.added ? h('ins', {}, part.value) : part.removed ? h('del', {}, part.value) : part.value));
}
