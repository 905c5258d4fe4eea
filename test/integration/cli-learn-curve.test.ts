import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCliInProcess } from '../helpers/cli'
import { describe, expect, it } from 'vitest'
import { syntheticSet, type SyntheticSet } from '../unit/ml/synthetic'

const audience = (...args: string[]) => runCliInProcess(args)

function writeCsv(path: string, set: SyntheticSet): string {
  const lines = set.texts.map((text, r) => `"${text}",${set.labels[r]!.join('|')}`)
  writeFileSync(path, ['text,label', ...lines].join('\n') + '\n')
  return path
}

describe('audience learn-curve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audience-learn-curve-'))
  const train = writeCsv(join(dir, 'train.csv'), syntheticSet({ labels: 3, rows: 200, seed: 1 }))
  const test = writeCsv(join(dir, 'test.csv'), syntheticSet({ labels: 3, rows: 90, seed: 2 }))
  const common = ['--data', train, '--test', test, '--model', 'linear-svm', '--seed', '2']

  it('prints one JSON line per step and the full-training macro-F1 last', async () => {
    const args = ['--start', '30', '--batch', '40', '--until', '0.5', '--strategy', 'uncertainty']
    const { code, stdout } = await audience('--json', 'learn-curve', ...common, ...args)
    expect(code).toBe(0)
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, number>)
    expect(lines.slice(0, -1).map((l) => l.labels)).toEqual([30, 70, 100])
    for (const line of lines.slice(0, -1)) expect(line.macroF1).toBeGreaterThan(0)
    expect(lines.at(-1)).toMatchObject({ labels: 200 })
    expect(lines.at(-1)!.fullMacroF1).toBeGreaterThan(0.5)
  })

  it('measures the mislabelled queue', async () => {
    const args = ['--strategy', 'mislabelled', '--folds', '4']
    const { code, stdout } = await audience('--json', 'learn-curve', ...common, ...args)
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ rows: 200, flipped: 10, inspected: 20 })
  })

  it.each([
    [['--strategy', 'best'], /--strategy must be one of uncertainty, random, mislabelled/],
    [['--until', '1.5'], /--until must be a share in \(0, 1\]/],
    [['--batch', '0'], /--batch must be a whole number/],
    [['--model', 'regex'], /--model must be one of/],
  ])('refuses %j with a usage error', async (args, message) => {
    const { code, stderr } = await audience('learn-curve', ...common, ...args)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
  })

  it('needs --test for a curve', async () => {
    const { code, stderr } = await audience('learn-curve', '--data', train, '--model', 'nb')
    expect(code).toBe(2)
    expect(stderr).toMatch(/--strategy uncertainty needs --test <file>/)
  })
})
