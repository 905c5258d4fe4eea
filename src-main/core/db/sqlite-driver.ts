import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'

// Not named `require`: electron-vite adds its own `require` shim to ESM chunks that mention one.
const loadModule = createRequire(import.meta.url)

/**
 * Which copy of better-sqlite3 this runtime loads. Plain Node (tests, the bridge, `npx audience`) uses
 * the 12.x built for it at `npm install`; Electron's Node (the core host, the CLI launcher in RunAsNode
 * mode) uses 13.x through its `better-sqlite3-electron` alias, whose N-API binaries ship prebuilt in the
 * package for win32-x64 and linux-x64, so nothing is compiled for Electron, here or at a user's install.
 */
export function sqliteDriverName(versions: NodeJS.ProcessVersions = process.versions): string {
  return versions.electron ? 'better-sqlite3-electron' : 'better-sqlite3'
}

/** Opens a SQLite file with the driver of this runtime (see sqliteDriverName). */
export function openSqliteFile(file: string, options: Database.Options = {}): Database.Database {
  const Driver = loadModule(sqliteDriverName()) as typeof Database
  return new Driver(file, options)
}
