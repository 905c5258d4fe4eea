import type { MenuCommand } from '@api/desktop'
import type { ConnectionStatus } from '../../api/connection'

export type Theme = 'light' | 'dark'

export interface Toast {
  id: number
  kind: 'error' | 'info'
  title: string
  message: string
  /** The ApiError code, for errors. */
  code?: string
  /** A button in the toast ("Undo"); pressing it runs `run` and dismisses the toast. */
  action?: { label: string; run: () => void }
  /**
   * Leaves on its own this long after it shows; the time starts again once the pointer and the
   * focus have left it (nobody loses an Undo while reaching for it). Absent: stays until dismissed.
   */
  closesAfterMs?: number
}

/** A form's field values, kept while its screen is away and remembered per workspace. */
export type FormValues = Record<string, string | boolean | number | string[]>

export interface UiState {
  theme: Theme
  /** Id of the screen shown in the main area (see features/screens.ts). */
  screen: string
  tasksOpen: boolean
  toasts: Toast[]
  connection: ConnectionStatus
  /** A desktop menu command waiting for the screen that carries it out (see useMenuCommand). */
  pendingCommand: MenuCommand | null
  /** Form snapshots by form name ("train"...), so returning to a screen keeps what was typed. */
  forms: Record<string, FormValues>
  /** A screen the user asked for while the current one holds unsaved work (see guardLeave). */
  pendingScreen: string | null
}

export const getInitialUiState = (theme: Theme, screen: string): UiState => ({
  theme,
  screen,
  tasksOpen: false,
  toasts: [],
  connection: 'connecting',
  pendingCommand: null,
  forms: {},
  pendingScreen: null,
})
