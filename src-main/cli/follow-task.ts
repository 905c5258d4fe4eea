import type { TaskProgress, TaskSummary } from '../api/contract/tasks'
import type { CliSession } from './cli-core'
import { CliError, EXIT, type CliIo } from './io'

/** How often a plain progress line is printed when stderr is not a terminal and --json is off. */
export const PLAIN_PROGRESS_EVERY_MS = 5000

const count = (n: number) => Math.round(n).toLocaleString('en')

/** "45 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** One progress line: a bar and percent when the total is known, then done, rate and ETA. */
export function progressLine(p: TaskProgress, unit = 'rows', width = 24): string {
  const parts: string[] = []
  const ratio = p.ratio ?? (p.total ? p.done / p.total : undefined)
  const known = ratio !== undefined && Number.isFinite(ratio)
  if (known) {
    const r = Math.min(1, Math.max(0, ratio))
    const filled = Math.round(r * width)
    const percent = String(Math.floor(r * 100)).padStart(3)
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}%`)
  }
  const suffix = unit ? ` ${unit}` : ''
  parts.push(p.total ? `${count(p.done)}/${count(p.total)}${suffix}` : `${count(p.done)}${suffix}`)
  if (p.rate && p.rate > 0) parts.push(`${count(p.rate)}${suffix}/s`)
  if (p.etaMs !== undefined && (!known || ratio < 1)) parts.push(`ETA ${formatDuration(p.etaMs)}`)
  if (p.message && known && ratio >= 1) parts.push(p.message)
  return parts.join('  ')
}

export interface ProgressView {
  update(task: TaskSummary): void
  /** Ends a redrawn line so what follows starts on a line of its own. */
  end(): void
}

/**
 * Where progress goes: with --json one JSON line per event on stdout; on a terminal one line on
 * stderr redrawn in place; otherwise a plain stderr line at most every PLAIN_PROGRESS_EVERY_MS.
 */
export function progressView(io: CliIo, unit: string, now: () => number = Date.now): ProgressView {
  let drawn = false
  let lastPlain = -Infinity
  return {
    update(task) {
      const p = task.progress
      if (!p) return
      if (io.json)
        return io.out(JSON.stringify({ taskId: task.id, status: task.status, progress: p }))
      if (io.errTty) {
        io.errRaw(`\r${progressLine(p, unit)}\x1b[K`)
        drawn = true
        return
      }
      if (now() - lastPlain < PLAIN_PROGRESS_EVERY_MS) return
      lastPlain = now()
      io.err(progressLine(p, unit))
    },
    end() {
      if (drawn) io.errRaw('\n')
      drawn = false
    },
  }
}

export interface InterruptGuard {
  /** True once Ctrl-C was pressed. */
  readonly requested: boolean
  /** What the first Ctrl-C does; runs at once when Ctrl-C came before there was a task to abort. */
  onFirst(abort: () => void): void
  dispose(): void
}

/**
 * Ctrl-C while a command runs a task: the first aborts the task through the core (committed work is
 * kept, the task can be resumed); a second exits at once.
 */
export function guardInterrupt(io: CliIo): InterruptGuard {
  let requested = false
  let abort: (() => void) | null = null
  const handler = () => {
    if (requested) {
      io.err('\nInterrupted again: exiting now.')
      process.exit(EXIT.interrupted)
    }
    requested = true
    io.err(`${io.errTty ? '\n' : ''}Aborting the task… (Ctrl-C again to exit at once)`)
    abort?.()
  }
  process.on('SIGINT', handler)
  return {
    get requested() {
      return requested
    },
    onFirst(fn) {
      abort = fn
      if (requested) fn()
    },
    dispose: () => void process.off('SIGINT', handler),
  }
}

/**
 * Follows a task until it settles, showing its progress; Ctrl-C (through `interrupt`) aborts it.
 * `unit` names what progress counts ("rows"), or '' for tasks that count steps.
 */
export async function followTask(
  { api, core }: CliSession,
  io: CliIo,
  taskId: string,
  interrupt: InterruptGuard,
  unit = 'rows',
): Promise<TaskSummary> {
  const view = progressView(io, unit)
  const off = api.on('task.updated', (task) => {
    if (task.id === taskId) view.update(task)
  })
  interrupt.onFirst(() => {
    // The task settles ABORTED below; a failed abort (it had just finished) changes nothing.
    api.call('tasks.abort', { id: taskId }).catch(() => undefined)
  })
  try {
    return await core.tasks.settled(taskId)
  } finally {
    off()
    view.end()
  }
}

/**
 * Why a followed task did not succeed, as the CLI error to exit with (null when it succeeded). A
 * task that cannot be resumed (it keeps nothing when stopped) says why it ended instead.
 */
export function endedError(task: TaskSummary, interrupt: InterruptGuard): CliError | null {
  if (task.status === 'SUCCESS') return null
  const aborted = task.status === 'ABORTED' && interrupt.requested
  if (!task.resumable) {
    if (aborted) return new CliError('Aborted; nothing was kept.', EXIT.interrupted)
    const why = task.error ? `${task.error.code}: ${task.error.message}` : task.status
    return new CliError(why, task.error?.code === 'VALIDATION' ? EXIT.usage : EXIT.failure)
  }
  const resume = `audience tasks resume ${task.id}`
  if (aborted) return new CliError(`Aborted. Resume with: ${resume}`, EXIT.interrupted)
  return new CliError(`Task ${task.id} ended ${task.status}; resume it with \`${resume}\`.`)
}
