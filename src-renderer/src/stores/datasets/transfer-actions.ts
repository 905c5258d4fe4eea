import type { MethodParams } from '@api/methods'
import { fileToBase64 } from '../../lib/file-decoding'
import { flagged, latest } from '../../lib/requests'
import type { GetState, SetState, SliceDeps } from '../types'
import { getInitialImportState, type DatasetsState, type ImportState } from './state'

const messageOf = (failure: unknown) =>
  failure instanceof Error ? failure.message : String(failure)

type ReadOptions = MethodParams<'datasets.previewImport'>['options']

/** Importing files into datasets and exporting a dataset to a file. */
export interface TransferActions {
  /** A fresh import dialog: forgets the last one and loads every dataset as a possible target. */
  openImport(): Promise<void>
  /** Uploads the picked file; true when the core has it (the dialog then previews it). */
  uploadImportFile(file: File): Promise<boolean>
  /** Reads the upload again under new choices; answers to older choices are dropped. */
  previewImport(options: ReadOptions): Promise<void>
  startImport(params: Omit<MethodParams<'datasets.startImport'>, 'source'>): Promise<void>
  /** Back to the reading choices after a failed import (to start it again, skipping bad rows). */
  clearImportTask(): void
  startExport(params: MethodParams<'datasets.startExport'>, fileName: string): Promise<void>
}

export function createTransferActions(
  set: SetState<DatasetsState & TransferActions>,
  get: GetState<DatasetsState & TransferActions>,
  { api, report }: SliceDeps,
): TransferActions {
  const patch = (next: Partial<ImportState>) => set({ importing: { ...get().importing, ...next } })
  const importCall = flagged((on) => patch({ busy: on }), report)
  const previewRequest = latest()
  const targetsRequest = latest()

  return {
    async openImport() {
      set({ importing: getInitialImportState() })
      const isLatest = targetsRequest()
      try {
        const targets = await api.call('datasets.list', {})
        if (isLatest()) patch({ targets })
      } catch (error) {
        report.error(error)
      }
    },
    async uploadImportFile(file) {
      const stored = await importCall(async () =>
        api.call('datasets.uploadFile', {
          fileName: file.name,
          contentBase64: await fileToBase64(file),
        }),
      )
      if (!stored) return false
      patch({ upload: stored.upload })
      return true
    },
    async previewImport(options) {
      const upload = get().importing.upload
      if (!upload) return
      const isLatest = previewRequest()
      try {
        const preview = await api.call('datasets.previewImport', {
          source: { upload },
          options,
          rows: 10,
        })
        if (isLatest()) patch({ preview, previewError: null })
      } catch (failure) {
        if (isLatest()) patch({ previewError: messageOf(failure) })
      }
    },
    async startImport(params) {
      const upload = get().importing.upload
      if (!upload) return
      const started = await importCall(() =>
        api.call('datasets.startImport', { ...params, source: { upload } }),
      )
      if (started) patch({ taskId: started.taskId })
    },
    clearImportTask: () => patch({ taskId: null }),
    async startExport(params, fileName) {
      try {
        const { taskId } = await api.call('datasets.startExport', params)
        set({ exportStarted: { datasetId: params.id, taskId, fileName } })
      } catch (error) {
        report.error(error)
      }
    },
  }
}
