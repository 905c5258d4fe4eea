import { describe, expect, it } from 'vitest'
import { modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import type { TrainConfig } from '../../../../src-worker/ml/models/train-config'
import { packDocs } from '../../../../src-worker/ml/packed'
import { ModelCache, runPredictTask } from '../../../../src-worker/ml/tasks/predict-task'
import { syntheticSet } from '../synthetic'

/** What the predict pipeline wrote from full explanations: each assigned label's terms joined. */
function matchedFromExplanations(
  prediction: ReturnType<typeof runPredictTask>['predictions'][number],
): (string | null)[] {
  const width = prediction.labels.length
  const out: (string | null)[] = []
  for (let r = 0; r * width < prediction.assigned.length; r++)
    prediction.labels.forEach((label, l) => {
      if (!prediction.assigned[r * width + l]) return
      const explanation = prediction.explanations?.[r]?.find((e) => e.label === label)
      out.push(explanation ? explanation.matches.map((t) => t.term).join(', ') : null)
    })
  return out
}

function matchedStrings(
  prediction: ReturnType<typeof runPredictTask>['predictions'][number],
): (string | null)[] {
  const width = prediction.labels.length
  const out: (string | null)[] = []
  prediction.assigned.forEach((given, at) => {
    if (given) out.push(prediction.matched![at] ?? null)
  })
  expect(prediction.matched!.length).toBe(prediction.assigned.length)
  expect(width).toBeGreaterThan(0)
  return out
}

const { texts, labels } = syntheticSet({ labels: 4, rows: 2500, seed: 5, multiLabel: true })
const requests: Record<string, TrainConfig> = {
  'single-label linear SVM': { kind: 'linear-svm', seed: 1 },
  'multi-label logistic regression': {
    kind: 'logreg',
    seed: 1,
    decision: { multiLabel: true, threshold: 0.3, noneLabel: 'none' },
  },
  keywords: {
    kind: 'keyword',
    keywordRules: [
      { label: 'a', keyword: 'w0x1', match: 'partially' },
      { label: 'b', keyword: 'w1x2', match: 'partially' },
    ],
  },
}

describe("explain 'matched'", () => {
  it.each(Object.keys(requests))(
    '%s: the matched strings equal those joined from full explanations, across chunks',
    (name) => {
      const model = trainModel(requests[name]!, {
        texts: texts.slice(0, 400),
        labels: labels.slice(0, 400),
      })
      const file = modelToFile(model)
      const run = (explain: true | 'matched') =>
        runPredictTask(
          {
            models: [{ id: 'm', version: 1, file }],
            docs: packDocs({ size: texts.length, fields: { content: texts } }),
            explain,
          },
          new ModelCache(),
        ).predictions[0]!
      const full = run(true)
      const compact = run('matched')
      expect(compact.assigned).toEqual(full.assigned)
      expect(compact.scores).toEqual(full.scores)
      expect(compact.explanations).toBeUndefined()
      const want = matchedFromExplanations(full)
      expect(want.filter((m) => m !== null).length).toBeGreaterThan(0)
      expect(matchedStrings(compact)).toEqual(want)
    },
    60_000,
  )
})

describe('reviewBelow', () => {
  it('flags labelled rows whose best given score is under the confidence of that label', () => {
    const model = trainModel(requests['multi-label logistic regression']!, {
      texts: texts.slice(0, 400),
      labels: labels.slice(0, 400),
    })
    const file = modelToFile(model)
    const docs = () => packDocs({ size: 600, fields: { content: texts.slice(0, 600) } })
    const [plain] = runPredictTask(
      { models: [{ id: 'm', version: 1, file }], docs: docs() },
      new ModelCache(),
    ).predictions
    const first = plain!.labels[0]!
    for (const below of [0.6, { [first]: 0.9 }]) {
      const [flagged] = runPredictTask(
        { models: [{ id: 'm', version: 1, file }], docs: docs(), reviewBelow: [below] },
        new ModelCache(),
      ).predictions
      // Labels and scores are the model's own: only the flags are added.
      expect(flagged!.assigned).toEqual(plain!.assigned)
      expect(flagged!.scores).toEqual(plain!.scores)
      const width = plain!.labels.length
      const expected = Array.from({ length: 600 }, (_, r) => {
        let best = -1
        for (let l = 0; l < width; l++)
          if (
            plain!.assigned[r * width + l] &&
            (best < 0 || plain!.scores[r * width + l]! > plain!.scores[r * width + best]!)
          )
            best = l
        if (best < 0) return 0
        const limit = typeof below === 'number' ? below : (below[plain!.labels[best]!] ?? -Infinity)
        return plain!.scores[r * width + best]! < limit ? 1 : 0
      })
      expect([...flagged!.review!]).toEqual(expected)
      expect(expected.some((f) => f === 1)).toBe(true)
      expect(expected.some((f) => f === 0)).toBe(true)
    }
  })
})
