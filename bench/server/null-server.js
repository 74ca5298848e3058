// bench/server/null-server.js: the least a server can do for a PouchDB replication, to
// measure how fast the bench's client goes when the server costs (almost) nothing.
//
// Not a server anyone should run: it keeps documents in memory as the client sent them,
// checks nothing, writes nothing to disk, answers only what one PouchDB push and pull
// ask (GET /, GET/PUT /db, _local get/put, _revs_diff, _bulk_docs new_edits=false,
// _changes with since/limit, _bulk_get), and treats every revision it was sent as the
// winner.  bench-server.js measures it with the same client as the two real servers
// (BENCH_SERVER_CEILING=1), which says what ratio a server of zero cost would reach
// against pouchdb-server on this machine.
// Usage: node null-server.js   (prints "Listening on http://127.0.0.1:PORT")
'use strict';

const http = require('node:http');

const dbs = new Map();
function db (name) {
  let d = dbs.get(name);
  if (!d) {
    d = { docs: new Map(), bySeq: [], local: new Map(), seq: 0 };
    dbs.set(name, d);
  }
  return d;
}

function send (res, status, value) {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function handle (req, res, body) {
  const url = new URL(req.url, 'http://x');
  const parts = url.pathname.split('/').filter((p) => p).map(decodeURIComponent);
  if (parts.length === 0) return send(res, 200, { couchdb: 'Welcome', version: '3.3.3' });
  const d = db(parts[0]);
  if (parts.length === 1) {
    if (req.method === 'PUT') return send(res, 201, { ok: true });
    return send(res, 200, { db_name: parts[0], doc_count: d.docs.size, update_seq: d.seq, instance_start_time: '0' });
  }
  if (parts[1] === '_local') {
    const id = '_local/' + parts.slice(2).join('/');
    if (req.method === 'GET') {
      const doc = d.local.get(id);
      return doc ? send(res, 200, doc) : send(res, 404, { error: 'not_found', reason: 'missing' });
    }
    const doc = JSON.parse(body);
    const n = doc._rev ? parseInt(doc._rev.split('-')[1], 10) + 1 : 1;
    doc._id = id;
    doc._rev = `0-${n}`;
    d.local.set(id, doc);
    return send(res, 201, { ok: true, id, rev: doc._rev });
  }
  if (parts[1] === '_revs_diff') {
    const asked = JSON.parse(body);
    const out = {};
    for (const id of Object.keys(asked)) {
      const have = d.docs.get(id);
      const missing = asked[id].filter((rev) => !have || have.rev !== rev);
      if (missing.length) out[id] = { missing };
    }
    return send(res, 200, out);
  }
  if (parts[1] === '_bulk_docs') {
    for (const doc of JSON.parse(body).docs) {
      d.seq++;
      d.docs.set(doc._id, { rev: doc._rev, doc, seq: d.seq });
      d.bySeq.push(doc._id);
    }
    return send(res, 201, []);
  }
  if (parts[1] === '_changes') {
    const since = parseInt(url.searchParams.get('since') || '0', 10) || 0;
    const limit = parseInt(url.searchParams.get('limit') || '1000000', 10);
    const results = [];
    for (let s = since; s < d.bySeq.length && results.length < limit; s++) {
      const e = d.docs.get(d.bySeq[s]);
      if (e.seq !== s + 1) continue; // replaced later
      results.push({ seq: e.seq, id: e.doc._id, changes: [{ rev: e.rev }] });
    }
    const last = results.length ? results[results.length - 1].seq : since;
    return send(res, 200, { results, last_seq: last, pending: d.seq - last });
  }
  if (parts[1] === '_bulk_get') {
    const results = JSON.parse(body).docs.map((r) => {
      const e = d.docs.get(r.id);
      return e ? { id: r.id, docs: [{ ok: e.doc }] }
        : { id: r.id, docs: [{ error: { id: r.id, rev: r.rev, error: 'not_found', reason: 'missing' } }] };
    });
    return send(res, 200, { results });
  }
  return send(res, 404, { error: 'not_found', reason: 'not served by the null server' });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.listen(0, '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
