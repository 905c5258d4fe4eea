import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import type { ConnectionProfile } from '../../api/contract/connections'
import {
  PREDICT_FIELDS,
  predictStartParams,
  REVIEW_LABEL,
  type ConnectionRef,
  type ModelSpec,
  type PredictStartParams,
  type SinkSpec,
  type SourceSpec,
  type TextField,
} from '../../api/contract/predicting'
import type { CsvFlavour } from '../../api/contract/common'
import { CliError, EXIT } from '../io'

/** One `--model`, with the `--field` that followed it. */
export interface ModelFlag {
  value: string
  field?: string
}

/** The options of `audience predict` as commander collects them (no defaults: absent = not given). */
export interface PredictOptions {
  source?: string[]
  connection?: string[]
  sourceFile?: string[]
  sourceSqlite?: string[]
  schema?: string
  table?: string
  sourceFormat?: string
  idColumn?: string
  textColumn?: string
  titleColumn?: string
  authorColumn?: string
  timeColumn?: string
  sourceIdColumn?: string
  /** The older name of --source-id-column. */
  sourceColumn?: string
  from?: string
  to?: string
  sourceIds?: string
  passwordEnv?: string
  model?: ModelFlag[]
  exclusiveGroup?: string[]
  sink?: string
  sinkConnection?: string
  sinkSqlite?: string
  sinkCsv?: string
  sinkSchema?: string
  sinkTable?: string
  route?: string[]
  routeTemplate?: string
  routeOther?: string
  csvFlavour?: CsvFlavour
  batchSize?: string
  taskTitle?: string
  reviewBelow?: string
  reviewLabel?: string
}

const usage = (message: string) => new CliError(message, EXIT.usage)

/** Repeated options collect into a list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value]

/** `--model`: each starts a model entry that a following `--field` completes. */
export const collectModel = (value: string, previous: ModelFlag[] = []): ModelFlag[] => [
  ...previous,
  { value },
]

/** `--field` completes the `--model` before it; one field per model. */
export function fieldParser(command: Command) {
  return (value: string): string => {
    const models = command.getOptionValue('model') as ModelFlag[] | undefined
    const last = models?.[models.length - 1]
    if (!last)
      throw new InvalidArgumentError(
        '--field names the field of the --model before it: write --model FILE --field FIELD.',
      )
    if (last.field !== undefined)
      throw new InvalidArgumentError(
        `--model ${last.value} already reads --field ${last.field}; give each --model one --field.`,
      )
    if (!(PREDICT_FIELDS as readonly string[]).includes(value))
      throw new InvalidArgumentError(`Use one of ${PREDICT_FIELDS.join(', ')}.`)
    last.field = value
    return value
  }
}

type SourceFlag = '--source' | '--connection' | '--source-file' | '--source-sqlite'
type SinkFlag = '--sink' | '--sink-connection' | '--sink-sqlite' | '--sink-csv'

/** A source or sink location before saved connections are looked up. */
type Located<F> = { flag: F; value: string }

/** What the flags ask for, checked for combinations; saved connections are still names. */
export interface PredictPlan {
  options: PredictOptions
  sources: Located<SourceFlag>[]
  sink: Located<SinkFlag>
  models: ModelSpec[]
}

const SOURCE_FLAGS: [SourceFlag, keyof PredictOptions][] = [
  ['--source', 'source'],
  ['--connection', 'connection'],
  ['--source-file', 'sourceFile'],
  ['--source-sqlite', 'sourceSqlite'],
]
const SINK_FLAGS: [SinkFlag, keyof PredictOptions][] = [
  ['--sink', 'sink'],
  ['--sink-connection', 'sinkConnection'],
  ['--sink-sqlite', 'sinkSqlite'],
  ['--sink-csv', 'sinkCsv'],
]

/**
 * `--model` is a saved model version id (32 hex digits), a model file (.audmodel), or a keyword
 * model as JSON: `{ "field": "author", "labels": { "male": ["先生"] } }`. `--field` overrides the
 * field a keyword JSON names.
 */
export function modelSpec({ value, field }: ModelFlag): ModelSpec {
  const withField = field ? { field: field as TextField } : {}
  if (/^[0-9a-f]{32}$/i.test(value))
    return { ...withField, model: { kind: 'version', id: value.toLowerCase() } }
  const path = resolve(value)
  if (!value.endsWith('.json')) return { ...withField, model: { kind: 'file', path } }
  let parsed: {
    field?: TextField
    name?: string
    version?: string
    labels?: Record<string, string[]>
  }
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed
  } catch (error) {
    throw usage(`--model ${value}: cannot read this keyword model: ${String(error)}`)
  }
  const name = parsed.name ?? path.replace(/^.*[\\/]/, '').replace(/\.json$/, '')
  const chosen = field ?? parsed.field
  return {
    ...(chosen ? { field: chosen as TextField } : {}),
    model: { kind: 'keywords', name, version: parsed.version ?? '1', labels: parsed.labels ?? {} },
  }
}

function only(given: boolean, flag: string, appliesTo: string, why?: string): void {
  if (given) throw usage(`${flag} applies to ${appliesTo} only${why ? `: ${why}` : ''}.`)
}

/** Checks which flags go together; reads keyword model files. Pure but for those reads. */
export function planPredict(o: PredictOptions): PredictPlan {
  const sources = SOURCE_FLAGS.flatMap(([flag, key]) =>
    ((o[key] as string[] | undefined) ?? []).map((value) => ({ flag, value })),
  )
  const sourceKinds = [...new Set(sources.map((s) => s.flag))]
  if (sourceKinds.length === 0)
    throw usage(
      'Name the posts to read: --source mysql://USER@HOST:PORT/SCHEMA, --connection NAME, --source-file FILE or --source-sqlite FILE (with --table).',
    )
  if (sourceKinds.length > 1)
    throw usage(
      `${sourceKinds.join(' and ')}: give sources of one kind per task (they share --table and the column flags); run one task per kind.`,
    )
  const kind = sourceKinds[0]!
  const db = kind === '--source' || kind === '--connection'
  if (kind !== '--source-file' && !o.table) throw usage(`${kind} needs --table NAME.`)
  only(!!o.table && kind === '--source-file', '--table', '--source, --connection, --source-sqlite')
  only(!!o.schema && !db, '--schema', '--source and --connection')
  only(!!o.sourceFormat && kind !== '--source-file', '--source-format', '--source-file')

  const sinks = SINK_FLAGS.filter(([, key]) => o[key] !== undefined)
  if (sinks.length === 0)
    throw usage(
      'Name where labels go: --sink mysql://USER@HOST:PORT/SCHEMA, --sink-connection NAME, --sink-sqlite FILE or --sink-csv FILE.',
    )
  if (sinks.length > 1)
    throw usage(`${sinks.map(([flag]) => flag).join(' and ')}: give one output per task.`)
  const [sinkFlag, sinkKey] = sinks[0]!
  const csv = sinkFlag === '--sink-csv'
  only(
    !!o.sinkSchema && sinkFlag !== '--sink' && sinkFlag !== '--sink-connection',
    '--sink-schema',
    '--sink and --sink-connection',
  )
  only(!!o.sinkTable && csv, '--sink-table', '--sink, --sink-connection and --sink-sqlite')
  only(!!o.csvFlavour && !csv, '--csv-flavour', '--sink-csv')
  only(
    !!o.route && csv,
    '--route',
    '--sink, --sink-connection and --sink-sqlite',
    'a CSV output has no tables to route to',
  )
  if (!o.route && (o.routeTemplate ?? o.routeOther))
    throw usage(
      `${o.routeTemplate ? '--route-template' : '--route-other'} needs at least one --route SOURCE_ID=GROUP.`,
    )
  only(
    !!o.passwordEnv && kind !== '--source' && sinkFlag !== '--sink',
    '--password-env',
    'the --source and --sink URLs',
    'a saved connection knows its password',
  )

  if (!o.model?.length)
    throw usage(
      'Give at least one --model (a model version id, a .audmodel file or a keyword .json).',
    )
  const review = reviewOf(o)
  return {
    options: o,
    sources,
    sink: { flag: sinkFlag, value: o[sinkKey] as string },
    models: o.model.map((m) => ({ ...modelSpec(m), ...review })),
  }
}

/** `--review-below X [--review-label NAME]`: every model's review-below confidence. */
function reviewOf(o: PredictOptions): Pick<ModelSpec, 'review'> {
  if (o.reviewBelow === undefined) {
    if (o.reviewLabel !== undefined) throw usage('--review-label needs --review-below X.')
    return {}
  }
  const below = Number(o.reviewBelow)
  if (o.reviewBelow.trim() === '' || !Number.isFinite(below))
    throw usage(`--review-below expects a number, not "${o.reviewBelow}".`)
  return { review: { below, label: o.reviewLabel ?? REVIEW_LABEL } }
}

const schemaOfUrl = (url: string): string | undefined => {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || undefined
  } catch {
    return undefined
  }
}

const fileFormat = (path: string, given: string | undefined): 'csv' | 'jsonl' => {
  if (given === 'csv' || given === 'jsonl') return given
  if (given) throw usage(`--source-format ${given}: use csv or jsonl.`)
  if (/\.(csv|tsv)$/i.test(path)) return 'csv'
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl'
  throw usage(
    `--source-file ${path}: cannot tell CSV from JSONL by the name; add --source-format csv|jsonl.`,
  )
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim())) throw usage(`${flag} ${text}: expected a whole number.`)
  return Number(text)
}

function parseRoutes(routes: readonly string[]): Record<string, string> {
  const groups: Record<string, string> = {}
  for (const route of routes) {
    const at = route.lastIndexOf('=')
    if (at <= 0 || at === route.length - 1)
      throw usage(`--route ${route}: use SOURCE_ID=GROUP, e.g. --route WH_F0001=north.`)
    groups[route.slice(0, at)] = route.slice(at + 1)
  }
  return groups
}

/** A saved connection by name (or id), looked up once per flag. */
export type FindProfile = (name: string, flag: string) => Promise<ConnectionProfile>

/**
 * The `predict.start` params the plan stands for, with saved connections resolved, validated by the
 * contract's own schema: its issues become usage errors naming the flag to fix.
 */
export async function predictParams(
  plan: PredictPlan,
  findProfile: FindProfile,
): Promise<PredictStartParams> {
  const o = plan.options
  const connectionAt = async (
    located: Located<string>,
    schemaFlag: string,
    schema: string | undefined,
    urlFlag: string,
  ): Promise<{ connection: ConnectionRef; schema: string }> => {
    if (located.flag === urlFlag) {
      const chosen = schema ?? schemaOfUrl(located.value)
      if (!chosen)
        throw usage(
          `${urlFlag} ${located.value} names no schema: end it with /SCHEMA or add ${schemaFlag}.`,
        )
      const passwordEnv = o.passwordEnv ? { passwordEnv: o.passwordEnv } : {}
      return { connection: { url: located.value, ...passwordEnv }, schema: chosen }
    }
    const profile = await findProfile(located.value, located.flag)
    const chosen = schema ?? profile.defaultSchema ?? undefined
    if (!chosen)
      throw usage(`${located.flag} ${located.value} has no default schema: add ${schemaFlag} NAME.`)
    return { connection: { connectionId: profile.id }, schema: chosen }
  }

  const sourceIdColumn = o.sourceIdColumn ?? o.sourceColumn
  const columns: SourceSpec['columns'] = {
    id: o.idColumn ?? 'id',
    ...(o.textColumn ? { content: o.textColumn } : {}),
    ...(o.titleColumn ? { title: o.titleColumn } : {}),
    ...(o.authorColumn ? { author: o.authorColumn } : {}),
    ...(o.timeColumn ? { postTime: o.timeColumn } : {}),
    ...(sourceIdColumn ? { sourceId: sourceIdColumn } : {}),
  }
  const sourceIds = o.sourceIds
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const filters = {
    columns,
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
    ...(sourceIds ? { sourceIds } : {}),
  }
  const sources: SourceSpec[] = []
  for (const s of plan.sources) {
    if (s.flag === '--source-file') {
      const format = fileFormat(s.value, o.sourceFormat)
      sources.push({ kind: 'file', path: resolve(s.value), format, ...filters })
    } else if (s.flag === '--source-sqlite') {
      sources.push({ kind: 'sqlite', path: resolve(s.value), table: o.table ?? '', ...filters })
    } else {
      const at = await connectionAt(s, '--schema', o.schema, '--source')
      sources.push({ kind: 'mariadb', ...at, table: o.table ?? '', ...filters })
    }
  }

  const routing = o.route
    ? {
        routing: {
          groups: parseRoutes(o.route),
          template: o.routeTemplate ?? 'panel_{group}',
          ...(o.routeOther ? { otherGroup: o.routeOther } : {}),
        },
      }
    : {}
  const table = o.sinkTable ?? 'results'
  const { flag: sinkFlag, value: sinkValue } = plan.sink
  let sink: SinkSpec
  if (sinkFlag === '--sink-csv')
    sink = { kind: 'csv', path: resolve(sinkValue), csvFlavour: o.csvFlavour ?? 'raw' }
  else if (sinkFlag === '--sink-sqlite')
    sink = { kind: 'sqlite', path: resolve(sinkValue), table, ...routing }
  else {
    const at = await connectionAt(plan.sink, '--sink-schema', o.sinkSchema, '--sink')
    sink = { kind: 'mariadb', ...at, table, ...routing }
  }

  const params = {
    ...(o.taskTitle ? { title: o.taskTitle } : {}),
    sources,
    models: plan.models,
    exclusiveGroups: (o.exclusiveGroup ?? []).map((g) =>
      g
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
    sink,
    batchSize: o.batchSize === undefined ? 10_000 : wholeNumber(o.batchSize, '--batch-size'),
  }
  const parsed = predictStartParams.safeParse(params)
  if (!parsed.success)
    throw usage(parsed.error.issues.map((issue) => describeIssue(issue, plan)).join('\n'))
  return parsed.data
}

const COLUMN_FLAGS: Record<string, string> = {
  id: '--id-column',
  content: '--text-column',
  title: '--title-column',
  author: '--author-column',
  sourceId: '--source-id-column',
  postTime: '--time-column',
}

interface Issue {
  path: PropertyKey[]
  message: string
  code?: string
  errors?: Issue[][]
}

/** The flag a contract issue is about: the params' path mapped back onto the command line. */
export function flagOfPath(path: readonly PropertyKey[], plan: PredictPlan): string {
  const [head, second, third, fourth] = path
  if (head === 'sources') {
    const source = plan.sources[typeof second === 'number' ? second : 0] ?? plan.sources[0]!
    if (third === 'columns')
      return typeof fourth === 'string'
        ? (COLUMN_FLAGS[fourth] ?? '--text-column')
        : '--text-column, --title-column or --author-column'
    if (third === 'from' || third === 'to') return `--${third}`
    if (third === 'sourceIds') return '--source-ids'
    if (third === 'table') return '--table'
    if (third === 'schema' && plan.options.schema) return '--schema'
    return `${source.flag} ${source.value}`
  }
  if (head === 'models') {
    const model = plan.options.model?.[typeof second === 'number' ? second : 0]
    if (third === 'field') return '--field'
    return model ? `--model ${model.value}` : '--model'
  }
  if (head === 'exclusiveGroups') return '--exclusive-group'
  if (head === 'batchSize') return '--batch-size'
  if (head === 'title') return '--task-title'
  if (head === 'sink') {
    if (second === 'table') return '--sink-table'
    if (second === 'csvFlavour') return '--csv-flavour'
    if (second === 'schema' && plan.options.sinkSchema) return '--sink-schema'
    if (second === 'routing')
      return third === 'template'
        ? '--route-template'
        : third === 'otherGroup'
          ? '--route-other'
          : '--route'
    return `${plan.sink.flag} ${plan.sink.value}`
  }
  return String(head ?? 'predict')
}

/**
 * "--flag: reason". A union (URL or saved connection) reports the branch that came closest: the one
 * with the fewest issues, so a bad URL reads as the URL's own rule.
 */
function describeIssue(issue: Issue, plan: PredictPlan): string {
  let inner = issue
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]
    const first = closest?.[0]
    if (first) inner = { ...first, path: [...issue.path, ...first.path] }
  }
  return `${flagOfPath(inner.path, plan)}: ${inner.message}`
}
