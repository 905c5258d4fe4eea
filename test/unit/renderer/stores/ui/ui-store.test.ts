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
