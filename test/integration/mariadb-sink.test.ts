import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMariaDbSink } from '../../src-main/core/predicting/sinks/mariadb-sink'
import { qualified } from '../../src-main/core/predicting/sql/mariadb'
import { outputValues } from '../../src-main/core/predicting/sql/output-tables'
import type { OutputRow } from '../../src-main/core/predicting/types'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()
const TASK = 'd'.repeat(32)
const MODELS = ['topics@1', "o'brien\\t@2"]
const TABLES = ['results', 'results_fb']

/** Rows of two models over two tables, with every text column holding what LOAD DATA escapes. */
function outputRows(): OutputRow[] {
  const rows: OutputRow[] = []
  for (let i = 0; i < 400; i++) {
    for (const model of MODELS) {
      rows.push({
        table: TABLES[i % 2]!,
        id: String(1000 + i),
        author: i % 7 === 0 ? null : `作者 ${i % 5}\t\\N`,
        label: i % 3 === 0 ? 'male' : '學生',
        score: ((i - 200) / 401) * (i % 9 === 0 ? 1e-12 : 1),
        model,
        postTime: i % 4 === 0 ? null : '2024-02-29 23:59:59',
        sourceId: i % 5 === 0 ? null : `s${i % 3}`,
        matched: i % 6 === 0 ? null : `a\\b, c\nd, "e"\r, \0`,
      })
    }
  }
  return rows
}

/** As read back: the score as the FLOAT column stores it. */
const asStored = (r: OutputRow) =>
  JSON.stringify(outputValues({ ...r, score: Math.fround(r.score) }, TASK))

describe.runIf(available)('a MariaDB output', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>

  beforeAll(async () => {
    schema = await createTestSchema('aud_sink')
  })
  afterAll(async () => {
    await schema?.drop()
  })

  it('stores every column of rows from two models in two tables as written; a replay adds nothing', async () => {
    const sink = createMariaDbSink({
      target: mariaDbTarget(schema.name),
      schema: schema.name,
      tables: TABLES,
      taskId: TASK,
      idType: 'BIGINT',
    })
    const c = await adminConnection()
    try {
      await sink.prepare()
      const rows = outputRows()
      await sink.write(rows)
      await sink.write(rows.slice(0, 300))
      for (const table of TABLES) {
        const [stored] = await c.query({
          sql: `SELECT CAST(id AS CHAR), task_id, source_author, label, CAST(score AS DOUBLE), model_version,
                  DATE_FORMAT(post_time, '%Y-%m-%d %H:%i:%s'), source_id, matched
                FROM ${qualified(schema.name, table)}`,
          rowsAsArray: true,
        })
        const got = (stored as unknown[][]).map((r) => JSON.stringify(r)).sort()
        const written = rows
          .filter((r) => r.table === table)
          .map(asStored)
          .sort()
        expect(got).toEqual(written)
      }
    } finally {
      c.destroy()
      await sink.close()
    }
  })
})
