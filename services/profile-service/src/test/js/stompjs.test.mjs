// @stomp/stompjs, the STOMP client browsers use, against a running service at PALIMPSEST_URL (users as in
// ServiceTest: "<name>:<name>-pw"). Node has no browser WebSocket that sends headers, so `ws` carries the
// handshake's HTTP Basic header.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const base = process.env.PALIMPSEST_URL;
const WAIT_MS = 20000;
const basic = (user) => 'Basic ' + Buffer.from(`${user}:${user}-pw`).toString('base64');

async function rest(method, path, body, user = 'alice') {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: basic(user), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

function connect(user) {
  return new Promise((resolve, reject) => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(base.replace(/^http/, 'ws') + '/ws',
        { headers: { Authorization: basic(user) } }),
      reconnectDelay: 0,
      onConnect: () => resolve(client),
      onStompError: (frame) => reject(new Error(frame.headers.message)),
      onWebSocketError: (event) => reject(new Error('WebSocket error: ' + (event.message ?? event))),
    });
    client.activate();
  });
}

/** Subscribes and collects the JSON bodies; take(n) waits for the first n. */
function subscribe(client, destination, headers = {}) {
  const messages = [];
  let wake = () => {};
  client.subscribe(destination, (message) => {
    messages.push(JSON.parse(message.body));
    wake();
  }, headers);
  return {
    async take(n) {
      const deadline = Date.now() + WAIT_MS;
      while (messages.length < n) {
        assert.ok(Date.now() < deadline, `only ${messages.length} of ${n} messages on ${destination}`);
        await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 100); });
      }
      return messages.slice(0, n);
    },
  };
}

const setFact = (id, key, value, user) => rest('PUT', `/api/profiles/${id}/facts/${key}`, { value }, user);

test('a stompjs subscriber gets every change in revision order, then resumes after being away', async () => {
  await rest('POST', '/api/profiles', { id: 'stompjs', name: 'Stomp JS Org' });
  const first = await connect('carol');
  const changes = subscribe(first, '/topic/profiles/stompjs', { 'since-revision': '0' });
  await setFact('stompjs', 'Founded', '2024', 'alice');
  await setFact('stompjs', 'Staff', '12', 'bob');

  const seen = await changes.take(3);
  assert.deepEqual(seen.map((m) => m.revision), [1, 2, 3]);
  assert.deepEqual(seen.map((m) => m.type), ['ProfileCreated', 'FactSet', 'FactSet']);
  assert.deepEqual(seen.map((m) => m.editor), ['alice', 'alice', 'bob']);
  assert.equal(seen[2].change.value, '12');
  await first.deactivate();

  await setFact('stompjs', 'Missed', 'while away', 'alice');
  const again = await connect('carol');
  const resumed = subscribe(again, '/topic/profiles/stompjs', { 'since-revision': String(seen.at(-1).revision) });
  const [missed] = await resumed.take(1);
  await setFact('stompjs', 'Live', 'after resume', 'bob');
  const [, live] = await resumed.take(2);
  await again.deactivate();

  assert.equal(missed.revision, 4);
  assert.equal(missed.change.key, 'Missed');
  assert.equal(live.revision, 5);
  assert.equal(live.change.key, 'Live');
});
