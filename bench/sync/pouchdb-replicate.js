// PouchDB's side of bench/sync: replicate SRC into a fresh in-memory PouchDB (default
// settings), then push that into the empty DST; print the timings as JSON.
'use strict';
const path = require('path');
const modules = process.env.CAUCUS_NODE_MODULES ||
  path.join(__dirname, '..', '..', 'tests', 'interop', 'node_modules');
const need = (m) => require(path.join(modules, m));
const PouchDB = need('pouchdb').plugin(need('pouchdb-adapter-memory'));

async function main () {
  const [src, dst] = process.argv.slice(2);
  const local = new PouchDB('bench-' + process.pid, { adapter: 'memory' });
  const cpu = (c) => (c.user + c.system) / 1e6;
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const pulled = await local.replicate.from(src);
  const pullS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pullCpu = cpu(process.cpuUsage(c0));
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  const pushed = await local.replicate.to(dst);
  const pushS = Number(process.hrtime.bigint() - t0) / 1e9;
  const pushCpu = cpu(process.cpuUsage(c0));
  process.stdout.write(JSON.stringify({
    pull_docs: pulled.docs_written, pull_seconds: pullS,
    push_docs: pushed.docs_written, push_seconds: pushS,
    pull_cpu_seconds: pullCpu, push_cpu_seconds: pushCpu,
  }) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
