import type { ModelVersionSummary } from '@api/contract/models'

/**
 * Short model labels ("demo-svm v3") wherever versions are picked or listed (Models, Compare,
 * Predict, Annotate suggestions, sample rows); the full id goes in a tooltip.
 */

type Versioned = Pick<ModelVersionSummary, 'id' | 'name' | 'createdAt'>

/** Each version's number among the versions of its name, oldest first: id → 1, 2, 3… */
export function versionNumbers(versions: readonly Versioned[]): Map<string, number> {
  const byName = new Map<string, Versioned[]>()
  for (const v of versions) byName.set(v.name, [...(byName.get(v.name) ?? []), v])
  const numbers = new Map<string, number>()
  for (const list of byName.values()) {
    const sorted = [...list].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    sorted.forEach((v, i) => numbers.set(v.id, i + 1))
  }
  return numbers
}

/** "demo-svm v3" (the name alone when the version is not numbered). */
export function versionLabel(v: Versioned, numbers: ReadonlyMap<string, number>): string {
  const n = numbers.get(v.id)
  return n === undefined ? v.name : `${v.name} v${n}`
}

/** The tooltip beside a short label: the full id, which tells any two versions apart. */
export const versionTitle = (v: Pick<Versioned, 'id'>): string => `Version id ${v.id}`

/** Versions as a picker's choices: "demo-svm v3", the full id as the option's tooltip. */
export function versionChoices(
  versions: readonly Versioned[],
): { value: string; label: string; title: string }[] {
  const numbers = versionNumbers(versions)
  return versions.map((v) => ({
    value: v.id,
    label: versionLabel(v, numbers),
    title: versionTitle(v),
  }))
}

const HASH = /^[0-9a-f]{12,64}$/

/**
 * An output row's model (`name@version`, the model_version column) → a short label: a saved
 * version by its number, a model file by 6 digits of its hash, a keyword model by its version.
 */
export function outputModelLabel(
  model: string,
  versions: readonly Versioned[],
  numbers: ReadonlyMap<string, number>,
): string {
  const at = model.lastIndexOf('@')
  if (at <= 0) return model
  const name = model.slice(0, at)
  const version = model.slice(at + 1)
  const saved = versions.find((v) => v.id === version)
  if (saved) return versionLabel(saved, numbers)
  if (HASH.test(version)) return `${name} #${version.slice(0, 6)}`
  return `${name} v${version}`
}
