// Child process for the crash-recovery test: starts a task that never ends, prints its id, waits to be killed.
import { openDatabase } from '../../src-main/core/db/sqlite'
import { createEventBus } from '../../src-main/core/events'
import { createTaskRegistry } from '../../src-main/core/tasks/task-registry'

const file = process.argv[2]
if (!file) throw new Error('usage: task-crash-child <db file>')
const tasks = createTaskRegistry({
  db: openDatabase(file),
  events: createEventBus(),
  heartbeatMs: 50,
})
tasks.define({
  kind: 'hang',
  resumable: true,
  run: (ctx) =>
    new Promise(() => {
      ctx.saveCheckpoint({ at: 7 })
    }),
})
const { id } = tasks.start('hang', {}, 'Hang until killed')
process.stdout.write(`started ${id}\n`)
setInterval(() => {}, 1000)
