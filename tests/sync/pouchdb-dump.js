// A PouchDB client on the other side of the server: replicates URL into an in-memory
// PouchDB (default settings), then prints one JSON line per document with its winner and
// every leaf (body with attachments inline), sorted by id.
'use strict';
const path = require('path');
const modules = process.env.CAUCUS_NODE_MODULES ||
  path.join(__dirname, '..', 'interop', 'node_modules');
const need = (m) => require(path.join(modules, m));
const PouchDB = need('pouchdb').plugin(need('pouchdb-adapter-memory'));

async function main () {
  const url = process.argv[2];
  const db = new PouchDB('dump-' + process.pid, { adapter: 'memory' });
  await db.replicate.from(url);
  const changes = await db.changes({ style: 'all_docs' });
  const ids = changes.results.map((r) => r.id).sort();
  for (const id of ids) {
    const leaves = await db.get(id, { open_revs: 'all', attachments: true });
    let winner;
    try {
      winner = (await db.get(id))._rev;
    } catch (e) {
      // deleted winner: PouchDB still knows it through revs_info of the leaves
      winner = null;
    }
    const bodies = leaves.filter((l) => l.ok).map((l) => l.ok)
      .sort((a, b) => (a._rev < b._rev ? -1 : a._rev > b._rev ? 1 : 0));
    process.stdout.write(JSON.stringify({ id, winner, leaves: bodies }) + '\n');
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
