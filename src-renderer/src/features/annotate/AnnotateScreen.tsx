import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Screen } from '../../components/Screen'
import {
  selectAnnotateDataset,
  selectAnnotateDatasetId,
  selectCounts,
  selectCurrent,
  selectFilter,
  selectNotice,
  selectRedoable,
  selectTotal,
  selectUndoable,
  toDocumentFilter,
} from '../../stores/annotate/selectors'
import type { AnnotateFilter } from '../../stores/annotate/state'
import { selectDatasets } from '../../stores/datasets/selectors'
import { countOf } from '../../lib/plural'
import { useAnnotate, useDatasets, useStores } from '../../stores/hooks'
import { Dialog } from '../../components/Dialog'
import { ExportPanel } from '../datasets/ExportPanel'
import { BulkBar } from './BulkBar'
import { DocumentList } from './DocumentList'
import { DocumentPane } from './DocumentPane'
import { FilterBar, focusDocument } from './FilterBar'
import { FreshPanel } from './FreshPanel'
import { LabelButtons } from './LabelButtons'
import { ProgressPanel } from './ProgressPanel'
import { QueuePanel } from './QueuePanel'
import { ShortcutsDialog } from './ShortcutsDialog'
import { SuggestionBar } from './SuggestionBar'
import { useAnnotateKeys } from './use-annotate-keys'
import { Button } from '../../components/Button'

/** "unlabeled · label positive · split train · search “rain”", for export and bulk dialogs. */
function describeFilter(filter: AnnotateFilter, labelName: (id: number) => string): string {
  const parts: string[] = [filter.status === 'all' ? 'all documents' : filter.status]
  if (filter.labelId !== null) parts.push(`label ${labelName(filter.labelId)}`)
  if (filter.split !== null) parts.push(`split ${filter.split}`)
  if (filter.query.trim()) parts.push(`search “${filter.query.trim()}”`)
  return parts.join(' · ')
}

export function AnnotateScreen() {
  const { annotate, suggest, datasets: datasetsStore } = useStores()
  const datasets = useDatasets(selectDatasets)
  const datasetId = useAnnotate(selectAnnotateDatasetId)
  const dataset = useAnnotate(selectAnnotateDataset)
  const current = useAnnotate(selectCurrent)
  const undoable = useAnnotate(selectUndoable)
  const redoable = useAnnotate(selectRedoable)
  const notice = useAnnotate(selectNotice)
  const filter = useAnnotate(selectFilter)
  const total = useAnnotate(selectTotal)
  const counts = useAnnotate(selectCounts)
  const searchRef = useRef<HTMLInputElement>(null)
  const [dialog, setDialog] = useState<null | 'help' | 'export'>(null)
  const openHelp = useCallback(() => setDialog('help'), [])
  useAnnotateKeys(searchRef, openHelp)

  // Each visit is a session; open the document another screen asked for, else the dataset chosen
  // on the Datasets screen (or the newest).
  useEffect(() => {
    let stopped = false
    annotate.getState().startSession()
    const request = annotate.getState().takeRequest()
    if (request) void datasetsStore.getState().select(request.datasetId)
    void (async () => {
      if (request) return annotate.getState().open(request.datasetId, request.documentId)
      const ds = datasetsStore.getState()
      if (!ds.loaded) await ds.refresh()
      if (stopped) return
      const { selectedId, datasets: list } = datasetsStore.getState()
      const wanted = selectedId ?? annotate.getState().datasetId ?? list[0]?.id ?? null
      await annotate.getState().open(wanted)
    })()
    return () => {
      stopped = true
    }
  }, [annotate, datasetsStore])

  // Labelling starts at the document, not at the title the navigation focused.
  const hasDocument = current !== null
  useEffect(() => {
    const active = document.activeElement
    if (hasDocument && (active === document.body || active?.matches('h1, main'))) focusDocument()
  }, [hasDocument, datasetId])

  const choose = (id: string) => {
    void datasetsStore.getState().select(id || null)
    void annotate.getState().open(id || null)
  }

  const filterText = useMemo(
    () =>
      describeFilter(filter, (id) => dataset?.labels.find((l) => l.id === id)?.name ?? String(id)),
    [filter, dataset],
  )

  const picker = (
    <label className="inline-field">
      <span>Dataset</span>
      <select
        className="input"
        aria-label="Dataset"
        value={datasetId ?? ''}
        onChange={(e) => choose(e.target.value)}
      >
        {datasetId === null ? <option value="">Choose a dataset…</option> : null}
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <Screen
      title="Annotate"
      actions={
        <>
          {picker}
          <Button aria-keyshortcuts="?" onClick={() => setDialog('help')}>
            Shortcuts (?)
          </Button>
        </>
      }
    >
      {datasetId === null ? (
        <p className="hint">
          {datasets.length === 0
            ? 'No dataset yet: create or import one on the Datasets screen.'
            : 'Choose a dataset to label.'}
        </p>
      ) : (
        <div className="annotate-layout">
          <div className="annotate-main">
            <FilterBar key={datasetId} searchRef={searchRef} />
            <DocumentPane />
            <SuggestionBar />
            <LabelButtons />
            <div className="annotate-toolbar" role="toolbar" aria-label="Document actions">
              <Button
                aria-keyshortcuts="ArrowLeft"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() =>
                  void annotate.getState().move('previous', suggest.getState().walker())
                }
              >
                ← Previous
              </Button>
              <Button
                aria-keyshortcuts="ArrowRight"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void annotate.getState().move('next', suggest.getState().walker())}
              >
                Next →
              </Button>
              <Button
                variant="primary"
                aria-keyshortcuts="Enter"
                disabled={!current}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void annotate.getState().nextUnlabeled()}
              >
                Next unlabeled ⏎
              </Button>
              <Button
                aria-keyshortcuts="Control+Z Backspace"
                disabled={undoable === 0}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void annotate.getState().undo()}
              >
                Undo
              </Button>
              <Button
                aria-keyshortcuts="Control+Shift+Z"
                disabled={redoable === 0}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void annotate.getState().redo()}
              >
                Redo
              </Button>
              <Button onClick={() => setDialog('export')}>Export filter…</Button>
            </div>
            <p className="annotate-notice" role="status" aria-live="polite">
              {notice ?? ''}
            </p>
          </div>
          <aside className="annotate-side" aria-label="Documents and progress">
            <QueuePanel />
            <FreshPanel />
            <ProgressPanel />
            <p className="hint list-summary" aria-live="polite">
              {total === null
                ? 'Loading…'
                : `${total.toLocaleString('en-US')} of ${countOf(counts?.all ?? total, 'document')} match`}
            </p>
            <BulkBar filterText={filterText} />
            <DocumentList />
          </aside>
        </div>
      )}
      {dialog === 'help' ? (
        <ShortcutsDialog labels={dataset?.labels ?? []} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'export' && dataset ? (
        <Dialog title={`Export from ${dataset.name}`} onClose={() => setDialog(null)}>
          <ExportPanel
            dataset={dataset}
            currentFilter={toDocumentFilter(filter)}
            currentFilterText={filterText}
          />
        </Dialog>
      ) : null}
    </Screen>
  )
}
