import type { SystemInfo } from '../../api/contract/system'
import type { HandlersFor } from '../dispatcher'
import type { TaskRegistry } from '../tasks/task-registry'

export const systemHandlers = (info: () => Omit<SystemInfo, 'host'>, tasks: TaskRegistry) =>
  ({
    'system.info': (_p, ctx) => ({ ...info(), host: ctx.host }),
    'system.startSelfTest': (p) => {
      const task = tasks.start('system.selftest', p, `Worker self-test (${p.steps} steps)`)
      return { taskId: task.id }
    },
  }) satisfies HandlersFor<'system.info' | 'system.startSelfTest'>
