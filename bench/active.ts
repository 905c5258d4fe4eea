/**
 * npm run bench:active [-- --seeds 3 --until 0.5 --start 100 --batch 100 --sets a,b] — the
 * learning curve of each annotation queue on the shared sets (single- and multi-label), with a
 * linear SVM: labels needed to reach the full-training-set macro-F1 − 2 pt by strategy (median
 * over seeds; a run stops once it gets there), and for single-label sets the likely-mislabelled
 * queue's hit rate with 5 % of the training labels flipped. Not a test; the same functions as
 * `audience learn-curve`.
 */
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  fullTrainingMacroF1,
  learnCurve,
  mislabelledHitRate,
  type LearnCurveInput,
  type LearnStrategy,
} from '../src-worker/ml/active/learn-curve'
import { readTrainingSet } from '../src-worker/ml/io/file-jobs'
import { isMultiLabel } from '../src-worker/ml/models/label-space'
import type { MultiMeasure } from '../src-worker/ml/active/queues'

const SETS = ['en_ag_news', 'zh_thucnews_titles_tw', 'en_ag_news_multi', 'zh_thucnews_tw_multi']
const TARGET_GAP = 0.02

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    /** The first seed (a run split over several invocations: --first-seed 2 --seeds 2). */
    'first-seed': { type: 'string', default: '1' },
    until: { type: 'string', default: '0.5' },
    start: { type: 'string', default: '100' },
    batch: { type: 'string', default: '100' },
    sets: { type: 'string', default: SETS.join(',') },
    /**
     * Multi-label uncertainty measures to compare (each a column of its own); absent: the app's.
     * --no-random leaves the random column out (when only a measure is being tried).
     */
    measures: { type: 'string' },
    'no-random': { type: 'boolean', default: false },
  },
})
// npm runs scripts from the package root; the bundle itself lives under node_modules/.cache.
const datasets = resolve(process.cwd(), '../shared/datasets')
const seeds = Array.from(
  { length: Number(values.seeds) },
  (_, i) => i + Number(values['first-seed']),
)
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const log = (text: string) => process.stderr.write(`${text}  [load ${loadavg()[0]!.toFixed(1)}]\n`)

interface SetResult {
  name: string
  rows: number
  full: number
  /** Per strategy, per seed: labels when full − 2 pt was first reached (null: not by --until). */
  reached: Record<string, (number | null)[]>
  /** Per strategy, per seed: macro-F1 of the last step (where it reached, or at --until). */
  last: Record<string, number[]>
  hitRates: number[]
}

async function benchSet(name: string): Promise<SetResult | null> {
  const dir = join(datasets, name)
  if (!existsSync(join(dir, 'train.csv'))) return null
  const train = await readTrainingSet(join(dir, 'train.csv'), 'content', {})
  const test = await readTrainingSet(join(dir, 'test.csv'), 'content', {})
  const base = {
    train,
    test,
    config: { kind: 'linear-svm' as const },
    start: Number(values.start),
    batch: Number(values.batch),
    until: Number(values.until),
  }
  const full = fullTrainingMacroF1({ ...base, strategy: 'random', seed: 0 })
  log(`${name}: ${train.texts.length} rows, full-training macro-F1 ${full.toFixed(4)}`)
  const result: SetResult = {
    name,
    rows: train.texts.length,
    full,
    reached: {},
    last: {},
    hitRates: [],
  }
  for (const column of columns(isMultiLabel(train.labels))) {
    const [strategy, multiMeasure] = column.split(':') as [LearnStrategy, MultiMeasure?]
    result.last[column] = []
    result.reached[column] = seeds.map((seed) => {
      const input: LearnCurveInput = {
        ...base,
        strategy,
        seed,
        stopAt: full - TARGET_GAP,
        ...(multiMeasure ? { multiMeasure } : {}),
      }
      const steps = learnCurve(input, () => {})
      const hit = steps.find((s) => s.macroF1 >= full - TARGET_GAP)
      const last = steps.at(-1)
      const reached = hit ? `${hit.labels} labels` : 'not reached'
      log(`${name} ${column} seed ${seed}: ${reached} (last macro-F1 ${last?.macroF1.toFixed(4)})`)
      result.last[column]!.push(last?.macroF1 ?? 0)
      return hit ? hit.labels : null
    })
  }
  if (!isMultiLabel(train.labels)) {
    for (const seed of seeds) {
      const options = { flipShare: 0.05, inspectShare: 0.1, folds: 5, seed }
      const hits = mislabelledHitRate(train, base.config, options)
      log(`${name} mislabelled seed ${seed}: ${hits.found} of ${hits.flipped}`)
      result.hitRates.push(hits.hitRate)
    }
  }
  return result
}

function labelsCell(result: SetResult, strategy: string): string {
  const reached = result.reached[strategy]
  if (!reached) return 'not run'
  const lastF1 = median(result.last[strategy]!).toFixed(4)
  const limit = Math.ceil(Number(values.until) * result.rows)
  // A run that never reached the target counts as more than the limit in the median.
  const m = median(reached.map((n) => n ?? Infinity))
  return m === Infinity
    ? `> ${limit} (> ${pct(Number(values.until))}; F1 there ${lastF1})`
    : `${m} (${pct(m / result.rows)})`
}

const measures = (values.measures ?? '').split(',') as MultiMeasure[]
/** The table's strategy columns: uncertainty once per measure on multi-label sets. */
function columns(multi: boolean): string[] {
  const random = values['no-random'] ? [] : ['random']
  if (!multi || !values.measures) return ['uncertainty', ...random]
  return [...measures.map((m) => `uncertainty:${m}`), ...random]
}

const results: SetResult[] = []
for (const name of values.sets.split(',')) {
  const result = await benchSet(name)
  if (result) results.push(result)
  else log(`${name}: missing, skipped`)
}
console.log(`\nLinear SVM, start ${values.start}, batch ${values.batch}, seeds ${seeds.join(',')}`)
console.log(
  '| set | rows | full macro-F1 | labels to full − 2 pt: uncertainty | random | mislabelled hit rate (5 % flipped, first 10 %) |',
)
console.log('|---|---|---|---|---|---|')
for (const r of results) {
  for (const column of Object.keys(r.reached).filter((c) => c.startsWith('uncertainty:')))
    console.log(
      `| ${r.name} (${column}) | ${r.rows} | ${r.full.toFixed(4)} | ${labelsCell(r, column)} | ${labelsCell(r, 'random')} | n/a (multi-label) |`,
    )
  if (!r.reached.uncertainty) continue
  const hit = r.hitRates.length ? pct(median(r.hitRates)) : 'n/a (multi-label)'
  console.log(
    `| ${r.name} | ${r.rows} | ${r.full.toFixed(4)} | ${labelsCell(r, 'uncertainty')} | ${labelsCell(r, 'random')} | ${hit} |`,
  )
}
console.log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
