// Prints every change of one profile as it happens, and who is editing what.
//   npm install
//   PALIMPSEST_AUTH=dev:<password> node watch-profile.mjs <profile-id> [since-revision]
// PALIMPSEST_URL defaults to http://localhost:8080. With since-revision, the changes after it come first, then the
// live ones; after a dropped connection it resumes after the last revision it printed (no gap, no duplicate).
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const [profileId, since] = process.argv.slice(2);
const auth = process.env.PALIMPSEST_AUTH;
if (!profileId || !auth) {
  console.error('usage: PALIMPSEST_AUTH=user:password node watch-profile.mjs <profile-id> [since-revision]');
  process.exit(2);
}
const base = (process.env.PALIMPSEST_URL ?? 'http://localhost:8080').replace(/^http/, 'ws');
let lastRevision = since === undefined ? null : Number(since);

const client = new Client({
  // Node's WebSocket cannot send headers; `ws` carries the handshake's HTTP Basic header.
  webSocketFactory: () => new WebSocket(base + '/ws',
    { headers: { Authorization: 'Basic ' + Buffer.from(auth).toString('base64') } }),
  reconnectDelay: 2000,
  onConnect: () => {
    const resume = lastRevision === null ? {} : { 'since-revision': String(lastRevision) };
    client.subscribe(`/topic/profiles/${profileId}`, (message) => {
      const change = JSON.parse(message.body);
      lastRevision = Math.max(lastRevision ?? 0, change.revision);
      console.log(`r${change.revision} ${change.type} by ${change.editor}` +
        (change.summary ? ` — ${change.summary}` : ''));
    }, resume);
    client.subscribe(`/topic/profiles/${profileId}/presence`, (message) => {
      const editors = JSON.parse(message.body).editors ?? [];
      console.log('present: ' + (editors.map((e) => e.editor + (e.claimId ? ` on ${e.claimId}` : '')).join(', ')
        || 'nobody'));
    });
    console.log(`watching ${profileId}` + (lastRevision === null ? '' : ` after revision ${lastRevision}`));
  },
  onStompError: (frame) => console.error('refused: ' + (frame.headers.message ?? frame.body)),
  onWebSocketClose: () => console.error('connection lost; reconnecting'),
});
client.activate();
