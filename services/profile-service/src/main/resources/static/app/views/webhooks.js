// The ADMIN's webhooks: register one (its secret is shown once), see each one's state, last error and how far it
// has delivered, pause, resume, ping or remove it, and list its recent deliveries (docs/streams.md, "Webhooks").
import { api } from '../api.js';
import { announce, clear, h, problemText, timeAgo } from '../dom.js';

const FILTERS = [['profile', 'Profiles'], ['kind', 'Kinds of change'], ['editor', 'Editors'], ['section', 'Sections'],
  ['claim', 'Claims'], ['source', 'Sources']];

export async function render(main, { me }) {
  if (!me.isAdmin) return clear(main, h('h1', {}, 'Webhooks'), h('p', {}, 'Only an ADMIN manages webhooks.'));
  const list = h('div', { 'data-role': 'webhook-list' });
  const secret = h('div', { 'data-role': 'webhook-secret-holder' });
  clear(main, h('p', { class: 'breadcrumb' }, h('a', { href: '/admin' }, '← Admin')), h('h1', {}, 'Webhooks'),
    h('p', { class: 'hint' }, 'Each matching change is POSTed to the URL, signed with the webhook\'s secret '
      + '(X-Palimpsest-Signature), in the order of the log, at least once. The host must be on the operator\'s allow list.'),
    registerForm(secret, () => refresh(list)), secret, h('h2', {}, 'Registered'), list);
  await refresh(list);
}

function registerForm(secretHolder, registered) {
  const fields = FILTERS.map(([name, label]) => [h('label', { for: `wh-${name}` }, `${label} (comma-separated, optional)`),
    h('input', { id: `wh-${name}`, name })]);
  const form = h('form', { class: 'stack card', 'data-role': 'register-webhook' }, h('h2', {}, 'Register a webhook'),
    h('label', { for: 'wh-url' }, 'URL'), h('input', { id: 'wh-url', name: 'url', type: 'url', required: true, size: 50 }),
    h('label', { for: 'wh-description' }, 'Description'), h('input', { id: 'wh-description', name: 'description' }),
    fields, h('p', { class: 'form-error', role: 'alert', 'data-role': 'register-problem' }),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'register-webhook' }, 'Register'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    const filters = Object.fromEntries(FILTERS.map(([name]) => [name, (values[name] || '').split(',')
      .map(value => value.trim()).filter(Boolean)]).filter(([, list]) => list.length));
    const problem = form.querySelector('[data-role="register-problem"]');
    problem.textContent = '';
    try {
      const created = await api.registerWebhook({ url: values.url, description: values.description || null, filters });
      clear(secretHolder, h('div', { class: 'banner warning', role: 'status' },
        `Registered ${created.id}. Its secret, shown only now — keep it where the receiver can read it: `,
        h('code', { 'data-role': 'webhook-secret' }, created.secret)));
      form.reset();
      registered();
    } catch (error) {
      problem.textContent = `Not registered: ${problemText(error)}`;
    }
  });
  return form;
}

async function refresh(list) {
  try {
    const webhooks = await api.webhooks();
    clear(list, webhooks.length ? h('ul', { class: 'webhooks' }, webhooks.map(webhook => item(webhook, list)))
      : h('p', { class: 'hint' }, 'No webhooks yet.'));
  } catch (error) {
    clear(list, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
  }
}

function item(webhook, list) {
  const filters = Object.entries(webhook.filters || {}).filter(([, values]) => Array.isArray(values) && values.length)
    .map(([name, values]) => `${name}: ${values.join(', ')}`).join('; ') || 'every change';
  const deliveries = h('div', { 'data-role': 'deliveries' });
  const act = (label, action, run) => h('button', { type: 'button', class: 'small', 'data-action': action,
    'aria-label': `${label} webhook ${webhook.id}`, onclick: async event => {
      try {
        await run();
        announce(`${label}: ${webhook.id}`);
        await refresh(list);
      } catch (error) {
        event.target.after(h('span', { class: 'form-error', role: 'alert' }, ` ${problemText(error)}`));
      }
    } }, label);
  return h('li', { class: 'card', dataset: { webhookId: webhook.id, state: webhook.state } },
    h('p', {}, h('strong', {}, webhook.url), webhook.description ? ` — ${webhook.description}` : ''),
    h('p', { class: 'meta' }, `${webhook.id} · ${filters} · `,
      h('span', { 'data-role': 'webhook-state' }, webhook.state),
      webhook.deliveredUpTo ? ` · delivered up to ${webhook.deliveredUpTo}` : ' · nothing delivered yet',
      ` · by ${webhook.createdBy} `, timeAgo(webhook.createdAt)),
    webhook.lastError ? h('p', { class: 'banner error', 'data-role': 'webhook-error' },
      `Last error (${webhook.failures} failures in a row): ${webhook.lastError}`) : null,
    h('div', { class: 'actions' },
      webhook.state === 'paused' ? act('Resume', 'resume-webhook', () => api.webhookAction(webhook.id, 'resume'))
        : act('Pause', 'pause-webhook', () => api.webhookAction(webhook.id, 'pause')),
      act('Ping', 'ping-webhook', () => api.webhookAction(webhook.id, 'ping')),
      h('button', { type: 'button', class: 'small', 'data-action': 'show-deliveries', onclick: async () => {
        const { deliveries: recent } = await api.webhookDeliveries(webhook.id);
        clear(deliveries, recent.length ? h('table', {}, h('thead', {}, h('tr', {},
          ['When', 'Delivery', 'Event', 'Attempt', 'Status', 'ms', 'Error'].map(title => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, recent.map(delivery => h('tr', {}, h('td', {}, timeAgo(delivery.time)), h('td', {}, delivery.delivery),
          h('td', {}, delivery.event), h('td', {}, String(delivery.attempt)), h('td', {}, delivery.status ?? '—'),
          h('td', {}, String(delivery.latencyMs ?? '')), h('td', {}, delivery.error || '')))))
          : h('p', { class: 'hint' }, 'No deliveries yet.'));
      } }, 'Recent deliveries'),
      act('Remove', 'remove-webhook', () => api.removeWebhook(webhook.id))),
    deliveries);
}
