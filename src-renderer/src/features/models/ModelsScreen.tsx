import { useEffect, useRef } from 'react'
import { Screen } from '../../components/Screen'
import { useModels, useStores } from '../../stores/hooks'
import { selectModelsBusy, selectModelsView } from '../../stores/models/selectors'
import { ComparePanel } from './ComparePanel'
import { fileToBase64 } from './format'
import { TrainForm } from './TrainForm'
import { VersionList } from './VersionList'
import { VersionPage } from './VersionPage'

export function ModelsScreen() {
  const { models, datasets, ui } = useStores()
  const view = useModels(selectModelsView)
  const busy = useModels(selectModelsBusy)
  const fileInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void models.getState().refresh()
    void models.getState().loadOptions()
    if (!datasets.getState().loaded) void datasets.getState().refresh()
  }, [models, datasets])

  const importFile = async (file: File | undefined) => {
    if (!file) return
    try {
      const base64 = await fileToBase64(file)
      await models.getState().importFile(base64, file.name.replace(/\.[^.]+$/, '') || undefined)
    } catch (error) {
      ui.getState().showError(error)
    } finally {
      if (fileInput.current) fileInput.current.value = ''
    }
  }

  return (
    <Screen
      title="Models"
      lead="Train and evaluate classifiers and rule models; every trained model is a version."
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => models.getState().show({ kind: 'compare', a: null, b: null })}
          >
            Compare versions
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => fileInput.current?.click()}
          >
            Import model file…
          </button>
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Model file to import"
            accept=".audmodel,application/octet-stream"
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </>
      }
    >
      {view.kind === 'version' ? (
        <VersionPage key={view.id} />
      ) : view.kind === 'compare' ? (
        <ComparePanel />
      ) : (
        <div className="md-list">
          <TrainForm />
          <VersionList />
        </div>
      )}
    </Screen>
  )
}
