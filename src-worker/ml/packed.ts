import type { DocBatch, FieldName, TrainingSet } from './models/model'

/** Texts as one UTF-8 buffer + offsets: crosses threads as two transferable buffers. */
export interface PackedTexts {
  bytes: Uint8Array
  /** size + 1 byte offsets. */
  offsets: Int32Array
}

/** Label sets as names + CSR indices (row r has ids[indptr[r] .. indptr[r + 1])). */
export interface PackedLabels {
  names: string[]
  indptr: Int32Array
  ids: Int32Array
}

export interface PackedDocs {
  size: number
  fields: Partial<Record<FieldName, PackedTexts>>
  labels?: PackedLabels
}

export function packTexts(texts: readonly string[]): PackedTexts {
  const encoder = new TextEncoder()
  let capacity = 16
  for (const text of texts) capacity += text.length * 3
  const bytes = new Uint8Array(capacity)
  const offsets = new Int32Array(texts.length + 1)
  let at = 0
  texts.forEach((text, i) => {
    at += encoder.encodeInto(text, bytes.subarray(at)).written
    offsets[i + 1] = at
  })
  return { bytes: bytes.slice(0, at), offsets }
}

/**
 * Decodes the whole buffer once and cuts it by UTF-16 offsets derived from the byte offsets, so
 * each row is a cheap slice of one string rather than a decode call of its own.
 */
export function unpackTexts(packed: PackedTexts): string[] {
  const { bytes, offsets } = packed
  const all = new TextDecoder().decode(bytes)
  const size = offsets.length - 1
  const texts = new Array<string>(size)
  let byte = 0
  let unit = 0
  let previousUnit = 0
  for (let r = 0; r < size; r++) {
    const end = offsets[r + 1]!
    for (; byte < end; byte++) {
      const b = bytes[byte]!
      if ((b & 0xc0) !== 0x80) unit += b >= 0xf0 ? 2 : 1
    }
    texts[r] = all.slice(previousUnit, unit)
    previousUnit = unit
  }
  return texts
}

export function packLabels(rows: readonly (readonly string[])[]): PackedLabels {
  const index = new Map<string, number>()
  const indptr = new Int32Array(rows.length + 1)
  const ids: number[] = []
  rows.forEach((row, r) => {
    for (const label of row) {
      let id = index.get(label)
      if (id === undefined) index.set(label, (id = index.size))
      ids.push(id)
    }
    indptr[r + 1] = ids.length
  })
  return { names: [...index.keys()], indptr, ids: Int32Array.from(ids) }
}

export function unpackLabels(packed: PackedLabels): string[][] {
  const rows: string[][] = []
  for (let r = 0; r + 1 < packed.indptr.length; r++) {
    const row: string[] = []
    for (let k = packed.indptr[r]!; k < packed.indptr[r + 1]!; k++)
      row.push(packed.names[packed.ids[k]!]!)
    rows.push(row)
  }
  return rows
}

export function packDocs(batch: DocBatch, labels?: readonly (readonly string[])[]): PackedDocs {
  const fields: PackedDocs['fields'] = {}
  for (const [field, texts] of Object.entries(batch.fields))
    fields[field as FieldName] = packTexts(texts)
  return { size: batch.size, fields, ...(labels ? { labels: packLabels(labels) } : {}) }
}

export function unpackDocs(packed: PackedDocs): DocBatch {
  const fields: DocBatch['fields'] = {}
  for (const [field, texts] of Object.entries(packed.fields))
    fields[field as FieldName] = unpackTexts(texts)
  return { size: packed.size, fields }
}

/** The buffers to list in postMessage/Piscina transferList so nothing is copied. */
export function transferablesOf(packed: PackedDocs): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = []
  for (const texts of Object.values(packed.fields))
    buffers.push(texts.bytes.buffer as ArrayBuffer, texts.offsets.buffer as ArrayBuffer)
  if (packed.labels)
    buffers.push(
      packed.labels.indptr.buffer as ArrayBuffer,
      packed.labels.ids.buffer as ArrayBuffer,
    )
  return buffers
}

export function trainingSetOf(packed: PackedDocs, field: FieldName): TrainingSet {
  const texts = unpackDocs(packed).fields[field]
  if (!texts) throw new Error(`The training data has no "${field}" field.`)
  if (!packed.labels) throw new Error('The training data has no labels.')
  return { texts, labels: unpackLabels(packed.labels) }
}
