import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../../../../src-main/api/client'
import type { MethodParams } from '../../../../../src-main/api/methods'
import { createCore } from '../../../../../src-main/core/create-core'
import { memoryTransport } from '../../../../../src-main/core/memory-transport'
import { createStores } from '../../../../../src-renderer/src/stores'
import { testCoreConfig } from '../../../../helpers/core-harness'
import { makeTempDir } from '../../../../helpers/temp-dir'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function openWindow() {
  const temp = makeTempDir()
  closers.push(temp.cleanup)
  const core = await createCore(testCoreConfig(temp.dir, { seedDemo: false }))
  closers.push(() => core.close())
  const api = createApiClient(memoryTransport(core))
  const stores = createStores({ api, storage: null, prefersDark: false, initialScreen: 'predict' })
  const toasts = () => stores.ui.getState().toasts.map((t) => `${t.kind}: ${t.title} ${t.message}`)
  return { dir: temp.dir, api, predict: stores.predict, ui: stores.ui, toasts }
}

const params = (dir: string): MethodParams<'predict.start'> => ({
  title: 'Sports in posts',
  sources: [
    {
      kind: 'file',
      path: join(dir, 'posts.csv'),
      format: 'csv',
      columns: { id: 'id', content: 'text' },
    },
  ],
  models: [{ model: { kind: 'keywords', name: 'kw', labels: { sport: ['ball'] } } }],
  sink: { kind: 'csv', path: join(dir, 'out.csv') },
})

describe('predict store: templates', () => {
  it('saves, lists, fills the form from and deletes a template', async () => {
    const { dir, predict } = await openWindow()
    expect(await predict.getState().saveTemplate('weekly', params(dir))).toBe(true)
    const templates = predict.getState().templates
    const saved = templates?.status === 'ready' ? templates.value : []
    expect(saved.map((t) => t.name)).toEqual(['weekly'])

    await predict.getState().startFromTemplate(saved[0]!.id)
    const view = predict.getState().view
    expect(view.kind).toBe('new')
    const seed = view.kind === 'new' ? view.seed : undefined
    expect(seed?.origin).toBe('template "weekly"')
    expect(seed?.templateId).toBe(saved[0]?.id)
    expect(seed?.problems).toEqual({})
    expect(seed?.draft.sources[0]?.columns.content).toBe('text')
    expect(seed?.draft.models[0]?.labels[0]?.keywords).toBe('ball')

    await predict.getState().deleteTemplate(saved[0]!.id)
    expect(predict.getState().templates).toEqual({ status: 'ready', value: [] })
  })

  it('a template whose model version was deleted says so on the version picker', async () => {
    const { dir, api, predict, toasts } = await openWindow()
    const missing = 'e'.repeat(32)
    // The core refuses to save it…
    const bad = { ...params(dir), models: [{ model: { kind: 'version' as const, id: missing } }] }
    expect(await predict.getState().saveTemplate('gone', bad)).toBe(false)
    expect(toasts().join('\n')).toContain(`Model version ${missing} does not exist`)
    // …and one saved before the version was deleted opens with the problem shown.
    const template = await api.call('predict.saveTemplate', { name: 'old', params: params(dir) })
    predict.setState({
      templates: {
        status: 'ready',
        value: [{ ...template, params: { ...template.params, models: bad.models } }],
      },
    })
    await predict.getState().startFromTemplate(template.id)
    const view = predict.getState().view
    const problems = view.kind === 'new' ? view.seed?.problems : undefined
    expect(problems?.['models.0.versionId']).toContain('no longer exists')
  })

  it('a template deleted elsewhere is not opened: a message says so', async () => {
    const { predict, toasts } = await openWindow()
    await predict.getState().startFromTemplate('f'.repeat(32))
    expect(predict.getState().view).toEqual({ kind: 'none' })
    expect(toasts().join('\n')).toContain('That template is gone')
  })

  it('refuses an unknown task for "Run again" and keeps the view', async () => {
    const { predict, toasts } = await openWindow()
    await predict.getState().runAgain('a'.repeat(32))
    expect(predict.getState().view).toEqual({ kind: 'none' })
    expect(toasts().some((t) => t.startsWith('error:'))).toBe(true)
  })
})

describe('predict store: Run again', () => {
  // A real task runs first (worker threads under tsx): more than the 5 s default on a busy machine.
  it('opens the form filled with the task’s parameters', { timeout: 60_000 }, async () => {
    const { dir, api, predict } = await openWindow()
    writeFileSync(join(dir, 'posts.csv'), 'id,text\n1,a ball game\n2,lunch\n')
    const { taskId } = await api.call('predict.start', params(dir))
    // Let it finish so the core closes idle (the config is what Run again reads).
    for (;;) {
      const task = await api.call('tasks.show', { id: taskId })
      if (task.status !== 'RUNNING' && task.status !== 'PENDING') break
      await new Promise((r) => setTimeout(r, 20))
    }
    await predict.getState().runAgain(taskId)
    const view = predict.getState().view
    const seed = view.kind === 'new' ? view.seed : undefined
    expect(seed?.origin).toBe(`task ${taskId.slice(0, 8)}`)
    expect(seed?.draft.title).toBe('Sports in posts')
    expect(seed?.draft.sink).toMatchObject({ kind: 'csv', path: join(dir, 'out.csv') })
    expect(seed?.draft.sources[0]?.path).toBe(join(dir, 'posts.csv'))
  })
})

describe('predict store: the form guard', () => {
  it('holds another view while the form has unsaved input; keep or discard', async () => {
    const { predict } = await openWindow()
    predict.getState().show({ kind: 'new' })
    let dirty = true
    predict.getState().guardForm(() => dirty)
    predict.getState().show({ kind: 'none' })
    expect(predict.getState().view).toEqual({ kind: 'new' })
    expect(predict.getState().pendingView).toEqual({ kind: 'none' })
    predict.getState().keepForm()
    expect(predict.getState().pendingView).toBeNull()
    predict.getState().show({ kind: 'task', id: 'a'.repeat(32) })
    predict.getState().discardForm()
    expect(predict.getState().view).toEqual({ kind: 'task', id: 'a'.repeat(32) })
    // Once discarded the guard is gone; a clean form lets views change at once.
    predict.getState().show({ kind: 'new' })
    predict.getState().guardForm(() => dirty)
    dirty = false
    predict.getState().show({ kind: 'none' })
    expect(predict.getState().view).toEqual({ kind: 'none' })
  })
})
