import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, startTestCore } from '../helpers/core-harness'
import {
  createPostsTable,
  createTestSchema,
  makePosts,
  mariaDbAvailable,
  mariaDbUrl,
  type PostRow,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()

function audience(dataDir: string, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'audience.js'), ...args], {
      env: { ...process.env, AUDIENCE_DATA_DIR: dataDir, AUD_TEST_PW: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.skipIf(!available)('connections CLI and MariaDB preview', () => {
  let harness: Awaited<ReturnType<typeof startTestCore>>
  let schema: { name: string; drop: () => Promise<void> }
  let posts: PostRow[]
  beforeAll(async () => {
    harness = await startTestCore({ seedDemo: false })
    schema = await createTestSchema('aud_prev')
    posts = makePosts(40)
    await createPostsTable(schema.name, posts)
  })
  afterAll(async () => {
    await harness?.close()
    await schema?.drop()
  })

  it('audience connection add | list | test | remove', async () => {
    const dir = harness.dataDir
    const url = mariaDbUrl(schema.name)
    const added = await audience(dir, 'connection', 'add', 'local', url, '--json')
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'local', defaultSchema: schema.name })
    const list = await audience(dir, 'connection', 'list', '--json')
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'local' })])
    const tested = await audience(dir, 'connection', 'test', 'local', '--json')
    expect(tested.code, tested.stderr).toBe(0)
    expect(JSON.parse(tested.stdout)).toMatchObject({ serverVersion: expect.stringMatching(/\d/) })
    const removed = await audience(dir, 'connection', 'remove', 'local')
    expect(removed.code, removed.stderr).toBe(0)
    expect(removed.stdout).toContain('Removed connection local')
    const after = await audience(dir, 'connection', 'list', '--json')
    expect(JSON.parse(after.stdout)).toEqual([])
    const missing = await audience(dir, 'connection', 'test', 'local')
    expect(missing.code).not.toBe(0)
  })

  it('previews a MariaDB source through its mapping, and names unknown columns', async () => {
    const source = {
      kind: 'mariadb' as const,
      connection: { url: mariaDbUrl(schema.name) },
      schema: schema.name,
      table: 'posts',
      columns: { id: 'id', content: 'content', author: 'author', postTime: 'post_time' },
    }
    const preview = await harness.api.call('predict.preview', { source })
    const sorted = [...posts].sort((a, b) => a.id - b.id)
    expect(preview.rows).toHaveLength(10)
    expect(preview.rows[0]).toMatchObject({
      id: String(sorted[0]!.id),
      content: sorted[0]!.content,
      author: sorted[0]!.author,
      postTime: sorted[0]!.postTime,
    })
    expect(preview.estimatedRows).toBeGreaterThan(0)
    await expect(
      harness.api.call('predict.preview', {
        source: { ...source, columns: { id: 'id', content: 'nope' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('nope') })
  })
})
