import type { RuleEntry, RuleSet, WorkbenchResult } from '../../api/contract/rules'
import type { ModelField } from '../../api/contract/models'
import { ApiError } from '../../api/errors'
import { parseKeywordRuleText } from '../../../src-worker/ml/models/keyword/keyword-rules'
import { parseRegexRuleText } from '../../../src-worker/ml/models/regex/regex-rules'
import type { DatasetReader } from '../datasets/dataset-reader'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import type { WorkerPool } from '../pool/worker-pool'
import { createWorkbenchCache } from './workbench-cache'
import { createRulesRepo } from './rules.repo'
import { assertRegexRules, toRuleFiles } from './rule-conversion'

type Draft = Pick<RuleSet, 'kind' | 'field' | 'caseSensitive' | 'rules'>

const labelOfFile = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')

export function createRulesService(
  db: Sqlite,
  pool: WorkerPool,
  datasets: DatasetReader,
  now: () => number = Date.now,
) {
  const repo = createRulesRepo(db)
  const cache = createWorkbenchCache(datasets)
  let lastSentKey: string | null = null
  const mustGet = (id: string): RuleSet => {
    const set = repo.get(id)
    if (!set) throw new ApiError('NOT_FOUND', `Rule set ${id} does not exist. Refresh the list.`)
    return set
  }
  const validate = (draft: Draft) => {
    if (draft.kind === 'regex') assertRegexRules(draft.rules, draft.caseSensitive)
  }

  function save(input: Draft & { id?: string; name: string }): RuleSet {
    validate(input)
    const clash = repo.findByName(input.name)
    if (clash && clash.id !== input.id) {
      throw new ApiError(
        'CONFLICT',
        `A rule set named "${input.name}" exists. Choose another name.`,
      )
    }
    if (input.id) mustGet(input.id)
    const id = input.id ?? newId()
    const rules = input.rules.map((r) =>
      input.kind === 'keyword' ? { ...r, match: r.match ?? 'partially' } : r,
    )
    repo.save({ ...input, id, rules }, now())
    return mustGet(id)
  }

  return {
    list: () => repo.list().map(({ rules: _rules, ...summary }) => summary),
    get: mustGet,
    save,
    remove(id: string): { deleted: true } {
      mustGet(id)
      repo.remove(id)
      return { deleted: true }
    },

    importFiles(input: {
      name: string
      kind: 'keyword' | 'regex'
      field: ModelField
      files: { fileName: string; content: string }[]
    }): RuleSet {
      const rules: RuleEntry[] = []
      for (const file of input.files) {
        const label = labelOfFile(file.fileName)
        try {
          if (input.kind === 'keyword') {
            for (const r of parseKeywordRuleText(file.content, label, file.fileName)) {
              rules.push({ label: r.label, pattern: r.keyword, match: r.match })
            }
          } else {
            for (const r of parseRegexRuleText(file.content, label)) rules.push(r)
          }
        } catch (error) {
          throw new ApiError('VALIDATION', error instanceof Error ? error.message : String(error))
        }
      }
      if (rules.length === 0)
        throw new ApiError('VALIDATION', 'The files hold no rules. Check their content.')
      return save({
        name: input.name,
        kind: input.kind,
        field: input.field,
        caseSensitive: false,
        rules,
      })
    },

    exportFiles(id: string) {
      const set = mustGet(id)
      return { files: toRuleFiles(set.kind, set.rules) }
    },

    async workbench(input: {
      draft: Draft
      datasetId: string
      focusRule?: number
      examples: number
    }): Promise<WorkbenchResult> {
      validate(input.draft)
      const { key, docs } = cache.get(input.datasetId, input.draft.field)
      const run = (withDocs: boolean) =>
        pool.run(
          'modeling.workbench',
          {
            draft: input.draft,
            cacheKey: key,
            ...(withDocs ? { docs } : {}),
            field: input.draft.field,
            examples: input.examples,
            ...(input.focusRule === undefined ? {} : { focusRule: input.focusRule }),
          },
          { signal: AbortSignal.timeout(20_000) },
        )
      // Texts cross to a thread only when it has not seen this snapshot yet; a new snapshot goes with
      // its texts at once, so the first edit does not pay for two round trips.
      const fresh = lastSentKey !== key
      lastSentKey = key
      return run(fresh)
        .then((out) => ('missing' in out ? run(true) : out))
        .then((out) => {
          if ('missing' in out) throw new Error('The workbench worker lost the dataset texts.')
          return out
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'TimeoutError') {
            throw new ApiError(
              'TIMEOUT',
              'The rules took over 20 s on this dataset; a regular expression may backtrack catastrophically.',
            )
          }
          throw error
        })
    },
  }
}

export type RulesService = ReturnType<typeof createRulesService>
