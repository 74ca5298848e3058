// Starts the real caucus-server binary on a free loopback port with a temporary data
// directory, a user and a database created through its command line; shared by the
// interop test and the benchmark.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function cli (binary, dataDir, args, input) {
  const result = spawnSync(binary, ['--data', dataDir, ...args], {
    input: input === undefined ? '' : input,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`caucus-server ${args.join(' ')} failed: ${result.stderr}`);
  }
  return result.stdout;
}

async function startServer (binary, { users = [], dbs = [] } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caucus-interop-'));
  for (const u of users) {
    cli(binary, dataDir, ['user', 'add', u.name], u.password + '\n');
  }
  for (const db of dbs) {
    cli(binary, dataDir, ['db', 'create', db.name]);
    for (const [user, role] of Object.entries(db.members || {})) {
      cli(binary, dataDir, ['db', 'grant', db.name, user, '--role', role]);
    }
  }
  const child = spawn(binary, ['--data', dataDir, 'serve', ...(process.env.CAUCUS_HARNESS_LOG ? [] : ['--quiet']), '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('caucus-server did not start')), 10000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const m = buffer.match(/Listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`caucus-server exited with ${code}`)));
  });
  return {
    url,
    dataDir,
    cli: (args, input) => cli(binary, dataDir, args, input),
    async stop () {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      const code = await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

module.exports = { startServer };
