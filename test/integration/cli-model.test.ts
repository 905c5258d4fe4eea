import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/cli'
import { makeTempDir } from '../helpers/temp-dir'

const temp = makeTempDir()
afterAll(() => temp.cleanup())

const audience = (...args: string[]) => runCliInProcess(['--data-dir', temp.dir, ...args])

describe('audience train/evaluate --dataset and audience model', () => {
  let modelId = ''

  it('trains on the demo dataset as a task and saves a version with its report', async () => {
    const run = await audience(
      '--json',
      'train',
      '--dataset',
      'Demo: audience posts',
      '--model',
      'nb',
      '--name',
      'cli nb',
    )
    expect(run.code).toBe(0)
    const version = JSON.parse(run.stdout) as { id: string; name: string; report: { rows: number } }
    expect(version).toMatchObject({ name: 'cli nb', report: { rows: expect.any(Number) } })
    modelId = version.id
    const listed = await audience('model', 'list')
    expect(listed.stdout).toMatch(/cli nb\s+nb\s+Demo: audience posts/)
  })

  it('evaluates the version on a split and prints the report table', async () => {
    const run = await audience(
      'evaluate',
      '--model',
      'cli nb',
      '--dataset',
      'Demo: audience posts',
      '--split',
      'dev',
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/LABEL\s+PRECISION\s+RECALL\s+F1\s+SUPPORT/)
    expect(run.stdout).toMatch(/accuracy \d\.\d{4}/)
  })

  it('exports, imports and deletes model files; bad usage exits 2, unknown names exit 1', async () => {
    const file = join(temp.dir, 'copy.audmodel')
    expect((await audience('model', 'export', modelId, '--out', file)).code).toBe(0)
    expect(existsSync(file)).toBe(true)
    const imported = await audience('--json', 'model', 'import', file, '--name', 'copy')
    expect(JSON.parse(imported.stdout)).toMatchObject({ origin: 'imported', name: 'copy' })
    expect((await audience('model', 'delete', 'copy')).stdout).toContain('Deleted copy')
    expect((await audience('model', 'show', 'copy')).code).toBe(1)
    expect((await audience('train', '--model', 'nb')).code).toBe(2)
    const badKind = await audience(
      'train',
      '--dataset',
      'Demo: audience posts',
      '--model',
      'forest',
    )
    expect(badKind.code).toBe(2)
    expect(badKind.stderr).toContain('kind')
  })
})
