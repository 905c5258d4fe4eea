import type { JsonElement } from './json-array'
import {
  isPlainObject,
  labelsFrom,
  problem,
  recordFromObject,
  type ExportDocument,
  type ParseItem,
  type ParsedRecord,
} from './record'

/**
 * Label Studio JSON tasks: `data.text`, the latest non-cancelled `annotations[].result[].value.choices`
 * as labels, and `predictions` kept as suggestions with their scores.
 */
export async function* parseLabelStudio(
  elements: AsyncIterable<JsonElement>,
): AsyncGenerator<ParseItem> {
  for await (const { json, line } of elements) {
    let task: unknown
    try {
      task = JSON.parse(json)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      yield problem(line, 'malformed-row', `not valid JSON (${reason}); task skipped`)
      continue
    }
    if (!isPlainObject(task) || !isPlainObject(task.data)) {
      yield problem(line, 'malformed-row', 'a task needs a "data" object; task skipped')
      continue
    }
    const text = textOf(task.data)
    if (text === null) {
      yield problem(line, 'missing-text', 'no "data.text" field; task skipped')
      continue
    }
    const annotation = latestAnnotation(task.annotations)
    const labels = annotation ? choicesOf(annotation.result) : []
    if (annotation && labels.length === 0) {
      yield problem(line, 'empty-labels', 'the annotation has no choices; imported unlabeled')
    }
    const record: ParsedRecord = recordFromObject(line, text, labels, task.data, ['text'])
    record.suggestions = suggestionsOf(task.predictions)
    yield { record }
  }
}

function textOf(data: Record<string, unknown>): string | null {
  if (typeof data.text === 'string') return data.text.trim() ? data.text : null
  const strings = Object.values(data).filter((v): v is string => typeof v === 'string')
  return strings.length === 1 && strings[0]?.trim() ? strings[0] : null
}

function latestAnnotation(value: unknown): Record<string, unknown> | null {
  if (!Array.isArray(value)) return null
  const kept = value.filter(
    (a): a is Record<string, unknown> => isPlainObject(a) && a.was_cancelled !== true,
  )
  return kept.at(-1) ?? null
}

function choicesOf(result: unknown): string[] {
  if (!Array.isArray(result)) return []
  const choices = result.flatMap((r) =>
    isPlainObject(r) && isPlainObject(r.value) ? [r.value.choices] : [],
  )
  return labelsFrom(choices)
}

function suggestionsOf(predictions: unknown): ParsedRecord['suggestions'] {
  if (!Array.isArray(predictions)) return []
  const best = new Map<string, number | null>()
  for (const prediction of predictions) {
    if (!isPlainObject(prediction) || !Array.isArray(prediction.result)) continue
    const predictionScore = typeof prediction.score === 'number' ? prediction.score : null
    for (const item of prediction.result) {
      if (!isPlainObject(item) || !isPlainObject(item.value)) continue
      const score = typeof item.score === 'number' ? item.score : predictionScore
      for (const label of labelsFrom(item.value.choices)) {
        const known = best.get(label)
        if (known === undefined || (score ?? -1) > (known ?? -1)) best.set(label, score)
      }
    }
  }
  return [...best].map(([label, score]) => ({ label, score }))
}

const choice = (choices: string[], score?: number | null) => ({
  from_name: 'label',
  to_name: 'text',
  type: 'choices',
  value: { choices },
  ...(score !== undefined && score !== null ? { score } : {}),
})

/** One Label Studio task; the labeling config is `<Choices name="label" toName="text">`. */
export function labelStudioTask(doc: ExportDocument): Record<string, unknown> {
  const data: Record<string, unknown> = { text: doc.text }
  if (doc.author !== null) data.author = doc.author
  if (doc.title !== null) data.title = doc.title
  if (doc.sourceId !== null) data.source_id = doc.sourceId
  if (doc.postTime !== null) data.post_time = doc.postTime
  if (doc.meta !== null) data.meta = doc.meta
  return {
    data,
    annotations: doc.labels.length > 0 ? [{ result: [choice(doc.labels)] }] : [],
    predictions:
      doc.suggestions.length > 0
        ? [{ result: doc.suggestions.map((s) => choice([s.label], s.score)) }]
        : [],
  }
}
