// The peer to beat for Triad's sync (docs/benchmarks.md "Sync end to end"): CouchDB-style replication of the same
// workload with PouchDB. Device A (a local PouchDB) replicates NOTES documents to a CouchDB-compatible server
// (express-pouchdb, in its own Node process like triad-casestore, on 127.0.0.1) and device B (another local PouchDB)
// replicates them from there. Each document stands in for a sealed note: routing fields like Triad's (id, type,
// case id, observation id, created-at) and a base64 body of the same size distribution as Triad's sealed notes
// (about 650 bytes, so about 870 base64 characters). Nothing is signed, encrypted or verified.
//
//   npm ci && node bench_pouchdb.js [NOTES] [ROUNDS] [--adapter leveldb|memory] [--compression]
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

async function main() {
  const args = process.argv.slice(2);
  const flag = (name) => args.includes(name);
  const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--adapter'));
  const notes = Number(positional[0] || 10000);
  const rounds = Number(positional[1] || 300);
  const adapter = option('--adapter', 'leveldb');
  if (!(notes >= 10) || !(rounds >= 1) || !['leveldb', 'memory'].includes(adapter)) {
    console.error('usage: node bench_pouchdb.js [NOTES>=10] [ROUNDS>=1] [--adapter leveldb|memory] [--compression]');
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

  console.log(`bench_pouchdb: ${notes} documents A -> express-pouchdb (loopback) -> B, ${rounds} round trips, ` +
              `adapter ${adapter}, PouchDB ${require('pouchdb-node/package.json').version}, node ${process.version}, ` +
              `${os.cpus().length} cores`);
  const docs = makeDocs(notes, 'bench');
  const bytes = docs.reduce((sum, d) => sum + Buffer.from(d.body, 'base64').length, 0);
  console.log(`  documents: ${notes}, bodies ${bytes} bytes (${Math.round(bytes / notes)} per document before base64)\n`);

  console.log('| replication batch_size | A push | docs/s | B pull | docs/s | end to end | docs/s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const configs = [100, 500, 1000]; // 100 is PouchDB's default
  let best = null;
  let defaults = null;
  let roundTripDbs = null;
  for (let i = 0; i < configs.length; ++i) {
    const batchSize = configs[i];
    const a = new Local(`a-${i}`);
    const b = new Local(`b-${i}`);
    for (let j = 0; j < docs.length; j += 1000) await a.bulkDocs(docs.slice(j, j + 1000)); // setup, not timed
    let t0 = now();
    await a.replicate.to(remote(`notes-${i}`), { batch_size: batchSize });
    const push = now() - t0;
    t0 = now();
    await b.replicate.from(remote(`notes-${i}`), { batch_size: batchSize });
    const pull = now() - t0;
    const info = await b.info();
    if (info.doc_count !== notes) throw new Error(`B holds ${info.doc_count} documents, not ${notes}`);
    const r = { batchSize, push, pull, total: push + pull };
    console.log(`| ${batchSize}${i === 0 ? ' (default)' : ''} | ${push.toFixed(3)} s | ${Math.round(notes / push)} | ` +
                `${pull.toFixed(3)} s | ${Math.round(notes / pull)} | ${r.total.toFixed(3)} s | ${Math.round(notes / r.total)} |`);
    if (i === 0) {
      defaults = r;
      roundTripDbs = { a, b, name: `notes-${i}` };
    }
    if (!best || r.total < best.total) best = r;
  }
  console.log(`\nbest end to end: batch_size ${best.batchSize}, ${Math.round(notes / best.total)} docs/s; ` +
              `default ${Math.round(notes / defaults.total)} docs/s`);

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
