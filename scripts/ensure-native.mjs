// Makes sure better-sqlite3 loads in this Node. Electron uses its own copy (better-sqlite3-electron, prebuilt
// N-API) and never touches this one, but a manual `electron-rebuild` could have: then rebuild for Node, so
// tests never see a NODE_MODULE_VERSION error.
import { execFileSync, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function loads() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').close()"],
    { encoding: 'utf8' },
  )
  return {
    ok: probe.status === 0,
    message: probe.stderr.split('\n').find((l) => l.includes('Error')) ?? '',
  }
}

const first = loads()
if (!first.ok) {
  console.log(
    `better-sqlite3 does not load in Node ${process.version} (${first.message}); rebuilding it for Node…`,
  )
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit' })
  const second = loads()
  if (!second.ok) {
    console.error(`better-sqlite3 still fails to load: ${second.message}`)
    process.exit(1)
  }
}
console.log(
  `better-sqlite3 ${require('better-sqlite3/package.json').version} loads in Node ${process.version}.`,
)
