// Child process for the crash-recovery tests: starts a task that never ends, prints its id, waits to
// be killed. Options: `--clock <ms>` freezes its clock, so its heartbeats are as old as the test wants
// while the process lives; `--tmp <dir>` makes the task leave the staging files an import would
// (tmp/import-<id>.sqlite) and an upload (tmp/uploads/child-<pid>.csv) its config names.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../../src-main/core/db/sqlite'
import { createEventBus } from '../../src-main/core/events'
import { createTaskRegistry, type TaskKind } from '../../src-main/core/tasks/task-registry'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { clock: { type: 'string' }, tmp: { type: 'string' } },
})
const file = positionals[0]
if (!file) throw new Error('usage: task-crash-child <db file> [--clock <ms>] [--tmp <dir>]')
const clock = values.clock === undefined ? undefined : Number(values.clock)
const tasks = createTaskRegistry({
  db: openDatabase(file),
  events: createEventBus(),
  heartbeatMs: 50,
  ...(clock === undefined ? {} : { now: () => clock }),
})
const tmp = values.tmp
const upload = tmp === undefined ? null : join(tmp, 'uploads', `child-${process.pid}.csv`)
if (upload && tmp) {
  mkdirSync(join(tmp, 'uploads'), { recursive: true })
  writeFileSync(upload, 'text,label\nhello,a\n')
}
const hang: TaskKind<{ path: string | null }, { at: number }> = {
  kind: 'hang',
  resumable: true,
  run: (ctx) =>
    new Promise(() => {
      if (tmp) writeFileSync(join(tmp, `import-${ctx.id}.sqlite`), 'staging')
      ctx.saveCheckpoint({ at: 7 })
      process.stdout.write(`started ${ctx.id}\n`)
    }),
}
tasks.define(hang)
tasks.start('hang', { path: upload }, 'Hang until killed')
setInterval(() => {}, 1000)
