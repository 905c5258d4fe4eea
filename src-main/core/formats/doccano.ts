import type { TextLine } from './lines'
import type { JsonElement } from './json-array'
import {
  isPlainObject,
  labelsFrom,
  problem,
  recordFromObject,
  type ExportDocument,
  type ParseItem,
} from './record'

const LABEL_KEYS = ['label', 'labels']

/** doccano JSONL: one `{ "text": ..., "label": [...] }` object per line. */
export async function* parseDoccanoJsonl(
  lines: AsyncIterable<TextLine>,
): AsyncGenerator<ParseItem> {
  for await (const { text, line } of lines) {
    if (text.trim().length === 0) continue
    yield* parseDoccanoElement({ json: text, line })
  }
}

/** doccano JSON: an array of the same objects. */
export async function* parseDoccanoJson(
  elements: AsyncIterable<JsonElement>,
): AsyncGenerator<ParseItem> {
  for await (const element of elements) yield* parseDoccanoElement(element)
}

function* parseDoccanoElement({ json, line }: JsonElement): Generator<ParseItem> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    yield problem(line, 'malformed-row', `not valid JSON (${reason}); row skipped`)
    return
  }
  if (!isPlainObject(value)) {
    yield problem(line, 'malformed-row', 'expected a JSON object; row skipped')
    return
  }
  const text = value.text
  if (typeof text !== 'string' || text.trim().length === 0) {
    yield problem(line, 'missing-text', 'no "text" field; row skipped')
    return
  }
  const labelKeys = LABEL_KEYS.filter((k) => k in value)
  const labels = [...new Set(labelKeys.flatMap((k) => labelsFrom(value[k])))]
  if (labelKeys.length > 0 && labels.length === 0) {
    yield problem(line, 'empty-labels', 'the label list is empty; imported unlabeled')
  }
  yield { record: recordFromObject(line, text, labels, value, ['text', ...LABEL_KEYS]) }
}

/** The doccano object of one document; unset fields are left out. */
export function doccanoObject(doc: ExportDocument): Record<string, unknown> {
  return {
    text: doc.text,
    ...(doc.labels.length > 0 ? { label: doc.labels } : {}),
    ...(doc.author !== null ? { author: doc.author } : {}),
    ...(doc.title !== null ? { title: doc.title } : {}),
    ...(doc.sourceId !== null ? { source_id: doc.sourceId } : {}),
    ...(doc.postTime !== null ? { post_time: doc.postTime } : {}),
    ...(doc.meta !== null ? { meta: doc.meta } : {}),
  }
}
