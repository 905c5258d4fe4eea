import type { WorkspaceOverview } from '../../api/contract/workspace'
import type { HandlersFor } from '../dispatcher'
import type { UiStateStore } from './ui-state'

export const workspaceHandlers = (uiState: UiStateStore, overview: () => WorkspaceOverview) =>
  ({
    'workspace.getUiState': () => uiState.get(),
    'workspace.setUiState': (p) => uiState.set(p.patch),
    'workspace.getOverview': () => overview(),
  }) satisfies HandlersFor<
    'workspace.getUiState' | 'workspace.setUiState' | 'workspace.getOverview'
  >
