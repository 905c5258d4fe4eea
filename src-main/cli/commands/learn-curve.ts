import type { Command } from 'commander'
import {
  fullTrainingMacroF1,
  learnCurve,
  mislabelledHitRate,
  type LearnCurveInput,
} from '../../../src-worker/ml/active/learn-curve'
import { readTrainingSet } from '../../../src-worker/ml/io/file-jobs'
import { MODEL_KINDS, type ModelKind } from '../../../src-worker/ml/models/model'
import { CliError, EXIT, type CliIo } from '../io'
import { parseParams } from '../params'
import { addReadFlags, encodingFlag, oneOf, type ReadFlags } from '../read-flags'
import { failing } from './ml'

const STRATEGIES = ['uncertainty', 'random', 'mislabelled'] as const
/** Models that learn from labels; rule models have nothing to learn along a curve. */
const LEARNING_KINDS = MODEL_KINDS.filter((kind) => kind !== 'keyword' && kind !== 'regex')

interface LearnCurveFlags extends ReadFlags {
  data: string
  test?: string
  model: string
  strategy: string
  start: string
  batch: string
  until: string
  seed: string
  param?: string[]
  flip: string
  inspect: string
  folds: string
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

function count(value: string, flag: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${flag} must be a whole number ≥ 1.`, EXIT.usage)
  return n
}

function share(value: string, flag: string): number {
  const x = Number(value)
  if (!(x > 0 && x <= 1))
    throw new CliError(`${flag} must be a share in (0, 1], e.g. 0.5.`, EXIT.usage)
  return x
}

/**
 * `audience learn-curve`: a benchmark of the annotation queues, not a workspace command. It runs
 * in this process on two labelled files and prints one line per step.
 */
export function registerLearnCurveCommand(program: Command, io: () => CliIo): void {
  addReadFlags(program.command('learn-curve'))
    .description(
      'Simulate labelling with a queue: train, ask for the next batch, repeat; macro-F1 on --test per step (mislabelled: flip labels and measure the queue)',
    )
    .requiredOption('--data <file>', 'labelled training rows: the simulated annotator’s answers')
    .option('--test <file>', 'labelled rows to score each step on (not for mislabelled)')
    .requiredOption('--model <kind>', `model type: ${LEARNING_KINDS.join('|')}`)
    .option('--strategy <name>', STRATEGIES.join('|'), 'uncertainty')
    .option('--start <n>', 'random documents labelled before the first model', '100')
    .option('--batch <n>', 'documents asked for after each model', '100')
    .option('--until <share>', 'stop at this share of the training labels', '0.5')
    .option('--seed <n>', 'seed for the first documents, random order and the models', '0')
    .option('--param <name=value>', 'model parameter, repeatable', collect)
    .option('--flip <share>', 'mislabelled: share of training labels flipped at random', '0.05')
    .option('--inspect <share>', 'mislabelled: share of the queue looked at', '0.1')
    .option('--folds <k>', 'mislabelled: cross-validation folds for out-of-fold scores', '5')
    .action(async (o: LearnCurveFlags) => {
      const strategy = oneOf(o.strategy, STRATEGIES, '--strategy')
      const kind: ModelKind = oneOf(o.model, LEARNING_KINDS, '--model')
      const seed = Number(o.seed)
      if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.', EXIT.usage)
      const config = { kind, params: parseParams(o.param ?? []) }
      const read = {
        encoding: encodingFlag(o.encoding),
        ...(o.header ? {} : { header: false }),
        ...(o.textColumn ? { textColumn: o.textColumn } : {}),
        ...(o.labelColumn ? { labelColumn: o.labelColumn } : {}),
      }
      if (strategy === 'mislabelled') {
        const options = {
          flipShare: share(o.flip, '--flip'),
          inspectShare: share(o.inspect, '--inspect'),
          folds: count(o.folds, '--folds'),
          seed,
        }
        const hits = await failing(async () =>
          mislabelledHitRate(await readTrainingSet(o.data, 'content', read), config, options),
        )
        if (io().json) return io().out(JSON.stringify(hits))
        return io().out(
          `${hits.found} of ${hits.flipped} flipped labels in the first ${hits.inspected} of ${hits.rows} documents (${(hits.hitRate * 100).toFixed(1)} %)`,
        )
      }
      if (!o.test) throw new CliError(`--strategy ${strategy} needs --test <file>.`, EXIT.usage)
      const testPath = o.test
      const numbers = {
        start: count(o.start, '--start'),
        batch: count(o.batch, '--batch'),
        until: share(o.until, '--until'),
      }
      await failing(async () => {
        const input: LearnCurveInput = {
          train: await readTrainingSet(o.data, 'content', read),
          test: await readTrainingSet(testPath, 'content', read),
          config,
          strategy,
          seed,
          ...numbers,
        }
        const line = (value: Record<string, number>) =>
          io().out(
            io().json
              ? JSON.stringify(value)
              : Object.entries(value)
                  .map(([key, v]) => `${key} ${Number.isInteger(v) ? v : v.toFixed(4)}`)
                  .join('  '),
          )
        learnCurve(input, (step) => line({ ...step }))
        line({ labels: input.train.texts.length, fullMacroF1: fullTrainingMacroF1(input) })
      })
    })
}
