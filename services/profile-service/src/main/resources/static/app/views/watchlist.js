// The signed-in user's watchlist: what they watch with each watch's unread count, and the feed of what changed in it
// since they last marked it read, newest last, as the API pages it.
import { api } from '../api.js';
import { announce, clear, h, problemText, timeAgo } from '../dom.js';
import { describeWatch } from '../watching.js';

export async function render(main) {
  const [overview, feed] = await Promise.all([api.watchlist(), api.watchedChanges()]);
  const list = h('ul', { class: 'watch-list', 'data-role': 'watches' }, overview.watches.map(watch =>
    h('li', { dataset: { watchId: watch.id } }, describeWatch(watch), ' ',
      h('span', { class: 'unread', 'data-role': 'unread' }, watch.unread ? `${watch.unread} unread` : 'nothing new'), ' ',
      h('button', { type: 'button', class: 'small', 'data-action': 'unwatch', 'aria-label': `Stop watching ${describeWatch(watch)}`,
        onclick: async event => {
          try {
            await api.unwatch(watch.id);
            event.target.closest('li').remove();
            announce(`No longer watching ${describeWatch(watch)}`);
          } catch (error) {
            event.target.after(h('span', { class: 'form-error', role: 'alert' }, ` ${problemText(error)}`));
          }
        } }, 'Remove'))));
  const changes = h('ol', { class: 'watched-changes', 'data-role': 'watched-changes' }, feed.changes.map(change =>
    h('li', {},
      h('a', { href: `/profiles/${encodeURIComponent(change.profileId)}?at=${change.revision}` },
        `${change.profileId} revision ${change.revision}`), ' ',
      h('span', { class: 'kind' }, change.kind), ` by ${change.editor} `, timeAgo(change.time),
      change.summary ? `: “${change.summary}”` : '',
      change.claimId ? h('span', { class: 'meta' }, ` · claim ${change.claimId}`) : null)));
  const more = feed.changes.length === 100;
  clear(main,
    h('h1', {}, 'Watchlist'),
    overview.watches.length ? null : h('p', { class: 'hint' },
      'You watch nothing yet. Use Watch on a profile, a claim or an editor\'s audit page.'),
    list,
    h('h2', {}, `Changes since you last marked them read (${overview.unread}${overview.counted ? '' : '+'})`),
    feed.changes.length ? changes : h('p', { class: 'hint', 'data-role': 'nothing-new' }, 'Nothing new.'),
    feed.changes.length ? h('button', { type: 'button', class: 'primary', 'data-action': 'mark-read', onclick: async () => {
      await api.markRead(feed.next);
      location.reload();
    } }, more ? 'Mark these read and show the next' : 'Mark all read') : null);
}
