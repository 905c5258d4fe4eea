/**
 * The rules workbench as a user types: a labelled dataset of 50,000 posts (50–300 characters), the demo
 * keyword rules, and one keyword edited per call. Times rules.workbench through the API (validation,
 * cached packed texts, worker thread, statistics) and prints the median and p95 per edit.
 * Run: npm run bench:rules  (DOCS=10000 for a quicker run)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApiClient } from '../src-main/api/client'
import type { RuleEntry } from '../src-main/api/contract/rules'
import { createCore } from '../src-main/core/create-core'
import { memoryTransport } from '../src-main/core/memory-transport'

const DOCS = Number(process.env.DOCS ?? 50_000)
const EDITS = Number(process.env.EDITS ?? 40)
const root = join(import.meta.dirname, '..')
const demoPosts = readFileSync(join(root, 'resources/demo/audience-posts.jsonl'), 'utf8')
  .trim()
  .split('\n')

/** Demo posts stitched into longer ones, keeping the first post's labels. */
function corpus(n: number): string {
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const parts = [0, 1, 2, 3].map(
      (k) =>
        JSON.parse(demoPosts[(i * 7 + k * 13) % demoPosts.length]!) as {
          text: string
          label: string[]
        },
    )
    const text = parts
      .map((p) => p.text)
      .join(' ')
      .slice(0, 50 + (i % 250))
    lines.push(JSON.stringify({ text: `${text} #${i}`, label: parts[0]!.label }))
  }
  return lines.join('\n') + '\n'
}

function demoRules(): RuleEntry[] {
  const dir = join(root, 'resources/demo/rules')
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => ({
        label: file.replace(/\.txt$/, ''),
        pattern: line.split('\t')[0]!,
        match: 'partially' as const,
      })),
  )
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audience-bench-rules-'))
  const core = await createCore({
    dataDir,
    resourcesDir: join(root, 'resources'),
    workerDir: join(root, 'src-worker'),
    workerExecArgv: ['--import', 'tsx'],
    seedDemo: false,
  })
  const api = createApiClient(memoryTransport(core))
  try {
    const { taskId } = await api.call('datasets.startImport', {
      target: { newDataset: { name: 'bench' } },
      source: { content: corpus(DOCS), fileName: 'bench.jsonl' },
      options: { format: 'doccano-jsonl', duplicates: 'keep', onProblem: 'skip' },
    })
    await core.tasks.settled(taskId)
    const { datasetId } = (await api.call('tasks.show', { id: taskId })).stats as {
      datasetId: string
    }
    const rules = demoRules()
    const call = (edit: number) => {
      const draft = rules.map((r, i) =>
        i === edit % rules.length
          ? { ...r, pattern: r.pattern.slice(0, Math.max(1, r.pattern.length - (edit % 2))) }
          : r,
      )
      return api.call('rules.workbench', {
        datasetId,
        draft: { kind: 'keyword', field: 'content', caseSensitive: false, rules: draft },
      })
    }
    const first = performance.now()
    const result = await call(0)
    const coldMs = performance.now() - first
    const samples: number[] = []
    for (let edit = 1; edit <= EDITS; edit++) {
      const start = performance.now()
      await call(edit)
      samples.push(performance.now() - start)
    }
    samples.sort((a, b) => a - b)
    console.log(
      `rules workbench: ${result.documents} labelled documents, ${rules.length} keyword rules`,
    )
    console.log(`first call (packs the dataset): ${coldMs.toFixed(0)} ms`)
    console.log(
      `per edit: median ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms ` +
        `(target < 300 ms median), peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    )
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
