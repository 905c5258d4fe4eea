import type { Split, SplitConfig } from '../../api/contract/datasets'

/** FNV-1a, 32 bits: a stable, seedable ordering that does not depend on insertion order. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export interface SplitInput {
  id: number
  content_hash: string
  /** Documents with the same label set form one stratum. */
  label_key: string
}

/**
 * Stratified train/dev/test split: within each label-set stratum, documents are ordered by a hash of
 * (seed, content hash) and cut at the cumulative ratios. Same data + seed + ratios → same split.
 */
export function stratifiedSplit(
  rows: readonly SplitInput[],
  config: SplitConfig,
): Map<number, Split> {
  const strata = new Map<string, SplitInput[]>()
  for (const row of rows) {
    const stratum = strata.get(row.label_key)
    if (stratum) stratum.push(row)
    else strata.set(row.label_key, [row])
  }
  const out = new Map<number, Split>()
  for (const stratum of strata.values()) {
    const keyed = stratum.map((row) => ({ row, key: hash32(`${config.seed}:${row.content_hash}`) }))
    keyed.sort((a, b) => a.key - b.key || a.row.id - b.row.id)
    const n = keyed.length
    const trainEnd = Math.round(n * config.ratios.train)
    const devEnd = Math.round(n * (config.ratios.train + config.ratios.dev))
    keyed.forEach(({ row }, i) =>
      out.set(row.id, i < trainEnd ? 'train' : i < devEnd ? 'dev' : 'test'),
    )
  }
  return out
}

/** The split of a document added after the dataset was split: a seeded hash bucket, never re-drawn. */
export function splitForNewDocument(config: SplitConfig, contentHash: string): Split {
  const u = hash32(`${config.seed}:new:${contentHash}`) / 2 ** 32
  if (u < config.ratios.train) return 'train'
  return u < config.ratios.train + config.ratios.dev ? 'dev' : 'test'
}
