import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  compileLinearScore,
  LINEAR_SCORE_MODULE,
  moduleText,
} from '../../../../scripts/build-wasm.mjs'

describe('the linear scoring kernel', () => {
  it('is committed as src-wasm/linear-score.ts compiles (npm run build:wasm)', async () => {
    const committed = readFileSync(LINEAR_SCORE_MODULE, 'utf8')
    expect(moduleText(await compileLinearScore())).toBe(committed)
  }, 60_000)
})
