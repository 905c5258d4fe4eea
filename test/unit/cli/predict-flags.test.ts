import { resolve } from 'node:path'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import type { ConnectionProfile } from '../../../src-main/api/contract/connections'
import {
  collectModel,
  fieldParser,
  planPredict,
  predictParams,
  type PredictOptions,
} from '../../../src-main/cli/commands/predict-flags'
import { CliError } from '../../../src-main/cli/io'

const profile = { id: 'c'.repeat(32), name: 'warehouse', defaultSchema: 'posts_db' }
const findProfile = async (name: string, flag: string) => {
  if (name !== 'warehouse') throw new CliError(`${flag} ${name}: no connection`, 2)
  return profile as ConnectionProfile
}
const VERSION = 'ab'.repeat(16)

const params = (o: PredictOptions) => predictParams(planPredict(o), findProfile)

/** The usage error a call gives, as "exit code: message". */
async function usage(run: () => unknown): Promise<string> {
  try {
    await run()
  } catch (error) {
    if (error instanceof CliError) return `${error.exitCode}: ${error.message}`
    throw error
  }
  throw new Error('expected a usage error')
}

describe('predict flags → predict.start params', () => {
  it('pairs each --field with the --model before it', () => {
    const command = new Command().exitOverride().option('--model <m>', '', collectModel)
    command.option('--field <f>', '', fieldParser(command))
    command.parse(['--model', 'a.audmodel', '--field', 'title', '--model', VERSION], {
      from: 'user',
    })
    expect(command.opts()['model']).toEqual([
      { value: 'a.audmodel', field: 'title' },
      { value: VERSION },
    ])
  })

  it('maps a saved connection, the column flags (old --source-column too), filters, routing and a URL sink', async () => {
    const p = await params({
      connection: ['warehouse'],
      table: 'posts',
      textColumn: 'body',
      authorColumn: 'who',
      sourceColumn: 's_id',
      timeColumn: 'at',
      from: '2024-01-01',
      sourceIds: 'A, B',
      model: [{ value: VERSION, field: 'author' }],
      exclusiveGroup: ['male, female'],
      sink: 'mysql://root@db:3306/out',
      passwordEnv: 'PW',
      route: ['A=north', 'B=south'],
      routeOther: 'rest',
      batchSize: '500',
    })
    expect(p).toEqual({
      sources: [
        {
          kind: 'mariadb',
          connection: { connectionId: profile.id },
          schema: 'posts_db',
          table: 'posts',
          columns: { id: 'id', content: 'body', author: 'who', postTime: 'at', sourceId: 's_id' },
          from: '2024-01-01',
          sourceIds: ['A', 'B'],
        },
      ],
      models: [{ field: 'author', model: { kind: 'version', id: VERSION } }],
      exclusiveGroups: [['male', 'female']],
      sink: {
        kind: 'mariadb',
        connection: { url: 'mysql://root@db:3306/out', passwordEnv: 'PW' },
        schema: 'out',
        table: 'results',
        routing: {
          groups: { A: 'north', B: 'south' },
          template: 'panel_{group}',
          otherGroup: 'rest',
        },
      },
      batchSize: 500,
    })
  })

  it('maps files by extension to absolute paths, and a CSV sink with its flavour', async () => {
    const p = await params({
      sourceFile: ['a.csv', 'b.jsonl'],
      titleColumn: 'title',
      model: [{ value: 'm.audmodel' }],
      sinkCsv: 'out.csv',
      csvFlavour: 'excel',
    })
    expect(
      p.sources.map((s) => [s.kind, s.kind === 'file' && s.format, 'path' in s && s.path]),
    ).toEqual([
      ['file', 'csv', resolve('a.csv')],
      ['file', 'jsonl', resolve('b.jsonl')],
    ])
    expect(p.models).toEqual([{ model: { kind: 'file', path: resolve('m.audmodel') } }])
    expect(p.sink).toEqual({ kind: 'csv', path: resolve('out.csv'), csvFlavour: 'excel' })
  })

  it('names the flag to fix', async () => {
    const base = { sourceFile: ['a.csv'], textColumn: 'c', model: [{ value: 'm.audmodel' }] }
    expect(await usage(() => params({ ...base, sinkSqlite: 'o.sqlite', sinkCsv: 'o.csv' }))).toBe(
      '2: --sink-sqlite and --sink-csv: give one output per task.',
    )
    expect(await usage(() => params({ ...base, table: 't', sinkCsv: 'o.csv' }))).toContain(
      '2: --table applies to',
    )
    expect(
      await usage(() => params({ ...base, sourceFile: ['a.txt'], sinkCsv: 'o.csv' })),
    ).toContain('add --source-format csv|jsonl')
    expect(
      await usage(() => params({ ...base, sinkCsv: 'o.csv', csvFlavour: 'raw', sinkTable: 'x' })),
    ).toContain('--sink-table applies to')
    expect(await usage(() => params({ ...base, sinkSqlite: 'o', routeOther: 'rest' }))).toBe(
      '2: --route-other needs at least one --route SOURCE_ID=GROUP.',
    )
    expect(await usage(() => params({ ...base, sinkSqlite: 'o', route: ['nogroup'] }))).toContain(
      '--route nogroup: use SOURCE_ID=GROUP',
    )
    expect(
      await usage(() => params({ ...base, sinkSqlite: 'o', exclusiveGroup: ['male'] })),
    ).toContain('--exclusive-group: ')
    expect(await usage(() => params({ ...base, textColumn: undefined, sinkSqlite: 'o' }))).toBe(
      '2: --text-column, --title-column or --author-column: map at least one text column (content, title or author)',
    )
    expect(
      await usage(() =>
        params({ ...base, sinkSqlite: 'o', model: [{ value: 'm.audmodel', field: 'bogus' }] }),
      ),
    ).toContain('--field: ')
    expect(await usage(() => params({ ...base, sinkSqlite: 'o', batchSize: '0' }))).toContain(
      '--batch-size: ',
    )
    expect(
      await usage(() =>
        params({
          ...base,
          sourceFile: undefined,
          source: ['mysql://u@h:1'],
          table: 't',
          sinkSqlite: 'o',
        }),
      ),
    ).toBe('2: --source mysql://u@h:1 names no schema: end it with /SCHEMA or add --schema.')
    expect(await usage(() => params({ ...base, sinkConnection: 'elsewhere' }))).toBe(
      '2: --sink-connection elsewhere: no connection',
    )
  })
})
