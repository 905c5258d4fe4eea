import { qualified } from '../../db/mariadb'
import type { MariaDbConnection } from '../../db/mariadb'
import type { TableCounts } from '../types'

export const panelTableOf = (table: string) => `${table}_authors`

const panelSql = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  task_id          CHAR(32) CHARACTER SET ascii NOT NULL,
  source_author    VARCHAR(255) NOT NULL,
  label            VARCHAR(64) NOT NULL,
  posts            INT NOT NULL,
  latest_id        VARCHAR(255) NOT NULL,
  latest_post_time DATETIME NULL,
  PRIMARY KEY (task_id, source_author, label)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`

/**
 * The author panel of one output table: per (author, label) one row, the latest post, with the
 * author's post count; inside an exclusive group the label with most posts wins and a tie drops both.
 * Rebuilt from scratch each time, so a resumed task gets the same panel.
 */
export async function buildAuthorPanel(
  c: MariaDbConnection,
  schema: string,
  table: string,
  taskId: string,
  groups: readonly (readonly string[])[],
): Promise<TableCounts> {
  const results = qualified(schema, table)
  const panel = qualified(schema, panelTableOf(table))
  await c.query(panelSql(panel))
  await c.query(`DELETE FROM ${panel} WHERE task_id = ?`, [taskId])
  await c.query(
    `INSERT INTO ${panel} (task_id, source_author, label, posts, latest_id, latest_post_time)
     SELECT task_id, source_author, label, posts, id, post_time FROM (
       SELECT task_id, source_author, label, id, post_time,
         COUNT(*) OVER (PARTITION BY source_author, label) AS posts,
         ROW_NUMBER() OVER (PARTITION BY source_author, label ORDER BY post_time DESC, id DESC) AS rn
       FROM ${results} WHERE task_id = ? AND source_author IS NOT NULL AND source_author <> '') ranked
     WHERE rn = 1`,
    [taskId],
  )
  for (const group of groups) await resolveExclusive(c, panel, taskId, group)
  const [rows] = await c.query(`SELECT COUNT(*) AS n FROM ${results} WHERE task_id = ?`, [taskId])
  const [authors] = await c.query(
    `SELECT COUNT(DISTINCT source_author) AS n FROM ${panel} WHERE task_id = ?`,
    [taskId],
  )
  return {
    table,
    rows: Number((rows as { n: number }[])[0]?.n ?? 0),
    labeledAuthors: Number((authors as { n: number }[])[0]?.n ?? 0),
  }
}

async function resolveExclusive(
  c: MariaDbConnection,
  panel: string,
  taskId: string,
  labels: readonly string[],
) {
  await c.query(
    `DELETE p FROM ${panel} p
     JOIN (
       SELECT best.source_author, best.top, COUNT(*) AS at_top FROM (
         SELECT source_author, MAX(posts) AS top FROM ${panel}
         WHERE task_id = ? AND label IN (?) GROUP BY source_author
       ) best
       JOIN ${panel} q ON q.task_id = ? AND q.source_author = best.source_author AND q.label IN (?) AND q.posts = best.top
       GROUP BY best.source_author, best.top
     ) m ON m.source_author = p.source_author
     WHERE p.task_id = ? AND p.label IN (?) AND (p.posts < m.top OR m.at_top > 1)`,
    [taskId, labels, taskId, labels, taskId, labels],
  )
}
