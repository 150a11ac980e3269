// ShareDB over a WebSocket (the setup of ShareDB's own examples), plus GET /stats for the load generator's heap readings.
// Its database is ShareDB's in-memory one, or, given a connection string, PostgreSQL through sharedb-postgres (ops and
// snapshots in the tables of its structure.sql, which the caller has created: load.mjs does). Pub/sub is ShareDB's
// in-memory one either way (one process). Usage: node server.mjs PORT [postgres://user:password@host:port/database]
import http from 'node:http';
import ShareDB from 'sharedb';
import PostgresDB from 'sharedb-postgres';
import { WebSocketServer } from 'ws';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';

// pg's own default pool size, said here so that /stats can report it.
const POSTGRES_POOL_SIZE = 10;
const connectionString = process.argv[3];
const backend = connectionString
  ? new ShareDB({ db: new PostgresDB({ connectionString, max: POSTGRES_POOL_SIZE }) })
  : new ShareDB();
const server = http.createServer((request, response) => {
  if (request.url === '/stats') {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ ...process.memoryUsage(), postgresPoolSize: connectionString ? POSTGRES_POOL_SIZE : null }));
  } else {
    response.statusCode = 404;
    response.end();
  }
});
new WebSocketServer({ server }).on('connection', (socket) => backend.listen(new WebSocketJSONStream(socket)));
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
