// Rebuild of the read models, with the API's progress figures while it runs.
import { api } from '../api.js';
import { clear, formatDate, h, problemText } from '../dom.js';

export async function render(main, { me }) {
  if (!me.isAdmin) return clear(main, h('h1', {}, 'Admin'), h('p', {}, 'Only an ADMIN may rebuild the read models.'));
  const progress = h('div', { 'data-role': 'replay-progress', role: 'status', 'aria-live': 'polite' });
  const start = h('button', { type: 'button', class: 'primary', 'data-action': 'start-replay' }, 'Rebuild the read models');
  let timer;
  async function poll() {
    try {
      show(progress, await api.replayProgress());
      const running = progress.dataset.rebuilding === 'true';
      timer = setTimeout(poll, running ? 300 : 3000);
    } catch (error) {
      clear(progress, h('p', { class: 'form-error' }, problemText(error)));
    }
  }
  start.addEventListener('click', async () => {
    clearTimeout(timer);
    try {
      show(progress, await api.startReplay());
    } catch (error) {
      clear(progress, h('p', { class: 'form-error', role: 'alert' }, problemText(error)));
    }
    poll();
  });
  clear(main, h('h1', {}, 'Admin'), h('p', {}, h('a', { href: '/admin/webhooks' }, 'Webhooks')),
    h('h2', {}, 'Read models'),
    h('p', {}, 'A rebuild folds every stored event into the read models again; the service keeps answering meanwhile.'),
    start, progress);
  poll();
}

function show(element, replay) {
  element.dataset.rebuilding = String(replay.rebuilding);
  const done = replay.eventsTotal ? replay.eventsDone / replay.eventsTotal : 0;
  clear(element,
    h('p', {}, replay.rebuilding ? 'Rebuilding…' : replay.startedAt ? 'Last rebuild finished.' : 'No rebuild since the service started.'),
    h('progress', { max: 1, value: replay.rebuilding || replay.startedAt ? done : 0, 'aria-label': 'Rebuild progress' }),
    h('dl', { class: 'figures' },
      h('dt', {}, 'Events'), h('dd', {}, `${replay.eventsDone} of ${replay.eventsTotal}`),
      h('dt', {}, 'Rate'), h('dd', {}, `${Math.round(replay.eventsPerSecond)} events/s`),
      replay.startedAt ? [h('dt', {}, 'Started'), h('dd', {}, formatDate(replay.startedAt))] : null,
      replay.estimatedFinish ? [h('dt', {}, replay.rebuilding ? 'Estimated finish' : 'Finished'), h('dd', {}, formatDate(replay.estimatedFinish))] : null,
      (replay.readModels || []).map(model => [h('dt', {}, model.name), h('dd', {}, `${model.replaying ? 'replaying' : 'live'}, position ${model.position}`)])));
}
