// PouchDB's side of bench/sync: replicate SRC into a fresh in-memory PouchDB (default
// settings), then push that into the empty DST; print the timings as JSON.
// With CAUCUS_SERVER_PID and CAUCUS_CLK_TCK set (the bench runs the server in its own
// process), it also reports how much CPU that process spent while each phase ran — the
// server's share of PouchDB's replication — read from /proc, which costs PouchDB nothing.
'use strict';
const fs = require('fs');
const path = require('path');
const modules = process.env.CAUCUS_NODE_MODULES ||
  path.join(__dirname, '..', '..', 'tests', 'interop', 'node_modules');
const need = (m) => require(path.join(modules, m));
const PouchDB = need('pouchdb').plugin(need('pouchdb-adapter-memory'));

function serverCpu () {
  const pid = process.env.CAUCUS_SERVER_PID;
  const tck = Number(process.env.CAUCUS_CLK_TCK || 0);
  if (!pid || !tck) return null;
  try {
    const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / tck;   // utime + stime
  } catch (e) {
    return null;
  }
}

async function main () {
  const [src, dst] = process.argv.slice(2);
  const local = new PouchDB('bench-' + process.pid, { adapter: 'memory' });
  const cpu = (c) => (c.user + c.system) / 1e6;
  let s0 = serverCpu();
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const pulled = await local.replicate.from(src);
  const pullS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pullCpu = cpu(process.cpuUsage(c0));
  const s1 = serverCpu();
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  const pushed = await local.replicate.to(dst);
  const pushS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pushCpu = cpu(process.cpuUsage(c0));
  const s2 = serverCpu();
  process.stdout.write(JSON.stringify({
    pull_docs: pulled.docs_written, pull_seconds: pullS,
    push_docs: pushed.docs_written, push_seconds: pushS,
    pull_cpu_seconds: pullCpu, push_cpu_seconds: pushCpu,
    pull_server_cpu_seconds: s0 === null ? -1 : s1 - s0,
    push_server_cpu_seconds: s0 === null ? -1 : s2 - s1,
  }) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
