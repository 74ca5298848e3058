// bench/server: PouchDB (node, memory adapter) pushes then pulls N ~500-byte documents
// through caucus-server and, in the same run, through pouchdb-server (npm, its default
// LevelDOWN storage on disk); prints docs/s, the CPU seconds of each server and of the
// client, and the ratio.  The client is the same for both: PouchDB 9 with its default
// batch size, warmed up by a small replication against each server first, its databases
// destroyed after each measurement.  Then holds C concurrent long-poll clients on
// caucus-server and measures how long one change takes to reach all of them.
// The same client also replicates through null-server.js, which stores nothing: its ratio
// to pouchdb-server is what a server of almost no cost reaches with this client.
// Profiling aids: BENCH_CLIENT_WAIT=1 prints how long the client waited on its requests;
// BENCH_CLIENT_NODE_ARGS passes node options (--cpu-prof) to the client processes;
// CAUCUS_HARNESS_LOG=1 keeps caucus-server's request log (on stderr).
// Usage: node bench-server.js /path/to/caucus-server [N=20000] [C=200]
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const http = require('node:http');
const { spawn } = require('node:child_process');

const interop = path.resolve(__dirname, '..', '..', 'tests', 'interop');
if (!fs.existsSync(path.join(interop, 'node_modules', 'pouchdb-server'))) {
  console.error('tests/interop/node_modules is missing: run npm ci there first');
  process.exit(77);
}
const PouchDB = require(path.join(interop, 'node_modules', 'pouchdb'));
PouchDB.plugin(require(path.join(interop, 'node_modules', 'pouchdb-adapter-memory')));
const { startServer } = require(path.join(interop, 'caucus-server-harness.js'));

const client = process.argv[2] === '--client';
const binary = process.argv[2];
const N = parseInt((client ? process.argv[7] : process.argv[3]) || '20000', 10);
// Rounds: the machine's speed drifts over a run (a shared host: the same replication's
// client CPU moved by a third between minutes), so each server is measured ROUNDS times,
// the servers' order rotating from round to round, and each figure is the median.
const ROUNDS = parseInt(process.env.BENCH_SERVER_ROUNDS || '5', 10);
const CLIENTS = parseInt(process.argv[4] || '200', 10);
const PASSWORD = 'bench-password';
let counter = 0;

// CPU time (user + system, seconds) of a process from /proc/PID/stat: the machine is
// shared, so wall times are noisy; CPU seconds of the server and of the client are not.
const TICK = 100; // USER_HZ on Linux
function procCpu (pid) {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (parseInt(f[11], 10) + parseInt(f[12], 10)) / TICK;
  } catch (e) {
    return NaN;
  }
}
function clientCpu () {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
// The caucus-server child of the harness, found by its data directory on the command line.
function pidByArg (arg) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.split('\0').includes(arg)) return parseInt(d, 10);
    } catch (e) { /* gone */ }
  }
  return 0;
}

function makeDocs () {
  const docs = [];
  for (let i = 0; i < N; i++) {
    // ~500 bytes of JSON, shaped like Caucus records
    docs.push({
      _id: `rec-${String(i).padStart(6, '0')}`,
      type: 'note',
      title: `Side event on adaptation finance, session ${i}`,
      body: `Delegates discussed paragraph ${i % 97} of the draft text; `.repeat(6).slice(0, 330),
      tags: ['finance', 'adaptation', `room-${i % 12}`],
      updated: 1700000000 + i,
    });
  }
  return docs;
}

async function fill (docs) {
  const db = new PouchDB(`bench-src-${process.pid}-${counter++}`, { adapter: 'memory' });
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  return db;
}

// BENCH_CLIENT_WAIT=1: time each request the client makes, from the call to its response's
// whole body, with the same fetch PouchDB uses, and print how long the client was waiting
// for the server (the union of those intervals) in each direction.
let waits = null;
function timedFetch () {
  const fetchCookie = require(path.join(interop, 'node_modules', 'fetch-cookie'));
  const inner = fetchCookie(require(path.join(interop, 'node_modules', 'node-fetch')));
  return async (url, options) => {
    const t0 = process.hrtime.bigint();
    const res = await inner(url, options);
    const body = await res.arrayBuffer();
    if (waits) waits.push([t0, process.hrtime.bigint()]);
    return new (require(path.join(interop, 'node_modules', 'node-fetch')).Response)(Buffer.from(body),
      { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
function waitedS () {
  const iv = waits.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  let total = 0n; let end = 0n;
  for (const [a, b] of iv) {
    if (b <= end) continue;
    total += b - (a > end ? a : end);
    end = b;
  }
  const n = waits.length;
  waits = [];
  return [Number(total) / 1e9, n];
}

async function measure (label, remoteUrl, opts, docs, serverPid, quiet = false) {
  const src = await fill(docs);
  if (process.env.BENCH_CLIENT_WAIT) opts = { ...opts, fetch: timedFetch() };
  const remote = new PouchDB(remoteUrl, { skip_setup: false, ...opts });
  waits = process.env.BENCH_CLIENT_WAIT ? [] : null;
  let s0 = procCpu(serverPid); let c0 = clientCpu();
  let t0 = process.hrtime.bigint();
  const push = await src.replicate.to(remote);
  const pushS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pushServer = procCpu(serverPid) - s0; const pushClient = clientCpu() - c0;
  const pushWait = waits ? waitedS() : null;
  if (push.docs_written !== docs.length) throw new Error(`${label}: pushed ${push.docs_written}`);
  await src.destroy();
  const dst = new PouchDB(`bench-dst-${process.pid}-${counter++}`, { adapter: 'memory' });
  s0 = procCpu(serverPid); c0 = clientCpu();
  t0 = process.hrtime.bigint();
  const pull = await dst.replicate.from(remote);
  const pullS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pullServer = procCpu(serverPid) - s0; const pullClient = clientCpu() - c0;
  const pullWait = waits ? waitedS() : null;
  if (pull.docs_written !== docs.length) throw new Error(`${label}: pulled ${pull.docs_written}`);
  // Release the client databases: the next measurement must not run with this one's
  // 40,000 documents still on the client's heap (more garbage-collection work).
  await dst.destroy();
  if (quiet) return null;
  const push_rate = docs.length / pushS;
  const pull_rate = docs.length / pullS;
  console.log(`${label.padEnd(15)} push ${pushS.toFixed(2)} s (${push_rate.toFixed(0)} docs/s)   pull ${pullS.toFixed(2)} s (${pull_rate.toFixed(0)} docs/s)`);
  console.log(`${''.padEnd(15)} CPU s: push server ${pushServer.toFixed(2)} client ${pushClient.toFixed(2)}   pull server ${pullServer.toFixed(2)} client ${pullClient.toFixed(2)}`);
  if (pushWait) {
    console.log(`${''.padEnd(15)} waiting on requests: push ${pushWait[0].toFixed(2)} s (${pushWait[1]} requests)   pull ${pullWait[0].toFixed(2)} s (${pullWait[1]})`);
  }
  return { push_rate, pull_rate };
}

// One server's measurement, in a fresh node process of its own (see measureInChild).
async function clientMain (label, base, opts, serverPid, round) {
  const docs = makeDocs();
  // Warm-up, not measured: PouchDB's code runs cold (interpreted until the JIT has
  // compiled it) in the first replication of a process.
  await measure('warm-up', `${base}/warmup${round}`, opts, docs.slice(0, Math.min(docs.length, 2000)), 0, true);
  const r = await measure(label, `${base}/bench${round}`, opts, docs, serverPid);
  console.log('RESULT ' + JSON.stringify(r));
}

// Each server is measured by its own client process, started the same way, so that neither
// inherits the other's JIT state, heap or garbage: the client is identical for both.
function measureInChild (label, base, opts, serverPid, round = 0) {
  return new Promise((resolve, reject) => {
    // BENCH_CLIENT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR": profile the client process.
    const nodeArgs = (process.env.BENCH_CLIENT_NODE_ARGS || '').split(' ').filter((a) => a);
    const child = spawn(process.execPath, [...nodeArgs, __filename, '--client', label, base, JSON.stringify(opts),
      String(serverPid), String(N), String(round)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.on('exit', (code) => {
      const lines = out.split('\n');
      for (const l of lines) if (l && !l.startsWith('RESULT ')) console.log(l);
      const res = lines.find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !res) reject(new Error(`${label}: client exited with ${code}`));
      else resolve(JSON.parse(res.slice(7)));
    });
  });
}

// null-server.js (answers from memory, checks and stores nothing) measured with the same
// client: the ratio a server that does almost nothing but node's HTTP would reach.
async function startNullServer () {
  const child = spawn(process.execPath, [path.join(__dirname, 'null-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (c) => {
      buffer += c;
      const m = buffer.match(/Listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`null-server exited with ${code}`)));
  });
  return serverHandle(child, url);
}

// A server process the bench started: its address, its pid, and how to stop it (SIGTERM,
// then @cleanup).
function serverHandle (child, url, cleanup = () => {}) {
  return {
    url,
    pid: child.pid,
    async stop () {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      cleanup();
    },
  };
}

async function startPouchdbServer () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pouchdb-server-bench-'));
  const port = await new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const child = spawn(process.execPath, [path.join(interop, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'),
    '--host', '127.0.0.1', '--port', String(port), '--dir', dir,
    '--config', path.join(dir, 'config.json'), '--no-stdout-logs'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { const r = await fetch(url + '/'); if (r.ok) break; } catch (e) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return serverHandle(child, url, () => fs.rmSync(dir, { recursive: true, force: true }));
}

function longpoll (agent, url, auth, since) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/fanout/_changes?feed=longpoll&since=${since}&timeout=60000`,
      { agent, headers: { Authorization: auth } }, (res) => {
        let body = '';
        res.on('data', (c) => { body += c; });
        res.on('end', () => resolve({ at: process.hrtime.bigint(), body }));
      });
    req.on('error', reject);
  });
}

async function fanout (server) {
  const auth = 'Basic ' + Buffer.from(`bench:${PASSWORD}`).toString('base64');
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 10 });
  const info = await (await fetch(`${server.url}/fanout`, { headers: { Authorization: auth } })).json();
  const polls = [];
  for (let i = 0; i < CLIENTS; i++) polls.push(longpoll(agent, server.url, auth, info.update_seq));
  await new Promise((r) => setTimeout(r, 1500)); // every client parked
  const t0 = process.hrtime.bigint();
  const put = await fetch(`${server.url}/fanout/breaking-news`, {
    method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'amendment tabled' }),
  });
  if (put.status !== 201) throw new Error(`fan-out write: ${put.status}`);
  const results = await Promise.all(polls);
  const last = results.reduce((m, r) => (r.at > m ? r.at : m), 0n);
  const ms = Number(last - t0) / 1e6;
  const delivered = results.filter((r) => r.body.includes('breaking-news')).length;
  agent.destroy();
  console.log(`long-poll fan-out: ${delivered}/${CLIENTS} clients got the change, last after ${ms.toFixed(0)} ms (target < 1000 ms)`);
  return { ms, delivered };
}

if (process.argv[2] === '--client') {
  clientMain(process.argv[3], process.argv[4], JSON.parse(process.argv[5]), parseInt(process.argv[6], 10),
    parseInt(process.argv[8] || '0', 10))
    .then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
} else (async () => {
  const docs = makeDocs();
  const size = JSON.stringify(docs[0]).length;
  console.log(`bench/server: ${N} docs of ~${size} bytes, PouchDB default batch size, memory adapter on the client`);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);

  const caucus = await startServer(binary, {
    users: [{ name: 'bench', password: PASSWORD }],
    dbs: [{ name: 'fanout', members: { bench: 'admin' } },
      ...Array.from({ length: ROUNDS }, (_, r) => [{ name: `bench${r}`, members: { bench: 'admin' } },
        { name: `warmup${r}`, members: { bench: 'admin' } }]).flat()],
  });
  const caucusOpts = { skip_setup: true, auth: { username: 'bench', password: PASSWORD } };
  // BENCH_SERVER_CAUCUS_ONLY=1: profile caucus-server alone (no anchor, no ratio, no fan-out).
  if (process.env.BENCH_SERVER_CAUCUS_ONLY) {
    try {
      await measureInChild('caucus-server', caucus.url, caucusOpts, pidByArg(caucus.dataDir));
    } finally {
      await caucus.stop();
    }
    process.exit(0);
  }
  const pserver = await startPouchdbServer();
  const nul = await startNullServer();
  const servers = [
    { label: 'caucus-server', url: caucus.url, opts: caucusOpts, pid: pidByArg(caucus.dataDir), runs: [] },
    { label: 'pouchdb-server', url: pserver.url, opts: {}, pid: pserver.pid, runs: [] },
    { label: 'null-server', url: nul.url, opts: {}, pid: nul.pid, runs: [] },
  ];
  let f;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`round ${r + 1} of ${ROUNDS}`);
      for (let k = 0; k < servers.length; k++) {
        const sv = servers[(k + r) % servers.length];
        sv.runs.push(await measureInChild(sv.label, sv.url, sv.opts, sv.pid, r));
      }
    }
    f = await fanout(caucus);
  } finally {
    await caucus.stop();
    await pserver.stop();
    await nul.stop();
  }
  const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[(v.length - 1) >> 1]; };
  const [c, p, n] = servers.map((sv) => ({
    push_rate: median(sv.runs.map((x) => x.push_rate)),
    pull_rate: median(sv.runs.map((x) => x.pull_rate)),
  }));
  for (const sv of servers) {
    console.log(`${sv.label.padEnd(15)} docs/s by round: push ${sv.runs.map((x) => x.push_rate.toFixed(0)).join(' ')}   pull ${sv.runs.map((x) => x.pull_rate.toFixed(0)).join(' ')}`);
  }
  const pushRatio = c.push_rate / p.push_rate;
  const pullRatio = c.pull_rate / p.pull_rate;
  console.log(`ratio caucus-server / pouchdb-server: push ${pushRatio.toFixed(2)}x, pull ${pullRatio.toFixed(2)}x (target >= 3x)`);
  console.log(`ratio null-server / pouchdb-server: push ${(n.push_rate / p.push_rate).toFixed(2)}x, pull ${(n.pull_rate / p.pull_rate).toFixed(2)}x (a server that stores nothing; no target)`);
  // machine-readable lines for bench/run
  console.log(`BENCH name=server.push value=${c.push_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.push_rate.toFixed(1)} anchor_name=pouchdb-server target=ratio>=3`);
  console.log(`BENCH name=server.pull value=${c.pull_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.pull_rate.toFixed(1)} anchor_name=pouchdb-server target=ratio>=3`);
  console.log(`BENCH name=server.push_null_server value=${n.push_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.push_rate.toFixed(1)} anchor_name=pouchdb-server`);
  console.log(`BENCH name=server.pull_null_server value=${n.pull_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.pull_rate.toFixed(1)} anchor_name=pouchdb-server`);
  console.log(`BENCH name=server.longpoll_fanout value=${f.delivered === CLIENTS ? f.ms.toFixed(1) : 'inf'} unit=ms better=lower target=value<1000`);
  const ok = pushRatio >= 3 && pullRatio >= 3 && f.ms < 1000 && f.delivered === CLIENTS;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
