import type { PredictStartParams } from '@api/contract/predicting'
import type { MethodParams } from '@api/methods'
import { toApiError } from '../../api/client'
import { draftFromParams, paramsOfConfig } from '../../features/predict/draft-from-params'
import type { GetState, SetState, SliceDeps } from '../types'
import type { PredictActions } from './actions'
import type { PredictState } from './state'

export interface TemplateActions {
  loadTemplates(): Promise<void>
  /** Saves the params under a name; true when saved (a toast says why not). */
  saveTemplate(
    name: string,
    params: MethodParams<'predict.saveTemplate'>['params'],
  ): Promise<boolean>
  /** "Save as template" on a task page: the task's own start params under a name. */
  saveTaskAsTemplate(taskId: string, name: string): Promise<boolean>
  deleteTemplate(id: string): Promise<void>
  /** Opens the form filled with a template. */
  startFromTemplate(id: string): Promise<void>
  /** "Run again": opens the form filled with a task's parameters. */
  runAgain(taskId: string): Promise<void>
}

type Store = PredictState & PredictActions & TemplateActions

export function createTemplateActions(
  set: SetState<Store>,
  get: GetState<Store>,
  { api, report }: SliceDeps,
): TemplateActions {
  let serial = 0

  /** The saved model versions, loaded first: a template's versions are checked against them. */
  const versions = async () => {
    if (get().modelVersions?.status !== 'ready') await get().loadChoices()
    const loaded = get().modelVersions
    return loaded?.status === 'ready' ? loaded.value : []
  }

  const seed = async (params: PredictStartParams, origin: string, templateId?: string) => {
    const { draft, problems } = draftFromParams(params, await versions())
    const from = templateId ? { templateId } : {}
    get().show({ kind: 'new', seed: { draft, problems, origin, serial: ++serial, ...from } })
  }

  /** A task's start params, or null with a toast saying why. */
  const taskParams = async (taskId: string) => {
    try {
      const detail = await api.call('tasks.show', { id: taskId })
      const params = paramsOfConfig(detail.config)
      if (!params) {
        report.info(
          'This task cannot be repeated',
          'Its settings were saved by an older version of the app; fill in the form instead.',
        )
      }
      return params
    } catch (error) {
      report.error(error)
      return null
    }
  }

  return {
    async loadTemplates() {
      if (get().templates === null) set({ templates: { status: 'loading' } })
      try {
        set({ templates: { status: 'ready', value: await api.call('predict.listTemplates', {}) } })
      } catch (error) {
        set({ templates: { status: 'error', message: toApiError(error).message } })
      }
    },
    async saveTemplate(name, params) {
      try {
        const saved = await api.call('predict.saveTemplate', { name, params })
        report.info(`Template "${saved.name}" saved`, 'New tasks can start from it.')
        await get().loadTemplates()
        return true
      } catch (error) {
        report.error(error)
        return false
      }
    },
    async saveTaskAsTemplate(taskId, name) {
      const params = await taskParams(taskId)
      return params ? get().saveTemplate(name, params) : false
    },
    async deleteTemplate(id) {
      try {
        await api.call('predict.deleteTemplate', { id })
      } catch (error) {
        report.error(error)
      }
      await get().loadTemplates()
    },
    async startFromTemplate(id) {
      const templates = get().templates
      const template =
        templates?.status === 'ready' ? templates.value.find((t) => t.id === id) : undefined
      if (!template) {
        report.info('That template is gone', 'It may have been deleted; pick another one.')
        await get().loadTemplates()
        return
      }
      await seed(template.params, `template "${template.name}"`, template.id)
    },
    async runAgain(taskId) {
      const params = await taskParams(taskId)
      if (params) await seed(params, `task ${taskId.slice(0, 8)}`)
    },
  }
}
