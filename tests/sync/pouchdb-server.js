// A pouchdb-server (express-pouchdb over PouchDB's memory adapter) for the sync tests and
// the benchmark.  Listens on 127.0.0.1 on a free port and prints "PORT <n>" once ready.
// Options (environment, for the tests of awkward servers):
//   CAUCUS_REFUSE_LOCAL=1   _local documents answer 403 (a read-only remote for checkpoints)
//   CAUCUS_NO_BULK_GET=1    _bulk_get answers 404 (an old CouchDB)
'use strict';
const path = require('path');
const modules = process.env.CAUCUS_NODE_MODULES ||
  path.join(__dirname, '..', 'interop', 'node_modules');
const need = (m) => require(path.join(modules, m));

const PouchDB = need('pouchdb').plugin(need('pouchdb-adapter-memory'));
const MemPouch = PouchDB.defaults({ adapter: 'memory' });
const express = need('express');
const app = express();

if (process.env.CAUCUS_REFUSE_LOCAL) {
  app.use((req, res, next) => {
    if (/^\/[^/]+\/_local\//.test(req.path)) {
      res.status(403).json({ error: 'forbidden', reason: 'read-only replica' });
      return;
    }
    next();
  });
}
if (process.env.CAUCUS_NO_BULK_GET) {
  app.use((req, res, next) => {
    if (/\/_bulk_get$/.test(req.path)) {
      res.status(404).json({ error: 'not_found', reason: 'missing' });
      return;
    }
    next();
  });
}
app.use('/', need('express-pouchdb')(MemPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
const server = app.listen(Number(process.env.CAUCUS_PORT || 0), '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
process.on('SIGTERM', () => process.exit(0));
