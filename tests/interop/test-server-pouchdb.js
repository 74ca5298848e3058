// Interop: PouchDB (pouchdb + pouchdb-adapter-memory) against the real caucus-server.
// Usage: node test-server-pouchdb.js /path/to/caucus-server
// Exit 77 (skipped) when node_modules is not installed.
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const assert = require('node:assert/strict');

if (!fs.existsSync(path.join(__dirname, 'node_modules', 'pouchdb')) ||
    !fs.existsSync(path.join(__dirname, 'node_modules', 'pouchdb-adapter-memory'))) {
  console.log('# SKIP: node_modules is missing (run npm ci in tests/interop)');
  process.exit(77);
}

const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));
const { startServer } = require('./caucus-server-harness.js');

const binary = process.argv[2];
const PASSWORD = 'correct horse battery';
let server;
let localCounter = 0;

function local () {
  return new PouchDB(`local-${process.pid}-${localCounter++}`, { adapter: 'memory' });
}

function remote (name = 'ws', opts = {}) {
  return new PouchDB(`${server.url}/${name}`, {
    skip_setup: true,
    auth: { username: 'alice', password: PASSWORD },
    ...opts,
  });
}

async function allDocs (db) {
  const res = await db.allDocs({ include_docs: true, conflicts: true });
  return res.rows.map((r) => r.doc);
}

const tests = [];
function test (name, fn) { tests.push({ name, fn }); }

test('replicates 10,000 docs to caucus-server and back, identical', async () => {
  const a = local();
  const docs = [];
  for (let i = 0; i < 10000; i++) {
    docs.push({ _id: `doc-${String(i).padStart(5, '0')}`, n: i, text: `delegate note ${i}`, tags: ['a', i % 7] });
  }
  for (let i = 0; i < docs.length; i += 1000) {
    await a.bulkDocs(docs.slice(i, i + 1000));
  }
  const push = await a.replicate.to(remote());
  assert.equal(push.ok, true);
  assert.equal(push.docs_written, 10000);
  const b = local();
  const pull = await b.replicate.from(remote());
  assert.equal(pull.ok, true);
  assert.equal(pull.docs_written, 10000);
  assert.deepEqual(await allDocs(b), await allDocs(a));
  const info = await remote().info();
  assert.equal(info.doc_count, 10000);
});

test('conflicts end with the same winner and _conflicts everywhere', async () => {
  const c = local();
  const d = local();
  const r = remote('conflicts');
  await c.put({ _id: 'motion', text: 'original' });
  await c.replicate.to(r);
  await d.replicate.from(r);
  const cdoc = await c.get('motion');
  const ddoc = await d.get('motion');
  await c.put({ ...cdoc, text: 'amended by C' });
  await d.put({ ...ddoc, text: 'amended by D' });
  await d.put({ ...(await d.get('motion')), text: 'amended twice by D' });
  for (let round = 0; round < 2; round++) {
    await c.sync(r);
    await d.sync(r);
  }
  const views = [];
  for (const db of [c, d, r]) {
    const doc = await db.get('motion', { conflicts: true });
    views.push({ rev: doc._rev, text: doc.text, conflicts: (doc._conflicts || []).slice().sort() });
  }
  assert.equal(views[0].conflicts.length, 1, 'one conflict expected');
  assert.deepEqual(views[1], views[0]);
  assert.deepEqual(views[2], views[0]);
});

test('tombstones and attachments round-trip', async () => {
  const c = local();
  const r = remote('attachments');
  const bytes = Buffer.from('minutes of the plenary, with \u00e9 and \u4e2d\u6587', 'utf8');
  await c.put({
    _id: 'minutes',
    title: 'Plenary',
    _attachments: { 'minutes.txt': { content_type: 'text/plain', data: bytes.toString('base64') } },
  });
  const gone = await c.put({ _id: 'withdrawn', text: 'to be deleted' });
  await c.remove('withdrawn', gone.rev);
  await c.replicate.to(r);
  const e = local();
  await e.replicate.from(r);
  const att = await e.getAttachment('minutes', 'minutes.txt');
  assert.ok(Buffer.compare(Buffer.from(att), bytes) === 0, 'attachment bytes differ');
  await assert.rejects(e.get('withdrawn'), (err) => err.status === 404 && err.reason === 'deleted');
  const changes = await e.changes({ style: 'all_docs' });
  const tomb = changes.results.find((x) => x.id === 'withdrawn');
  assert.ok(tomb && tomb.deleted, 'tombstone missing from the changes feed');
  const remoteAtt = await r.getAttachment('minutes', 'minutes.txt');
  assert.ok(Buffer.compare(Buffer.from(remoteAtt), bytes) === 0);
});

test('live sync delivers a change within a second', async () => {
  const f = local();
  const r = remote('live');
  await r.put({ _id: 'seed' });
  const rep = f.replicate.from(r, { live: true, retry: false });
  await new Promise((resolve, reject) => {
    rep.once('paused', resolve);
    rep.once('error', reject);
  });
  const got = new Promise((resolve, reject) => {
    rep.on('change', (info) => {
      if (info.docs.some((d) => d._id === 'breaking')) resolve(Date.now());
    });
    rep.once('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const start = Date.now();
  await r.put({ _id: 'breaking', text: 'new draft' });
  const arrived = await Promise.race([got, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  rep.cancel();
  assert.ok(arrived !== null, 'the change never arrived');
  const ms = arrived - start;
  console.log(`# live change arrived after ${ms} ms`);
  assert.ok(ms < 1000, `live change took ${ms} ms`);
});

test('Basic and cookie auth work; a wrong password is refused', async () => {
  const info = await remote().info();
  assert.equal(info.db_name, 'ws');

  const res = await fetch(`${server.url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^AuthSession=/);
  const viaCookie = new PouchDB(`${server.url}/ws`, {
    skip_setup: true,
    fetch: (url, opts) => {
      opts.headers.set('Cookie', cookie);
      return PouchDB.fetch(url, opts);
    },
  });
  const cinfo = await viaCookie.info();
  assert.equal(cinfo.db_name, 'ws');
  const c = local();
  await c.put({ _id: 'via-cookie' });
  const push = await c.replicate.to(viaCookie);
  assert.equal(push.docs_written, 1);

  const wrong = remote('ws', { auth: { username: 'alice', password: 'wrong' } });
  await assert.rejects(wrong.allDocs(), (err) => err.status === 401);
  const anonymous = new PouchDB(`${server.url}/ws`, { skip_setup: true });
  await assert.rejects(anonymous.allDocs(), (err) => err.status === 401);
});

(async () => {
  server = await startServer(binary, {
    users: [{ name: 'alice', password: PASSWORD }],
    dbs: ['ws', 'conflicts', 'attachments', 'live'].map((name) => ({ name, members: { alice: 'admin' } })),
  });
  let failed = 0;
  console.log(`1..${tests.length}`);
  for (let i = 0; i < tests.length; i++) {
    const t0 = Date.now();
    try {
      await tests[i].fn();
      console.log(`ok ${i + 1} - ${tests[i].name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok ${i + 1} - ${tests[i].name}`);
      console.log(String(err && err.stack ? err.stack : err).split('\n').map((l) => '# ' + l).join('\n'));
    }
  }
  const code = await server.stop();
  if (code !== 0) {
    console.log(`# caucus-server exited with ${code} after SIGTERM`);
    failed++;
  }
  process.exit(failed ? 1 : 0);
})().catch(async (err) => {
  console.log('Bail out! ' + (err && err.stack ? err.stack : err));
  if (server) await server.stop();
  process.exit(1);
});
