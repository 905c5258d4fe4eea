import type { HandlersFor } from '../dispatcher'
import type { TaskRegistry } from './task-registry'

export const taskHandlers = (tasks: TaskRegistry) =>
  ({
    'tasks.list': (p) => tasks.list(p),
    'tasks.show': (p) => tasks.show(p.id),
    'tasks.abort': (p) => tasks.abort(p.id),
    'tasks.resume': (p) => tasks.resume(p.id),
  }) satisfies HandlersFor<'tasks.list' | 'tasks.show' | 'tasks.abort' | 'tasks.resume'>
