import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sinkSpec } from '../../../../src-main/api/contract/predicting'
import { outputsOf } from '../../../../src-main/core/predicting/outputs'

const TASK = 'a'.repeat(32)
const list = (sink: unknown) =>
  outputsOf(sinkSpec.parse(sink), TASK, '/data').map((o) => `${o.kind} ${o.role} ${o.location}`)

describe('outputsOf', () => {
  it('names an Excel output’s panel workbook', () => {
    expect(list({ kind: 'csv', path: '/o/r.xlsx' })).toEqual([
      'file results /o/r.xlsx',
      'file authors /o/r_authors.xlsx',
      'file staging /o/r.xlsx.sqlite',
    ])
  })

  it('names every routed MariaDB table and its panel, schema-qualified', () => {
    const sink = {
      kind: 'mariadb',
      connection: { connectionId: 'c'.repeat(32) },
      schema: 'out',
      routing: { groups: { A: 'north', B: 'south' }, template: 'p_{group}', otherGroup: 'rest' },
    }
    expect(list(sink)).toEqual([
      'table results out.p_north',
      'table authors out.p_north_authors',
      'table results out.p_south',
      'table authors out.p_south_authors',
      'table results out.p_rest',
      'table authors out.p_rest_authors',
    ])
  })

  it('puts a SQLite output without a path in the workspace’s outputs folder', () => {
    expect(list({ kind: 'sqlite' })[0]).toBe(
      `file database ${join('/data', 'outputs', `${TASK}.sqlite`)}`,
    )
  })
})
