/**
 * Scorer micro-benchmark (one thread, no database): `npx tsx bench/scorer-micro.ts [--rows 20000]`.
 * Trains the predicting benchmark's linear SVM and times predictBatch over synthetic posts, with
 * and without explanations, in CPU µs per row.
 */
import { parseArgs } from 'node:util'
import { modelFromFile, modelToFile, trainModel } from '../src-worker/ml/models/registry'
import { makeText, random } from './synthetic-posts'

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } },
})
const next = random(99)
const texts: string[] = []
const labels: string[][] = []
for (let i = 0; i < 3000; i++) {
  const text = makeText(next)
  texts.push(text)
  const zh = /[\u4e00-\u9fff]/.test(text)
  labels.push([
    zh ? (text.includes('的') ? 'zh_de' : 'zh') : text.includes('the') ? 'en_the' : 'en',
  ])
}
const trained = trainModel({ kind: 'linear-svm', field: 'content', seed: 1 }, { texts, labels })
const { model } = modelFromFile(modelToFile(trained))
const rows = Number(args.rows)
const posts = Array.from({ length: rows }, () => makeText(next))
const batch = { size: rows, fields: { content: posts } }
for (const explain of process.env.EXPLAIN_ONLY ? [true] : [false, true]) {
  const times: number[] = []
  for (let round = 0; round < Number(args.rounds); round++) {
    const before = process.cpuUsage()
    model.predictBatch(batch, { explain })
    const used = process.cpuUsage(before)
    times.push((used.user + used.system) / rows)
  }
  times.sort((a, b) => a - b)
  console.log(
    `explain ${explain}: best ${times[0]!.toFixed(1)} µs/row, median ${times[times.length >> 1]!.toFixed(1)} µs/row`,
  )
}
