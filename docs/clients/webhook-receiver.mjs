#!/usr/bin/env node
// A Palimpsest webhook receiver: checks each delivery's signature, drops repeats by delivery id, prints the change.
// docs/streams.md, "Webhooks". No dependencies (Node 18 or later):
//
//   WEBHOOK_SECRET=<the secret shown when the webhook was registered> node webhook-receiver.mjs [port]
//
// Behind an https proxy in production; register https://<that host>/ as the webhook's url.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret shown when the webhook was registered');
  process.exit(2);
}
const port = Number(process.argv[2] ?? 8090);
// Deliveries are at least once: a change may come again after a retry or a restart. Keep the ids durably in real use.
const seen = new Set();

/** The signature is the HMAC-SHA256 of the raw body, so check it on the bytes received, before parsing them. */
function signedWithSecret(body, header) {
  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', chunk => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const delivery = request.headers['x-palimpsest-delivery'];
    if (!signedWithSecret(body, request.headers['x-palimpsest-signature'])) {
      console.log(`refused ${delivery ?? '-'}: bad signature`);
      response.writeHead(401).end();
      return;
    }
    if (!seen.has(delivery)) {
      const change = JSON.parse(body);
      // Hand the change on here; answer 2xx only once it is safely handled, else it comes again.
      console.log(`${request.headers['x-palimpsest-event']} ${delivery} ${JSON.stringify(change)}`);
      seen.add(delivery);
    }
    response.writeHead(204).end();
  });
});
server.listen(port, () => console.log(`listening on ${server.address().port}`));
