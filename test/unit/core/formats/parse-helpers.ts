import type { DatasetFormat } from '../../../../src-main/api/contract/datasets'
import { decodeStream } from '../../../../src-worker/ml/io/text-decoding'
import { parseText, type ParseOptions } from '../../../../src-main/core/formats/parse'
import type { ParsedRecord } from '../../../../src-main/core/formats/record'
import type { ImportProblem } from '../../../../src-main/api/contract/datasets'

/** Feeds bytes in small pieces so chunk boundaries fall inside characters, lines and quotes. */
export async function* inPieces(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export async function parseBytes(
  format: DatasetFormat,
  bytes: Uint8Array,
  options: ParseOptions = {},
) {
  const decoded = await decodeStream(inPieces(bytes), { encoding: 'auto', source: 'test.csv' })
  const records: ParsedRecord[] = []
  const problems: ImportProblem[] = []
  for await (const item of parseText(format, decoded.chunks, options)) {
    if ('record' in item) records.push(item.record)
    else problems.push(item.problem)
  }
  return { records, problems, encoding: decoded.encoding }
}

export const parse = (format: DatasetFormat, text: string, options: ParseOptions = {}) =>
  parseBytes(format, Buffer.from(text, 'utf8'), options)

export const utf16le = (text: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
export const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le')
  const be = Buffer.alloc(le.length)
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0
    be[i + 1] = le[i] ?? 0
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be])
}
