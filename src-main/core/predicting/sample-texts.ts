import type {
  ResolvedModelSummary,
  SampleRow,
  SourceSpec,
  TextField,
} from '../../api/contract/predicting'
import { openSource, sourceName, type PlanDeps } from './plan'
import type { OutputRow } from './types'

const SAMPLE_TEXT_MAX = 2000

/**
 * The field read by the model a row was written by (its model_version), from the models the task
 * resolved. A resumed run whose model had changed meanwhile (another file hash, a renamed saved
 * model) wrote another resolvedVersion: such rows match by name, then by version. Null: unknown.
 */
export function fieldOfModel(models: readonly (ResolvedModelSummary | null)[]) {
  const known = models.filter((m): m is ResolvedModelSummary => m !== null)
  return (model: string): TextField | null =>
    (
      known.find((m) => m.resolvedVersion === model) ??
      known.find((m) => model.startsWith(`${m.name}@`)) ??
      known.find((m) => model.endsWith(`@${m.version}`))
    )?.field ?? null
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Sampled rows with the texts their models read, fetched from the sources by id. Sources are
 * opened one at a time for this only; one that cannot be opened or read (moved, offline, its
 * table changed) leaves the texts it may hold null, with a textNote saying why, and never fails
 * the sample. Texts are cut to maxChars (2,000 for samples). A row whose model's field is unknown (see recallModel) gets a note as well.
 */
export async function withTexts(
  deps: PlanDeps,
  sources: readonly SourceSpec[],
  rows: readonly OutputRow[],
  fieldOf: (model: string) => TextField | null,
  maxChars = SAMPLE_TEXT_MAX,
): Promise<SampleRow[]> {
  const wanted = new Map<TextField, string[]>()
  for (const row of rows) {
    const field = fieldOf(row.model)
    if (field) wanted.set(field, [...(wanted.get(field) ?? []), row.id])
  }
  const texts = new Map<string, string>()
  const unread: string[] = []
  for (const spec of wanted.size > 0 ? sources : []) {
    try {
      const { reader } = await openSource(deps, spec)
      try {
        for (const [field, ids] of wanted) {
          for (const [id, text] of await reader.textsOf(ids, field))
            texts.set(`${field}:${id}`, text)
        }
      } finally {
        await reader.close()
      }
    } catch (error) {
      unread.push(`${sourceName(spec)} cannot be read (${messageOf(error)})`)
    }
  }
  const sourceNote = unread.length > 0 ? `Text not shown: source ${unread.join('; ')}.` : undefined
  return rows.map((r) => {
    const field = fieldOf(r.model)
    const text = field ? texts.get(`${field}:${r.id}`) : undefined
    const note =
      field === null
        ? `Text not shown: the field model ${r.model} read is unknown (its saved version or model file is gone).`
        : text === undefined
          ? sourceNote
          : undefined
    return {
      id: r.id,
      label: r.label,
      score: r.score,
      model: r.model,
      author: r.author,
      postTime: r.postTime,
      sourceId: r.sourceId,
      matched: r.matched,
      text: text?.slice(0, maxChars) ?? null,
      ...(note ? { textNote: note } : {}),
      table: r.table,
    }
  })
}
