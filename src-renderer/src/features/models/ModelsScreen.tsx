import { useEffect } from 'react'
import { FilePicker, type PickedFile } from '../../components/FilePicker'
import { Screen } from '../../components/Screen'
import { useModels, useStores } from '../../stores/hooks'
import { selectModelsBusy, selectModelsView } from '../../stores/models/selectors'
import { ComparePanel } from './ComparePanel'
import { fileToBase64 } from '../../lib/file-decoding'
import { TrainForm } from './TrainForm'
import { VersionList } from './VersionList'
import { VersionPage } from './VersionPage'
import { Button } from '../../components/Button'

export function ModelsScreen() {
  const { models, datasets, ui } = useStores()
  const view = useModels(selectModelsView)
  const busy = useModels(selectModelsBusy)

  useEffect(() => {
    void models.getState().refresh()
    void models.getState().loadOptions()
    if (!datasets.getState().loaded) void datasets.getState().refresh()
  }, [models, datasets])

  const importFile = async (picked: PickedFile) => {
    const name = picked.name.replace(/\.[^.]+$/, '') || undefined
    try {
      const source =
        picked.kind === 'path'
          ? { path: picked.path }
          : { contentBase64: await fileToBase64(picked.file) }
      await models.getState().importFile(source, name)
    } catch (error) {
      ui.getState().showError(error)
    }
  }

  return (
    <Screen
      title="Models"
      lead="Train and evaluate classifiers and rule models; every trained model is a version."
      actions={
        <>
          <Button onClick={() => models.getState().show({ kind: 'compare', a: null, b: null })}>
            Compare versions
          </Button>
          <FilePicker
            purpose="model-file"
            label="Import model file…"
            disabled={busy}
            onPick={(picked) => void importFile(picked)}
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
