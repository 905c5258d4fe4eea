import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { modelToFile, trainModel, type KeywordRule } from '../../src-worker/ml'
import { parseKeywordRuleText } from '../../src-worker/ml/models/keyword/keyword-rules'
import { repoRoot } from './core-harness'

export const DEMO_CSV = join(repoRoot, 'resources', 'demo', 'source-posts.csv')
export const DEMO_RULES_DIR = join(repoRoot, 'resources', 'demo', 'rules')

export interface DemoPost {
  id: string
  author: string
  title: string
  content: string
  sourceId: string
  postTime: string
}

/** A small RFC 4180 reader written for the tests (independent of the app's CSV code). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endRow = () => {
    row.push(cell.replace(/\r$/, ''))
    rows.push(row)
    row = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (quoted && ch === '"') quoted = false
    else if (quoted) cell += ch
    else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') endRow()
    else cell += ch
  }
  if (cell || row.length) endRow()
  return rows
}

export function demoPosts(): DemoPost[] {
  const [header, ...rows] = parseCsv(readFileSync(DEMO_CSV, 'utf8'))
  const at = (name: string) => header!.indexOf(name)
  return rows.map((r) => ({
    id: r[at('id')]!,
    author: r[at('author')]!,
    title: r[at('title')]!,
    content: r[at('content')]!,
    sourceId: r[at('source_id')]!,
    postTime: r[at('post_time')]!,
  }))
}

export function demoRules(): KeywordRule[] {
  return readdirSync(DEMO_RULES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) =>
      parseKeywordRuleText(readFileSync(join(DEMO_RULES_DIR, f), 'utf8'), basename(f, '.txt'), f),
    )
}

/** Writes the demo keyword model (rules over content) as a model file; returns its path. */
export function writeDemoModel(dir: string): string {
  // Best-of (the label with most matches), which the predicting tests compute independently.
  const model = trainModel(
    {
      kind: 'keyword',
      keywordRules: demoRules(),
      field: 'content',
      decision: { multiLabel: false },
    },
    null,
  )
  const path = join(dir, 'demo-keywords.audmodel')
  writeFileSync(path, modelToFile(model))
  return path
}

/** Case folding as documented for keyword models: per character NFKC, then lower case. */
const fold = (text: string) =>
  Array.from(text, (ch) => {
    const folded = ch.normalize('NFKC').toLowerCase()
    return folded.length === 1 ? folded : ch
  }).join('')

function occurrences(text: string, keyword: string): number {
  let n = 0
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) n++
  return n
}

/** Score per label of the demo rules on one text (partial matches only, as the demo rules are). */
export function expectedScores(text: string, rules: readonly KeywordRule[]): Map<string, number> {
  const folded = fold(text)
  const scores = new Map<string, number>()
  for (const rule of rules) {
    const n = occurrences(folded, fold(rule.keyword))
    if (n > 0) scores.set(rule.label, (scores.get(rule.label) ?? 0) + n)
  }
  return scores
}
