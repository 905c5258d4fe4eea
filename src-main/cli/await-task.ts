import type { TaskSummary } from '../api/contract/tasks'
import type { CliSession } from './cli-core'
import { CliError, EXIT, type CliIo } from './io'

/** Waits for a task, showing progress on a terminal; a failed task becomes a CLI failure. */
export async function awaitTask(
  session: CliSession,
  io: CliIo,
  taskId: string,
): Promise<TaskSummary> {
  const stop = session.api.on('task.updated', (t) => {
    if (io.tty && !io.json && t.id === taskId && t.progress?.message) io.err(t.progress.message)
  })
  try {
    const task = await session.core.tasks.settled(taskId)
    if (task.status !== 'SUCCESS') {
      const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status
      throw new CliError(reason, task.error?.code === 'VALIDATION' ? EXIT.usage : EXIT.failure)
    }
    return task
  } finally {
    stop()
  }
}
