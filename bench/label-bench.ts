/**
 * `npm run bench:predict -- --run label --rows 200000`: `audience label` (the built CLI, out/main/cli.js)
 * with the predicting benchmark's linear SVM on a CSV of synthetic posts, beside scikit-learn's
 * TfidfVectorizer(char 1-2, sublinear tf) + LinearSVC trained on the same texts, predicting the
 * same CSV on one thread, in the same run. Ours is timed end to end (read, label, write the CSV);
 * scikit-learn's transform + predict only (reading the file is not timed). CPU µs/row is the figure
 * that holds on a shared machine; rows/s is wall clock.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'
import { benchRoot, snapshotWorkers } from './built-workers'
import { makeText, random } from './synthetic-posts'

/** Runs a command, returning its wall seconds, CPU seconds (all its processes) and peak RSS. */
const MEASURE = `
import json, resource, subprocess, sys, time
started = time.time()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.time() - started
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": r.ru_utime + r.ru_stime, "peakRssMb": r.ru_maxrss / 1024}))
`

const SKLEARN = `
import csv, json, os, resource, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
csv.field_size_limit(10**7)
def read(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f))[1:]
train = read(sys.argv[1])
vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
model = LinearSVC().fit(vectorizer.fit_transform([r[0] for r in train]), [r[1] for r in train])
texts = [r[0] for r in read(sys.argv[2])]
cpu, wall = time.process_time(), time.time()
predicted = model.predict(vectorizer.transform(texts))
print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.time() - wall, "features": len(vectorizer.vocabulary_), "rows": len(predicted)}))
`

interface Measured {
  wall: number
  cpu: number
  peakRssMb?: number
}

function json<T>(command: string, argv: string[]): T {
  const out = execFileSync(command, argv, { maxBuffer: 1 << 26 })
    .toString()
    .trim()
    .split('\n')
  return JSON.parse(out.at(-1)!) as T
}

function writeCsv(path: string, rows: string[][]): void {
  const csv = createCsvWriter({ flavour: 'raw' })
  writeFileSync(path, rows.map((row) => csv.row(row)).join(''))
}

/**
 * Runs the comparison. `writeModel(path, charNgrams?)` saves our linear SVM (word model, or
 * character 1..N-grams as scikit-learn's) trained on `training`.
 */
export function labelBench(
  rows: number,
  writeModel: (path: string, charNgrams?: number) => void,
  training: { texts: string[]; labels: string[][] },
): void {
  const dir = join(tmpdir(), 'audience-bench-label')
  mkdirSync(dir, { recursive: true })
  const data = join(dir, `posts-${rows}.csv`)
  if (!existsSync(data)) {
    const next = random(20240601)
    const posts = Array.from({ length: rows }, () => [makeText(next)])
    writeCsv(data, [['content'], ...posts])
  }
  const trainCsv = join(dir, 'train.csv')
  writeCsv(trainCsv, [
    ['content', 'label'],
    ...training.texts.map((text, i) => [text, training.labels[i]![0]!]),
  ])
  snapshotWorkers('audience-bench-label-workers') // builds out/main when missing
  const cli = join(benchRoot, 'out', 'main', 'cli.js')
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')
  console.log(`load ${load()}; ${rows.toLocaleString('en')} posts in ${data}`)
  const theirs = json<Measured & { features: number }>('/usr/bin/python3', [
    '-c',
    SKLEARN,
    trainCsv,
    data,
  ])
  const line = (name: string, m: Measured) => {
    const perRow = (m.cpu * 1e6) / rows
    const rss = m.peakRssMb === undefined ? '' : `, peak RSS ${m.peakRssMb.toFixed(0)} MB`
    console.log(
      `${name}: ${Math.round(rows / m.wall).toLocaleString('en')} rows/s wall, ${perRow.toFixed(1)} CPU µs/row (${Math.round(1e6 / perRow).toLocaleString('en')} rows per CPU-second)${rss}`,
    )
    return perRow
  }
  const skPerRow = line(
    `scikit-learn char 1-2 (${theirs.features.toLocaleString('en')} features), transform + predict, 1 thread`,
    theirs,
  )
  for (const [name, charNgrams] of [
    ['words + CJK 1-2-grams (the default)', undefined],
    ['char 1-2, as scikit-learn', 2],
  ] as const) {
    const model = join(dir, `linear-${charNgrams ?? 'words'}.audmodel`)
    writeModel(model, charNgrams)
    const out = join(dir, 'labelled.csv')
    // The pool's threads (as predict tasks use), then one thread: what using the cores buys.
    for (const threads of [[], ['--threads', '1']]) {
      const ours = json<Measured>('/usr/bin/python3', [
        '-c',
        MEASURE,
        process.execPath,
        cli,
        ...['label', '--model', model, '--data', data, '--out', out, ...threads],
      ])
      rmSync(out, { force: true })
      const perRow = line(
        `audience label, ${name}, ${threads[1] ?? 'all'} thread(s), end to end`,
        ours,
      )
      console.log(
        `  ratio to scikit-learn: ${(theirs.wall / ours.wall).toFixed(2)}× by wall clock, ${(skPerRow / perRow).toFixed(2)}× per CPU-second`,
      )
    }
  }
  console.log(`load ${load()}`)
}
