// The page's entry: who is signed in, then the view for the path. Each view is its own module with
// render(main, context); links between views are ordinary links (full page loads: simple, and every view's state
// is in its URL).
import { api } from './api.js';
import { clear, h } from './dom.js';

const routes = [
  [/^\/$/, () => import('./views/profiles.js')],
  [/^\/profiles\/([^/]+)$/, () => import('./views/profile.js')],
  [/^\/profiles\/([^/]+)\/history$/, () => import('./views/history.js')],
  [/^\/profiles\/([^/]+)\/citations$/, () => import('./views/citations.js')],
  [/^\/citations$/, () => import('./views/citations.js')],
  [/^\/audit$/, () => import('./views/audit.js')],
  [/^\/admin$/, () => import('./views/admin.js')],
  [/^\/watchlist$/, () => import('./views/watchlist.js')],
  [/^\/admin\/webhooks$/, () => import('./views/webhooks.js')],
  [/^\/review$/, () => import('./views/review.js')],
];

function signIn() {
  location.assign(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
}

async function start() {
  const main = document.getElementById('main');
  window.addEventListener('palimpsest:signed-out', () => {
    // Nothing typed is lost: drafts are in the browser and offered back after signing in again.
    if (!document.querySelector('[data-role="signed-out"]')) {
      document.body.prepend(h('div', { class: 'banner warning', role: 'alert', 'data-role': 'signed-out' },
        'Your session has ended. Unsaved text is kept in this browser. ',
        h('a', { href: `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}` }, 'Sign in again')));
    }
  });
  let me;
  try {
    me = await api.me();
  } catch (error) {
    if (error.status === 401) return signIn();
    throw error;
  }
  me.canEdit = me.roles.includes('EDITOR');
  me.isAdmin = me.roles.includes('ADMIN');
  me.canReview = me.roles.includes('REVIEWER');
  const role = me.isAdmin ? 'admin' : me.canReview ? 'reviewer' : me.canEdit ? 'editor' : 'reader';
  document.body.dataset.role = role;
  document.querySelector('[data-role="user"]').textContent = `${me.name} (${role})`;
  document.querySelector('[data-role="admin-link"]').hidden = !me.isAdmin;
  api.watchlist().then(overview => {
    document.querySelector('[data-role="unread-count"]').textContent = overview.unread ? ` (${overview.unread})` : '';
  }, () => {}); // the count is a nicety: every page works without it
  const csrf = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  document.querySelector('[data-role="sign-out"] input[name="_csrf"]').value =
    csrf ? decodeURIComponent(csrf.slice('XSRF-TOKEN='.length)) : '';

  for (const [pattern, load] of routes) {
    const match = location.pathname.match(pattern);
    if (match) {
      const view = await load();
      return view.render(main, { me, params: match.slice(1).map(decodeURIComponent),
        query: new URLSearchParams(location.search) });
    }
  }
  clear(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'All profiles')));
}

start().catch(error => {
  console.error(error);
  clear(document.getElementById('main'), h('p', { class: 'form-error', role: 'alert' }, `The page failed: ${error.message}`));
});
