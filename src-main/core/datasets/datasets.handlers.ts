import type { HandlersFor } from '../dispatcher'
import type { DatasetIoService } from './datasets-io.service'
import type { DatasetService } from './datasets.service'

type DatasetMethod =
  | 'datasets.list'
  | 'datasets.get'
  | 'datasets.create'
  | 'datasets.update'
  | 'datasets.duplicate'
  | 'datasets.delete'
  | 'datasets.restore'
  | 'datasets.split'
  | 'datasets.addLabel'
  | 'datasets.updateLabel'
  | 'datasets.mergeLabels'
  | 'datasets.deleteLabel'
  | 'datasets.splitLabel'
  | 'datasets.undoLabelChange'
  | 'datasets.uploadFile'
  | 'datasets.previewImport'
  | 'datasets.startImport'
  | 'datasets.startExport'

export const datasetHandlers = (s: DatasetService, io: DatasetIoService) =>
  ({
    'datasets.list': (p) => s.list(p.query),
    'datasets.get': (p) => s.detail(p.id),
    'datasets.create': (p) => s.create(p),
    'datasets.update': (p) => s.update(p),
    'datasets.duplicate': (p) => s.duplicate(p.id, p.name),
    'datasets.delete': (p) => s.delete(p.id),
    'datasets.restore': (p) => s.restore(p.id),
    'datasets.split': (p) => s.split(p.id, { seed: p.seed, ratios: p.ratios }),
    'datasets.addLabel': (p) => s.addLabel(p.datasetId, p.label),
    'datasets.updateLabel': ({ datasetId, labelId, ...patch }) =>
      s.updateLabel(datasetId, labelId, patch),
    'datasets.mergeLabels': (p) => s.mergeLabels(p.datasetId, p.sourceLabelId, p.targetLabelId),
    'datasets.deleteLabel': (p) => s.deleteLabel(p.datasetId, p.labelId, p.confirm),
    'datasets.splitLabel': (p) => s.splitLabel(p.datasetId, p.labelId, p.separator),
    'datasets.undoLabelChange': (p) => s.undoLabelChange(p.datasetId, p.undoId),
    'datasets.uploadFile': (p) => io.uploadFile(p.fileName, p.contentBase64),
    'datasets.previewImport': (p) => io.preview(p.source, p.options, p.rows),
    'datasets.startImport': (p) => io.startImport(p.target, p.source, p.options),
    'datasets.startExport': (p) =>
      io.startExport({
        datasetId: p.id,
        format: p.format,
        path: p.path,
        csvFlavour: p.csvFlavour,
        ...(p.filter ? { filter: p.filter } : {}),
        ...(p.documentIds ? { documentIds: p.documentIds } : {}),
      }),
  }) satisfies HandlersFor<DatasetMethod>
