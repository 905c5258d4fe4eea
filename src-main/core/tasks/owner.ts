import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import type { TaskStatus } from '../../api/contract/tasks'
import { ApiError } from '../../api/errors'

/**
 * The process that runs a task, recorded on its row so other processes (the app, the bridge, a CLI
 * run) can tell whether it still exists.
 *
 * Platforms differ in what they tell us:
 * - Linux: the pid plus its start time (field 22 of /proc/<pid>/stat, with the boot id), so a pid
 *   reused by an unrelated process is recognised as a dead owner.
 * - macOS, Windows: the pid alone (`start` is null). A reused pid looks alive, so there an owner
 *   that has not beaten for `silenceMs` (minutes) counts as dead even if its pid exists.
 * - Another host sharing the workspace: its pids mean nothing here; the heartbeat's age decides.
 */
export interface TaskOwner {
  pid: number
  host: string
  start: string | null
}

/** The owner columns of a task row. */
export interface OwnedRow {
  status: TaskStatus
  owner_pid: number | null
  owner_host: string | null
  owner_start: string | null
  heartbeat_at: number | null
}

export interface Liveness {
  /** A heartbeat older than this is missed. */
  staleMs: number
  /** Where only the pid can be checked: a live pid whose heartbeat is older than this is not the owner. */
  silenceMs: number
}

/** When process `pid` started, as a token that changes when the pid is reused; null where unknown. */
export function processStart(pid: number): string | null {
  if (process.platform !== 'linux') return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (the command name) is in parentheses and may itself hold spaces and ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const starttime = fields[22 - 3]
    if (!starttime || !/^\d+$/.test(starttime)) return null
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    return `${boot}:${starttime}`
  } catch {
    return null
  }
}

export function currentOwner(): TaskOwner {
  return { pid: process.pid, host: hostname(), start: processStart(process.pid) }
}

function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

type OwnerState = 'alive' | 'pid-only' | 'dead' | 'elsewhere'

function ownerState(row: OwnedRow, here: string): OwnerState {
  if (row.owner_pid === null) return 'dead'
  if (row.owner_host !== null && row.owner_host !== here) return 'elsewhere'
  if (!pidExists(row.owner_pid)) return 'dead'
  if (row.owner_start === null) return 'pid-only'
  const start = processStart(row.owner_pid)
  // Unreadable although the pid exists (another user's process under hidepid): trust the pid.
  if (start === null) return 'pid-only'
  return start === row.owner_start ? 'alive' : 'dead'
}

const LEFT_BY_OWNER: readonly TaskStatus[] = ['SUCCESS', 'FAILURE', 'ABORTED']

/**
 * Whether the process that claimed the row may still be running it. Owners release a row when they
 * finish it (the owner columns become null); a row whose host is null was claimed by a version
 * before owner hosts were recorded, which never released its finished rows.
 */
export function ownerHolds(row: OwnedRow, now: number, limits: Liveness): boolean {
  if (row.owner_pid === null) return false
  const legacy = row.owner_host === null
  if (legacy && LEFT_BY_OWNER.includes(row.status)) return false
  const age = now - (row.heartbeat_at ?? Number.NEGATIVE_INFINITY)
  switch (ownerState(row, hostname())) {
    case 'alive':
      return true
    case 'dead':
      return false
    case 'pid-only':
      return age < (legacy ? limits.staleMs : limits.silenceMs)
    case 'elsewhere':
      return age < limits.staleMs
  }
}

/** A RUNNING or PENDING row nobody runs any more: its heartbeat is old and its owner is gone. */
export function isStale(row: OwnedRow, now: number, limits: Liveness): boolean {
  if (row.status !== 'RUNNING' && row.status !== 'PENDING') return false
  const age = now - (row.heartbeat_at ?? Number.NEGATIVE_INFINITY)
  return age >= limits.staleMs && !ownerHolds(row, now, limits)
}

/** Why a task cannot be resumed here: the process that holds it, and where. */
export function heldBy(
  row: OwnedRow & { id: string; started_at: number | null; created_at: number },
): ApiError {
  const where = row.owner_host && row.owner_host !== hostname() ? ` on ${row.owner_host}` : ''
  const since = new Date(row.started_at ?? row.created_at).toISOString()
  return new ApiError(
    'INVALID_STATE',
    `Task ${row.id} is running in process ${row.owner_pid}${where} (started ${since}); abort it there or wait for it to finish.`,
  )
}
