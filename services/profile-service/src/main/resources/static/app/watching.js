// Watch toggles: a button that watches a profile, a claim or an editor for the signed-in user, or stops watching
// it, against the watchlist read once per page (GET /api/me/watches).
import { api } from './api.js';
import { announce, h, problemText } from './dom.js';

const PARTS = ['profile', 'section', 'claim', 'source', 'editor'];

/** A watch in words, as the watchlist page lists it. */
export function describeWatch(watch) {
  const where = watch.profile ? `profile ${watch.profile}` : 'any profile';
  const what = watch.claim ? `claim ${watch.claim} in ${where}` : watch.section ? `section ${watch.section} in ${where}`
    : watch.source ? `source ${watch.source} in ${where}` : watch.editor ? null : where;
  const by = watch.editor ? `changes by ${watch.editor}${watch.profile ? ` in ${where}` : ''}` : null;
  return [what || by, watch.kinds.length ? `(${watch.kinds.join(', ')})` : ''].filter(Boolean).join(' ');
}

export class Watches {
  constructor(overview) {
    this.watches = overview.watches;
  }

  /** The watches alone: a toggle needs no counts, which cost a read of the log. */
  static async load() {
    return new Watches(await api.watchlist({ unread: false }));
  }

  /** The watch of exactly this target with every kind, if the user has one. */
  find(target) {
    return this.watches.find(watch => watch.kinds.length === 0
      && PARTS.every(part => (watch[part] ?? null) === (target[part] ?? null)));
  }

  /** A toggle for target; label names it for screen readers ("profile acme", "claim c3"). */
  toggle(target, label, action) {
    const button = h('button', { type: 'button', class: 'small watch', 'data-action': action });
    const show = () => {
      const watching = Boolean(this.find(target));
      button.textContent = watching ? 'Watching' : 'Watch';
      button.setAttribute('aria-pressed', String(watching));
      button.setAttribute('aria-label', `${watching ? 'Stop watching' : 'Watch'} ${label}`);
    };
    button.addEventListener('click', async () => {
      const existing = this.find(target);
      try {
        if (existing) {
          await api.unwatch(existing.id);
          this.watches = this.watches.filter(watch => watch !== existing);
        } else {
          this.watches = [...this.watches, await api.watch(target)];
        }
        show();
        announce(existing ? `No longer watching ${label}` : `Watching ${label}`);
      } catch (error) {
        button.after(h('span', { class: 'form-error', role: 'alert' }, ` Not changed: ${problemText(error)}`));
      }
    });
    show();
    return button;
  }
}
