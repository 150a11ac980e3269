// The Palimpsest benchmark workload against ShareDB (bench/src/main/java/io/palimpsest/bench/Workload.java has the
// shape): editor e works on document bench-p(e % profiles), one field per claim; it replaces its own claim e<e>, or
// with probability conflictShare the shared claim `hot`, after a think time uniform in [0.5, 1.5] × thinkMs. Each
// editor has its own connection subscribed to its document. Latency: from the editor's acknowledgement (and from
// sending) to the op's arrival at every other editor of the document. Writes the same JSON as the Java generator.
// Usage: node load.mjs --editors=200 --profiles=20 --think-ms=1000 --conflict-share=0.2 --first-warm-up-seconds=180 --warm-up-seconds=30
//        --seconds=30 --out=../results/sharedb.json
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import ShareDBClient from 'sharedb/lib/client/index.js';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const workload = {
  editors: Number(args.editors ?? 200), profiles: Number(args.profiles ?? 20), thinkMs: Number(args['think-ms'] ?? 1000),
  conflictShare: Number(args['conflict-share'] ?? 0.2), warmUpSeconds: Number(args['warm-up-seconds'] ?? 30),
  measuredSeconds: Number(args.seconds ?? 30),
};
// The first phase is warmed up longer, as the Java load generator does (bench/src/.../Workload.java).
workload.firstWarmUpSeconds = Number(args['first-warm-up-seconds'] ?? workload.warmUpSeconds);
const out = args.out ?? '../results/sharedb.json';
const SHARED_CLAIM = 'hot';
const profileOf = (editor) => `bench-p${editor % workload.profiles}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => console.log(`[sharedb ${new Date().toISOString().slice(11, 19)}] ${line}`);

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

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
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

/** Samples the server process once a second and this process's CPU, like the Java generator's ProcessSampler. */
function sampler(pid, port) {
  const start = performance.now();
  const startCpu = cpuSeconds(pid);
  const clientStartCpu = cpuSeconds(process.pid);
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
        maxRssMiB: round(maxRss / 1048576), maxHeapUsedMiB: round(maxHeap / 1048576),
        meanHeapUsedMiB: round(heapSamples ? heapSum / heapSamples / 1048576 : 0),
      };
    },
  };
}

function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.on('open', () => resolve(new ShareDBClient.Connection(socket)));
    socket.on('error', reject);
  });
}

const subscribe = (doc) => new Promise((resolve, reject) => doc.subscribe((error) => (error ? reject(error) : resolve())));

async function main() {
  const before = machine();
  const port = await freePort();
  const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname, String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  try {
    log(`setting up ${workload.profiles} documents and ${workload.editors} editors`);
    const setup = await connect(port);
    for (let p = 0; p < workload.profiles; p++) {
      const claims = { [SHARED_CLAIM]: `Initial text of ${SHARED_CLAIM}` };
      for (let e = p; e < workload.editors; e += workload.profiles) claims[`e${e}`] = `Initial text of e${e}`;
      const doc = setup.get('profiles', `bench-p${p}`);
      await new Promise((resolve, reject) => doc.create({ claims }, (error) => (error ? reject(error) : resolve())));
    }
    let recording = null;
    const docs = [];
    for (let e = 0; e < workload.editors; e++) {
      const doc = (await connect(port)).get('profiles', profileOf(e));
      const receiver = e;
      doc.on('op', (op, source) => {
        const now = performance.now();
        if (source || !recording) return;
        for (const component of op) {
          const token = typeof component.oi === 'string' ? component.oi.match(/#e\d+n\d+#/) : null;
          if (token) recording.receipts.push([token[0], receiver, now]);
        }
      });
      await subscribe(doc);
      docs.push(doc);
    }
    const phases = [];
    for (const thinkMs of [workload.thinkMs, 0]) {
      const name = thinkMs > 0 ? 'paced' : 'flat-out';
      const warmUpSeconds = phases.length === 0 ? workload.firstWarmUpSeconds : workload.warmUpSeconds;
      log(`phase ${name} (${warmUpSeconds} s warm-up)`);
      phases.push(await runPhase(name, thinkMs, warmUpSeconds, docs, port, server.pid, (r) => { recording = r; }));
      log(JSON.stringify(phases.at(-1)));
    }
    const sharedbVersion = JSON.parse(readFileSync(new URL('./node_modules/sharedb/package.json', import.meta.url))).version;
    const result = {
      system: 'sharedb', storage: `in memory (ShareDB ${sharedbVersion} MemoryDB + MemoryPubSub, json0)`,
      machine: before, workload, phases, machineAfter: machine(),
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2));
    log(`wrote ${out}`);
  } finally {
    server.kill();
  }
  process.exit(0);
}

async function runPhase(name, thinkMs, warmUpSeconds, docs, port, serverPid, setRecording) {
  const start = performance.now();
  const recording = {
    from: start + warmUpSeconds * 1000, until: start + (warmUpSeconds + workload.measuredSeconds) * 1000,
    edits: new Map(), receipts: [], accepted: 0, conflicts: 0, errors: 0, firstError: null,
  };
  setRecording(recording);
  const resources = sampler(serverPid, port);
  const editor = async (e) => {
    const doc = docs[e];
    for (let count = 1; performance.now() < recording.until; count++) {
      if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
      const claim = Math.random() < workload.conflictShare ? SHARED_CLAIM : `e${e}`;
      const token = `#e${e}n${count}#`;
      const sent = performance.now();
      if (sent >= recording.until) return;
      const error = await new Promise((resolve) => doc.submitOp(
        [{ p: ['claims', claim], od: doc.data.claims[claim], oi: `Edit ${token} by editor ${e}` }], { source: true }, resolve));
      const ack = performance.now();
      if (sent < recording.from) continue;
      if (error) {
        recording.errors++;
        recording.firstError ??= String(error);
      } else {
        recording.accepted++;
        recording.edits.set(token, [sent, ack, e]);
      }
      if (thinkMs === 0) await new Promise(setImmediate);
    }
  };
  await Promise.all(docs.map((_, e) => editor(e)));
  const server = resources.usage();
  await sleep(2000);
  setRecording(null);
  const fromAck = []; const fromSend = [];
  for (const [token, receiver, at] of recording.receipts) {
    const edit = recording.edits.get(token);
    if (edit && edit[2] !== receiver) {
      fromAck.push(Math.max(0, at - edit[1]));
      fromSend.push(at - edit[0]);
    }
  }
  return {
    phase: name, thinkMs, acceptedPerSecond: round(recording.accepted / workload.measuredSeconds),
    accepted: recording.accepted, conflicts: recording.conflicts, errors: recording.errors, firstError: recording.firstError,
    expectedDeliveries: recording.edits.size * (workload.editors / workload.profiles - 1), deliveries: fromAck.length,
    ackToOthers: percentiles(fromAck), sendToOthers: percentiles(fromSend), server,
  };
}

main().catch((error) => { console.error(error); process.exit(1); });
