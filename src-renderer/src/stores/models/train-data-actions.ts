import type { DatasetDetail } from '@api/dto'
import { latest } from '../../lib/requests'
import type { GetState, SetState, SliceDeps } from '../types'
import type { ModelsState } from './state'

/** What the train form reads from the server about its dataset and its last training. */
export interface TrainDataActions {
  /** Loads the chosen dataset's split counts; null when a newer load superseded it or it failed. */
  loadTrainDataset(id: string): Promise<DatasetDetail | null>
  setTrainedModel(id: string | null): void
}

export function createTrainDataActions(
  set: SetState<ModelsState & TrainDataActions>,
  _get: GetState<ModelsState & TrainDataActions>,
  { api, report }: SliceDeps,
): TrainDataActions {
  const datasetRequest = latest()
  return {
    async loadTrainDataset(id) {
      const isLatest = datasetRequest()
      try {
        const dataset = await api.call('datasets.get', { id })
        if (!isLatest()) return null
        set({ trainDataset: dataset })
        return dataset
      } catch (error) {
        if (isLatest()) report.error(error)
        return null
      }
    },
    setTrainedModel: (id) => set({ trainedModelId: id }),
  }
}
