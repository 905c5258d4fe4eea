import { randomBytes } from 'node:crypto'
import { statSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-main/api/errors'
import { quoteIdent } from '../../src-main/core/predicting/sql/mariadb'
import { startTestCore } from '../helpers/core-harness'
import {
  adminConnection,
  createPostsTable,
  createTestSchema,
  makePosts,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()
type Harness = Awaited<ReturnType<typeof startTestCore>>

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? e : null),
  )

describe.skipIf(!available)('connections against MariaDB', () => {
  let harness: Harness
  let schema: { name: string; drop: () => Promise<void> }
  const target = mariaDbTarget()
  const user = `aud_${randomBytes(4).toString('hex')}`
  const secret = `pw-${randomBytes(6).toString('hex')}`

  beforeAll(async () => {
    harness = await startTestCore({ seedDemo: false })
    schema = await createTestSchema('aud_conn')
    await createPostsTable(schema.name, makePosts(20))
    const admin = await adminConnection()
    await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, secret])
    await admin.query(`GRANT ALL ON ${quoteIdent(schema.name)}.* TO ?@'%'`, [user])
    admin.destroy()
  })
  afterAll(async () => {
    await harness?.close()
    await schema?.drop()
    const admin = await adminConnection()
    await admin.query(`DROP USER IF EXISTS ?@'%'`, [user])
    admin.destroy()
  })

  it('stores the password sealed with a 0600 key file, tests and browses', async () => {
    const profile = await harness.api.call('connections.save', {
      name: 'local',
      host: target.host,
      port: target.port,
      user,
      password: secret,
    })
    expect(profile.passwordSource).toBe('stored')
    const keyFile = join(harness.dataDir, 'secret.key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(harness.dataDir, 'workspace.sqlite')).includes(secret)).toBe(false)
    const test = await harness.api.call('connections.test', { id: profile.id })
    expect(test.serverVersion).toMatch(/\d+\.\d+/)
    const schemas = await harness.api.call('connections.listSchemas', { id: profile.id })
    expect(schemas.map((s) => s.name)).toContain(schema.name)
    const tables = await harness.api.call('connections.listTables', {
      id: profile.id,
      schema: schema.name,
    })
    expect(tables).toEqual([expect.objectContaining({ name: 'posts', primaryKey: ['id'] })])
    const columns = await harness.api.call('connections.listColumns', {
      id: profile.id,
      schema: schema.name,
      table: 'posts',
    })
    expect(columns.find((c) => c.name === 'post_time')).toMatchObject({
      nullable: false,
      indexes: ['post_time'],
    })
    expect(
      (
        await codeOf(
          harness.api.call('connections.listTables', { id: profile.id, schema: 'nope_x' }),
        )
      )?.code,
    ).toBe('NOT_FOUND')
    expect(
      (await codeOf(harness.api.call('connections.save', { name: 'LOCAL', host: 'h', user: 'u' })))
        ?.code,
    ).toBe('CONFLICT')
    expect(await harness.api.call('connections.remove', { id: profile.id })).toEqual({
      removed: true,
    })
  })

  it('says what is wrong within the connect timeout', async () => {
    const cases = [
      {
        name: 'wrong-password',
        host: target.host,
        port: target.port,
        user: 'nobody_here',
        password: 'x',
        expect: /wrong user or password/,
      },
      {
        name: 'unreachable',
        host: '127.0.0.1',
        port: 1,
        user: 'root',
        expect: /Nothing accepts connections at 127\.0\.0\.1:1/,
      },
      {
        name: 'unknown-schema',
        host: target.host,
        port: target.port,
        user: target.user,
        defaultSchema: 'no_such_schema_q',
        expect: /does not exist/,
      },
      {
        name: 'silent',
        host: '10.255.255.1',
        port: 3306,
        user: 'root',
        connectTimeoutMs: 500,
        expect: /did not answer within 500 ms|Cannot connect/,
      },
    ]
    for (const { expect: message, ...fields } of cases) {
      const profile = await harness.api.call('connections.save', {
        ...fields,
        ...(target.password && fields.user === target.user ? { password: target.password } : {}),
      })
      const started = Date.now()
      const error = await codeOf(harness.api.call('connections.test', { id: profile.id }))
      expect(error?.code, fields.name).toBe('UNAVAILABLE')
      expect(error?.message, fields.name).toMatch(message)
      expect(Date.now() - started).toBeLessThan((fields.connectTimeoutMs ?? 5000) + 1500)
    }
  })
})
