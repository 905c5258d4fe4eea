import { createRandom } from '../../../src-worker/ml/random'

export interface SyntheticSet {
  texts: string[]
  labels: string[][]
}

export interface SyntheticOptions {
  labels: number
  rows: number
  seed: number
  /** 1-3 labels per row (50 / 35 / 15 %) instead of exactly one. */
  multiLabel?: boolean
  /** Share of a label's words that are its own topic words rather than shared ones. */
  signal?: number
}

const LABELS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']

/**
 * Seeded texts of topic words over shared filler words, with some cross-talk: labels are
 * learnable but not trivially (no single word decides), in English words and CJK characters.
 */
export function syntheticSet(options: SyntheticOptions): SyntheticSet {
  const random = createRandom(options.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const names = LABELS.slice(0, options.labels)
  const topic = names.map((_, l) =>
    Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? String.fromCodePoint(0x4e00 + l * 40 + i) : `w${l}x${i}`,
    ),
  )
  const shared = Array.from({ length: 300 }, (_, i) => `common${i}`)
  const signal = options.signal ?? 0.35
  const texts: string[] = []
  const labels: string[][] = []
  for (let r = 0; r < options.rows; r++) {
    const u = random()
    const count = !options.multiLabel ? 1 : u < 0.5 ? 1 : u < 0.85 ? 2 : 3
    const chosen = new Set<number>()
    while (chosen.size < Math.min(count, names.length))
      chosen.add(Math.floor(random() * names.length))
    const words: string[] = []
    for (const l of chosen) {
      const length = 6 + Math.floor(random() * 8)
      for (let i = 0; i < length; i++) {
        const v = random()
        // A topic word, often a frequent one; sometimes another label's (cross-talk); else filler.
        if (v < signal) words.push(topic[l]![Math.floor(random() ** 2 * 30)]!)
        else if (v < signal + 0.08) words.push(pick(topic[Math.floor(random() * names.length)]!))
        else words.push(pick(shared))
      }
    }
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[words[i], words[j]] = [words[j]!, words[i]!]
    }
    texts.push(words.join(' '))
    labels.push([...chosen].sort((a, b) => a - b).map((l) => names[l]!))
  }
  return { texts, labels }
}
