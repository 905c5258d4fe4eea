import { useEffect, useState } from 'react'
import { useMenuCommand } from '../../app/use-menu-commands'
import { Screen } from '../../components/Screen'
import { useStores, usePick } from '../../stores/hooks'
import { CreateDatasetDialog } from './CreateDatasetDialog'
import { DatasetDetailPanel } from './DatasetDetailPanel'
import { DatasetList } from './DatasetList'
import { ImportDialog } from './ImportDialog'
import { Button } from '../../components/Button'
import { UndoBar } from '../../components/UndoBar'
import { Welcome } from './Welcome'

type Open = null | 'create' | { importInto: string | null }

export function DatasetsScreen() {
  const { datasets, ui } = useStores()
  const { detail, selectedId, lastDeleted, busy } = usePick('datasets', [
    'detail',
    'selectedId',
    'lastDeleted',
    'busy',
  ])
  const [open, setOpen] = useState<Open>(null)

  useEffect(() => {
    void datasets.getState().refresh()
  }, [datasets])

  // File menu (desktop): New dataset…, Import…, Export… land here.
  useMenuCommand('datasets.new', () => setOpen('create'))
  useMenuCommand('datasets.import', () => setOpen({ importInto: detail?.id ?? null }))
  useMenuCommand('datasets.export', () => {
    const format = document.querySelector<HTMLElement>('section[aria-label="Export"] select')
    if (format) format.focus()
    else
      ui.getState().pushToast({
        kind: 'info',
        title: 'Choose a dataset',
        message: 'Pick the dataset to export in the list; its Export section is on the right.',
      })
  })

  return (
    <Screen
      title="Datasets"
      lead="Documents and their labels: import, label sets, splits and export."
      actions={
        <>
          <Button onClick={() => setOpen({ importInto: null })}>Import file…</Button>
          <Button variant="primary" onClick={() => setOpen('create')}>
            New dataset
          </Button>
        </>
      }
    >
      <Welcome />
      {lastDeleted ? (
        <UndoBar
          message={`Deleted "${lastDeleted.name}".`}
          action="Undo delete"
          disabled={busy}
          onUndo={() =>
            void datasets
              .getState()
              .undoDelete()
              .then(() => ui.getState().dismissErrors('NOT_FOUND'))
          }
        />
      ) : null}
      <div className="datasets-layout">
        <DatasetList />
        {detail ? (
          <DatasetDetailPanel
            dataset={detail}
            onImport={() => setOpen({ importInto: detail.id })}
          />
        ) : (
          <section className="panel dataset-detail dataset-detail-empty" aria-label="No dataset">
            <p className="hint">
              {selectedId ? 'Loading…' : 'Choose a dataset to see its labels, splits and export.'}
            </p>
          </section>
        )}
      </div>
      {open === 'create' ? <CreateDatasetDialog onClose={() => setOpen(null)} /> : null}
      {open !== null && open !== 'create' ? (
        <ImportDialog initialDatasetId={open.importInto} onClose={() => setOpen(null)} />
      ) : null}
    </Screen>
  )
}
