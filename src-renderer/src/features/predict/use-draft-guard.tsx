import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { usePredict, useStores, useUi } from '../../stores/hooks'
import { selectPendingView } from '../../stores/predict/selectors'
import { selectPendingScreen } from '../../stores/ui/selectors'
import { sameDraft, type TaskDraft } from './task-draft'

/**
 * While the form holds input that differs from what it opened with, leaving it (another screen,
 * another task, Close form, another template) asks "Discard the draft?" first. The same guard as
 * the Rules screen's (ui.guardLeave) for screens; the predict store's for its own views.
 */
export function useDraftGuard(draft: TaskDraft, initial: TaskDraft): ReactNode {
  const { predict, ui } = useStores()
  const dirty = useRef(false)
  useLayoutEffect(() => {
    dirty.current = !sameDraft(draft, initial)
  })
  const pendingView = usePredict(selectPendingView)
  const pendingScreen = useUi(selectPendingScreen)

  useEffect(() => {
    const hasUnsaved = () => dirty.current
    predict.getState().guardForm(hasUnsaved)
    ui.getState().guardLeave(hasUnsaved)
    return () => {
      predict.getState().guardForm(null)
      ui.getState().guardLeave(null)
    }
  }, [predict, ui])

  if (!pendingView && pendingScreen === null) return null
  const keep = () => {
    predict.getState().keepForm()
    ui.getState().stay()
  }
  const discard = () => {
    if (pendingScreen !== null) ui.getState().leave()
    else predict.getState().discardForm()
  }
  return (
    <Dialog
      title="Discard the draft?"
      onClose={keep}
      footer={
        <>
          <Button onClick={keep}>Keep editing</Button>
          <Button variant="danger" onClick={discard}>
            Discard draft
          </Button>
        </>
      }
    >
      <p>The new task’s form has input that was not started or saved as a template.</p>
    </Dialog>
  )
}
