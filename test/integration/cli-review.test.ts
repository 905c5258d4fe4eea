import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_REVIEW_GATE_ENV } from '../../src-main/cli/test-gate'
import { finished, runCliInProcess, spawnAudience } from '../helpers/cli'
import { DEMO_CSV } from '../helpers/demo-posts'
import { makeTempDir } from '../helpers/temp-dir'

const temp = makeTempDir()
afterAll(() => temp.cleanup())

const audience = (...args: string[]) => runCliInProcess(['--data-dir', temp.dir, ...args])

let modelId = ''

async function predict(out: string, ...extra: string[]): Promise<string> {
  const run = await audience(
    '--json',
    'predict',
    '--source-file',
    DEMO_CSV,
    '--id-column',
    'id',
    '--text-column',
    'content',
    '--model',
    modelId,
    '--sink-sqlite',
    join(temp.dir, out),
    ...extra,
  )
  expect(run.code, run.stderr).toBe(0)
  return (JSON.parse(run.stdout.trim().split('\n')[0]!) as { taskId: string }).taskId
}

const labelsOf = (out: string) => {
  const db = new Database(join(temp.dir, out), { readonly: true })
  try {
    return db.prepare('SELECT id, label, score FROM results ORDER BY id').all() as {
      id: string
      label: string
      score: number
    }[]
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  const run = await audience(
    '--json',
    'train',
    '--dataset',
    'Demo: audience posts',
    '--model',
    'linear-svm',
    '--name',
    'svm',
  )
  expect(run.code, run.stderr).toBe(0)
  modelId = (JSON.parse(run.stdout) as { id: string }).id
}, 120_000)

describe('audience predict --review-below and audience review', () => {
  let taskId = ''
  let reviewRows = 0

  it('writes rows under --review-below with the review label', async () => {
    await predict('plain.sqlite')
    const plain = labelsOf('plain.sqlite')
    const scores = plain.map((r) => r.score).sort((a, b) => a - b)
    const median = scores[Math.floor(scores.length / 2)]!
    taskId = await predict(
      'review.sqlite',
      '--review-below',
      String(median),
      '--review-label',
      'check',
    )
    const reviewed = labelsOf('review.sqlite')
    // Per source row: every label it got, or only "check" when its best score is under the median.
    const best = new Map<string, number>()
    for (const r of plain) best.set(r.id, Math.max(best.get(r.id) ?? -Infinity, r.score))
    const byId = (rows: { id: string; label: string }[]) =>
      [...new Set(rows.map((r) => `${r.id}\t${r.label}`))].sort()
    expect(byId(reviewed)).toEqual(
      byId(plain.map((r) => (best.get(r.id)! < median ? { ...r, label: 'check' } : r))),
    )
    reviewRows = reviewed.filter((r) => r.label === 'check').length
    expect(reviewRows).toBeGreaterThan(0)
  })

  it('sends every row of a label to a new dataset, then a sample to the same one', async () => {
    const run = await audience(
      '--json',
      'review',
      '--task',
      taskId,
      '--into',
      'to check',
      '--new',
      '--label',
      'check',
    )
    expect(run.code, run.stderr).toBe(0)
    // --json prints the task's progress as it runs, one line each, then the result.
    const sent = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      documents: number
      report: { imported: number }
    }
    expect(sent).toMatchObject({ documents: reviewRows, report: { imported: reviewRows } })
    const more = await audience('review', '--task', taskId, '--into', 'to check', '--sample', '2')
    expect(more.code, more.stderr).toBe(0)
    expect(more.stdout).toMatch(/Sent \d+ documents to review into "to check"/)
    const listed = await audience('--json', 'dataset', 'list')
    const dataset = (JSON.parse(listed.stdout) as { name: string; documentCount: number }[]).find(
      (d) => d.name === 'to check',
    )
    expect(dataset!.documentCount).toBeGreaterThanOrEqual(reviewRows)
  })

  it('shows its progress on stderr and Ctrl-C while it reads aborts it, keeping nothing', async () => {
    const gate = join(temp.dir, 'review-gate')
    mkdirSync(gate)
    const child = spawnAudience(
      temp.dir,
      ['review', '--task', taskId, '--into', 'interrupted', '--new', '--label', 'check'],
      { [TEST_REVIEW_GATE_ENV]: gate },
    )
    const done = finished(child)
    while (!existsSync(join(gate, 'reached'))) await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGINT')
    const run = await done
    expect(run.code, run.stderr).toBe(130)
    expect(run.stderr).toMatch(/Task [0-9a-f]{32} started/)
    expect(run.stderr).toMatch(/[\d,]+\/[\d,]+ rows/)
    expect(run.stderr).toContain('Aborted; nothing was kept.')
    const listed = JSON.parse((await audience('--json', 'dataset', 'list')).stdout) as {
      name: string
    }[]
    expect(listed.map((d) => d.name)).not.toContain('interrupted')
    const uploads = join(temp.dir, 'tmp', 'uploads')
    const staged = existsSync(uploads) ? readdirSync(uploads) : []
    expect(staged.filter((name) => name.startsWith('staged-'))).toEqual([])
  })

  it('refuses bad flags with a usage error and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['review', '--task', taskId, '--into', 'x', '--new'], /--sample N, --label L, or --below/],
      [['review', '--task', taskId, '--into', 'x', '--new', '--below', '1'], /needs --label/],
      [
        ['review', '--task', taskId, '--into', 'x', '--new', '--sample', 'many'],
        /expects a number/,
      ],
      [
        [
          'predict',
          '--source-file',
          DEMO_CSV,
          '--model',
          modelId,
          '--sink-sqlite',
          'x.sqlite',
          '--review-label',
          'r',
        ],
        /needs --review-below/,
      ],
    ]
    for (const [args, message] of cases) {
      const run = await audience(...args)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
    }
    const missing = await audience('review', '--task', taskId, '--into', 'nope', '--label', 'check')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no dataset "nope"/)
    const listed = JSON.parse((await audience('--json', 'dataset', 'list')).stdout) as {
      name: string
    }[]
    expect(listed.map((d) => d.name)).not.toContain('x')
  })
})
