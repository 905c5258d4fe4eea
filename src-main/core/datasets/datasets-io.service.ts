import { TASK_KINDS } from '../../api/contract/tasks'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { z } from 'zod'
import type { CsvDelimiter, importOptions, ImportPreview } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { CsvColumns } from '../formats/csv-format'
import { FormatError } from '../formats/format-error'
import type { ParseItem } from '../formats/record'
import type { CoreTasks } from '../tasks/task-kinds'
import type { DatasetService } from './datasets.service'
import type { ImportTarget } from './import-writer'
import type { ImportConfig } from './import.task'
import { noDocuments, readConfigOf, readSource } from './import-source'
import type { ExportConfig } from './export.task'
import type { Uploads } from './uploads'

export type ImportSource =
  | { path: string }
  | { upload: string }
  | { content: string; fileName: string }
  /** A file the core wrote for this import (see stagingPath), removed once the import is over. */
  | { staged: string; fileName: string }

export type ImportOptions = z.output<typeof importOptions>

interface MaterializedSource {
  path: string
  fileName: string
  /** Remove the file once the import is over (uploads and text written by the core). */
  removeSource: boolean
}

/**
 * Starts import/export tasks and previews files. A path, an upload (bytes a browser sent with
 * `datasets.uploadFile`) and decoded text are all read from a file, the same way.
 */
export function createDatasetIoService(
  tasks: CoreTasks,
  datasets: DatasetService,
  tmpDir: string,
  uploads: Uploads,
) {
  const texts = join(tmpDir, 'uploads')
  const materialize = (source: ImportSource, id: string): MaterializedSource => {
    if ('path' in source)
      return { path: source.path, fileName: basename(source.path), removeSource: false }
    if ('upload' in source) return { ...uploads.resolve(source.upload), removeSource: true }
    if ('staged' in source)
      return { path: source.staged, fileName: source.fileName, removeSource: true }
    mkdirSync(texts, { recursive: true })
    const path = join(texts, `${id}${extname(source.fileName)}`)
    writeFileSync(path, source.content, 'utf8')
    return { path, fileName: source.fileName, removeSource: true }
  }

  /** The dataset an import goes into is live, or the new one's name is free. */
  function checkTarget(target: ImportTarget): void {
    if ('datasetId' in target) datasets.requireLive(target.datasetId)
    else if (datasets.isNameTaken(target.newDataset.name)) {
      throw new ApiError(
        'CONFLICT',
        `A dataset named "${target.newDataset.name}" already exists. Import into it or choose another name.`,
      )
    }
  }

  /** The name of the dataset an import goes into, for a task's title. */
  const targetName = (target: ImportTarget): string =>
    'datasetId' in target ? datasets.requireLive(target.datasetId).name : target.newDataset.name

  /**
   * What an import task is started with; checks the target first. A source the core writes is
   * materialized here (text to a file), so call it when the import is about to start.
   */
  function importConfig(
    target: ImportTarget,
    source: ImportSource,
    options: ImportOptions,
  ): ImportConfig {
    checkTarget(target)
    const file = materialize(source, `upload-${Date.now()}-${Math.random().toString(36).slice(2)}`)
    return {
      target,
      ...file,
      format: options.format,
      read: readConfigOf(options),
      duplicates: options.duplicates,
      onProblem: options.onProblem,
    }
  }

  return {
    uploadFile: (fileName: string, contentBase64: string) => uploads.store(fileName, contentBase64),

    async preview(
      source: ImportSource,
      options: ImportOptions,
      rowLimit: number,
    ): Promise<ImportPreview> {
      const file = materialize(
        source,
        `preview-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      )
      // A preview reads an upload again and again: only decoded text is written per preview.
      const removeAfter = file.removeSource && !('upload' in source)
      let columns: CsvColumns | null = null
      let delimiter: CsvDelimiter | null = null
      let read: Awaited<ReturnType<typeof readSource>> | null = null
      const rows: ImportPreview['rows'] = []
      const problems: ImportPreview['problems'] = []
      try {
        read = await readSource(file.path, file.fileName, options.format, readConfigOf(options), {
          onColumns: (c) => (columns = c),
          onDelimiter: (d) => (delimiter = d),
        })
        let reachedEnd = true
        try {
          for await (const items of read.batches) {
            reachedEnd = takePreviewItems(items, rowLimit, rows, problems)
            if (!reachedEnd) break
          }
        } catch (error) {
          // Without a text column the preview still offers the columns to choose from.
          if (!(error instanceof FormatError && columns !== null)) throw error
          reachedEnd = false
        }
        if (reachedEnd && rows.length === 0 && !problems.some((p) => p.kind !== 'unknown-column'))
          throw noDocuments(file.fileName)
      } catch (error) {
        if (error instanceof FormatError || error instanceof SyntaxError) {
          throw new ApiError('VALIDATION', error.message)
        }
        throw error
      } finally {
        read?.source.close()
        if (removeAfter) rmSync(file.path, { force: true })
      }
      const { source: opened } = read
      const c = columns as CsvColumns | null
      const position = (i: number | null) => (i === null ? null : i + 1)
      const nameOf = (i: number | null) => (i === null || !c ? null : (c.header[i] ?? null))
      return {
        format: opened.format,
        encoding: opened.encoding,
        encodingDetected: opened.encodingDetected,
        encodingConfidence: opened.encodingConfidence,
        delimiter,
        header: options.header,
        sheets: opened.content.kind === 'rows' ? opened.content.sheets() : [],
        sheet: opened.content.kind === 'rows' ? opened.content.sheet() : null,
        columns: c?.header ?? [],
        roles: {
          text: position(c?.roles.text ?? null),
          label: position(c?.roles.label ?? null),
          sourceId: position(c?.roles.sourceId ?? null),
          author: position(c?.roles.author ?? null),
          title: position(c?.roles.title ?? null),
          postTime: position(c?.roles.postTime ?? null),
        },
        textColumn: nameOf(c?.roles.text ?? null),
        labelColumn: nameOf(c?.roles.label ?? null),
        labelSeparator: c?.labelSeparator ?? null,
        rows,
        problems,
      }
    },

    /** Where the core may write a file to import as `{ staged }` (the tmp folder, emptied at start). */
    stagingPath(fileName: string): string {
      mkdirSync(texts, { recursive: true })
      return join(texts, `staged-${Date.now()}-${Math.random().toString(36).slice(2)}-${fileName}`)
    },

    checkTarget,

    importConfig,

    targetName,

    startImport(
      target: ImportTarget,
      source: ImportSource,
      options: ImportOptions,
    ): { taskId: string } {
      const config = importConfig(target, source, options)
      const into = targetName(target)
      const task = tasks.start(TASK_KINDS.import, config, `Import ${config.fileName} into ${into}`)
      return { taskId: task.id }
    },

    startExport(config: ExportConfig): { taskId: string } {
      const dataset = datasets.requireLive(config.datasetId)
      const task = tasks.start(
        TASK_KINDS.export,
        config,
        `Export ${dataset.name} as ${config.format}`,
      )
      return { taskId: task.id }
    },
  }
}

export type DatasetIoService = ReturnType<typeof createDatasetIoService>

/**
 * Adds a batch's records and problems to a preview until it holds `rowLimit` rows or 100 problems;
 * false once it does (the rest of the file is not read).
 */
function takePreviewItems(
  items: ParseItem[],
  rowLimit: number,
  rows: ImportPreview['rows'],
  problems: ImportPreview['problems'],
): boolean {
  for (const item of items) {
    if ('problem' in item) problems.push(item.problem)
    else rows.push({ line: item.record.line, text: item.record.text, labels: item.record.labels })
    if (rows.length >= rowLimit || problems.length >= 100) return false
  }
  return true
}
