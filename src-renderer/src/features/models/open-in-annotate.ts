import type { Stores } from '../../stores'

/** How long to wait for the Annotate screen to open the dataset before giving up on the jump. */
const OPEN_TIMEOUT_MS = 10_000

/**
 * Opens one document on the Annotate screen. That screen takes no target of its own: it opens the
 * dataset selected on the Datasets screen when it mounts. So select the dataset, navigate, wait for
 * its `open` to start (the list version moves), then queue `goTo` behind the first-document step.
 */
export function openInAnnotate(stores: Stores, datasetId: string, documentId: number): void {
  const { annotate, datasets, ui } = stores
  const before = annotate.getState().listVersion
  let stop: () => void = () => undefined
  const timer = setTimeout(() => stop(), OPEN_TIMEOUT_MS)
  stop = annotate.subscribe((state) => {
    if (state.datasetId !== datasetId || state.listVersion === before) return
    stop()
    clearTimeout(timer)
    // open() queues its first-document step right after this state change; go after it.
    setTimeout(() => void annotate.getState().goTo(documentId), 0)
  })
  void datasets.getState().select(datasetId)
  ui.getState().navigate('annotate')
}
