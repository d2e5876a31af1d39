// The peer to beat for Triad's sync (docs/benchmarks.md "Sync end to end"): CouchDB-style replication of the same
// workload with PouchDB. Device A (a local PouchDB) replicates NOTES documents to a CouchDB-compatible server
// (express-pouchdb, in its own Node process like triad-casestore, on 127.0.0.1) and device B (another local PouchDB)
// replicates them from there. Each document stands in for a sealed note: routing fields like Triad's (id, type,
// case id, observation id, created-at) and a base64 body of the same size distribution as Triad's sealed notes
// (about 650 bytes, so about 870 base64 characters). Nothing is signed, encrypted or verified.
//
//   npm ci && node bench_pouchdb.js [NOTES] [ROUNDS] [REPETITIONS] [--adapter leveldb|memory] [--compression]
//   (defaults: 10000 documents, 300 round trips, 3 repetitions of each batch size, median reported)
//
// leveldb (default): LevelDB files on disk for A, B and the server (LevelDB does not fsync a write by default);
// memory: everything in memory (pouchdb-adapter-memory), the floor of what PouchDB's replication costs.
// --compression keeps express-pouchdb's gzip of responses (off by default: no use on loopback).
'use strict';

const { fork } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

function loadPouchDB(adapter) {
  const PouchDB = require('pouchdb-node');
  if (adapter === 'memory') PouchDB.plugin(require('pouchdb-adapter-memory'));
  return PouchDB;
}

function runServer() {
  const adapter = process.env.BENCH_ADAPTER;
  const PouchDB = loadPouchDB(adapter);
  const ServerPouch = PouchDB.defaults(adapter === 'memory' ? { adapter: 'memory' } : { prefix: process.env.BENCH_DIR + '/server-' });
  const options = { mode: 'minimumForPouchDB' };
  if (process.env.BENCH_COMPRESSION !== '1') options.overrideMode = { exclude: ['compression'] };
  const app = require('express-pouchdb')(ServerPouch, options);
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

// A v4-style UUID from a counter, so runs are reproducible.
function uuid(seed, i) {
  const h = crypto.createHash('sha256').update(seed + ':' + i).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Triad's sealed notes of bench_sync are 80-330 characters of text plus ~420 bytes of header, wrapped key, nonce,
// tag and signature: 500-750 bytes, about 650 on average.
function makeDocs(n, seed) {
  const caseId = uuid(seed, 'case');
  const observationId = uuid(seed, 'observation');
  const docs = [];
  for (let i = 0; i < n; ++i) {
    const size = 500 + ((i * 7919) % 250);
    docs.push({
      _id: uuid(seed, i), type: 5, caseId, observationId, createdAt: 1790000000000 + i,
      body: crypto.randomBytes(size).toString('base64'),
    });
  }
  return docs;
}

function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(p * (v.length - 1))];
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

// CPU seconds (user + system) used so far by this process and by the server process, as bench_sync reports them:
// on a shared machine a busy neighbour stretches wall time, not CPU time.
const clockTicks = 100; // USER_HZ on Linux
function processCpu(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}
function selfCpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name) => args.includes(name);
  const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--adapter'));
  const notes = Number(positional[0] || 10000);
  const rounds = Number(positional[1] || 300);
  const reps = Number(positional[2] || 3);
  const adapter = option('--adapter', 'leveldb');
  if (!(notes >= 10) || !(rounds >= 1) || !(reps >= 1) || !['leveldb', 'memory'].includes(adapter)) {
    console.error('usage: node bench_pouchdb.js [NOTES>=10] [ROUNDS>=1] [REPETITIONS>=1] [--adapter leveldb|memory] [--compression]');
    process.exit(2);
  }

  // Under the current directory (the build's disk, as bench_sync does), removed at the end.
  const dir = fs.mkdtempSync(path.join(process.cwd(), 'bench-pouchdb-'));
  const server = fork(__filename, ['--server'], {
    env: { ...process.env, BENCH_DIR: dir, BENCH_ADAPTER: adapter, BENCH_COMPRESSION: flag('--compression') ? '1' : '0' },
  });
  const port = await new Promise((resolve, reject) => {
    server.once('message', (m) => resolve(m.port));
    server.once('exit', (code) => reject(new Error('the server exited with ' + code)));
  });
  const PouchDB = loadPouchDB(adapter);
  const Local = PouchDB.defaults(adapter === 'memory' ? { adapter: 'memory' } : { prefix: dir + '/' });
  const remote = (name) => `http://127.0.0.1:${port}/${name}`;

  console.log(`bench_pouchdb: ${notes} documents A -> express-pouchdb (loopback) -> B, ${reps} repetitions, ${rounds} round trips, ` +
              `adapter ${adapter}, PouchDB ${require('pouchdb-node/package.json').version}, node ${process.version}, ` +
              `${os.cpus().length} cores`);
  const docs = makeDocs(notes, 'bench');
  const bytes = docs.reduce((sum, d) => sum + Buffer.from(d.body, 'base64').length, 0);
  console.log(`  documents: ${notes}, bodies ${bytes} bytes (${Math.round(bytes / notes)} per document before base64)\n`);

  // One replication of A's documents to the server and on to B, timed (wall and CPU).
  let runNumber = 0;
  async function bulk(batchSize) {
    const n = runNumber++;
    const a = new Local(`a-${n}`);
    const b = new Local(`b-${n}`);
    for (let j = 0; j < docs.length; j += 1000) await a.bulkDocs(docs.slice(j, j + 1000)); // setup, not timed
    const cpu = () => selfCpu() + processCpu(server.pid);
    let cpu0 = cpu();
    let t0 = now();
    await a.replicate.to(remote(`notes-${n}`), { batch_size: batchSize });
    const push = now() - t0;
    const pushCpu = cpu() - cpu0;
    cpu0 = cpu();
    t0 = now();
    await b.replicate.from(remote(`notes-${n}`), { batch_size: batchSize });
    const pull = now() - t0;
    const pullCpu = cpu() - cpu0;
    const info = await b.info();
    if (info.doc_count !== notes) throw new Error(`B holds ${info.doc_count} documents, not ${notes}`);
    return { a, b, name: `notes-${n}`, push, pull, total: push + pull, pushCpu, pullCpu };
  }

  // Node compiles hot code as it runs: one untimed replication first, so the first batch size measured is not
  // also the one that pays for the warm-up.
  await bulk(100);
  const configs = [100, 500, 1000].map((batchSize) => ({ batchSize, runs: [] })); // 100 is PouchDB's default
  let roundTripDbs = null;
  for (let rep = 0; rep < reps; ++rep) {
    for (let k = 0; k < configs.length; ++k) {
      const c = configs[(k + rep) % configs.length]; // rotated, so a noisy minute hits every batch size
      const r = await bulk(c.batchSize);
      c.runs.push(r);
      if (!roundTripDbs && c === configs[0]) roundTripDbs = r;
    }
  }
  const median = (runs) => [...runs].sort((x, y) => x.total - y.total)[Math.floor(runs.length / 2)];
  console.log(`${notes} documents, the median of ${reps} runs by end to end (CPU: this process and the server's):\n`);
  console.log('| replication batch_size | A push | docs/s | B pull | docs/s | end to end | docs/s | CPU s (push + pull) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  let best = null;
  for (const c of configs) {
    const r = median(c.runs);
    console.log(`| ${c.batchSize}${c === configs[0] ? ' (default)' : ''} | ${r.push.toFixed(3)} s | ${Math.round(notes / r.push)} | ` +
                `${r.pull.toFixed(3)} s | ${Math.round(notes / r.pull)} | ${r.total.toFixed(3)} s | ${Math.round(notes / r.total)} | ` +
                `${r.pushCpu.toFixed(2)} + ${r.pullCpu.toFixed(2)} |`);
    if (!best || r.total < best.r.total) best = { c, r };
  }
  console.log(`\nbest end to end: batch_size ${best.c.batchSize}, ${Math.round(notes / best.r.total)} docs/s; ` +
              `default ${Math.round(notes / median(configs[0].runs).total)} docs/s`);

  // One document's round trip: A writes it and replicates to the server; B replicates from it and reads it.
  const { a, b, name } = roundTripDbs;
  const extra = makeDocs(rounds, 'round-trip');
  const total = [], write = [], push = [], pull = [], read = [];
  for (const doc of extra) {
    const t0 = now();
    await a.put(doc);
    const t1 = now();
    await a.replicate.to(remote(name));
    const t2 = now();
    await b.replicate.from(remote(name));
    const t3 = now();
    const seen = await b.get(doc._id);
    const t4 = now();
    if (seen.body !== doc.body) throw new Error('B does not have the document A wrote');
    total.push((t4 - t0) * 1000); write.push((t1 - t0) * 1000); push.push((t2 - t1) * 1000);
    pull.push((t3 - t2) * 1000); read.push((t4 - t3) * 1000);
  }
  console.log(`\nOne document's round trip, ${rounds} rounds (A: put + replicate.to; B: replicate.from + get):\n`);
  console.log('| step | p50 | p99 |\n| --- | --- | --- |');
  const row = (what, v) => console.log(`| ${what} | ${percentile(v, 0.5).toFixed(2)} ms | ${percentile(v, 0.99).toFixed(2)} ms |`);
  row('A writes the document', write);
  row('A replicates to the server', push);
  row('B replicates from the server', pull);
  row('B reads it', read);
  row('**round trip**', total);

  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--server') runServer();
else main().catch((e) => { console.error('bench_pouchdb:', e); process.exit(1); });
