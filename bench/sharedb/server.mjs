// ShareDB with its in-memory database and pub/sub, over a WebSocket (the setup of ShareDB's own examples), plus
// GET /stats for the load generator's heap readings. Usage: node server.mjs PORT
import http from 'node:http';
import ShareDB from 'sharedb';
import { WebSocketServer } from 'ws';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';

const backend = new ShareDB();
const server = http.createServer((request, response) => {
  if (request.url === '/stats') {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(process.memoryUsage()));
  } else {
    response.statusCode = 404;
    response.end();
  }
});
new WebSocketServer({ server }).on('connection', (socket) => backend.listen(new WebSocketJSONStream(socket)));
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
