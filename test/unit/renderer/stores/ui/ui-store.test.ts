import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../../src-main/api/errors'
import { THEME_STORAGE_KEY } from '../../../../../src-renderer/src/stores/ui/actions'
import { createUiStore, initialTheme } from '../../../../../src-renderer/src/stores/ui/store'

const memoryStorage = (initial: Record<string, string> = {}) => {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  }
}

describe('ui store', () => {
  it('starts from the stored theme, else the system preference', () => {
    expect(initialTheme('dark', false)).toBe('dark')
    expect(initialTheme(null, true)).toBe('dark')
    expect(initialTheme('bogus', false)).toBe('light')
  })

  it('persists the theme when toggled', () => {
    const storage = memoryStorage({ [THEME_STORAGE_KEY]: 'light' })
    const ui = createUiStore({ storage, prefersDark: true, initialScreen: 'datasets' })
    expect(ui.getState().theme).toBe('light')
    ui.getState().toggleTheme()
    expect(ui.getState().theme).toBe('dark')
    expect(storage.data.get(THEME_STORAGE_KEY)).toBe('dark')
  })

  it('turns ApiErrors into error toasts that can be dismissed', () => {
    const ui = createUiStore({ storage: null, prefersDark: false, initialScreen: 'datasets' })
    ui.getState().showError(new ApiError('TASK_NOT_FOUND', 'Task x does not exist.'))
    ui.getState().showError(new Error('boom'))
    const [first, second] = ui.getState().toasts
    expect(first).toMatchObject({
      kind: 'error',
      code: 'TASK_NOT_FOUND',
      message: 'Task x does not exist.',
    })
    expect(second).toMatchObject({ code: 'INTERNAL' })
    expect(second?.message).toContain('boom')
    ui.getState().dismissToast(first?.id ?? -1)
    expect(ui.getState().toasts).toHaveLength(1)
  })
})

describe('leaving a screen with unsaved work', () => {
  it('holds the navigation while the guard says so, until leave() or stay()', () => {
    const ui = createUiStore({ storage: null, prefersDark: false, initialScreen: 'rules' })
    let unsaved = true
    ui.getState().guardLeave(() => unsaved)
    ui.getState().navigate('models')
    expect(ui.getState()).toMatchObject({ screen: 'rules', pendingScreen: 'models' })
    ui.getState().stay()
    expect(ui.getState()).toMatchObject({ screen: 'rules', pendingScreen: null })
    ui.getState().navigate('predict')
    ui.getState().leave()
    expect(ui.getState()).toMatchObject({ screen: 'predict', pendingScreen: null })
    // leave() drops the guard: the next screen navigates freely.
    ui.getState().navigate('rules')
    unsaved = false
    ui.getState().guardLeave(() => unsaved)
    ui.getState().navigate('models')
    expect(ui.getState().screen).toBe('models')
  })

  it('keeps form snapshots per form, merging patches', () => {
    const ui = createUiStore({ storage: null, prefersDark: false, initialScreen: 'models' })
    ui.getState().setFormValues('train', { kind: 'svm' })
    ui.getState().setFormValues('train', { name: 'x' })
    expect(ui.getState().forms).toEqual({ train: { kind: 'svm', name: 'x' } })
  })
})

describe('stale messages', () => {
  it('drops "Not found" errors when the screen changes, keeping other toasts', () => {
    const ui = createUiStore({ storage: null, prefersDark: false, initialScreen: 'datasets' })
    ui.getState().showError(new ApiError('NOT_FOUND', 'Dataset x does not exist or was deleted'))
    ui.getState().showError(new ApiError('VALIDATION', 'Bad'))
    ui.getState().navigate('annotate')
    expect(ui.getState().toasts.map((t) => t.code)).toEqual(['VALIDATION'])
  })
})
