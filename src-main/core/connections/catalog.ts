import type { ColumnInfo, SchemaInfo, TableInfo } from '../../api/contract/connections'
import { ApiError } from '../../api/errors'
import type { MariaDbConnection } from '../db/mariadb'

const SYSTEM_SCHEMAS = ['information_schema', 'mysql', 'performance_schema', 'sys']

type Rows<T> = T[]

/** information_schema reads: the only source of table and column names the app trusts. */
export async function listSchemas(conn: MariaDbConnection): Promise<SchemaInfo[]> {
  const [rows] = await conn.query(
    `SELECT s.SCHEMA_NAME AS name, COUNT(t.TABLE_NAME) AS tables
     FROM information_schema.SCHEMATA s
     LEFT JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.SCHEMA_NAME AND t.TABLE_TYPE = 'BASE TABLE'
     WHERE s.SCHEMA_NAME NOT IN (?) GROUP BY s.SCHEMA_NAME ORDER BY s.SCHEMA_NAME`,
    [SYSTEM_SCHEMAS],
  )
  return (rows as Rows<{ name: string; tables: number }>).map((r) => ({
    name: r.name,
    tables: Number(r.tables),
  }))
}

export async function schemaExists(conn: MariaDbConnection, schema: string): Promise<boolean> {
  const [rows] = await conn.query(
    'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [schema],
  )
  return (rows as unknown[]).length > 0
}

export async function listTables(conn: MariaDbConnection, schema: string): Promise<TableInfo[]> {
  if (!(await schemaExists(conn, schema))) {
    throw new ApiError(
      'NOT_FOUND',
      `Schema "${schema}" does not exist. List schemas to see the ones that do.`,
    )
  }
  const [rows] = await conn.query(
    `SELECT t.TABLE_NAME AS name, t.ENGINE AS engine, t.TABLE_ROWS AS estimatedRows,
       (SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.SEQ_IN_INDEX SEPARATOR '\\t')
        FROM information_schema.STATISTICS k
        WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND k.INDEX_NAME = 'PRIMARY') AS pk
     FROM information_schema.TABLES t
     WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY t.TABLE_NAME`,
    [schema],
  )
  type Row = {
    name: string
    engine: string | null
    estimatedRows: number | null
    pk: string | null
  }
  return (rows as Rows<Row>).map((r) => ({
    name: r.name,
    engine: r.engine,
    estimatedRows: Number(r.estimatedRows ?? 0),
    primaryKey: r.pk ? r.pk.split('\t') : [],
  }))
}

export async function listColumns(
  conn: MariaDbConnection,
  schema: string,
  table: string,
): Promise<ColumnInfo[]> {
  const [rows] = await conn.query(
    `SELECT c.COLUMN_NAME AS name, c.COLUMN_TYPE AS type, c.IS_NULLABLE = 'YES' AS nullable,
       (SELECT GROUP_CONCAT(DISTINCT s.INDEX_NAME ORDER BY s.INDEX_NAME SEPARATOR '\\t')
        FROM information_schema.STATISTICS s
        WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME AND s.COLUMN_NAME = c.COLUMN_NAME) AS idx
     FROM information_schema.COLUMNS c
     WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? ORDER BY c.ORDINAL_POSITION`,
    [schema, table],
  )
  type Row = { name: string; type: string; nullable: number; idx: string | null }
  const columns = (rows as Rows<Row>).map((r) => ({
    name: r.name,
    type: r.type,
    nullable: Number(r.nullable) === 1,
    indexes: r.idx ? r.idx.split('\t') : [],
  }))
  if (columns.length === 0) {
    throw new ApiError(
      'NOT_FOUND',
      `Table "${schema}"."${table}" does not exist. List tables to see the ones that do.`,
    )
  }
  return columns
}
