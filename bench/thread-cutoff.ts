/**
 * Where solving one-vs-rest labels on threads starts to pay: `node scripts/run-bench.mjs
 * thread-cutoff [--sizes 1000,3000,10000,30000] [--repeats 5]`. Fits the linear SVM on synthetic
 * posts (char 1-2-grams, six labels) on 1 thread and on one per core, interleaved, and prints the
 * median wall and CPU milliseconds of the fit beside the matrix's stored entries x labels, the
 * quantity MIN_THREADED_WORK (label-threads.ts) is compared with.
 */
import { availableParallelism, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { TermCountsBuilder, tfidfFromCounts } from '../src-worker/ml/features/tfidf'
import { readTfidfParams } from '../src-worker/ml/features/tfidf-params'
import { fitWeights, type EstimatorSettings } from '../src-worker/ml/models/linear/estimators'
import { labelMatrix, labelSpace } from '../src-worker/ml/models/label-space'
import { ParamReader } from '../src-worker/ml/models/params'
import { makeLabelledPost, random } from './synthetic-posts'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,3000,10000,30000' },
    repeats: { type: 'string', default: '5' },
  },
})

const settings = (threads: number): EstimatorSettings => ({
  kind: 'linear-svm',
  multiLabel: false,
  C: 1,
  tolerance: 0.01,
  maxIterations: 1000,
  alpha: 1,
  binaryPerLabel: false,
  seed: 1,
  threads,
})

function problem(rows: number) {
  const tfidf = readTfidfParams(new ParamReader({ charNgrams: 2 }, 'linear-svm'))
  const builder = new TermCountsBuilder(tfidf.tokenize, rows)
  const next = random(99)
  const gold: string[][] = []
  for (let r = 0; r < rows; r++) {
    const { text, label } = makeLabelledPost(next)
    builder.add(text)
    gold.push([label])
  }
  const labels = labelSpace(gold, null)
  const { matrix } = tfidfFromCounts(builder.finish(), tfidf)
  return { matrix, members: labelMatrix(gold, labels), width: labels.length }
}

function timed(run: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  run()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 }
}

const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!
const cores = availableParallelism()
console.log(`load ${loadavg()[0]!.toFixed(1)}; threads: 1 vs ${cores}; medians in ms`)
console.log('rows     entries x labels   wall 1   wall N    CPU 1    CPU N')
for (const rows of args.sizes.split(',').map(Number)) {
  const { matrix, members, width } = problem(rows)
  const one: { wall: number; cpu: number }[] = []
  const many: { wall: number; cpu: number }[] = []
  for (let i = 0; i < Number(args.repeats); i++) {
    one.push(timed(() => fitWeights(settings(1), matrix, members, width)))
    many.push(timed(() => fitWeights(settings(cores), matrix, members, width)))
  }
  const cells = [
    String(rows).padEnd(8),
    String(matrix.indices.length * width).padStart(16),
    ...[one, many].map((r) =>
      median(r.map((t) => t.wall))
        .toFixed(0)
        .padStart(8),
    ),
    ...[one, many].map((r) =>
      median(r.map((t) => t.cpu))
        .toFixed(0)
        .padStart(8),
    ),
  ]
  console.log(cells.join(' '))
}
console.log(`load ${loadavg()[0]!.toFixed(1)}`)
