import { TASK_KINDS } from '../../api/contract/tasks'
import type { SystemInfo } from '../../api/contract/system'
import type { HandlersFor } from '../dispatcher'
import type { CoreTasks } from '../tasks/task-kinds'

export const systemHandlers = (info: () => Omit<SystemInfo, 'host'>, tasks: CoreTasks) =>
  ({
    'system.info': (_p, ctx) => ({ ...info(), host: ctx.host }),
    'system.startSelfTest': (p) => {
      const task = tasks.start(TASK_KINDS.selfTest, p, `Worker self-test (${p.steps} steps)`)
      return { taskId: task.id }
    },
  }) satisfies HandlersFor<'system.info' | 'system.startSelfTest'>
