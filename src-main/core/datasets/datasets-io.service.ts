import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { DatasetFormat, ImportPreview } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import { FormatError } from '../formats/format-error'
import { parseText } from '../formats/parse'
import type { TaskRegistry } from '../tasks/task-registry'
import type { DatasetService } from './datasets.service'
import type { ImportTarget } from './import-writer'
import type { ImportConfig } from './import.task'
import { openSource } from './import-source'
import type { ExportConfig } from './export.task'

export type ImportSource = { path: string } | { content: string; fileName: string }

export interface ImportOptions {
  format: DatasetFormat | 'auto'
  textColumn?: string | undefined
  labelColumn?: string | undefined
  duplicates: 'skip' | 'keep'
  onProblem: 'skip' | 'fail'
}

/**
 * Starts import/export tasks and previews files. Browser clients send the file's text (`content`);
 * the core writes it under `<dataDir>/tmp/uploads` and imports that file like any other path.
 */
export function createDatasetIoService(
  tasks: TaskRegistry,
  datasets: DatasetService,
  tmpDir: string,
) {
  const uploads = join(tmpDir, 'uploads')
  const materialize = (
    source: ImportSource,
    id: string,
  ): { path: string; fileName: string; removeSource: boolean } => {
    if ('path' in source)
      return { path: source.path, fileName: basename(source.path), removeSource: false }
    mkdirSync(uploads, { recursive: true })
    const path = join(uploads, `${id}${extname(source.fileName)}`)
    writeFileSync(path, source.content, 'utf8')
    return { path, fileName: source.fileName, removeSource: true }
  }
  const optionFields = (o: ImportOptions) => ({
    format: o.format,
    duplicates: o.duplicates,
    onProblem: o.onProblem,
    ...(o.textColumn !== undefined ? { textColumn: o.textColumn } : {}),
    ...(o.labelColumn !== undefined ? { labelColumn: o.labelColumn } : {}),
  })

  return {
    async preview(
      source: ImportSource,
      options: ImportOptions,
      rowLimit: number,
    ): Promise<ImportPreview> {
      const file = materialize(
        source,
        `preview-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      )
      const opened = await openSource(file.path, file.fileName, options.format)
      const preview: ImportPreview = {
        format: opened.format,
        encoding: opened.encoding,
        columns: [],
        textColumn: null,
        labelColumn: null,
        rows: [],
        problems: [],
      }
      try {
        const items = parseText(opened.format, opened.chunks, {
          textColumn: options.textColumn,
          labelColumn: options.labelColumn,
          onColumns: (c) => {
            preview.columns = c.header
            preview.textColumn = c.header[c.text] ?? null
            preview.labelColumn = c.label === null ? null : (c.header[c.label] ?? null)
          },
        })
        for await (const item of items) {
          if ('problem' in item) preview.problems.push(item.problem)
          else
            preview.rows.push({
              line: item.record.line,
              text: item.record.text,
              labels: item.record.labels,
            })
          if (preview.rows.length >= rowLimit) break
        }
      } catch (error) {
        if (error instanceof FormatError || error instanceof SyntaxError) {
          throw new ApiError('VALIDATION', error.message)
        }
        throw error
      } finally {
        opened.close()
        if (file.removeSource) rmSync(file.path, { force: true })
      }
      return preview
    },

    startImport(
      target: ImportTarget,
      source: ImportSource,
      options: ImportOptions,
    ): { taskId: string } {
      if ('datasetId' in target) datasets.requireLive(target.datasetId)
      else if (datasets.isNameTaken(target.newDataset.name)) {
        throw new ApiError(
          'CONFLICT',
          `A dataset named "${target.newDataset.name}" already exists. Import into it or choose another name.`,
        )
      }
      const file = materialize(
        source,
        `upload-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      )
      const config: ImportConfig = { target, ...file, ...optionFields(options) }
      const into =
        'datasetId' in target ? datasets.requireLive(target.datasetId).name : target.newDataset.name
      const task = tasks.start('datasets.import', config, `Import ${file.fileName} into ${into}`)
      return { taskId: task.id }
    },

    startExport(config: ExportConfig): { taskId: string } {
      const dataset = datasets.requireLive(config.datasetId)
      const task = tasks.start(
        'datasets.export',
        config,
        `Export ${dataset.name} as ${config.format}`,
      )
      return { taskId: task.id }
    },
  }
}

export type DatasetIoService = ReturnType<typeof createDatasetIoService>
