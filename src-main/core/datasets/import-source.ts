import { createReadStream, statSync } from 'node:fs'
import type { z } from 'zod'
import type {
  CsvDelimiter,
  DatasetFormat,
  importOptions,
  LabelSeparator,
  TextEncoding,
} from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import { decodeStream } from '../../../src-worker/ml/io/text-decoding'
import { readXlsxRows } from '../../../src-worker/ml/io/xlsx'
import type { ColumnChoice } from '../formats/csv-format'
import { detectFormat } from '../formats/detect'
import { parseContent, type ParseOptions } from '../formats/parse'
import type { ParseItem, SourceContent } from '../formats/record'

export interface SourceChoice {
  format: DatasetFormat | 'auto'
  encoding: TextEncoding | 'auto'
  /** xlsx: the sheet to read (default the first). */
  sheet?: string | undefined
}

export interface OpenedSource {
  format: DatasetFormat
  encoding: TextEncoding
  encodingDetected: boolean
  encodingConfidence: number
  content: SourceContent
  bytesRead: () => number
  totalBytes: number
  /** Releases the file when the content was not read to the end. */
  close: () => void
}

/**
 * Opens a file (a path given by the user or an upload the core stored) for import: xlsx as rows,
 * everything else as strictly decoded text chunks (1 MB reads), detecting format and encoding
 * when asked to.
 */
export async function openSource(
  path: string,
  fileName: string,
  choice: SourceChoice,
): Promise<OpenedSource> {
  let totalBytes: number
  try {
    totalBytes = statSync(path).size
  } catch {
    throw new ApiError(
      'NOT_FOUND',
      `Cannot read "${path}". Check the path and that the file exists.`,
    )
  }
  const byName = choice.format === 'auto' ? detectFormat(fileName, '') : choice.format
  if (byName === 'xlsx') {
    const xlsx = readXlsxRows(path, choice.sheet, fileName)
    return {
      format: 'xlsx',
      encoding: 'utf-8',
      encodingDetected: false,
      encodingConfidence: 1,
      content: { kind: 'rows', rows: xlsx.rows, sheet: xlsx.sheet, sheets: xlsx.sheets },
      bytesRead: () => 0,
      totalBytes,
      close: () => void xlsx.rows.return(undefined),
    }
  }
  let bytesRead = 0
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      bytesRead += bytes.length
      yield bytes
    }
  }
  let decoded
  try {
    decoded = await decodeStream(counted(), { encoding: choice.encoding, source: fileName })
  } catch (error) {
    stream.destroy()
    throw error
  }
  const iterator = decoded.chunks
  const first = await iterator.next()
  const head = first.done ? '' : first.value
  async function* chunks(): AsyncGenerator<string> {
    if (head) yield head
    // Re-wrap so an early `return` from the consumer still closes the file.
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value
    } finally {
      await iterator.return(undefined)
      stream.destroy()
    }
  }
  return {
    format: choice.format === 'auto' ? detectFormat(fileName, head.slice(0, 4096)) : choice.format,
    encoding: decoded.encoding,
    encodingDetected: choice.encoding === 'auto',
    encodingConfidence: decoded.confidence,
    content: { kind: 'text', chunks: chunks() },
    bytesRead: () => bytesRead,
    totalBytes,
    close: () => stream.destroy(),
  }
}

/** How an import reads its file, beyond the format: encoding, table layout and columns. */
export interface ReadConfig {
  encoding: TextEncoding | 'auto'
  header: boolean
  delimiter: CsvDelimiter | 'auto'
  quotes: 'strict' | 'lenient'
  sheet?: string | undefined
  columns: ColumnChoice
  labelSeparator: LabelSeparator | 'auto'
}

/** Reading as the importer always did: everything detected or recognised. */
export const DEFAULT_READ: ReadConfig = {
  encoding: 'auto',
  header: true,
  delimiter: 'auto',
  quotes: 'strict',
  columns: {},
  labelSeparator: 'auto',
}

/** The read options of a contract `importOptions` value. */
export function readConfigOf(o: z.output<typeof importOptions>): ReadConfig {
  return {
    encoding: o.encoding,
    header: o.header,
    delimiter: o.delimiter,
    quotes: o.quotes,
    ...(o.sheet !== undefined ? { sheet: o.sheet } : {}),
    columns: {
      ...(o.textColumn !== undefined ? { text: o.textColumn } : {}),
      ...(o.labelColumn !== undefined ? { label: o.labelColumn } : {}),
      ...(o.sourceIdColumn !== undefined ? { sourceId: o.sourceIdColumn } : {}),
      ...(o.authorColumn !== undefined ? { author: o.authorColumn } : {}),
      ...(o.titleColumn !== undefined ? { title: o.titleColumn } : {}),
      ...(o.timeColumn !== undefined ? { postTime: o.timeColumn } : {}),
    },
    labelSeparator: o.labelSeparator,
  }
}

/**
 * Opens `path` and parses it: the records and problems of an import or preview, in file order, in
 * batches.
 */
export async function readSource(
  path: string,
  fileName: string,
  format: DatasetFormat | 'auto',
  config: ReadConfig,
  hooks: Pick<ParseOptions, 'onColumns' | 'onDelimiter'> = {},
): Promise<{ source: OpenedSource; batches: AsyncGenerator<ParseItem[]> }> {
  const source = await openSource(path, fileName, {
    format,
    encoding: config.encoding,
    sheet: config.sheet,
  })
  const batches = parseContent(source.format, source.content, {
    columns: config.columns,
    header: config.header,
    labelSeparator: config.labelSeparator,
    delimiter: config.delimiter,
    quotes: config.quotes,
    source: fileName,
    ...hooks,
  })
  return { source, batches }
}

/** An import or preview that found no document at all. */
export const noDocuments = (fileName: string) =>
  new ApiError(
    'VALIDATION',
    `There are no documents in ${fileName}: it is empty or holds only a header. Nothing was imported.`,
  )
