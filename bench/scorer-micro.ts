/**
 * Scorer micro-benchmark (one thread, no database): `npx tsx bench/scorer-micro.ts [--rows 20000] [--stages] [--task]`.
 * Trains the predicting benchmark's linear SVM and times predictBatch over synthetic posts, with
 * and without explanations, in CPU µs per row. --task times only the predict task's labelling
 * (runPredictTask on packed batches of 20,000 rows) without and with explain 'matched', what a predict
 * task writes. --stages also times the scorer's stages one on top of the other (see stages).
 * --memory: this machine's random-read cost over a table the size of the model's (memoryCost).
 */
import { parseArgs } from 'node:util'
import type { LinearModel } from '../src-worker/ml/models/linear/linear-model'
import { LinearScorer } from '../src-worker/ml/models/linear/linear-scorer'
import { modelFromFile, modelToFile, trainModel } from '../src-worker/ml/models/registry'
import { packDocs } from '../src-worker/ml/packed'
import { ModelCache, runPredictTask } from '../src-worker/ml/tasks/predict-task'
import { normalizeText } from '../src-worker/ml/text/normalize'
import { linearTrainingSet, makeText, random } from './synthetic-posts'

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    stages: { type: 'boolean', default: false },
    task: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
  },
})
const next = random(99)
const training = linearTrainingSet(next)
const trained = trainModel({ kind: 'linear-svm', field: 'content', seed: 1 }, training)
const { model } = modelFromFile(modelToFile(trained))
const rows = Number(args.rows)
const posts = Array.from({ length: rows }, () => makeText(next))
const batch = { size: rows, fields: { content: posts } }

/** Best and median CPU µs per row of `work` over the rounds. */
function time(name: string, work: () => void): void {
  const times: number[] = []
  for (let round = 0; round < Number(args.rounds); round++) {
    const before = process.cpuUsage()
    work()
    const used = process.cpuUsage(before)
    times.push((used.user + used.system) / rows)
  }
  times.sort((a, b) => a - b)
  console.log(
    `${name}: best ${times[0]!.toFixed(1)} µs/row, median ${times[times.length >> 1]!.toFixed(1)} µs/row`,
  )
}

/**
 * The scorer's stages, each run on top of the ones before it: normalising, the WebAssembly
 * kernel's scoring pass (LinearScorer.score), and keeping each term's products (explanations).
 * predictBatch minus the last is calibration, label assignment and the batch's arrays.
 */
function stages(linear: LinearModel): void {
  const width = linear.labels.length
  const scorer = new LinearScorer(linear.state.tfidf.params.tokenize, linear.scorerTables(), width)
  const raw = new Float32Array(width)
  let sum = 0
  time('normalise', () => posts.forEach((post) => (sum += normalizeText(post).length)))
  for (const record of [false, true]) {
    scorer.record = record
    time(record ? '+ keep products' : '+ score', () =>
      posts.forEach((post) => (sum += scorer.score(post, raw, 0))),
    )
  }
  if (sum === 0.5) console.log(sum)
}

/** runPredictTask over the posts in batches of 20,000 rows, as a labelling thread runs them. */
function task(explain: false | 'matched'): void {
  const file = modelToFile(trained)
  const cache = new ModelCache()
  const size = 20_000
  const docs = Array.from({ length: Math.ceil(rows / size) }, (_, b) => {
    const texts = posts.slice(b * size, (b + 1) * size)
    return packDocs({ size: texts.length, fields: { content: texts } })
  })
  const models = [{ id: 'm', version: 1, file }]
  runPredictTask({ models, docs: docs[0]! }, cache)
  time(`runPredictTask, explain ${explain}`, () => {
    for (const batch of docs) runPredictTask({ models, docs: batch, explain }, cache)
  })
}

/**
 * ns per random read of one int in every cache line of a `bytes` table: dependent (each read
 * gives the next index, so no two overlap: the latency) and independent (indices known
 * beforehand, as the scorer's touch passes read: the throughput the core's parallel misses reach).
 */
function randomReads(bytes: number): { dependent: number; independent: number } {
  const lines = Math.max(bytes >> 6, 2)
  const table = new Int32Array(lines * 16)
  const order = Int32Array.from({ length: lines }, (_, i) => i)
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  for (let i = 0; i < lines; i++) table[order[i]! * 16] = order[(i + 1) % lines]! * 16
  const reads = 1 << 21
  const indices = Int32Array.from({ length: reads }, () => Math.floor(next() * lines) * 16)
  let at = 0
  let sum = 0
  let started = process.hrtime.bigint()
  for (let i = 0; i < reads; i++) at = table[at]!
  const dependent = Number(process.hrtime.bigint() - started) / reads
  started = process.hrtime.bigint()
  for (let i = 0; i < reads; i++) sum += table[indices[i]!]!
  const independent = Number(process.hrtime.bigint() - started) / reads
  if (at + sum === 0.5) console.log(at)
  return { dependent, independent }
}

/** randomReads over the model's scoring tables' size (vocabulary slots + idf/weight rows). */
function memoryCost(linear: LinearModel): void {
  const { vocabulary, rows } = linear.scorerTables()
  const bytes = vocabulary.slots.byteLength + rows.byteLength
  for (const [name, size] of [
    ['L2-sized table (256 KB)', 256 << 10],
    [`scoring tables (${(bytes / 2 ** 20).toFixed(1)} MB)`, bytes],
  ] as const) {
    const { dependent, independent } = randomReads(size)
    console.log(
      `random read, ${name}: ${dependent.toFixed(1)} ns one after the other, ${independent.toFixed(1)} ns independent`,
    )
  }
}

if (args.memory) memoryCost(model as LinearModel)
if (args.stages) stages(model as LinearModel)
if (args.task) for (const explain of [false, 'matched'] as const) task(explain)
else
  for (const explain of process.env.EXPLAIN_ONLY ? [true] : [false, true])
    time(`predictBatch, explain ${explain}`, () => model.predictBatch(batch, { explain }))
