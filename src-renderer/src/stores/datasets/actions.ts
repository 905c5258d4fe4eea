import type { MethodParams } from '@api/methods'
import type { DatasetDetail, LabelSummary, SplitConfig } from '@api/dto'
import type { GetState, SetState, SliceDeps } from '../types'
import type { DatasetsState } from './state'
import { busy, latest, latestLoad } from '../../lib/requests'

type LabelPatch = Omit<MethodParams<'datasets.updateLabel'>, 'datasetId' | 'labelId'>

export interface DatasetsActions {
  /** Reloads the list (and the selected dataset). */
  refresh(): Promise<void>
  setQuery(query: string): Promise<void>
  select(id: string | null): Promise<void>
  create(input: MethodParams<'datasets.create'>): Promise<DatasetDetail | null>
  update(patch: MethodParams<'datasets.update'>): Promise<boolean>
  duplicate(id: string): Promise<DatasetDetail | null>
  remove(id: string): Promise<boolean>
  /** Brings back the last dataset deleted in this session. */
  undoDelete(): Promise<boolean>
  split(id: string, config: SplitConfig): Promise<boolean>
  addLabel(datasetId: string, label: MethodParams<'datasets.addLabel'>['label']): Promise<boolean>
  updateLabel(datasetId: string, labelId: number, patch: LabelPatch): Promise<boolean>
  mergeLabels(
    datasetId: string,
    sourceLabelId: number,
    targetLabelId: number,
  ): Promise<number | null>
  /** Splits a label like `male;parent` into its parts on every document (undoable). */
  splitLabel(
    datasetId: string,
    label: LabelSummary,
    separator: MethodParams<'datasets.splitLabel'>['separator'],
  ): Promise<boolean>
  /** Reverts the last split or merge. */
  undoLabelChange(): Promise<boolean>
  /** Deletes a label and its annotations (the screen confirmed the count first). */
  deleteLabel(datasetId: string, label: LabelSummary): Promise<boolean>
  /** A `dataset.changed` push: reload soon (changes come in bursts while labeling). */
  applyChanged(datasetId: string): void
}

/** How long pushed changes are gathered before one reload. */
export const CHANGE_DEBOUNCE_MS = 300

export function createDatasetsActions(
  set: SetState<DatasetsState & DatasetsActions>,
  get: GetState<DatasetsState & DatasetsActions>,
  { api, report }: SliceDeps,
): DatasetsActions {
  // Answers to older list calls are dropped: typing a search fires several.
  const loadLatestList = latestLoad((loading) => set({ loading }), report)
  const detailRequest = latest()
  let changeTimer: ReturnType<typeof setTimeout> | null = null
  const changed = new Set<string>()

  const loadList = () =>
    loadLatestList(
      () => {
        const query = get().query.trim()
        return api.call('datasets.list', query ? { query } : {})
      },
      (datasets) => set({ datasets, loaded: true }),
    )

  const loadDetail = async () => {
    const id = get().selectedId
    const isLatest = detailRequest()
    if (!id) return set({ detail: null })
    try {
      const detail = await api.call('datasets.get', { id })
      if (isLatest() && get().selectedId === id) set({ detail })
    } catch (error) {
      if (isLatest()) set({ detail: null, selectedId: null })
      report.error(error)
    }
  }

  const withBusy = busy(set, report)
  /** Runs one mutating call with the busy flag; reports errors; reloads what it changed. */
  const mutate = <T>(run: () => Promise<T>) =>
    withBusy(async () => {
      const result = await run()
      await Promise.all([loadList(), loadDetail()])
      return result
    })

  return {
    async refresh() {
      await Promise.all([loadList(), loadDetail()])
    },
    async setQuery(query) {
      set({ query })
      await loadList()
    },
    async select(id) {
      if (get().selectedId === id && get().detail) return
      set({ selectedId: id, detail: null })
      await loadDetail()
    },
    async create(input) {
      const created = await mutate(() => api.call('datasets.create', input))
      if (created) await get().select(created.id)
      return created
    },
    async update(patch) {
      return (await mutate(() => api.call('datasets.update', patch))) !== null
    },
    async duplicate(id) {
      const copy = await mutate(() => api.call('datasets.duplicate', { id }))
      if (copy) {
        report.info('Dataset duplicated', `"${copy.name}" has the same labels and documents.`)
        await get().select(copy.id)
      }
      return copy
    },
    async remove(id) {
      if (get().selectedId === id) set({ selectedId: null, detail: null })
      const deleted = await mutate(() => api.call('datasets.delete', { id }))
      if (deleted) set({ lastDeleted: deleted })
      return deleted !== null
    },
    async undoDelete() {
      const last = get().lastDeleted
      if (!last) return false
      const restored = await mutate(() => api.call('datasets.restore', { id: last.id }))
      if (!restored) return false
      set({ lastDeleted: null })
      report.info('Dataset restored', `"${restored.name}" is back with all its documents.`)
      await get().select(restored.id)
      return true
    },
    async split(id, config) {
      return (await mutate(() => api.call('datasets.split', { id, ...config }))) !== null
    },
    async addLabel(datasetId, label) {
      return (await mutate(() => api.call('datasets.addLabel', { datasetId, label }))) !== null
    },
    async updateLabel(datasetId, labelId, patch) {
      const done = await mutate(() =>
        api.call('datasets.updateLabel', { datasetId, labelId, ...patch }),
      )
      return done !== null
    },
    async mergeLabels(datasetId, sourceLabelId, targetLabelId) {
      const merged = await mutate(() =>
        api.call('datasets.mergeLabels', { datasetId, sourceLabelId, targetLabelId }),
      )
      if (!merged) return null
      set({
        lastLabelChange: {
          datasetId,
          undoId: merged.undoId,
          description: `Merged into "${merged.target.name}".`,
        },
      })
      report.info(
        'Labels merged',
        `${merged.movedAnnotations} annotations now carry "${merged.target.name}".`,
      )
      return merged.movedAnnotations
    },
    async splitLabel(datasetId, label, separator) {
      const split = await mutate(() =>
        api.call('datasets.splitLabel', { datasetId, labelId: label.id, separator }),
      )
      if (!split) return false
      const parts = split.labels.map((l) => `"${l.name}"`).join(', ')
      set({
        lastLabelChange: {
          datasetId,
          undoId: split.undoId,
          description: `Split "${label.name}" into ${parts} on ${split.documents} documents.`,
        },
      })
      return true
    },
    async undoLabelChange() {
      const last = get().lastLabelChange
      if (!last) return false
      const undone = await mutate(() =>
        api.call('datasets.undoLabelChange', { datasetId: last.datasetId, undoId: last.undoId }),
      )
      set({ lastLabelChange: null })
      return undone !== null
    },
    async deleteLabel(datasetId, label) {
      const removed = await mutate(() =>
        api.call('datasets.deleteLabel', { datasetId, labelId: label.id, confirm: true }),
      )
      if (!removed) return false
      report.info(
        'Label deleted',
        `"${label.name}" and its ${removed.removedAnnotations} annotations are gone.`,
      )
      return true
    },
    applyChanged(datasetId) {
      changed.add(datasetId)
      if (changeTimer) clearTimeout(changeTimer)
      changeTimer = setTimeout(() => {
        changeTimer = null
        const selected = get().selectedId
        const reloadDetail = selected !== null && changed.has(selected)
        changed.clear()
        void loadList()
        if (reloadDetail) void loadDetail()
      }, CHANGE_DEBOUNCE_MS)
    },
  }
}
