import type { UiState } from './state'

export const selectTheme = (s: UiState) => s.theme
export const selectScreen = (s: UiState) => s.screen
export const selectTasksOpen = (s: UiState) => s.tasksOpen
export const selectToasts = (s: UiState) => s.toasts
export const selectPendingCommand = (s: UiState) => s.pendingCommand
export const selectPendingScreen = (s: UiState) => s.pendingScreen
