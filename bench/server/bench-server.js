// bench/server: PouchDB (node, memory adapter) pushes then pulls N ~500-byte documents
// through caucus-server and, in the same run, through pouchdb-server (npm, its default
// LevelDOWN storage on disk); prints docs/s, the CPU seconds of each server and of the
// client, and the ratio.  The client is the same for both: PouchDB 9 with its default
// batch size, warmed up by a small replication against each server first, its databases
// destroyed after each measurement.  Then holds C concurrent long-poll clients on
// caucus-server and measures how long one change takes to reach all of them.
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

async function measure (label, remoteUrl, opts, docs, serverPid, quiet = false) {
  const src = await fill(docs);
  const remote = new PouchDB(remoteUrl, { skip_setup: false, ...opts });
  let s0 = procCpu(serverPid); let c0 = clientCpu();
  let t0 = process.hrtime.bigint();
  const push = await src.replicate.to(remote);
  const pushS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pushServer = procCpu(serverPid) - s0; const pushClient = clientCpu() - c0;
  if (push.docs_written !== docs.length) throw new Error(`${label}: pushed ${push.docs_written}`);
  await src.destroy();
  const dst = new PouchDB(`bench-dst-${process.pid}-${counter++}`, { adapter: 'memory' });
  s0 = procCpu(serverPid); c0 = clientCpu();
  t0 = process.hrtime.bigint();
  const pull = await dst.replicate.from(remote);
  const pullS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pullServer = procCpu(serverPid) - s0; const pullClient = clientCpu() - c0;
  if (pull.docs_written !== docs.length) throw new Error(`${label}: pulled ${pull.docs_written}`);
  // Release the client databases: the next measurement must not run with this one's
  // 40,000 documents still on the client's heap (more garbage-collection work).
  await dst.destroy();
  if (quiet) return null;
  const push_rate = docs.length / pushS;
  const pull_rate = docs.length / pullS;
  console.log(`${label.padEnd(15)} push ${pushS.toFixed(2)} s (${push_rate.toFixed(0)} docs/s)   pull ${pullS.toFixed(2)} s (${pull_rate.toFixed(0)} docs/s)`);
  console.log(`${''.padEnd(15)} CPU s: push server ${pushServer.toFixed(2)} client ${pushClient.toFixed(2)}   pull server ${pullServer.toFixed(2)} client ${pullClient.toFixed(2)}`);
  return { push_rate, pull_rate };
}

// One server's measurement, in a fresh node process of its own (see measureInChild).
async function clientMain (label, base, opts, serverPid) {
  const docs = makeDocs();
  // Warm-up, not measured: PouchDB's code runs cold (interpreted until the JIT has
  // compiled it) in the first replication of a process.
  await measure('warm-up', `${base}/warmup`, opts, docs.slice(0, Math.min(docs.length, 2000)), 0, true);
  const r = await measure(label, `${base}/bench`, opts, docs, serverPid);
  console.log('RESULT ' + JSON.stringify(r));
}

// Each server is measured by its own client process, started the same way, so that neither
// inherits the other's JIT state, heap or garbage: the client is identical for both.
function measureInChild (label, base, opts, serverPid) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--client', label, base, JSON.stringify(opts),
      String(serverPid), String(N)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  return {
    url,
    pid: child.pid,
    async stop () {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
  clientMain(process.argv[3], process.argv[4], JSON.parse(process.argv[5]), parseInt(process.argv[6], 10))
    .then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
} else (async () => {
  const docs = makeDocs();
  const size = JSON.stringify(docs[0]).length;
  console.log(`bench/server: ${N} docs of ~${size} bytes, PouchDB default batch size, memory adapter on the client`);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);

  const caucus = await startServer(binary, {
    users: [{ name: 'bench', password: PASSWORD }],
    dbs: [{ name: 'bench', members: { bench: 'admin' } }, { name: 'fanout', members: { bench: 'admin' } },
      { name: 'warmup', members: { bench: 'admin' } }],
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
  let c, p, f;
  try {
    c = await measureInChild('caucus-server', caucus.url, caucusOpts, pidByArg(caucus.dataDir));
    p = await measureInChild('pouchdb-server', pserver.url, {}, pserver.pid);
    f = await fanout(caucus);
  } finally {
    await caucus.stop();
    await pserver.stop();
  }
  const pushRatio = c.push_rate / p.push_rate;
  const pullRatio = c.pull_rate / p.pull_rate;
  console.log(`ratio caucus-server / pouchdb-server: push ${pushRatio.toFixed(2)}x, pull ${pullRatio.toFixed(2)}x (target >= 3x)`);
  // machine-readable lines for bench/run
  console.log(`BENCH name=server.push value=${c.push_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.push_rate.toFixed(1)} anchor_name=pouchdb-server target=ratio>=3`);
  console.log(`BENCH name=server.pull value=${c.pull_rate.toFixed(1)} unit=docs/s better=higher anchor=${p.pull_rate.toFixed(1)} anchor_name=pouchdb-server target=ratio>=3`);
  console.log(`BENCH name=server.longpoll_fanout value=${f.delivered === CLIENTS ? f.ms.toFixed(1) : 'inf'} unit=ms better=lower target=value<1000`);
  const ok = pushRatio >= 3 && pullRatio >= 3 && f.ms < 1000 && f.delivered === CLIENTS;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
