import type { MenuCommand } from '@api/desktop'
import { toApiError } from '../../api/client'
import type { ConnectionStatus } from '../../api/connection'
import type { GetState, SetState } from '../types'
import type { FormValues, Theme, Toast, UiState } from './state'

export const THEME_STORAGE_KEY = 'audience.theme'

/** At most this many toasts stay on screen; older ones make room. */
const MAX_TOASTS = 4

/** localStorage's shape, so tests can pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export interface UiDeps {
  storage: KeyValueStorage | null
}

export interface UiActions {
  setTheme(theme: Theme): void
  toggleTheme(): void
  navigate(screen: string): void
  /**
   * While `hasUnsaved` says so, navigating away only records the wish in pendingScreen; the screen
   * then asks Save / Discard / Cancel and calls leave() or stay(). Null removes the guard.
   */
  guardLeave(hasUnsaved: (() => boolean) | null): void
  /** Goes to the pending screen without asking again. */
  leave(): void
  /** Forgets the pending screen. */
  stay(): void
  setTasksOpen(open: boolean): void
  toggleTasks(): void
  pushToast(toast: Omit<Toast, 'id'>): number
  showError(error: unknown): void
  dismissToast(id: number): void
  /** Drops error toasts with this code: what they said about an object no longer holds. */
  dismissErrors(code: string): void
  setConnection(status: ConnectionStatus): void
  /** A menu command: the theme toggles here; the others go to the screen that owns them. */
  runMenuCommand(command: MenuCommand): void
  /** Takes the pending command if it is this one (the screen then carries it out). */
  takeCommand(command: MenuCommand): boolean
  /** Merges field values into a form's snapshot. */
  setFormValues(form: string, patch: FormValues): void
  /** Replaces every snapshot (the remembered ones, at start). */
  restoreForms(forms: Record<string, FormValues>): void
}

export function createUiActions(
  set: SetState<UiState & UiActions>,
  get: GetState<UiState & UiActions>,
  deps: UiDeps,
): UiActions {
  let nextToastId = 1
  let leaveGuard: (() => boolean) | null = null
  return {
    setTheme(theme) {
      set({ theme })
      try {
        deps.storage?.setItem(THEME_STORAGE_KEY, theme)
      } catch {
        // Storage may be full or disabled; the theme still applies for this session.
      }
    },
    toggleTheme() {
      get().setTheme(get().theme === 'dark' ? 'light' : 'dark')
    },
    navigate(screen) {
      if (get().screen === screen) return
      if (leaveGuard?.()) return set({ pendingScreen: screen })
      set({ screen, pendingScreen: null })
      // "Not found" was about an object on the screen left behind.
      get().dismissErrors('NOT_FOUND')
    },
    guardLeave(hasUnsaved) {
      leaveGuard = hasUnsaved
    },
    leave() {
      const screen = get().pendingScreen
      leaveGuard = null
      if (screen) set({ screen, pendingScreen: null })
      get().dismissErrors('NOT_FOUND')
    },
    stay() {
      set({ pendingScreen: null })
    },
    setTasksOpen(open) {
      set({ tasksOpen: open })
    },
    toggleTasks() {
      set({ tasksOpen: !get().tasksOpen })
    },
    pushToast(toast) {
      const id = nextToastId++
      set({ toasts: [...get().toasts, { ...toast, id }].slice(-MAX_TOASTS) })
      return id
    },
    showError(error) {
      const apiError = toApiError(error)
      get().pushToast({
        kind: 'error',
        title: errorTitle(apiError.code),
        message: apiError.message,
        code: apiError.code,
      })
    },
    dismissErrors(code) {
      const toasts = get().toasts
      const kept = toasts.filter((t) => t.kind !== 'error' || t.code !== code)
      if (kept.length !== toasts.length) set({ toasts: kept })
    },
    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) })
    },
    setConnection(connection) {
      if (get().connection !== connection) set({ connection })
    },
    runMenuCommand(command) {
      if (command === 'view.toggleTheme') {
        get().toggleTheme()
        return
      }
      if (command.startsWith('datasets.')) get().navigate('datasets')
      set({ pendingCommand: command })
    },
    takeCommand(command) {
      if (get().pendingCommand !== command) return false
      set({ pendingCommand: null })
      return true
    },
    setFormValues(form, patch) {
      const forms = get().forms
      set({ forms: { ...forms, [form]: { ...forms[form], ...patch } } })
    },
    restoreForms(forms) {
      set({ forms })
    },
  }
}

/** A short heading per error code; the message itself says what to do next. */
export function errorTitle(code: string): string {
  switch (code) {
    case 'VALIDATION':
      return 'Invalid input'
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 'Not allowed'
    case 'NOT_FOUND':
    case 'TASK_NOT_FOUND':
      return 'Not found'
    case 'UNAVAILABLE':
      return 'Not reachable'
    case 'CONFLICT':
    case 'INVALID_STATE':
      return 'Not possible right now'
    default:
      return 'Something went wrong'
  }
}
