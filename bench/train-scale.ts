/**
 * Training at scale: `npm run bench:train -- [--sizes 200000,500000,1000000] [--kinds linear-svm,nb]`.
 * Writes (once per size, deterministically) a CSV of labelled synthetic posts with learnable cues,
 * then trains each model kind in its own process (one fit: calibration off) and scikit-learn's
 * counterpart (TfidfVectorizer char 1-2, sublinear tf, + LinearSVC or MultinomialNB, one thread) on
 * the same file, printing fit time (CPU seconds, so a shared machine slows neither side) and peak RSS.
 * Reading the CSV is not timed on either side; both hold the texts in memory.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'
import { readDataRows } from '../src-worker/ml/io/data-file'
import type { ModelKind } from '../src-worker/ml/models/model'
import { trainModel } from '../src-worker/ml/models/registry'
import { makeLabelledPost, random } from './synthetic-posts'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200000,500000,1000000' },
    kinds: { type: 'string', default: 'linear-svm,nb' },
    /** Internal: train one kind on one file and print a JSON line (run as a child process). */
    child: { type: 'string' },
    kind: { type: 'string' },
  },
})

const SKLEARN: Record<string, string> = { 'linear-svm': 'LinearSVC()', nb: 'MultinomialNB()' }

const PYTHON = `
import csv, json, os, resource, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.naive_bayes import MultinomialNB
csv.field_size_limit(10**7)
with open(sys.argv[1], encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
texts = [r[0] for r in rows]
labels = [r[1] for r in rows]
del rows
started = time.process_time()
x = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
model = eval(sys.argv[2]).fit(x, labels)
print(json.dumps({"seconds": time.process_time() - started, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "features": x.shape[1]}))
`

function writeSet(rows: number): string {
  const dir = join(tmpdir(), 'audience-bench-train')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `posts-${rows}.csv`)
  if (existsSync(path)) return path
  const csv = createCsvWriter({ flavour: 'raw' })
  const next = random(4242)
  const lines = [csv.row(['content', 'label'])]
  for (let r = 0; r < rows; r++) {
    const { text, label } = makeLabelledPost(next)
    lines.push(csv.row([text, label]))
  }
  writeFileSync(path, lines.join(''))
  return path
}

async function trainChild(path: string, kind: ModelKind): Promise<void> {
  const texts: string[] = []
  const labels: string[][] = []
  for await (const batch of readDataRows(path))
    for (const row of batch) {
      texts.push(row.fields.content ?? '')
      labels.push(row.labels ?? [])
    }
  const before = process.cpuUsage()
  const model = trainModel({ kind, params: { calibration: 'none' }, seed: 1 }, { texts, labels })
  const used = process.cpuUsage(before)
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const features = model.describe().summary
  console.log(JSON.stringify({ seconds: (used.user + used.system) / 1e6, peakRssMb, features }))
}

function runJson(command: string, argv: string[]): { seconds: number; peakRssMb: number } {
  const out = execFileSync(command, argv, { maxBuffer: 1 << 24 })
    .toString()
    .trim()
    .split('\n')
  return JSON.parse(out.at(-1)!) as { seconds: number; peakRssMb: number }
}

function main(): void {
  const sizes = args.sizes.split(',').map(Number)
  const kinds = args.kinds.split(',') as ModelKind[]
  console.log(
    `load ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  )
  console.log('rows       model        ours s   sklearn s  ours/sk   ours MB  sklearn MB  ours/sk')
  for (const size of sizes) {
    const path = writeSet(size)
    for (const kind of kinds) {
      const ours = runJson(process.execPath, [process.argv[1]!, '--child', path, '--kind', kind])
      const theirs = runJson('/usr/bin/python3', ['-c', PYTHON, path, SKLEARN[kind]!])
      const cells = [
        String(size).padEnd(10),
        kind.padEnd(12),
        ours.seconds.toFixed(1).padStart(6),
        theirs.seconds.toFixed(1).padStart(10),
        (ours.seconds / theirs.seconds).toFixed(2).padStart(8),
        ours.peakRssMb.toFixed(0).padStart(9),
        theirs.peakRssMb.toFixed(0).padStart(11),
        (ours.peakRssMb / theirs.peakRssMb).toFixed(2).padStart(8),
      ]
      console.log(cells.join(' '))
    }
  }
  console.log(
    `load ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  )
}

if (args.child) await trainChild(args.child, args.kind as ModelKind)
else main()
