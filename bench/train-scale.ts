/**
 * Training at scale: `npm run bench:train -- [--sizes 200000,500000,1000000]
 * [--kinds linear-svm,logreg,nb] [--features char2|words] [--sklearn yes|no] [--threads N]`.
 * Writes (once per size, deterministically) a CSV of labelled synthetic posts with learnable cues
 * and a held-out CSV of 20,000 more (another seed), then trains each model kind in its own process
 * (one fit: calibration off, naive Bayes alpha=1 as scikit-learn's default) and scikit-learn's
 * counterpart (TfidfVectorizer sublinear tf + LinearSVC / LogisticRegression(liblinear, dual) /
 * MultinomialNB, one thread) on the same file. Both sides are timed from opening the file to the
 * fitted model (CPU seconds, robust on a shared machine, and wall seconds) and report peak RSS and
 * macro-F1 on the held-out rows. Ours streams the file: each post is counted as it is read and not
 * kept. --features char2 (default) gives both sides scikit-learn's char 1-2-grams; words gives
 * ours its default word features (scikit-learn keeps char 1-2). --threads: the threads our SVM and
 * logistic regression solve labels on (0, the default: as the app chooses); each line shows the
 * threads used (scikit-learn: one).
 */
import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { TermCountsBuilder } from '../src-worker/ml/features/tfidf'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'
import { readDataRows } from '../src-worker/ml/io/data-file'
import { classificationReport } from '../src-worker/ml/metrics/classification-report'
import { predictedLabelSets } from '../src-worker/ml/metrics/evaluate'
import { labelThreadCount } from '../src-worker/ml/models/linear/label-threads'
import { trainingTokenize } from '../src-worker/ml/models/linear/linear-train'
import type { ModelKind } from '../src-worker/ml/models/model'
import { trainCounted } from '../src-worker/ml/models/registry'
import type { TrainConfig } from '../src-worker/ml/models/train-config'
import { makeLabelledPost, random } from './synthetic-posts'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200000,500000,1000000' },
    kinds: { type: 'string', default: 'linear-svm,nb' },
    features: { type: 'string', default: 'char2' },
    sklearn: { type: 'string', default: 'yes' },
    threads: { type: 'string', default: '0' },
    /** Internal: train one kind on one file and print a JSON line (run as a child process). */
    child: { type: 'string' },
    kind: { type: 'string' },
    rows: { type: 'string' },
  },
})

const HELD_OUT = 20_000

const SKLEARN: Record<string, string> = {
  'linear-svm': 'LinearSVC()',
  logreg: 'LogisticRegression(solver="liblinear", dual=True)',
  nb: 'MultinomialNB()',
}

const PYTHON = `
import csv, json, os, resource, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import f1_score
csv.field_size_limit(10**7)
def read(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return [r[0] for r in rows], [r[1] for r in rows]
started, wall = time.process_time(), time.time()
texts, labels = read(sys.argv[1])
vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
x = vectorizer.fit_transform(texts)
model = eval(sys.argv[2]).fit(x, labels)
seconds, wall = time.process_time() - started, time.time() - wall
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
del texts, labels, x
held, gold = read(sys.argv[3])
f1 = f1_score(gold, model.predict(vectorizer.transform(held)), average="macro")
print(json.dumps({"seconds": seconds, "wall": wall, "peakRssMb": peak, "macroF1": f1}))
`

/** Writes the set in pieces (to a temporary name, renamed when whole), so no run sees half a file. */
function writeSet(rows: number, seed = 4242, name = `posts-${rows}`): string {
  const dir = join(tmpdir(), 'audience-bench-train')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.csv`)
  if (existsSync(path)) return path
  const csv = createCsvWriter({ flavour: 'raw' })
  const next = random(seed)
  const partial = `${path}.${process.pid}.part`
  const fd = openSync(partial, 'w')
  let lines = [csv.row(['content', 'label'])]
  for (let r = 0; r < rows; r++) {
    const { text, label } = makeLabelledPost(next)
    lines.push(csv.row([text, label]))
    if (lines.length === 10_000) {
      writeSync(fd, lines.join(''))
      lines = []
    }
  }
  writeSync(fd, lines.join(''))
  closeSync(fd)
  renameSync(partial, path)
  return path
}

/** What the model kind is trained with: one fit, as scikit-learn's default estimator does. */
function configOf(kind: ModelKind): TrainConfig {
  const params = {
    calibration: 'none',
    ...(args.features === 'char2' ? { charNgrams: 2 } : {}),
    ...(kind === 'nb' || kind === 'cnb' ? { alpha: 1 } : { threads: Number(args.threads) }),
  }
  return { kind, params, seed: 1 }
}

async function trainChild(path: string, kind: ModelKind, expectedRows: number): Promise<void> {
  const wallStart = performance.now()
  const before = process.cpuUsage()
  const config = configOf(kind)
  const tokenize = trainingTokenize(config)
  const builder = new TermCountsBuilder(tokenize, expectedRows)
  // One label array per distinct cell: a million rows share a few arrays.
  const shared = new Map<string, readonly string[]>()
  const labels: (readonly string[])[] = []
  for await (const batch of readDataRows(path))
    for (const row of batch) {
      builder.add(row.fields.content ?? '')
      const cell = (row.labels ?? []).join('\n')
      let set = shared.get(cell)
      if (!set) shared.set(cell, (set = row.labels ?? []))
      labels.push(set)
    }
  const counts = builder.finish()
  const width = new Set(labels.flat()).size
  const threads =
    kind === 'nb' || kind === 'cnb'
      ? 1
      : labelThreadCount(width, counts.ids.length, Number(args.threads))
  const { model } = trainCounted(config, { counts, tokenize, labels })
  const used = process.cpuUsage(before)
  const wall = (performance.now() - wallStart) / 1000
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const texts: string[] = []
  const gold: string[][] = []
  for await (const batch of readDataRows(heldOutPath()))
    for (const row of batch) {
      texts.push(row.fields.content ?? '')
      gold.push(row.labels ?? [])
    }
  const predicted = predictedLabelSets(
    model.predictBatch({ size: texts.length, fields: { content: texts } }),
  )
  const { macroF1 } = classificationReport(gold, predicted)
  const seconds = (used.user + used.system) / 1e6
  console.log(JSON.stringify({ seconds, wall, peakRssMb, macroF1, threads }))
}

function heldOutPath(): string {
  return writeSet(HELD_OUT, 977, `held-out-${HELD_OUT}`)
}

interface Run {
  threads?: number
  seconds: number
  wall: number
  peakRssMb: number
  macroF1: number
}

function runJson(command: string, argv: string[]): Run {
  const out = execFileSync(command, argv, { maxBuffer: 1 << 24 })
    .toString()
    .trim()
    .split('\n')
  return JSON.parse(out.at(-1)!) as Run
}

const load = () =>
  `load ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`

function main(): void {
  const sizes = args.sizes.split(',').map(Number)
  const kinds = args.kinds.split(',') as ModelKind[]
  const held = heldOutPath()
  console.log(`${load()}; features: ours ${args.features}, scikit-learn char 1-2`)
  console.log(
    'rows       model       side    threads   CPU s   wall s  peak MB  macro-F1   (ours/sk: CPU, wall, MB)',
  )
  for (const size of sizes) {
    const path = writeSet(size)
    for (const kind of kinds) {
      const ours = runJson(process.execPath, [
        process.argv[1]!,
        ...['--child', path, '--kind', kind, '--rows', String(size)],
        ...['--features', args.features],
      ])
      print(size, kind, 'ours', ours)
      if (args.sklearn === 'no') continue
      const theirs = runJson('/usr/bin/python3', ['-c', PYTHON, path, SKLEARN[kind]!, held])
      const ratio = (a: number, b: number) => (a / b).toFixed(2)
      const ratios = `(${ratio(ours.seconds, theirs.seconds)}, ${ratio(ours.wall, theirs.wall)}, ${ratio(ours.peakRssMb, theirs.peakRssMb)})`
      print(size, kind, 'sklearn', theirs, ratios)
    }
  }
  console.log(load())
}

function print(size: number, kind: string, side: string, run: Run, extra = ''): void {
  const cells = [
    String(size).padEnd(10),
    kind.padEnd(11),
    side.padEnd(7),
    String(run.threads ?? 1).padStart(7),
    run.seconds.toFixed(1).padStart(7),
    run.wall.toFixed(1).padStart(8),
    run.peakRssMb.toFixed(0).padStart(8),
    run.macroF1.toFixed(4).padStart(9),
    ` ${extra}`,
  ]
  console.log(cells.join(' '))
}

if (args.child) await trainChild(args.child, args.kind as ModelKind, Number(args.rows ?? 0))
else main()
