import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'

const stamp = (d: Date) =>
  d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')

/**
 * Moves a workspace database that cannot be opened out of the way (with its WAL and shared-memory
 * files), so the next start creates a fresh one. Nothing is deleted: the old file stays in the same
 * folder as `workspace.damaged-<time>.sqlite` for recovery. Returns the new name, or null if there was
 * no database file.
 */
export function setAsideWorkspace(
  dataDir: string,
  databaseFileName: string,
  now: Date = new Date(),
): string | null {
  const file = join(dataDir, databaseFileName)
  if (!existsSync(file)) return null
  const aside = join(
    dataDir,
    databaseFileName.replace(/\.sqlite$/, '') + `.damaged-${stamp(now)}.sqlite`,
  )
  if (existsSync(aside)) throw new Error(`${aside} exists already; try again in a second.`)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  renameSync(file, aside)
  return aside
}
