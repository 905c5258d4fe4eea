import { TASK_KINDS } from '../../api/contract/tasks'
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import type { CsvFlavour } from '../../api/contract/common'
import type { Split } from '../../api/contract/datasets'
import type { EvaluationRow, ModelComparison, ModelVersionDetail } from '../../api/contract/models'
import { ApiError } from '../../api/errors'
import type { HandlerParams } from '../../api/schemas'
import { inConfusionCell, modelFromFile } from '../../../src-worker/ml'
import { validateTrainParams } from '../../../src-worker/ml/models/registry'
import { decodeModelFile, encodeModelFile } from '../../../src-worker/ml/file/model-file'
import type { DatasetReader } from '../datasets/dataset-reader'
import { apiErrorOfWorker } from '../errors'
import { newId } from '../ids'
import type { WorkerPool } from '../pool/worker-pool'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import type { PreprocessingService } from '../preprocessing/preprocessing.service'
import type { RulesService } from '../rules/rules.service'
import { toKeywordRules, toRegexRules } from '../rules/rule-conversion'
import type { CoreTasks } from '../tasks/task-kinds'
import { compareVersions } from './compare-versions'
import { editedTermTableFile, exportTermTable } from './term-table'
import { evaluationFile, type EvaluationFileParams } from './evaluation-file'
import { evaluationRowsCsv, writeEvaluationXlsx } from './evaluation-export'
import type { ModelStore } from './model-store'
import type { ModelsRepo } from './models.repo'
import type { TrainingConfig } from './training-config'

export interface ModelsServiceDeps {
  datasets: DatasetReader
  dataDir: string
  repo: ModelsRepo
  store: ModelStore
  tasks: CoreTasks
  pool: WorkerPool
  exclusions: ExclusionRunner
  preprocessing: PreprocessingService
  rules: RulesService
}

/** models.startTraining's params as the contract's schema parsed them (defaults applied). */
type StartTraining = HandlerParams<'models.startTraining'>

/** Automatic selection takes one parameter: its time budget in seconds (checked before any work). */
function checkAutoParams(params: Record<string, string | number | boolean>): void {
  const unknown = Object.keys(params).filter((name) => name !== 'timeBudget')
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION',
      `Unknown parameter ${unknown.join(', ')} for auto; known: timeBudget. Pick a model type to set its parameters.`,
    )
  }
  const budget = Number(params.timeBudget ?? 60)
  if (typeof params.timeBudget === 'boolean' || !Number.isFinite(budget) || budget <= 0)
    throw new ApiError('VALIDATION', 'timeBudget must be a number of seconds above 0.')
}

/** Reads a model file, turning any decoding problem into a VALIDATION error that says what is wrong. */
function decodeOrReject(bytes: Uint8Array) {
  try {
    return modelFromFile(bytes)
  } catch (error) {
    throw new ApiError('VALIDATION', error instanceof Error ? error.message : String(error))
  }
}

/** A bad or unknown model parameter is a VALIDATION error at the call, before a task starts. */
function checkParams(config: TrainingConfig): void {
  try {
    validateTrainParams({
      kind: config.kind,
      params: config.params,
      decision: { multiLabel: config.multiLabel },
    })
  } catch (error) {
    throw apiErrorOfWorker(error) ?? error
  }
}

export function createModelsService(deps: ModelsServiceDeps) {
  const { repo, store, tasks } = deps
  const mustGet = (id: string) => {
    const version = repo.get(id)
    if (!version)
      throw new ApiError('NOT_FOUND', `Model version ${id} does not exist. Refresh the list.`)
    return version
  }
  const mustGetEvaluation = (id: string) => {
    const evaluation = repo.evaluation(id)
    if (!evaluation)
      throw new ApiError('NOT_FOUND', `Evaluation ${id} does not exist. Evaluate the model again.`)
    return evaluation
  }
  const detail = (id: string): ModelVersionDetail => {
    const version = mustGet(id)
    const header = decodeModelFile(store.readModel(version.fileName)).header
    const { fileName, ...rest } = version
    const trainingEvaluation = repo.evaluations(id).at(-1)
    return {
      ...rest,
      thresholds: header.decision.thresholds,
      selection: header.selection ?? null,
      decisionRule: header.decisionRule ?? null,
      evaluationId: trainingEvaluation?.id ?? null,
      filePath: store.modelPath(fileName),
    }
  }

  function trainingConfig(p: StartTraining): TrainingConfig {
    const dataset = deps.datasets.get(p.datasetId)
    if (!dataset || dataset.deleted_at !== null) {
      throw new ApiError(
        'NOT_FOUND',
        `Dataset ${p.datasetId} does not exist. Pick another dataset.`,
      )
    }
    if (p.kind === 'auto') checkAutoParams(p.params)
    const isRules = p.kind === 'keyword' || p.kind === 'regex'
    if (isRules && !p.ruleSetId) {
      throw new ApiError('VALIDATION', `A ${p.kind} model needs a rule set: give ruleSetId.`)
    }
    const ruleSet = p.ruleSetId ? deps.rules.get(p.ruleSetId) : null
    if (ruleSet && isRules && ruleSet.kind !== p.kind) {
      throw new ApiError(
        'VALIDATION',
        `Rule set "${ruleSet.name}" holds ${ruleSet.kind} rules, not ${p.kind}.`,
      )
    }
    return {
      name: p.name ?? `${p.kind === 'auto' ? 'Automatic' : p.kind} on ${dataset.name}`,
      datasetId: p.datasetId,
      kind: p.kind,
      field: ruleSet && isRules ? ruleSet.field : p.field,
      params: {
        ...p.params,
        ...(ruleSet && isRules ? { caseSensitive: ruleSet.caseSensitive } : {}),
      },
      trainSplits: p.trainSplits,
      testSplit: p.testSplit,
      exclusions: deps.preprocessing.snapshot(p.exclusionSetIds),
      ...(ruleSet && p.kind === 'keyword' ? { keywordRules: toKeywordRules(ruleSet.rules) } : {}),
      ...(ruleSet && p.kind === 'regex' ? { regexRules: toRegexRules(ruleSet.rules) } : {}),
      // Rule models give every label whose rules match unless asked for the best one only.
      multiLabel: p.multiLabel ?? (isRules || dataset.label_mode === 'multi'),
      ...(p.crossValidate !== undefined ? { crossValidate: p.crossValidate } : {}),
      seed: p.seed,
    }
  }

  return {
    list: () => repo.list(),
    get: detail,

    startTraining(p: StartTraining): { taskId: string } {
      const config = trainingConfig(p)
      checkParams(config)
      return { taskId: tasks.start(TASK_KINDS.train, config, `Train ${config.name}`).id }
    },

    startEvaluation(p: {
      id: string
      datasetId?: string
      split?: Split | 'none'
      file?: EvaluationFileParams
    }): { taskId: string } {
      const version = mustGet(p.id)
      const file = p.file ? evaluationFile(deps.dataDir, p.file) : undefined
      const config = {
        modelId: version.id,
        fileName: version.fileName,
        field: version.field,
        exclusions: version.exclusions,
        ...(p.datasetId ? { datasetId: p.datasetId } : {}),
        ...(p.split ? { split: p.split } : {}),
        ...(file ? { file } : {}),
      }
      const on = file ? file.displayName : `${p.split ?? 'all'} of ${p.datasetId}`
      return {
        taskId: tasks.start(TASK_KINDS.evaluate, config, `Evaluate ${version.name} on ${on}`).id,
      }
    },

    listEvaluations: (id: string) => {
      mustGet(id)
      return repo
        .evaluations(id)
        .map(({ report: _report, detailsFile: _file, ...summary }) => summary)
    },

    getEvaluation: (evaluationId: string) => {
      const { detailsFile: _file, ...evaluation } = mustGetEvaluation(evaluationId)
      return evaluation
    },

    evaluationRows(p: {
      evaluationId: string
      errorsOnly: boolean
      gold?: string | null
      predicted?: string | null
      offset: number
      limit: number
    }): { total: number; rows: EvaluationRow[] } {
      const evaluation = mustGetEvaluation(p.evaluationId)
      const rows = store
        .readDetails(evaluation.detailsFile)
        .filter(
          (row) =>
            (!p.errorsOnly || !row.correct) &&
            ((p.gold === undefined && p.predicted === undefined) ||
              inConfusionCell(row.gold, row.predicted, p)),
        )
      return { total: rows.length, rows: rows.slice(p.offset, p.offset + p.limit) }
    },

    async exportEvaluation(
      evaluationId: string,
      format: 'csv' | 'jsonl' | 'xlsx',
      csvFlavour: CsvFlavour,
      given?: string,
    ) {
      if (given !== undefined && !isAbsolute(given))
        throw new ApiError('VALIDATION', `path must be absolute, got "${given}".`)
      const evaluation = mustGetEvaluation(evaluationId)
      const rows = store.readDetails(evaluation.detailsFile)
      const relativePath = given
        ? null
        : join('exports', `validation-${evaluationId.slice(0, 8)}.${format}`)
      const path = given ?? join(deps.dataDir, relativePath!)
      mkdirSync(dirname(path), { recursive: true })
      if (format === 'xlsx') {
        await writeEvaluationXlsx(path, rows, newId().slice(0, 8))
        return { path, relativePath, rows: rows.length }
      }
      const body =
        format === 'csv'
          ? evaluationRowsCsv(rows, csvFlavour)
          : rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
      writeFileSync(`${path}.partial`, body)
      renameSync(`${path}.partial`, path)
      return { path, relativePath, rows: rows.length }
    },

    rename(id: string, name: string): ModelVersionDetail {
      mustGet(id)
      repo.rename(id, name, Date.now())
      return detail(id)
    },

    setThreshold(id: string, label: string, threshold: number): ModelVersionDetail {
      const version = mustGet(id)
      if (!version.labels.includes(label)) {
        throw new ApiError(
          'VALIDATION',
          `"${label}" is not a label of this model (${version.labels.join(', ')}).`,
        )
      }
      const { header, parts } = decodeModelFile(store.readModel(version.fileName))
      header.decision = {
        ...header.decision,
        thresholds: { ...header.decision.thresholds, [label]: threshold },
      }
      // The rule's text names the thresholds: said again by the model as it now is.
      const rule = modelFromFile(encodeModelFile(header, parts)).model.describe().decisionRule
      if (rule) header.decisionRule = rule
      const bytes = encodeModelFile(header, parts)
      store.writeModel(version.fileName, bytes)
      repo.setParams(id, version.params, bytes.byteLength, Date.now())
      return detail(id)
    },

    remove(id: string): { deleted: true } {
      const version = mustGet(id)
      const evaluations = repo.evaluations(id)
      repo.remove(id)
      store.remove('model', version.fileName)
      for (const e of evaluations) store.remove('details', e.detailsFile)
      return { deleted: true }
    },

    exportFile(id: string, path?: string): { path: string; relativePath: string | null } {
      const version = mustGet(id)
      const safeName = version.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60)
      const relativePath = path ? null : join('exports', `${safeName}-${id.slice(0, 8)}.audmodel`)
      const target = path ?? join(deps.dataDir, relativePath!)
      if (!isAbsolute(target))
        throw new ApiError('VALIDATION', `path must be absolute, got "${target}".`)
      mkdirSync(dirname(target), { recursive: true })
      copyFileSync(store.modelPath(version.fileName), target)
      return { path: target, relativePath }
    },

    exportTerms: (id: string, path?: string) => exportTermTable(deps, mustGet(id), path),

    importTerms(p: { id: string; path?: string; content?: string; name?: string }) {
      const base = mustGet(p.id)
      const bytes = editedTermTableFile(store, base.fileName, p)
      return addVersion(bytes, p.name ?? `${base.name} (edited terms)`)
    },

    importFile(p: { path?: string; contentBase64?: string; name?: string }): ModelVersionDetail {
      const bytes = p.path
        ? readModelFile(p.path)
        : new Uint8Array(Buffer.from(p.contentBase64 ?? '', 'base64'))
      return addVersion(bytes, p.name)
    },

    compare: (a: string, b: string, limit: number): Promise<ModelComparison> =>
      compareVersions({ ...deps, mustGet }, a, b, limit),
  }

  /** Saves a model file as a new imported version. */
  function addVersion(bytes: Uint8Array, name: string | undefined): ModelVersionDetail {
    const { header } = decodeOrReject(bytes)
    const id = newId()
    const fileName = `${id}.audmodel`
    store.writeModel(fileName, bytes)
    repo.insertVersion(
      {
        id,
        name: name ?? `Imported ${header.kind} model`,
        kind: header.kind,
        field: header.field,
        labels: header.labels,
        params: header.params,
        origin: 'imported',
        datasetId: null,
        datasetName: null,
        dataHash: header.trainingDataHash || null,
        trainSplits: null,
        testSplit: null,
        exclusions: [],
        report: null,
        fileName,
        fileBytes: bytes.byteLength,
      },
      Date.now(),
    )
    return detail(id)
  }
}

export type ModelsService = ReturnType<typeof createModelsService>

/** A model file chosen by path (the desktop's open dialog, the CLI): unreadable says so plainly. */
function readModelFile(path: string): Uint8Array {
  if (!isAbsolute(path)) throw new ApiError('VALIDATION', `path must be absolute, got "${path}".`)
  try {
    return new Uint8Array(readFileSync(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new ApiError(
      'VALIDATION',
      `Cannot read the model file ${path} (${code}). Check that it exists and that you may read it.`,
    )
  }
}
