import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the clean-up asks the task registry (after crash recovery ran). */
export interface StagingTasks {
  /** Tasks that may still need their files: running in a live process, or able to resume. */
  holding(): { id: string; config: string }[]
  /** Whether any task's config mentions `text`. */
  mentions(text: string): boolean
}

/** `tmp/import-<taskId>.sqlite` and the journals SQLite may leave beside it. */
const IMPORT_STAGING = /^import-([0-9a-f]{32})\.sqlite(?:-journal|-wal|-shm)?$/

/**
 * An upload no task mentions may be a preview another process reads right now, or an upload whose
 * task it is about to create: it is left alone this long.
 */
const UNCLAIMED_UPLOAD_MS = 10 * 60_000

const names = (dir: string): string[] => {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * Removes the staging files a killed process left under `<dataDir>/tmp`: import staging databases
 * whose task is not running in a live process, and uploads (`tmp/uploads`) no such task reads.
 * A second process (the CLI beside the app) may be importing right now: its files stay.
 */
export function removeLeftovers(
  tmpDir: string,
  tasks: StagingTasks,
  now: number,
  log: (error: unknown) => void,
): string[] {
  let holding: { id: string; config: string }[]
  try {
    holding = tasks.holding()
  } catch (error) {
    log(error)
    return []
  }
  const held = new Set(holding.map((t) => t.id))
  const removed: string[] = []
  const remove = (path: string) => {
    try {
      rmSync(path, { force: true })
      removed.push(path)
    } catch (error) {
      log(error)
    }
  }
  for (const name of names(tmpDir)) {
    const id = IMPORT_STAGING.exec(name)?.[1]
    if (id !== undefined && !held.has(id)) remove(join(tmpDir, name))
  }
  const uploads = join(tmpDir, 'uploads')
  for (const name of names(uploads)) {
    const path = join(uploads, name)
    const quoted = JSON.stringify(name).slice(1, -1)
    if (holding.some((t) => t.config.includes(quoted))) continue
    if (!mentioned(tasks, quoted, log)) {
      const modified = statMs(path)
      if (modified === null || now - modified < UNCLAIMED_UPLOAD_MS) continue
    }
    remove(path)
  }
  return removed
}

function statMs(path: string): number | null {
  try {
    const stat = statSync(path)
    return stat.isFile() ? stat.mtimeMs : null
  } catch {
    return null
  }
}

/** Whether a task names the file; when that cannot be read, assume one does (keep the file). */
function mentioned(tasks: StagingTasks, name: string, log: (error: unknown) => void): boolean {
  try {
    return tasks.mentions(name)
  } catch (error) {
    log(error)
    return true
  }
}
