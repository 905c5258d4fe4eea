import type { Stores } from '../stores'
import type { ConnectionSource } from './connection'

/**
 * The ONE place where server pushes reach the stores. A new domain adds its `api.on(...)` lines here.
 * Returns a function that stops everything (used by tests and hot reload).
 */
export function startSubscriptions(
  stores: Stores,
  connection: ConnectionSource | null,
): () => void {
  const { api } = stores
  const stops = [
    api.on('task.updated', (task) => stores.tasks.getState().applyUpdate(task)),
    api.on('tasks.recovered', () => void stores.tasks.getState().refresh()),
    api.on('dataset.changed', ({ datasetId }) => {
      stores.datasets.getState().applyChanged(datasetId)
      stores.annotate.getState().applyChanged(datasetId)
    }),
    api.on('task.updated', (task) => stores.predict.getState().applyUpdate(task)),
    api.on('tasks.recovered', () => void stores.predict.getState().refresh()),
    api.on('task.updated', (task) => stores.models.getState().applyTaskUpdate(task)),
    api.on('task.updated', (task) => stores.suggest.getState().applyTaskUpdate(task)),
  ]

  if (connection) {
    stops.push(
      connection.onStatus((status) => {
        stores.ui.getState().setConnection(status)
        // Events sent before the stream (re)connected are gone: reload what they would have changed.
        if (status === 'live') {
          void stores.tasks.getState().refresh()
          void stores.datasets.getState().refresh()
        }
        if (status === 'live' && stores.predict.getState().loaded)
          void stores.predict.getState().refresh()
      }),
    )
  } else {
    stores.ui.getState().setConnection('live')
  }

  return () => {
    for (const stop of stops) stop()
  }
}
