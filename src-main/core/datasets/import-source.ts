import { createReadStream, statSync } from 'node:fs'
import type { DatasetFormat, TextEncoding } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import { detectFormat } from '../formats/detect'
import { decodeBytes } from '../formats/encoding'

export interface OpenedSource {
  format: DatasetFormat
  encoding: TextEncoding
  chunks: AsyncIterable<string>
  bytesRead: () => number
  totalBytes: number
  /** Releases the file when the chunks were not read to the end. */
  close: () => void
}

/** Opens a file as decoded text chunks (1 MB reads), detecting encoding and, for `auto`, the format. */
export async function openSource(
  path: string,
  fileName: string,
  format: DatasetFormat | 'auto',
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
  let bytesRead = 0
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      bytesRead += bytes.length
      yield bytes
    }
  }
  const decoded = decodeBytes(counted())
  const iterator = decoded.chunks[Symbol.asyncIterator]()
  const first = await iterator.next()
  const head = first.done ? '' : first.value
  async function* chunks(): AsyncGenerator<string> {
    if (head) yield head
    // Re-wrap so an early `return` from the consumer still closes the file.
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value
    } finally {
      await iterator.return?.()
      stream.destroy()
    }
  }
  return {
    format: format === 'auto' ? detectFormat(fileName, head.slice(0, 4096)) : format,
    encoding: decoded.encoding(),
    chunks: chunks(),
    bytesRead: () => bytesRead,
    totalBytes,
    close: () => stream.destroy(),
  }
}
