import { randomBytes } from 'node:crypto'
import type {
  DatasetDetail,
  DatasetSummary,
  DeletedDataset,
  LabelChange,
  LabelMode,
  LabelSeparator,
  LabelSummary,
  SplitConfig,
} from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import { datasetNotFound, labelNotFound, nameTaken } from './dataset-errors'
import {
  createDatasetsRepo,
  type DatasetRow,
  type LabelPatch,
  type LabelRow,
} from './datasets.repo'
import { createDatasetReader } from './dataset-reader'
import { createDocumentsRepo, filterWhere } from './documents.repo'
import { nextColor, nextShortcut } from './label-defaults'
import { createLabelUndo } from './label-undo'
import { createPendingImports } from './pending-imports'
import { stratifiedSplit } from './split'

/** Deleted datasets stay restorable this long; older ones are emptied when the core starts. */
const BIN_DAYS = 7

export interface LabelInput {
  name: string
  color?: string | undefined
  shortcut?: string | null | undefined
}

const toLabel = (row: LabelRow): LabelSummary => ({
  id: row.id,
  name: row.name,
  color: row.color,
  shortcut: row.shortcut,
  count: row.count,
})

/** Datasets and label sets: every multi-row change runs in one transaction. */
export function createDatasetService(
  db: Sqlite,
  events: EventBus,
  now: () => number = Date.now,
  /** False on a second connection (an import's writer thread): the core's own purges at start. */
  purgeDeleted = true,
) {
  const repo = createDatasetsRepo(db)
  const documents = createDocumentsRepo(db)
  const reader = createDatasetReader(repo, documents)
  const imports = createPendingImports(db)
  if (purgeDeleted) repo.purgeDeleted(now() - BIN_DAYS * 86_400_000)
  const changed = (datasetId: string) => events.emit('dataset.changed', { datasetId })
  const undo = createLabelUndo(db)

  const requireLive = (id: string): DatasetRow => {
    const row = repo.get(id)
    if (!row || row.deleted_at !== null || row.import_id !== null) throw datasetNotFound(id)
    return row
  }
  /** Changes that rewrite many documents or labels wait until an import into the dataset is done. */
  const assertNoImport = (id: string) => {
    if (!imports.byDataset(id)) return
    throw new ApiError(
      'INVALID_STATE',
      `An import into "${requireLive(id).name}" is still running. Wait for it to finish (or abort it in Tasks) and try again.`,
    )
  }
  const requireLabel = (datasetId: string, labelId: number): LabelRow => {
    const label = repo.label(labelId)
    if (!label || label.dataset_id !== datasetId) throw labelNotFound(labelId)
    return label
  }
  const assertNameFree = (name: string, exceptId?: string) => {
    const holder = repo.liveByName(name)
    if (holder && holder.id !== exceptId) throw nameTaken(name)
  }
  const assertLabelNameFree = (datasetId: string, name: string, exceptId?: number) => {
    if (repo.allLabels(datasetId).some((l) => l.name === name && l.id !== exceptId)) {
      throw new ApiError(
        'CONFLICT',
        `This dataset already has a label "${name}". Choose another name or merge.`,
      )
    }
  }
  const assertShortcutFree = (datasetId: string, key: string | null, exceptId?: number) => {
    const holder = repo
      .allLabels(datasetId)
      .find((l) => key !== null && l.shortcut === key && l.id !== exceptId)
    if (holder) {
      throw new ApiError(
        'CONFLICT',
        `Key "${key}" already toggles "${holder.name}". Pick another key.`,
      )
    }
  }

  function summary(row: DatasetRow): DatasetSummary {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      labelMode: row.label_mode,
      documentCount: row.document_count,
      labeledCount: row.labeled_count,
      labels: repo.labels(row.id).map(toLabel),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  function detail(id: string): DatasetDetail {
    const row = requireLive(id)
    const bySplit = documents.countsBySplit(filterWhere(id), row.document_count)
    return {
      ...summary(row),
      split: splitConfigOf(row),
      splitCounts: {
        train: bySplit.get('train') ?? 0,
        dev: bySplit.get('dev') ?? 0,
        test: bySplit.get('test') ?? 0,
        none: bySplit.get(null) ?? 0,
      },
    }
  }

  /** Adds a label; with `importId` it stays hidden until that import commits. */
  function insertLabel(
    datasetId: string,
    input: LabelInput,
    importId: number | null = null,
  ): number {
    const existing = repo.allLabels(datasetId)
    const name = input.name.trim()
    assertLabelNameFree(datasetId, name)
    const shortcut =
      input.shortcut === undefined ? nextShortcut(existing.map((l) => l.shortcut)) : input.shortcut
    assertShortcutFree(datasetId, shortcut)
    return repo.insertLabel(
      {
        dataset_id: datasetId,
        name,
        color: input.color ?? nextColor(existing.map((l) => l.color)),
        shortcut,
        position: existing.reduce((max, l) => Math.max(max, l.position + 1), 0),
      },
      importId,
    )
  }

  function createRow(name: string, description: string, labelMode: LabelMode): string {
    assertNameFree(name)
    const id = randomBytes(16).toString('hex')
    const at = now()
    repo.insert({
      id,
      name,
      description,
      label_mode: labelMode,
      created_at: at,
      updated_at: at,
      import_id: null,
    })
    return id
  }

  return {
    /** The read-only port other domains get (models, rules, preprocessing). */
    reader,
    requireLive,
    detail,
    createRow,
    insertLabel,
    splitConfig: (id: string) => splitConfigOf(requireLive(id)),
    labelsOf: (id: string) => repo.labels(id),
    /** Every label, with those a running import created. */
    allLabelsOf: (id: string) => repo.allLabels(id),
    /** Hides a dataset until the import `importId` commits (the import creates it). */
    hideUntilImported: (id: string, importId: number) =>
      repo.update(id, { import_id: importId }, now()),
    setLabelMode: (id: string, labelMode: LabelMode) =>
      repo.update(id, { label_mode: labelMode }, now()),
    notifyChanged: changed,
    isNameTaken: (name: string) => repo.liveByName(name) !== undefined,

    list: (query?: string): DatasetSummary[] => repo.list(query).map(summary),

    create(p: {
      name: string
      description: string
      labelMode: LabelMode
      labels: LabelInput[]
    }): DatasetDetail {
      const id = db.transaction(() => {
        const created = createRow(p.name, p.description, p.labelMode)
        for (const label of p.labels) insertLabel(created, label)
        return created
      })()
      changed(id)
      return detail(id)
    },

    update(p: {
      id: string
      name?: string
      description?: string
      labelMode?: LabelMode
    }): DatasetDetail {
      const row = requireLive(p.id)
      if (p.name !== undefined) assertNameFree(p.name, p.id)
      if (p.labelMode !== undefined && p.labelMode !== row.label_mode) assertNoImport(p.id)
      if (p.labelMode === 'single' && row.label_mode === 'multi') {
        const multi = repo.documentsWithMoreThanOneLabel(p.id)
        if (multi > 0) {
          throw new ApiError(
            'INVALID_STATE',
            `${multi} documents have more than one label. Leave one label on each before switching to single-label.`,
            { documents: multi },
          )
        }
      }
      repo.update(
        p.id,
        {
          ...(p.name !== undefined ? { name: p.name } : {}),
          ...(p.description !== undefined ? { description: p.description } : {}),
          ...(p.labelMode !== undefined ? { label_mode: p.labelMode } : {}),
        },
        now(),
      )
      changed(p.id)
      return detail(p.id)
    },

    duplicate(id: string, name?: string): DatasetDetail {
      const source = requireLive(id)
      assertNoImport(id)
      const copyName =
        name ?? freeName(`${source.name} (copy)`, (n) => repo.liveByName(n) !== undefined)
      const copy = db.transaction(() => {
        const created = createRow(copyName, source.description, source.label_mode)
        if (source.split_seed !== null && source.split_ratios !== null) {
          repo.update(
            created,
            { split_seed: source.split_seed, split_ratios: source.split_ratios },
            now(),
          )
        }
        repo.copyContents(id, created, now())
        return created
      })()
      changed(copy)
      return detail(copy)
    },

    delete(id: string): DeletedDataset {
      const row = requireLive(id)
      const at = now()
      repo.setDeleted(id, at)
      changed(id)
      return { id, name: row.name, deletedAt: at }
    },

    restore(id?: string): DatasetDetail {
      const row = id ? repo.get(id) : repo.lastDeleted()
      if (!row || row.deleted_at === null) {
        throw new ApiError(
          'NOT_FOUND',
          'There is no deleted dataset to restore; the bin is emptied after 7 days.',
        )
      }
      db.transaction(() => {
        if (repo.liveByName(row.name)) {
          const taken = (n: string) => repo.liveByName(n) !== undefined
          repo.update(row.id, { name: freeName(`${row.name} (restored)`, taken) }, now())
        }
        repo.setDeleted(row.id, null)
      })()
      changed(row.id)
      return detail(row.id)
    },

    split(id: string, config: SplitConfig): DatasetDetail {
      requireLive(id)
      assertNoImport(id)
      db.transaction(() => {
        repo.setSplits(stratifiedSplit(repo.splitRows(id), config))
        repo.update(
          id,
          { split_seed: config.seed, split_ratios: JSON.stringify(config.ratios) },
          now(),
        )
      })()
      changed(id)
      return detail(id)
    },

    addLabel(datasetId: string, input: LabelInput): LabelSummary {
      requireLive(datasetId)
      const labelId = insertLabel(datasetId, input)
      changed(datasetId)
      return toLabel(requireLabel(datasetId, labelId))
    },

    updateLabel(datasetId: string, labelId: number, patch: LabelPatch): LabelSummary {
      requireLive(datasetId)
      requireLabel(datasetId, labelId)
      if (patch.name !== undefined) assertLabelNameFree(datasetId, patch.name, labelId)
      if (patch.shortcut !== undefined) assertShortcutFree(datasetId, patch.shortcut, labelId)
      repo.updateLabel(labelId, patch)
      changed(datasetId)
      return toLabel(requireLabel(datasetId, labelId))
    },

    mergeLabels(datasetId: string, sourceId: number, targetId: number) {
      requireLive(datasetId)
      assertNoImport(datasetId)
      const source = requireLabel(datasetId, sourceId)
      requireLabel(datasetId, targetId)
      if (sourceId === targetId)
        throw new ApiError('VALIDATION', 'Choose two different labels to merge.')
      const { moved, undoId } = db.transaction(() => {
        const captured = undo.capture(datasetId, [sourceId, targetId])
        const count = source.count
        repo.copyLabelUses(sourceId, targetId)
        repo.deleteLabel(sourceId)
        return { moved: count, undoId: captured.commit([]) }
      })()
      changed(datasetId)
      return { target: toLabel(requireLabel(datasetId, targetId)), movedAnnotations: moved, undoId }
    },

    /** `male;parent` → `male` and `parent` on every document that had it, in one transaction. */
    splitLabel(
      datasetId: string,
      labelId: number,
      separator: Exclude<LabelSeparator, 'json'>,
    ): LabelChange {
      const dataset = requireLive(datasetId)
      const label = requireLabel(datasetId, labelId)
      const parts = [
        ...new Set(
          label.name
            .split(separator)
            .map((p) => p.trim())
            .filter((p) => p.length > 0),
        ),
      ]
      if (parts.length < 2) {
        throw new ApiError(
          'VALIDATION',
          `Label "${label.name}" has no "${separator}" between two names, so there is nothing to split. Choose the separator it uses.`,
        )
      }
      if (dataset.label_mode === 'single' && label.count > 0) {
        throw new ApiError(
          'INVALID_STATE',
          `This dataset is single-label, so its ${label.count} documents cannot carry ${parts.length} labels. Switch it to multi-label first.`,
        )
      }
      const { ids, undoId } = db.transaction(() => {
        const existing = new Map(
          repo
            .labels(datasetId)
            .filter((l) => l.id !== labelId)
            .map((l) => [l.name, l.id]),
        )
        const captured = undo.capture(datasetId, [
          labelId,
          ...parts.flatMap((p) => existing.get(p) ?? []),
        ])
        const created: number[] = []
        const partIds = parts.map((name) => {
          const found = existing.get(name)
          if (found !== undefined) return found
          // The first new part keeps the split label's colour and key.
          const inherit = created.length === 0
          const id = inherit
            ? repo.insertLabel({
                dataset_id: datasetId,
                name,
                color: label.color,
                shortcut: null,
                position: label.position,
              })
            : insertLabel(datasetId, { name })
          created.push(id)
          return id
        })
        for (const id of partIds) repo.copyLabelUses(labelId, id)
        repo.deleteLabel(labelId)
        if (label.shortcut !== null && created[0] !== undefined)
          repo.updateLabel(created[0], { shortcut: label.shortcut })
        return { ids: partIds, undoId: captured.commit(created) }
      })()
      changed(datasetId)
      return {
        undoId,
        labels: ids.map((id) => toLabel(requireLabel(datasetId, id))),
        documents: label.count,
      }
    },

    undoLabelChange(datasetId: string, undoId: string): DatasetDetail {
      requireLive(datasetId)
      undo.undo(datasetId, undoId)
      changed(datasetId)
      return detail(datasetId)
    },

    deleteLabel(
      datasetId: string,
      labelId: number,
      confirm: boolean,
    ): { removedAnnotations: number } {
      requireLive(datasetId)
      assertNoImport(datasetId)
      const label = requireLabel(datasetId, labelId)
      if (label.count > 0 && !confirm) {
        throw new ApiError(
          'CONFLICT',
          `Label "${label.name}" is on ${label.count} documents. Confirm to delete it and remove those ${label.count} annotations.`,
          { annotationCount: label.count },
        )
      }
      repo.deleteLabel(labelId)
      changed(datasetId)
      return { removedAnnotations: label.count }
    },
  }
}

export type DatasetService = ReturnType<typeof createDatasetService>

function splitConfigOf(row: DatasetRow): SplitConfig | null {
  if (row.split_seed === null || row.split_ratios === null) return null
  return { seed: row.split_seed, ratios: JSON.parse(row.split_ratios) as SplitConfig['ratios'] }
}

function freeName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base
  for (let i = 2; ; i++) if (!taken(`${base} ${i}`)) return `${base} ${i}`
}
