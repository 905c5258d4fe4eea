import { createStore } from 'zustand/vanilla'
import { createUiActions, THEME_STORAGE_KEY, type UiActions, type UiDeps } from './actions'
import { getInitialUiState, type Theme, type UiState } from './state'

export type UiStore = UiState & UiActions

export interface UiStoreOptions extends UiDeps {
  prefersDark: boolean
  initialScreen: string
}

/** A stored choice wins; otherwise follow the system's preference. */
export function initialTheme(stored: string | null, prefersDark: boolean): Theme {
  if (stored === 'light' || stored === 'dark') return stored
  return prefersDark ? 'dark' : 'light'
}

export function createUiStore(options: UiStoreOptions) {
  let stored: string | null = null
  try {
    stored = options.storage?.getItem(THEME_STORAGE_KEY) ?? null
  } catch {
    stored = null
  }
  const theme = initialTheme(stored, options.prefersDark)
  return createStore<UiStore>()((set, get) => ({
    ...getInitialUiState(theme, options.initialScreen),
    ...createUiActions(set, get, options),
  }))
}
