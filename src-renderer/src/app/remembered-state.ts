import type { WorkspaceUiState } from '@api/dto'
import type { Stores } from '../stores'

/** The slice of the stores the core remembers, as one patch. */
function snapshot(stores: Stores): WorkspaceUiState {
  const models = stores.models.getState()
  return {
    screen: stores.ui.getState().screen,
    datasetId: stores.datasets.getState().selectedId,
    modelVersionId: models.view.kind === 'version' ? models.view.id : null,
    ruleSetId: stores.rules.getState().selectedId,
    forms: stores.ui.getState().forms,
  }
}

/** Only the fields that changed since `before`. */
function changedFields(before: WorkspaceUiState, after: WorkspaceUiState): WorkspaceUiState {
  const patch: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof WorkspaceUiState)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      patch[key] = after[key] ?? null
    }
  }
  return patch
}

/**
 * Puts the stores back where the user left this workspace: the screen (unless the address names
 * one), the dataset (if it still exists), the model version and rule set, and the forms. A
 * remembered object that is gone is skipped silently: the screens then choose as on a first start.
 */
export async function restoreRemembered(
  stores: Stores,
  screenIds: readonly string[],
  options: { screenFromAddress: boolean },
): Promise<void> {
  const state = await stores.api.call('workspace.getUiState', {})
  if (state.forms) stores.ui.getState().restoreForms(state.forms)
  if (state.screen && !options.screenFromAddress && screenIds.includes(state.screen)) {
    stores.ui.getState().navigate(state.screen)
  }
  const datasets = stores.datasets.getState()
  if (!datasets.loaded) await datasets.refresh()
  const live = stores.datasets.getState().datasets
  if (state.datasetId && live.some((d) => d.id === state.datasetId)) {
    await stores.datasets.getState().select(state.datasetId)
  }
  if (state.ruleSetId) {
    const sets = await stores.api.call('rules.listSets', {})
    if (sets.some((s) => s.id === state.ruleSetId))
      await stores.rules.getState().openSet(state.ruleSetId)
  }
  if (state.modelVersionId) {
    const versions = await stores.api.call('models.list', {})
    if (versions.some((v) => v.id === state.modelVersionId)) {
      await stores.models.getState().openVersion(state.modelVersionId)
    }
  }
}

export interface RememberedWatch {
  /** Sends pending changes now. */
  flush(): Promise<void>
  stop(): void
}

/**
 * Sends what changed to the core; form typing is coalesced for `delayMs`. A failed save is
 * reported and retried with the next change.
 */
export function rememberChanges(
  stores: Stores,
  onError: (error: unknown) => void,
  delayMs = 400,
): RememberedWatch {
  let saved = snapshot(stores)
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = async () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const next = snapshot(stores)
    const patch = changedFields(saved, next)
    if (Object.keys(patch).length === 0) return
    const before = saved
    saved = next
    try {
      await stores.api.call('workspace.setUiState', { patch })
    } catch (error) {
      saved = before
      onError(error)
    }
  }
  const schedule = () => {
    timer ??= setTimeout(() => void flush(), delayMs)
  }
  const stops = [
    stores.ui.subscribe(schedule),
    stores.datasets.subscribe(schedule),
    stores.models.subscribe(schedule),
    stores.rules.subscribe(schedule),
  ]
  return {
    flush,
    stop() {
      void flush()
      stops.forEach((stop) => stop())
    },
  }
}
