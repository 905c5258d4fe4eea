import type { ExclusionDraft, RuleDraft } from './state'

/** The parts of a rule draft that are saved: rows with neither label nor pattern are not. */
function savedShape(draft: RuleDraft) {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    field: draft.field,
    caseSensitive: draft.caseSensitive,
    rules: draft.rules
      .filter((r) => r.label.trim() || r.pattern.trim())
      .map((r) => [r.label.trim(), r.pattern, r.match]),
  }
}

/** True when saving `draft` would change what `saved` holds (an edit undone by hand is no change). */
export function ruleDraftDiffers(draft: RuleDraft, saved: RuleDraft): boolean {
  return JSON.stringify(savedShape(draft)) !== JSON.stringify(savedShape(saved))
}

/** The same for an exclusion set: blank pattern lines are not saved. */
export function exclusionDraftDiffers(draft: ExclusionDraft, saved: ExclusionDraft): boolean {
  const shape = (d: ExclusionDraft) => ({
    name: d.name.trim(),
    mode: d.mode,
    caseSensitive: d.caseSensitive,
    patterns: d.patternsText.split('\n').filter((line) => line.trim()),
  })
  return JSON.stringify(shape(draft)) !== JSON.stringify(shape(saved))
}
