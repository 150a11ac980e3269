// The Palimpsest benchmark workload against ShareDB (bench/src/main/java/io/palimpsest/bench/Workload.java has the
// shape): editor e works on document bench-p(e % profiles), one field per claim; it replaces its own claim e<e>, or
// with probability conflictShare the shared claim `hot`, after a think time uniform in [0.5, 1.5] × thinkMs. Each
// editor has its own connection subscribed to its document. Latency: from the editor's acknowledgement (and from
// sending) to the op's arrival at every other editor of the document. Writes the same JSON as the Java generator.
// Phases: "paced" (think-ms), "flat-out" (no think time), on the same editors; then "crowd": crowd-editors new editors,
// each with its own connection, all on one document (bench-crowd: claims e0…e<crowd-editors - 1> and hot), think time
// crowd-think-ms, the same conflict share, warm-up and measured time (--crowd-editors=0 skips it).
// Database (--db): ShareDB's in-memory one (memory), or PostgreSQL through sharedb-postgres (postgres), whose tables
// this script drops and creates afresh from the adapter's structure.sql before each run; --postgres-url defaults to the
// one bench/postgres.sh start wrote to bench/target/postgres/url. PostgreSQL's CPU (the postmaster and its backends) is
// reported beside the ShareDB server's as databaseCpuPercentOfOneCore, when the database runs on this machine.
// sharedb-postgres 5.0.1 declares sharedb ≤ 5 as a dependency; package.json's "overrides" makes it use our sharedb 7
// instead of a second, older copy: the adapter only extends sharedb's DB class, whose interface is the same in 5.2.2
// and 7.0.0 (lib/db/index.js unchanged), and its own spec passes sharedb 7.0.0's DB test suite on PostgreSQL 15.
// Usage: node load.mjs --editors=200 --profiles=20 --think-ms=1000 --conflict-share=0.2 --first-warm-up-seconds=180
//        --warm-up-seconds=30 --seconds=30 --crowd-editors=500 --crowd-think-ms=10000
//        [--db=memory|postgres] [--postgres-url=postgres://user:password@127.0.0.1:55432/bench]
//        --out=../results/sharedb.json (default; ../results/sharedb-postgres.json with --db=postgres)
// e.g. bench/postgres.sh start && (cd bench/sharedb && node load.mjs --db=postgres --editors=20 --profiles=4 --seconds=4)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';
import ShareDBClient from 'sharedb/lib/client/index.js';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const [name, ...value] = arg.replace(/^--/, '').split('=');
  return [name, value.join('=')];
}));
const workload = {
  editors: Number(args.editors ?? 200), profiles: Number(args.profiles ?? 20), thinkMs: Number(args['think-ms'] ?? 1000),
  conflictShare: Number(args['conflict-share'] ?? 0.2), warmUpSeconds: Number(args['warm-up-seconds'] ?? 30),
  measuredSeconds: Number(args.seconds ?? 30),
};
// The first phase is warmed up longer, as the Java load generator does (bench/src/.../Workload.java).
workload.firstWarmUpSeconds = Number(args['first-warm-up-seconds'] ?? workload.warmUpSeconds);
// The crowd: one document, many editors; warm-up, measured time and conflict share are the workload's.
const crowd = { editors: Number(args['crowd-editors'] ?? 500), profiles: 1, thinkMs: Number(args['crowd-think-ms'] ?? 10000) };
const CROWD_DOCUMENT = 'bench-crowd';
const database = args.db ?? 'memory';
if (!['memory', 'postgres'].includes(database)) throw new Error(`--db=${database}: memory or postgres`);
const postgresUrlFile = new URL('../target/postgres/url', import.meta.url);
const postgresUrl = database !== 'postgres' ? null
  : args['postgres-url'] ?? (existsSync(postgresUrlFile) ? readFileSync(postgresUrlFile, 'utf8').trim() : null);
if (database === 'postgres' && !postgresUrl) {
  throw new Error('--db=postgres needs --postgres-url=postgres://… or a server from bench/postgres.sh start');
}
const out = args.out ?? (database === 'postgres' ? '../results/sharedb-postgres.json' : '../results/sharedb.json');
const SHARED_CLAIM = 'hot';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => console.log(`[sharedb ${new Date().toISOString().slice(11, 19)}] ${line}`);
const versionOf = (module) => require(`${module}/package.json`).version;

function machine() {
  return {
    time: new Date().toISOString(), cores: os.cpus().length, loadAverage: readFileSync('/proc/loadavg', 'utf8').trim(),
    memTotal: readFileSync('/proc/meminfo', 'utf8').split('\n')[0].replace(/\s+/g, ' '), node: process.version,
  };
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

/** The fields of /proc/<pid>/stat after the command name: [0] is field 3 (state), [1] ppid, [11] utime, [12] stime... */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
}

function cpuSeconds(pid) {
  const fields = statFields(pid);
  return (fields[11] + fields[12]) / 100;
}

/** A process's CPU, its ended children's (cutime, cstime) and its living children's: PostgreSQL's postmaster and backends. */
function treeCpuSeconds(pid) {
  const fields = statFields(pid);
  let seconds = (fields[11] + fields[12] + fields[13] + fields[14]) / 100;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const child = statFields(entry);
      if (child[1] === pid) seconds += (child[11] + child[12]) / 100;
    } catch {
      // ended meanwhile
    }
  }
  return seconds;
}

function rssBytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.replace(/\D/g, '')) * 1024;
}

const round = (value) => Math.round(value * 100) / 100;

function percentiles(ms) {
  if (ms.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(ms).sort();
  const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]) };
}

/**
 * Samples the server process once a second and this process's CPU, like the Java generator's ProcessSampler; and,
 * given its postmaster's pid, PostgreSQL's CPU.
 */
function sampler(pid, port, databasePid) {
  const start = performance.now();
  const startCpu = cpuSeconds(pid);
  const clientStartCpu = cpuSeconds(process.pid);
  const databaseStartCpu = databasePid ? treeCpuSeconds(databasePid) : 0;
  let maxRss = 0; let maxHeap = 0; let heapSum = 0; let heapSamples = 0;
  const sample = async () => {
    maxRss = Math.max(maxRss, rssBytes(pid));
    const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
    maxHeap = Math.max(maxHeap, stats.heapUsed); heapSum += stats.heapUsed; heapSamples++;
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    usage() {
      clearInterval(timer);
      const seconds = (performance.now() - start) / 1000;
      return {
        cpuPercentOfOneCore: round((cpuSeconds(pid) - startCpu) / seconds * 100),
        clientCpuPercentOfOneCore: round((cpuSeconds(process.pid) - clientStartCpu) / seconds * 100),
        ...(databasePid ? { databaseCpuPercentOfOneCore: round((treeCpuSeconds(databasePid) - databaseStartCpu) / seconds * 100) } : {}),
        maxRssMiB: round(maxRss / 1048576), maxHeapUsedMiB: round(maxHeap / 1048576),
        meanHeapUsedMiB: round(heapSamples ? heapSum / heapSamples / 1048576 : 0),
      };
    },
  };
}

/**
 * A fresh schema (sharedb-postgres's structure.sql, which is not idempotent, after dropping its tables) and what the
 * JSON says of the database: its settings, and the postmaster's pid if it runs on this machine.
 */
async function preparePostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS ops, snapshots');
    await client.query(readFileSync(require.resolve('sharedb-postgres/structure.sql'), 'utf8'));
    const settings = {};
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes',
      'shared_buffers', 'max_connections']) {
      settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
    }
    const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    let postmasterPid = null;
    try {
      const ppid = statFields(backend)[1];
      if (readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() === 'postgres') postmasterPid = ppid;
    } catch {
      // not on this machine
    }
    return { settings, postmasterPid };
  } finally {
    await client.end();
  }
}

async function countPostgresRows(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { ops: await count('ops'), snapshots: await count('snapshots') };
  } finally {
    await client.end();
  }
}

function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.on('open', () => resolve(new ShareDBClient.Connection(socket)));
    socket.on('error', reject);
  });
}

const subscribe = (doc) => new Promise((resolve, reject) => doc.subscribe((error) => (error ? reject(error) : resolve())));

function createDocument(connection, id, editorIndexes) {
  const claims = { [SHARED_CLAIM]: `Initial text of ${SHARED_CLAIM}` };
  for (const e of editorIndexes) claims[`e${e}`] = `Initial text of e${e}`;
  const doc = connection.get('profiles', id);
  return new Promise((resolve, reject) => doc.create({ claims }, (error) => (error ? reject(error) : resolve())));
}

/** The phase being recorded, if any: its editors (one group of joinEditors), window, edits and receipts. */
let recording = null;

/**
 * count editors, each on its own connection subscribed to documentOf(index): {index, doc, others (the number of other
 * editors on its document), count (edits so far, so that tokens stay unique across phases)}. Receipts are noted only
 * while a phase of this group is measured.
 */
async function joinEditors(port, count, documentOf) {
  const group = [];
  for (let index = 0; index < count; index++) {
    const editor = { index, doc: (await connect(port)).get('profiles', documentOf(index)), others: 0, count: 0 };
    editor.doc.on('op', (op, source) => {
      const now = performance.now();
      if (source || !recording || recording.group !== group || now < recording.from) return;
      for (const component of op) {
        const token = typeof component.oi === 'string' ? component.oi.match(/#e\d+n\d+#/) : null;
        if (token) recording.receipts.push([token[0], editor, now]);
      }
    });
    await subscribe(editor.doc);
    group.push(editor);
  }
  const perDocument = new Map();
  for (const { doc } of group) perDocument.set(doc.id, (perDocument.get(doc.id) ?? 0) + 1);
  for (const editor of group) editor.others = perDocument.get(editor.doc.id) - 1;
  return group;
}

async function main() {
  const before = machine();
  let postgres = null;
  if (database === 'postgres') {
    postgres = await preparePostgres(postgresUrl);
    log(`PostgreSQL ${postgres.settings.server_version}: fresh sharedb-postgres tables`);
  }
  const port = await freePort();
  const server = spawn(process.execPath,
    [new URL('./server.mjs', import.meta.url).pathname, String(port), ...(postgresUrl ? [postgresUrl] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`server.mjs ended (exit code ${code})`)));
  });
  try {
    log(`setting up ${workload.profiles} documents and ${workload.editors} editors`);
    const setup = await connect(port);
    for (let p = 0; p < workload.profiles; p++) {
      const editors = [];
      for (let e = p; e < workload.editors; e += workload.profiles) editors.push(e);
      await createDocument(setup, `bench-p${p}`, editors);
    }
    const serverPid = server.pid;
    const databasePid = postgres?.postmasterPid ?? null;
    const editors = await joinEditors(port, workload.editors, (e) => `bench-p${e % workload.profiles}`);
    const phases = [];
    for (const thinkMs of [workload.thinkMs, 0]) {
      const name = thinkMs > 0 ? 'paced' : 'flat-out';
      const warmUpSeconds = phases.length === 0 ? workload.firstWarmUpSeconds : workload.warmUpSeconds;
      log(`phase ${name} (${warmUpSeconds} s warm-up)`);
      phases.push(await runPhase(name, thinkMs, warmUpSeconds, editors, port, serverPid, databasePid));
      log(JSON.stringify(phases.at(-1)));
    }
    if (crowd.editors > 0) {
      log(`setting up the crowd: ${crowd.editors} more editors on ${CROWD_DOCUMENT}`);
      await createDocument(setup, CROWD_DOCUMENT, Array.from({ length: crowd.editors }, (_, e) => e));
      const crowdEditors = await joinEditors(port, crowd.editors, () => CROWD_DOCUMENT);
      log(`phase crowd (${workload.warmUpSeconds} s warm-up)`);
      phases.push(await runPhase('crowd', crowd.thinkMs, workload.warmUpSeconds, crowdEditors, port, serverPid, databasePid));
      log(JSON.stringify(phases.at(-1)));
    }
    const sharedb = `ShareDB ${versionOf('sharedb')}`;
    let storage = `in memory (${sharedb} MemoryDB + MemoryPubSub, json0)`;
    if (postgres) {
      const { server_version: version, fsync, synchronous_commit: synchronousCommit } = postgres.settings;
      const durable = fsync === 'on' && synchronousCommit !== 'off';
      const flushing = fsync === 'on' && synchronousCommit === 'on' ? 'fsync and synchronous_commit on'
        : `fsync ${fsync}, synchronous_commit ${synchronousCommit}`;
      storage = `${durable ? 'durable' : 'NOT durable'} (${sharedb} on PostgreSQL ${version.split(' ')[0]}, `
        + `sharedb-postgres ${versionOf('sharedb-postgres')}, ${flushing})`;
      const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
      postgres = { settings: postgres.settings, poolSize: stats.postgresPoolSize, rows: await countPostgresRows(postgresUrl) };
      log(`PostgreSQL holds ${postgres.rows.ops} ops and ${postgres.rows.snapshots} snapshots`);
    }
    const result = {
      system: 'sharedb', storage, machine: before, workload, crowd, ...(postgres ? { postgres } : {}), phases,
      machineAfter: machine(),
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2));
    log(`wrote ${out}`);
  } finally {
    server.kill();
  }
  process.exit(0);
}

/** One phase on a group of editors (joinEditors): each edits in a closed loop until the measured window ends. */
async function runPhase(name, thinkMs, warmUpSeconds, group, port, serverPid, databasePid) {
  const start = performance.now();
  recording = {
    group, from: start + warmUpSeconds * 1000, until: start + (warmUpSeconds + workload.measuredSeconds) * 1000,
    edits: new Map(), receipts: [], accepted: 0, conflicts: 0, errors: 0, firstError: null,
  };
  const phase = recording;
  // Sampled over the measured window only, as the Java generator does.
  const measuring = sleep(phase.from - start).then(() => sampler(serverPid, port, databasePid));
  const edit = async (editor) => {
    const { doc, index } = editor;
    while (performance.now() < phase.until) {
      if (thinkMs > 0) {
        // An edit that would come after the window is not waited for: the phase (and its CPU figures) ends with its
        // window, not up to 1.5 think times later (with the crowd's 10 s, up to 15 s of editors asleep).
        const think = thinkMs * (0.5 + Math.random());
        if (performance.now() + think >= phase.until) return;
        await sleep(think);
      }
      const claim = Math.random() < workload.conflictShare ? SHARED_CLAIM : `e${index}`;
      const token = `#e${index}n${++editor.count}#`;
      const sent = performance.now();
      if (sent >= phase.until) return;
      const error = await new Promise((resolve) => doc.submitOp(
        [{ p: ['claims', claim], od: doc.data.claims[claim], oi: `Edit ${token} by editor ${index}` }], { source: true }, resolve));
      const ack = performance.now();
      if (sent < phase.from) continue;
      if (error) {
        phase.errors++;
        phase.firstError ??= String(error);
      } else {
        phase.accepted++;
        phase.edits.set(token, [sent, ack, editor]);
      }
      if (thinkMs === 0) await new Promise(setImmediate);
    }
  };
  await Promise.all([...group.map(edit), sleep(phase.until - performance.now())]);
  const server = (await measuring).usage();
  await sleep(2000);
  recording = null;
  const fromAck = []; const fromSend = [];
  for (const [token, receiver, at] of phase.receipts) {
    const sent = phase.edits.get(token);
    if (sent && sent[2] !== receiver) {
      fromAck.push(Math.max(0, at - sent[1]));
      fromSend.push(at - sent[0]);
    }
  }
  let expectedDeliveries = 0;
  for (const [, , editor] of phase.edits.values()) expectedDeliveries += editor.others;
  return {
    phase: name, thinkMs, acceptedPerSecond: round(phase.accepted / workload.measuredSeconds),
    accepted: phase.accepted, conflicts: phase.conflicts, errors: phase.errors, firstError: phase.firstError,
    expectedDeliveries, deliveries: fromAck.length,
    ackToOthers: percentiles(fromAck), sendToOthers: percentiles(fromSend), server,
  };
}

main().catch((error) => { console.error(error); process.exit(1); });
