import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import { packDocs, transferablesOf } from '../../../src-worker/ml'
import { watchedRegexMessage } from '../../../src-worker/ml/tasks/predict-task'
import { KEPT, type ExcludedTexts } from '../../../src-worker/preprocess/exclusions'
import { runWatched } from '../pool/regex-watchdog'
import type { WorkerPool } from '../pool/worker-pool'
import { compileOrReject } from './compile-exclusions'

/** Texts per worker call: packing them is the main thread's share, kept short per turn. */
const CHUNK = 20_000

/**
 * Applies exclusion sets to texts in worker threads under the regex watchdog: a pattern stuck on
 * one text stops its thread and fails with VALIDATION naming the set and the pattern, while every
 * other call goes on being answered.
 */
export function createExclusionRunner(pool: WorkerPool, budgetMs: number) {
  async function applyChunk(
    sets: ExclusionSnapshot[],
    texts: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<ExcludedTexts> {
    const docs = packDocs({ size: texts.length, fields: { content: texts } })
    return runWatched(
      { budgetMs, signal, name: (state) => watchedRegexMessage(state, [], budgetMs, sets) },
      (watch, stop) =>
        pool.run(
          'preprocess.exclude',
          { sets, docs, watch, timeBudgetMs: budgetMs },
          { signal: stop, transferList: transferablesOf(docs) },
        ),
    )
  }

  return {
    budgetMs,
    /** The outcome of every text (numbering of ExcludedTexts.matched: patterns across `sets` in order). */
    async apply(
      sets: readonly ExclusionSnapshot[],
      texts: readonly string[],
      signal?: AbortSignal,
    ): Promise<ExcludedTexts> {
      compileOrReject(sets)
      const out: ExcludedTexts = {
        status: new Uint8Array(texts.length).fill(KEPT),
        texts: new Array<string>(texts.length),
        matched: new Int32Array(texts.length).fill(-1),
      }
      if (sets.length === 0) return out
      for (let start = 0; start < texts.length; start += CHUNK) {
        const part = await applyChunk([...sets], texts.slice(start, start + CHUNK), signal)
        out.status.set(part.status, start)
        out.matched.set(part.matched, start)
        part.texts.forEach((text, i) => (out.texts[start + i] = text))
      }
      return out
    },
  }
}

export type ExclusionRunner = ReturnType<typeof createExclusionRunner>
