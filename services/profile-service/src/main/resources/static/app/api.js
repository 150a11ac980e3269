// The one client of the public API that every view uses: REST (fetch) and live changes and presence (STOMP over
// the service's WebSocket, with @stomp/stompjs from its WebJar). The page signs in with a session cookie; every
// write echoes the CSRF cookie in X-XSRF-TOKEN, carries a commandId chosen once per edit (so a retry after a lost
// answer applies it once) and answers JSON. Nothing here knows a view.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function newCommandId() {
  return crypto.randomUUID ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : null;
}

function query(parameters = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const p = id => `/api/profiles/${encodeURIComponent(id)}`;
const e = encodeURIComponent;

async function call(method, path, { json, text, contentType } = {}) {
  // Tells the service not to answer 401 with a Basic challenge, on which browsers would open their own dialog.
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers['Content-Type'] = contentType || 'text/plain';
    body = text;
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new CustomEvent('palimpsest:signed-out'));
    throw new ApiError(response.status, typeof payload === 'object' ? payload : { detail: payload });
  }
  return payload;
}

/**
 * A write, retried with the same commandId when its answer is lost (network) or the service asks to wait (503, 429):
 * the service applies a commandId once, so a retry never makes a second edit.
 */
async function write(method, path, body = {}, attempts = 3) {
  const json = { ...body, commandId: body.commandId || newCommandId() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(method, path, { json });
    } catch (error) {
      const retriable = !(error instanceof ApiError) || error.status === 503 || error.status === 429;
      if (!retriable || attempt >= attempts) throw error;
      await new Promise(resolve => setTimeout(resolve, 300 * attempt));
    }
  }
}

/** A read, tried again while the service answers 503 (a read model catching up or being rebuilt) for up to ~6 s. */
async function read(path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call('GET', path);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 503 || attempt >= 6) throw error;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

export const api = {
  me: () => call('GET', '/api/me'),
  profiles: () => read('/api/profiles'),
  profile: (id, { at, minRevision } = {}) => read(p(id) + query({ at, minRevision })),
  retractedClaims: (id, minRevision) => read(`${p(id)}/retracted-claims` + query({ minRevision })),
  revision: (id, revision) => read(`${p(id)}/revisions/${revision}`),
  history: (id, filters = {}) => read(`${p(id)}/history` + query(filters)),
  claimHistory: (id, claimId) => read(`${p(id)}/claims/${e(claimId)}/history`),
  blame: id => read(`${p(id)}/blame`),
  diff: (id, from, to) => call('GET', `${p(id)}/diff` + query({ from, to })),
  audit: filters => read('/api/audit' + query(filters)),
  citationReport: (id, minRevision) => read(`${p(id)}/citation-report` + query({ minRevision })),
  citationReports: filters => read('/api/citation-report' + query(filters)),
  exportUrl: (id, format) => `${p(id)}/export?format=${format}`,
  importProfile: (text, { id, summary } = {}) => call('POST', '/api/profiles/import' + query({ id, summary,
    commandId: newCommandId() }), { text, contentType: text.trimStart().startsWith('# ') ? 'text/markdown' : 'text/plain' }),
  createProfile: body => write('POST', '/api/profiles', body),
  reviseClaim: (id, claimId, body) => write('PUT', `${p(id)}/claims/${e(claimId)}`, body),
  addClaim: (id, sectionId, body) => write('POST', `${p(id)}/sections/${e(sectionId)}/claims`, body),
  moveClaim: (id, claimId, body) => write('POST', `${p(id)}/claims/${e(claimId)}/move`, body),
  retractClaim: (id, claimId, body) => write('DELETE', `${p(id)}/claims/${e(claimId)}`, body),
  restoreClaim: (id, claimId, body) => write('POST', `${p(id)}/claims/${e(claimId)}/restore`, body),
  cite: (id, claimId, sourceId, body) => write('PUT', `${p(id)}/claims/${e(claimId)}/citations/${e(sourceId)}`, body),
  uncite: (id, claimId, sourceId, body) => write('DELETE', `${p(id)}/claims/${e(claimId)}/citations/${e(sourceId)}`, body),
  reviseIdentity: (id, body) => write('PUT', `${p(id)}/identity`, body),
  setFact: (id, key, body) => write('PUT', `${p(id)}/facts/${e(key)}`, body),
  removeFact: (id, key, body) => write('DELETE', `${p(id)}/facts/${e(key)}`, body),
  addSection: (id, body) => write('POST', `${p(id)}/sections`, body),
  renameSection: (id, sectionId, body) => write('PUT', `${p(id)}/sections/${e(sectionId)}`, body),
  moveSection: (id, sectionId, body) => write('POST', `${p(id)}/sections/${e(sectionId)}/move`, body),
  removeSection: (id, sectionId, body) => write('DELETE', `${p(id)}/sections/${e(sectionId)}`, body),
  addSource: (id, body) => write('POST', `${p(id)}/sources`, body),
  editSource: (id, sourceId, body) => write('PUT', `${p(id)}/sources/${e(sourceId)}`, body),
  removeSource: (id, sourceId, body) => write('DELETE', `${p(id)}/sources/${e(sourceId)}`, body),
  addConnection: (id, body) => write('POST', `${p(id)}/connections`, body),
  removeConnection: (id, connectionId, body) => write('DELETE', `${p(id)}/connections/${e(connectionId)}`, body),
  revert: (id, body) => write('POST', `${p(id)}/revert`, body),
  // The caller's own watchlist: no edits of a profile, so no commandId.
  watchlist: ({ unread = true } = {}) => read('/api/me/watches' + (unread ? '' : '?unread=false')),
  watch: target => call('POST', '/api/me/watches', { json: target }),
  unwatch: watchId => call('DELETE', `/api/me/watches/${e(watchId)}`),
  watchedChanges: after => read('/api/me/changes' + query({ after })),
  markRead: upTo => call('POST', '/api/me/changes/read', { json: { upTo } }),
  webhooks: () => call('GET', '/api/webhooks'),
  registerWebhook: body => call('POST', '/api/webhooks', { json: body }),
  webhookAction: (id, action) => call('POST', `/api/webhooks/${e(id)}/${action}`, { json: {} }),
  removeWebhook: id => call('DELETE', `/api/webhooks/${e(id)}`),
  webhookDeliveries: id => call('GET', `/api/webhooks/${e(id)}/deliveries`),
  reviews: (id, revisions) => read(`${p(id)}/reviews?revisions=${revisions.join(',')}`),
  reviewQueue: filters => read('/api/review/queue' + query(filters)),
  approve: (id, revision, body) => write('POST', `${p(id)}/revisions/${revision}/approval`, body),
  reject: (id, revision, body) => write('POST', `${p(id)}/revisions/${revision}/rejection`, body),
  suggestions: (id, minRevision) => read(`${p(id)}/suggestions` + query({ minRevision })),
  suggestionMode: (id, body) => write('PUT', `${p(id)}/suggestion-mode`, body),
  acceptSuggestion: (id, suggestionId, body) => write('POST', `${p(id)}/suggestions/${e(suggestionId)}/acceptance`, body),
  declineSuggestion: (id, suggestionId, body) => write('POST', `${p(id)}/suggestions/${e(suggestionId)}/decline`, body),
  withdrawSuggestion: (id, suggestionId, body) => write('POST', `${p(id)}/suggestions/${e(suggestionId)}/withdrawal`, body),
  amendSuggestion: (id, suggestionId, body) => write('PUT', `${p(id)}/suggestions/${e(suggestionId)}`, body),
  startReplay: () => call('POST', '/api/admin/replay', { json: {} }),
  replayProgress: () => call('GET', '/api/admin/replay'),
};

/**
 * One profile's live changes and presence. Changes arrive in order, each once: on every (re)connection the
 * subscription asks for everything after the last revision received (since-revision), and a change whose stream
 * sequence was already delivered is dropped. onState gets 'connecting', 'live' or 'reconnecting'.
 */
export class LiveProfile {
  constructor(profileId, { sinceRevision, onChange, onPresence, onState, canAnnounce }) {
    this.profileId = profileId;
    this.lastRevision = sinceRevision;
    this.lastSequence = -1;
    this.onChange = onChange;
    this.onPresence = onPresence;
    this.onState = onState || (() => {});
    this.canAnnounce = canAnnounce;
    this.announcement = {};
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.client = new Client({
      brokerURL: `${scheme}://${location.host}/ws`,
      reconnectDelay: 1000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => this.connected(),
      onWebSocketClose: () => this.onState(this.stopped ? 'closed' : 'reconnecting'),
      onStompError: frame => console.warn('STOMP refusal:', frame.headers.message),
    });
  }

  start() {
    this.onState('connecting');
    this.client.activate();
    // Presence ends after 30 s of silence: say it again every 15 s.
    this.timer = setInterval(() => this.sendAnnouncement(), 15000);
    return this;
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.client.deactivate();
  }

  /** For tests and for a person's "reconnect" : drops the socket; the client reconnects and resumes. */
  drop() {
    this.client.forceDisconnect();
  }

  get live() {
    return this.client.connected;
  }

  connected() {
    const topic = `/topic/profiles/${this.profileId}`;
    this.client.subscribe(topic, message => this.received(JSON.parse(message.body)),
      { 'since-revision': String(this.lastRevision) });
    this.client.subscribe(`${topic}/presence`, message => this.onPresence(JSON.parse(message.body)));
    this.sendAnnouncement();
    this.onState('live');
  }

  received(change) {
    if (change.sequence <= this.lastSequence) return;
    this.lastSequence = change.sequence;
    this.lastRevision = Math.max(this.lastRevision, change.revision);
    this.onChange(change);
  }

  /** What this editor works on now ({sectionId, claimId}, or {} for just having the profile open). */
  announce(announcement) {
    this.announcement = announcement || {};
    this.sendAnnouncement();
  }

  sendAnnouncement() {
    if (!this.canAnnounce || !this.client.connected) return;
    this.client.publish({ destination: `/app/profiles/${this.profileId}/presence`,
      body: JSON.stringify(this.announcement), headers: { 'content-type': 'application/json' } });
  }
}
