/**
 * npm run bench:models — every model type against scikit-learn on the four shared datasets
 * (single- and multi-label), in one run. Needs ../shared/datasets/<name>/{train,test}.csv and
 * /usr/bin/python3 with scikit-learn (installed with apt-get when missing). Not a test.
 *
 * Times are CPU seconds of one process on both sides (the anchor script's perf_counter is pointed
 * at process_time), so a busy shared machine slows neither side's figures. Ours: "fit" is a fit
 * with calibration and threshold search off; "+cv" is what cross-validation (calibration curves,
 * multi-label thresholds) adds to the default fit.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { scoreCalibrationError } from '../src-worker/ml/calibration/ece'
import { readDataRows } from '../src-worker/ml/io/data-file'
import { classificationReport } from '../src-worker/ml/metrics/classification-report'
import { predictedLabelSets } from '../src-worker/ml/metrics/evaluate'
import type { KeywordRule } from '../src-worker/ml/models/keyword/keyword-rules'
import { isMultiLabel, labelMatrix } from '../src-worker/ml/models/label-space'
import type { Model, ModelKind } from '../src-worker/ml/models/model'
import type { RawParams } from '../src-worker/ml/models/params'
import { trainModel, trainModelTimed } from '../src-worker/ml/models/registry'
import { DEFAULT_TIME_BUDGET_SECONDS } from '../src-worker/ml/auto/select-model'
import { createRandom } from '../src-worker/ml/random'

const root = resolve(import.meta.dirname, '..')
const shared = resolve(root, '../shared')
const PYTHON = '/usr/bin/python3'
const DATASETS = [
  { name: 'zh_thucnews_titles_tw', mode: 'char' },
  { name: 'en_ag_news', mode: 'word' },
  { name: 'zh_thucnews_tw_multi', mode: 'char' },
  { name: 'en_ag_news_multi', mode: 'word' },
] as const
type OurModel = ModelKind | 'auto'
const OUR_MODELS: OurModel[] = ['linear-svm', 'logreg', 'nb', 'cnb', 'term-weight', 'auto']
/** Auto's time budget (seconds, wall clock): the product's default unless AUTO_BUDGET says. */
const AUTO_BUDGET = Number(process.env.AUTO_BUDGET ?? DEFAULT_TIME_BUDGET_SECONDS)
/** Which scikit-learn model each of ours is timed against (same features, one fit). */
const THEIR_COUNTERPART: Partial<Record<ModelKind, string>> = {
  'linear-svm': 'linsvc',
  logreg: 'logreg',
  nb: 'cnb',
  cnb: 'cnb',
  'term-weight': 'linsvc',
}

interface Result {
  model: string
  features: string
  macroF1: number
  /** Ours: the fit without cross-validation; theirs: the one fit. CPU seconds. */
  fitSeconds: number
  /** Ours: what calibration and threshold search add (CPU seconds). */
  cvSeconds: number | null
  predictRowsPerSecond: number
  peakRssMb: number
  /** Ours: expected calibration error of the label probabilities (null for raw scores). */
  ece: number | null
  /** Ours, single-label: ECE of the predicted label's probability. */
  topLabelEce: number | null
  /** Ours: macro-F1 with calibration and threshold search off. */
  fixedMacroF1: number | null
  /** Auto: what it chose, how many candidates it scored, and its wall seconds. */
  note?: string
}

async function readSet(path: string) {
  const texts: string[] = []
  const labels: string[][] = []
  for await (const rows of readDataRows(path)) {
    for (const row of rows) {
      texts.push(row.fields.content ?? '')
      labels.push(row.labels ?? [])
    }
  }
  return { texts, labels }
}

const cpuSeconds = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

function timedFit(
  kind: OurModel,
  params: RawParams,
  train: { texts: string[]; labels: string[][] },
) {
  const started = cpuSeconds()
  const model = trainModel({ kind, params }, train)
  return { model, seconds: cpuSeconds() - started }
}

function macroF1Of(model: Model, test: { texts: string[]; labels: string[][] }, multi: boolean) {
  const prediction = model.predictBatch({
    size: test.texts.length,
    fields: { content: test.texts },
  })
  const report = classificationReport(test.labels, predictedLabelSets(prediction), {
    multiLabel: multi || undefined,
  })
  return { prediction, macroF1: report.macroF1 }
}

/** Child mode: one model on one dataset, so peak RSS belongs to that model alone. */
async function runOne(dataset: string, kind: OurModel): Promise<Result> {
  const dir = join(shared, 'datasets', dataset)
  const train = await readSet(join(dir, 'train.csv'))
  const test = await readSet(join(dir, 'test.csv'))
  const multi = isMultiLabel(train.labels) || isMultiLabel(test.labels)
  if (kind === 'auto') return runAuto(train, test, multi)
  const fixedParams: RawParams =
    kind === 'term-weight'
      ? { tuneThresholds: false }
      : {
          calibration: 'none',
          tuneThresholds: false,
          // Naive Bayes picks its smoothing (and, multi-label, binary per label) by CV only when
          // not given: the fixed fit is one fit.
          ...(kind === 'nb' || kind === 'cnb' ? { alpha: 1, binaryPerLabel: false } : {}),
        }
  const fixed = timedFit(kind, fixedParams, train)
  const fixedMacroF1 = macroF1Of(fixed.model, test, multi).macroF1
  const full = timedFit(kind, {}, train)
  const batch = { size: test.texts.length, fields: { content: test.texts } }
  full.model.predictBatch(batch)
  // Best of three passes after the first (which warms the JIT): steady-state throughput.
  let predictSeconds = Infinity
  for (let pass = 0; pass < 3; pass++) {
    const started = cpuSeconds()
    full.model.predictBatch(batch)
    predictSeconds = Math.min(predictSeconds, cpuSeconds() - started)
  }
  const { prediction, macroF1 } = macroF1Of(full.model, test, multi)
  const gold = labelMatrix(test.labels, prediction.labels)
  const width = prediction.labels.length
  const probabilities = kind !== 'term-weight'
  return {
    model: kind,
    features: 'ours',
    macroF1,
    fitSeconds: fixed.seconds,
    cvSeconds: Math.max(0, full.seconds - fixed.seconds),
    predictRowsPerSecond: test.texts.length / predictSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ece: probabilities
      ? scoreCalibrationError(prediction.scores, prediction.assigned, gold, width, true)
      : null,
    topLabelEce:
      probabilities && !multi
        ? scoreCalibrationError(prediction.scores, prediction.assigned, gold, width, false)
        : null,
    fixedMacroF1,
  }
}

/** Auto: the whole search (its budget included) and the final fit, never seeing the test rows. */
function runAuto(
  train: { texts: string[]; labels: string[][] },
  test: { texts: string[]; labels: string[][] },
  multi: boolean,
): Result {
  const started = cpuSeconds()
  const wallStart = performance.now()
  const { model, selection } = trainModelTimed(
    { kind: 'auto', params: { timeBudget: AUTO_BUDGET } },
    train,
  )
  const seconds = cpuSeconds() - started
  const wall = (performance.now() - wallStart) / 1000
  const batch = { size: test.texts.length, fields: { content: test.texts } }
  model.predictBatch(batch)
  const predictStart = cpuSeconds()
  model.predictBatch(batch)
  const predictSeconds = cpuSeconds() - predictStart
  const chosen = selection?.candidates.find((c) => c.chosen)
  return {
    model: 'auto',
    features: chosen ? chosen.features : 'ours',
    macroF1: macroF1Of(model, test, multi).macroF1,
    fitSeconds: seconds,
    cvSeconds: null,
    predictRowsPerSecond: test.texts.length / predictSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ece: null,
    topLabelEce: null,
    fixedMacroF1: null,
    note:
      `chose ${chosen?.title ?? '-'} (CV ${chosen?.meanMacroF1.toFixed(4) ?? '-'}) of ` +
      `${selection?.candidates.length ?? 0} candidates, ${selection?.skipped ?? 0} left untried; ` +
      `${wall.toFixed(1)} s wall (budget ${AUTO_BUDGET} s)`,
  }
}

function ours(dataset: string, kind: OurModel): Result {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--one', dataset, kind],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  )
  return JSON.parse(output.trim().split('\n').at(-1)!) as Result
}

function ensureSklearn(): void {
  if (spawnSync(PYTHON, ['-c', 'import sklearn']).status === 0) return
  console.error('scikit-learn is missing: apt-get install -y python3-sklearn ...')
  const install = spawnSync('apt-get', ['install', '-y', 'python3-sklearn'], { stdio: 'inherit' })
  if (install.status !== 0)
    fail('Could not install python3-sklearn; install it with apt-get and run again.')
}

interface Theirs {
  results: Result[]
  best: Result
}

/**
 * Runs the shared anchor script unchanged in grid mode (every feature set, so its char/word 1-2
 * rows are the fixed-model runs); a wrapper times it in CPU seconds and reports its peak RSS.
 */
function sklearn(dataset: string): Theirs {
  const dir = join(shared, 'datasets', dataset)
  const script = join(shared, 'bench', 'sklearn_anchor.py')
  const wrapper = [
    'import resource, runpy, sys, time',
    'time.perf_counter = time.process_time',
    'sys.argv = sys.argv[1:]',
    'runpy.run_path(sys.argv[0], run_name="__main__")',
    'print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)',
  ].join('\n')
  const run = spawnSync(
    PYTHON,
    ['-c', wrapper, script, join(dir, 'train.csv'), join(dir, 'test.csv'), 'grid'],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) fail(`sklearn_anchor.py failed: ${run.stderr}`)
  const peakRssMb = Number(/peak (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024
  const theirs = (raw: Record<string, unknown>): Result => ({
    model: String(raw.model),
    features: String(raw.features),
    macroF1: Number(raw.macroF1),
    fitSeconds: Number(raw.fitSeconds),
    cvSeconds: null,
    predictRowsPerSecond: Number(raw.predictRowsPerSecond),
    peakRssMb,
    ece: null,
    topLabelEce: null,
    fixedMacroF1: null,
  })
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const best = lines.find((line) => 'best' in line)?.best as Record<string, unknown> | undefined
  if (!best) fail('sklearn_anchor.py grid printed no best result.')
  return { results: lines.filter((line) => !('best' in line)).map(theirs), best: theirs(best) }
}

function fail(message: string): never {
  console.error(`bench:models: ${message}`)
  process.exit(1)
}

/** 5,000 keywords (2-4 characters cut from the training titles) over 300-character texts. */
async function keywordThroughput() {
  const { texts } = await readSet(join(shared, 'datasets', DATASETS[0].name, 'train.csv'))
  const random = createRandom(42)
  const keywords = new Set<string>()
  while (keywords.size < 5000) {
    const text = texts[Math.floor(random() * texts.length)]!
    const length = 2 + Math.floor(random() * 3)
    const at = Math.floor(random() * Math.max(1, text.length - length))
    const keyword = text.slice(at, at + length).trim()
    if (keyword.length >= 2) keywords.add(keyword)
  }
  const rules: KeywordRule[] = [...keywords].map((keyword, i) => ({
    label: `L${i % 20}`,
    keyword,
    match: 'partially',
  }))
  const rows: string[] = []
  for (let i = 0, at = 0; i < 20_000; i++) {
    let text = ''
    while (text.length < 300) text += texts[at++ % texts.length]! + ' '
    rows.push(text.slice(0, 300))
  }
  const model = trainModel({ kind: 'keyword', keywordRules: rules }, null)
  const batch = { size: rows.length, fields: { content: rows } }
  model.predictBatch(batch)
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const rounds = 3
  let matches = 0
  for (let round = 0; round < rounds; round++)
    matches += model.predictBatch(batch).scores.reduce((a, b) => a + b, 0)
  const cpu = process.cpuUsage(cpuStart)
  const rowsPerSecond = (rows.length * rounds) / ((performance.now() - started) / 1000)
  const rowsPerCpuSecond = (rows.length * rounds) / ((cpu.user + cpu.system) / 1e6)
  return {
    rowsPerSecond,
    rowsPerCpuSecond,
    readRowsPerCpuSecond: readingSpeed(rows),
    matchesPerRow: matches / rows.length / rounds,
  }
}

/** Calibration: rows per CPU-second of merely reading every character (what no matcher can beat). */
function readingSpeed(rows: string[]): number {
  const table = new Uint16Array(65536)
  let sum = 0
  const cpuStart = process.cpuUsage()
  for (let round = 0; round < 3; round++) {
    for (const row of rows) for (let i = 0; i < row.length; i++) sum += table[row.charCodeAt(i)]!
  }
  const cpu = process.cpuUsage(cpuStart)
  return (rows.length * 3 + sum) / ((cpu.user + cpu.system) / 1e6)
}

const fixed = (value: number, digits: number) => value.toFixed(digits)
const thousands = (value: number) => Math.round(value).toLocaleString('en-US')
const points = (delta: number) => `${delta >= 0 ? '+' : ''}${fixed(delta * 100, 2)} pt`
const optional = (value: number | null, digits: number) =>
  value === null ? '' : fixed(value, digits)

async function main() {
  if (process.argv[2] === '--one') {
    console.log(JSON.stringify(await runOne(process.argv[3]!, process.argv[4] as OurModel)))
    return
  }
  for (const { name } of DATASETS) {
    for (const file of ['train.csv', 'test.csv']) {
      const path = join(shared, 'datasets', name, file)
      if (!existsSync(path))
        fail(`${path} is missing; the benchmark needs the shared datasets next to the repo.`)
    }
  }
  ensureSklearn()
  const header = [
    'dataset',
    'side',
    'model',
    'features',
    'macro-F1',
    'fixed F1',
    'fit cpu s',
    '+cv s',
    'predict rows/cpu-s',
    'peak RSS MB',
    'ECE',
    'top ECE',
  ]
  const table: string[][] = []
  const verdicts: string[] = []
  for (const { name, mode } of DATASETS) {
    const mine = OUR_MODELS.map((kind) => ours(name, kind))
    const theirs = sklearn(name)
    const features = `${mode}_1-2`
    const same = theirs.results.filter((r) => r.features === features)
    const row = (side: string, r: Result) => [
      name,
      side,
      r.model,
      r.features,
      fixed(r.macroF1, 4),
      optional(r.fixedMacroF1, 4),
      fixed(r.fitSeconds, 2),
      optional(r.cvSeconds, 2),
      thousands(r.predictRowsPerSecond),
      fixed(r.peakRssMb, 0),
      optional(r.ece, 4),
      optional(r.topLabelEce, 4),
    ]
    for (const r of mine) table.push(row('ours', r))
    for (const r of same) table.push(row('sklearn', r))
    table.push(row('sklearn grid best', theirs.best))
    const auto = mine.find((r) => r.model === 'auto')!
    const best = mine.filter((r) => r !== auto).reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a))
    const ref = same.reduce((a, b) => (b.macroF1 > a.macroF1 ? b : a))
    const delta = best.macroF1 - ref.macroF1
    const svm = mine.find((r) => r.model === 'linear-svm')!
    const linsvc = same.find((r) => r.model === 'linsvc')!
    const fitRatio = svm.fitSeconds / linsvc.fitSeconds
    verdicts.push(
      `${name}: best ours ${best.model} ${fixed(best.macroF1, 4)} vs sklearn best at ${features} ` +
        `${ref.model} ${fixed(ref.macroF1, 4)}: ${points(delta)} (target >= -0.50 pt: ` +
        `${delta >= -0.005 ? 'meets' : 'MISSES'}); sklearn grid best ${theirs.best.model} ` +
        `${theirs.best.features} ${fixed(theirs.best.macroF1, 4)} (${points(best.macroF1 - theirs.best.macroF1)}, model selection's target)`,
    )
    verdicts.push(
      `  fit without cv: linear-svm ${fixed(svm.fitSeconds, 2)} s = ${fixed(fitRatio, 2)}x LinearSVC ` +
        `${fixed(linsvc.fitSeconds, 2)} s (target <= 1.00x: ${fitRatio <= 1 ? 'meets' : 'MISSES'}); ` +
        mine
          .filter((r) => r.model !== 'linear-svm' && r !== auto)
          .map((r) => {
            const counterpart = same.find(
              (t) => t.model === THEIR_COUNTERPART[r.model as ModelKind],
            )
            return counterpart
              ? `${r.model} ${fixed(r.fitSeconds / counterpart.fitSeconds, 2)}x ${counterpart.model}`
              : r.model
          })
          .join(', '),
    )
    const autoDelta = auto.macroF1 - theirs.best.macroF1
    verdicts.push(
      `  auto ${fixed(auto.macroF1, 4)} vs sklearn grid best ${fixed(theirs.best.macroF1, 4)}: ` +
        `${points(autoDelta)} (target >= -0.50 pt: ${autoDelta >= -0.005 ? 'meets' : 'MISSES'}); ${auto.note ?? ''}`,
    )
    const termWeight = mine.find((r) => r.model === 'term-weight')!
    const twDelta = termWeight.macroF1 - svm.macroF1
    verdicts.push(
      `  term-weight vs its linear SVM: ${points(twDelta)} (target within 3 pt: ${twDelta >= -0.03 ? 'meets' : 'MISSES'})`,
    )
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n'))
  console.log(verdicts.join('\n'))
  console.log(
    'CPU seconds on both sides. ours: "fixed F1"/"fit" = calibration and threshold search off; ' +
      '"+cv" = what 5-fold cross-validation adds to the default fit; predict = best of 3 passes ' +
      'after a warm-up. ECE: every label probability against the gold membership (15 bins); ' +
      "top ECE: the predicted label's probability (single-label). sklearn: one grid run per " +
      'dataset, its peak RSS covers the whole grid.',
  )
  const keyword = await keywordThroughput()
  const verdict = keyword.rowsPerCpuSecond >= 500_000 ? 'meets' : 'MISSES'
  console.log(
    `keyword model, one core: ${thousands(keyword.rowsPerSecond)} rows/s wall, ` +
      `${thousands(keyword.rowsPerCpuSecond)} rows per CPU-second (300-char texts, 5,000 keywords, ` +
      `${fixed(keyword.matchesPerRow, 1)} matches/row) — ${verdict} the 500,000 rows/s target`,
  )
  console.log(
    `  calibration: only reading the same texts char by char runs at ` +
      `${thousands(keyword.readRowsPerCpuSecond)} rows per CPU-second on this machine now`,
  )
  console.log(
    `load average during the run: ${loadavg()
      .map((l) => fixed(l, 1))
      .join(' ')} on ${availableParallelism()} cores`,
  )
}

await main()
