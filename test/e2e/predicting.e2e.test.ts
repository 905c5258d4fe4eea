import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quoteIdent } from '../../src-main/core/predicting/sql/mariadb'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { startBridgeHarness, type BridgeHarness } from '../helpers/bridge-harness'
import { launchBrowser } from '../helpers/browser'
import { createBatchGate } from '../helpers/gate'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'
import { AppShell } from './pages/app-shell'
import { ConnectionsPage } from './pages/connections-page'
import { PredictPage } from './pages/predict-page'

const root = resolve(import.meta.dirname, '..', '..')
const DEMO_CSV = join(root, 'resources', 'demo', 'source-posts.csv')
const RULES = join(root, 'resources', 'demo', 'rules')
/** The demo posts, copied this many times with new ids. */
const COPIES = 2
const BATCH_SIZE = 25
/**
 * Runs are held before writing this batch until the test opens the gate, so abort never races the
 * run; 3 batches of 25 are over 1 % of the 4,000 rows, so the page's whole percent is above 0.
 */
const HELD_BATCH = 3
const PROFILE = 'Local MariaDB'
const TITLE = 'Demo posts by gender'

const available = await mariaDbAvailable()

interface DemoPost {
  id: number
  author: string
  title: string
  content: string
  sourceId: string
  postTime: string
}

async function demoPosts(): Promise<DemoPost[]> {
  const text = await readFile(DEMO_CSV, 'utf8')
  const posts: DemoPost[] = []
  let header = true
  for (const { fields } of readDelimitedText(text, DEMO_CSV)) {
    if (header) {
      expect(fields).toEqual(['id', 'author', 'title', 'content', 'source_id', 'post_time'])
      header = false
      continue
    }
    const [id, author, title, content, sourceId, postTime] = fields
    posts.push({
      id: Number(id),
      author: author ?? '',
      title: title ?? '',
      content: content ?? '',
      sourceId: sourceId ?? '',
      postTime: postTime ?? '',
    })
  }
  return posts
}

/** The demo CSV, COPIES times, as `posts` in a fresh schema: the source a user points the UI at. */
async function loadDemoIntoMariaDb(schema: string): Promise<number> {
  const posts = await demoPosts()
  const conn = await adminConnection()
  try {
    await conn.query(`USE ${quoteIdent(schema)}`)
    await conn.query(`CREATE TABLE posts (
      id BIGINT NOT NULL PRIMARY KEY, author VARCHAR(100) NULL, title VARCHAR(255) NULL,
      content TEXT NULL, source_id VARCHAR(32) NOT NULL, post_time DATETIME NOT NULL,
      KEY post_time (post_time)
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
    for (let copy = 0; copy < COPIES; copy++) {
      const values = posts.map((p) => [
        copy * 100_000 + p.id,
        p.author,
        p.title,
        p.content,
        p.sourceId,
        p.postTime,
      ])
      await conn.query(
        'INSERT INTO posts (id, author, title, content, source_id, post_time) VALUES ?',
        [values],
      )
    }
    // Fresh tables report 0 estimated rows until analyzed; the progress bar needs the estimate.
    await conn.query('ANALYZE TABLE posts')
  } finally {
    conn.destroy()
  }
  return posts.length * COPIES
}

/** The demo CSV, COPIES times with new ids, as a file: the embedded source (no server needed). */
async function writeDemoCsv(path: string): Promise<number> {
  const text = await readFile(DEMO_CSV, 'utf8')
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.length > 0)
  const out = [header]
  for (let copy = 0; copy < COPIES; copy++) {
    // Ids are the first field; the demo CSV never quotes them.
    for (const line of lines)
      out.push(line.replace(/^(\d+)/, (id) => String(copy * 100_000 + Number(id))))
  }
  await writeFile(path, `${out.join('\n')}\n`)
  return lines.length * COPIES
}

const rulesFile = (label: string) => readFile(join(RULES, `${label}.txt`), 'utf8')

describe('predicting through the UI, in Chromium', () => {
  let harness: BridgeHarness
  let browser: Browser
  let page: Page
  let shell: AppShell
  let schema: { name: string; drop: () => Promise<void> } | undefined
  let sourceRows = 0
  const pageErrors: string[] = []
  const gate = createBatchGate()
  const schemaName = () => {
    if (!schema) throw new Error('The MariaDB tests run only when MariaDB is reachable.')
    return schema.name
  }

  beforeAll(async () => {
    if (available) {
      schema = await createTestSchema('e2e_predict')
      sourceRows = await loadDemoIntoMariaDb(schema.name)
    }
    harness = await startBridgeHarness({ testGates: { predictWrite: gate.hook } })
    browser = await launchBrowser()
    const context = await browser.newContext({ colorScheme: 'light' })
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    shell = new AppShell(page)
    await page.goto(harness.url)
    await shell.heading('Datasets').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
    await schema?.drop()
  })

  it.skipIf(!available)(
    'saves a connection, tests it and browses schemas → tables → columns',
    async () => {
      await shell.goto('Connections')
      const connections = new ConnectionsPage(page)
      const target = mariaDbTarget()
      await connections.add({
        name: PROFILE,
        host: target.host,
        port: target.port,
        user: target.user,
        ...(target.password ? { password: target.password } : {}),
        defaultSchema: schemaName(),
      })
      expect(await connections.test(PROFILE)).toMatch(/^Connected: \S*\d+\.\d+.* · [\d.]+ ms/)

      const columns = await connections.columnsOf(PROFILE, schemaName(), 'posts')
      const content = columns.getByRole('row', { name: /^content\b/ })
      expect(await content.textContent()).toContain('text')
      expect(await content.textContent()).toContain('yes')
      expect(await columns.getByRole('row', { name: /^id\b/ }).textContent()).toContain('PRIMARY')
    },
  )

  it.skipIf(!available)(
    'shows a clear error for an unreachable server, then removes that profile',
    async () => {
      const connections = new ConnectionsPage(page)
      await connections.add({
        name: 'Nowhere',
        host: '127.0.0.1',
        port: 1,
        user: 'nobody',
        connectTimeoutMs: 1000,
      })
      const result = await connections.test('Nowhere')
      expect(result).toContain('Failed (UNAVAILABLE)')
      expect(result).toContain('127.0.0.1:1')
      await connections.remove('Nowhere')
      expect(await connections.profile(PROFILE).isVisible()).toBe(true)
    },
  )

  it.skipIf(!available)(
    'checks the form: from must be earlier than to, and nothing starts',
    async () => {
      await shell.goto('Predict')
      const predict = new PredictPage(page)
      await predict.openForm()
      await predict.form.getByLabel('Task title').fill(TITLE)
      const source = predict.source(1)
      await source.getByRole('radio', { name: 'MariaDB table' }).check()
      await predict.choose(source, 'Connection', PROFILE)
      await predict.choose(source, 'Schema', schemaName())
      await predict.choose(source, 'Table', 'posts')
      await predict.mapColumns(
        1,
        {
          'Id column': 'id',
          'Content column': 'content',
          'Title column': 'title',
          'Author column': 'author',
          'Source id column': 'source_id',
          'Post time column': 'post_time',
        },
        false,
      )
      await source.getByLabel('From (inclusive)').fill('2025-01-01')
      await source.getByLabel('To (exclusive)').fill('2024-01-01')
      await predict.start()
      await expect
        .poll(() => predict.fieldErrors.allTextContents())
        .toContain('"To" must be later than "from" (2025-01-01 00:00:00).')
      expect(await page.getByRole('table', { name: 'Predicting tasks' }).count()).toBe(0)
    },
  )

  it.skipIf(!available)('previews 10 mapped rows with the count of rows in the range', async () => {
    const predict = new PredictPage(page)
    const source = predict.source(1)
    await source.getByLabel('From (inclusive)').fill('2024-01-01')
    await source.getByLabel('To (exclusive)').fill('2026-01-01')
    const preview = await predict.preview(1)
    await preview.waitFor()
    expect(await preview.locator('tbody tr').count()).toBe(10)
    expect(await preview.locator('thead').textContent()).toContain('content')
    const count = await source.getByRole('status').textContent()
    expect(count).toBe(
      `${sourceRows.toLocaleString('en-US')} rows to read with this range and filter.`,
    )
  })

  it.skipIf(!available)(
    'starts a task with the demo keyword model and watches it run',
    async () => {
      const predict = new PredictPage(page)
      await predict.setKeywordLabels(1, [
        { label: 'male', keywords: await rulesFile('male') },
        { label: 'female', keywords: await rulesFile('female') },
      ])
      await predict.model(1).getByLabel('Model name').fill('demo-gender')
      await predict.form.getByLabel('Exclusive label groups').fill('male, female')
      await predict.output.getByRole('radio', { name: 'MariaDB schema' }).check()
      await predict.choose(predict.output, 'Connection', PROFILE)
      await predict.choose(predict.output, 'Schema', schemaName())
      await predict.output.getByLabel('Output table').fill('labels')
      await predict.form.getByLabel('Batch size').fill(String(BATCH_SIZE))
      gate.close(HELD_BATCH)

      await predict.form.getByRole('button', { name: 'Estimate rows and time' }).click()
      await expect
        .poll(() => predict.form.getByRole('status', { name: 'Dry-run estimate' }).textContent())
        .toMatch(/About [\d.]+k? rows/)

      await predict.start()
      await predict.progressBar.waitFor({ timeout: 20_000 })
      await predict.form.waitFor({ state: 'detached' })
      await predict.status('RUNNING').waitFor({ timeout: 20_000 })
      await gate.reached()
      await expect.poll(() => predict.percent(), { timeout: 20_000 }).toBeGreaterThan(0)
      expect(await predict.metric('Rate').textContent()).not.toBe('')
      expect(await predict.taskRow(TITLE).isVisible()).toBe(true)
    },
  )

  it.skipIf(!available)(
    'shows samples while it runs (retrying until the first batch lands)',
    async () => {
      const predict = new PredictPage(page)
      await expect
        .poll(() => predict.sampleStatus.textContent(), { timeout: 20_000 })
        .toMatch(/No results yet, retrying|rows, picked at/)
      await expect.poll(() => predict.sampleRows.count(), { timeout: 20_000 }).toBeGreaterThan(0)
      const first = (await predict.sampleRows.first().textContent()) ?? ''
      expect(first).toMatch(/male|female/)
      const perLabel = await predict.perLabel()
      expect(Object.keys(perLabel).length).toBeGreaterThan(0)
    },
  )

  it.skipIf(!available)(
    'aborts the run: ABORTED, an error panel, committed work kept',
    async () => {
      const predict = new PredictPage(page)
      await predict.abortButton.click()
      await predict.status('ABORTED').waitFor({ timeout: 10_000 })
      expect(await predict.errorPanel.textContent()).toContain('Resume continues')
      expect(await predict.percent()).toBeLessThan(100)
      expect(await predict.resumeButton.isEnabled()).toBe(true)
    },
  )

  it.skipIf(!available)(
    'resumes and finishes with the author panel, writing every label once',
    async () => {
      const predict = new PredictPage(page)
      gate.open()
      await predict.resumeButton.click()
      await predict.status('SUCCESS').waitFor({ timeout: 90_000 })
      expect(await predict.percent()).toBe(100)
      await predict.authorPanel.waitFor()
      const facts = (await predict.authorPanel.textContent()) ?? ''
      expect(facts).toContain(`Rows received${sourceRows.toLocaleString()}`)
      const rates = predict.authorPanel.getByRole('table', { name: 'Label rate per table' })
      expect(await rates.getByRole('row', { name: /^labels\b/ }).textContent()).toMatch(/%$/)

      const perLabel = await predict.perLabel()
      expect(perLabel.male).toBeGreaterThan(0)
      expect(perLabel.female).toBeGreaterThan(0)

      // What the page shows is what landed in MariaDB, without a duplicate from the replayed batch.
      const conn = await adminConnection()
      try {
        const [rows] = await conn.query(
          `SELECT label, COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM ${quoteIdent(schemaName())}.labels GROUP BY label`,
        )
        const counts = Object.fromEntries(
          (rows as { label: string; n: number; ids: number }[]).map((r) => {
            expect(Number(r.ids)).toBe(Number(r.n))
            return [r.label, Number(r.n)]
          }),
        )
        expect(counts).toEqual(perLabel)
      } finally {
        conn.destroy()
      }
    },
  )

  it('runs the embedded demo CSV into a CSV file: progress, samples, abort, resume, finish', async () => {
    const csv = join(harness.dataDir, 'demo-posts.csv')
    const out = join(harness.dataDir, 'demo-labels.csv')
    const rows = await writeDemoCsv(csv)
    const title = 'Demo CSV by gender'
    const predict = new PredictPage(page)
    await shell.goto('Predict')
    await predict.openForm()
    await predict.form.getByLabel('Task title').fill(title)
    const source = predict.source(1)
    await source.getByRole('radio', { name: 'CSV or JSONL file' }).check()
    await source.getByLabel('File path').fill(csv)
    await predict.mapColumns(
      1,
      {
        'Id column': 'id',
        'Content column': 'content',
        'Author column': 'author',
        'Source id column': 'source_id',
        'Post time column': 'post_time',
      },
      // The CSV header is read once the path is in: the columns become selects.
      false,
    )
    const preview = await predict.preview(1)
    await preview.waitFor()
    expect(await preview.locator('tbody tr').count()).toBe(10)
    expect(await source.getByRole('status').textContent()).toContain(
      `${rows.toLocaleString('en-US')} rows to read`,
    )

    await predict.setKeywordLabels(1, [
      { label: 'male', keywords: await rulesFile('male') },
      { label: 'female', keywords: await rulesFile('female') },
    ])
    await predict.form.getByLabel('Exclusive label groups').fill('male, female')
    await predict.output.getByRole('radio', { name: 'CSV file' }).check()
    await predict.output.getByLabel('Output file path').fill(out)
    const csvFor = predict.output.getByRole('combobox', { name: 'CSV for' })
    expect(await csvFor.inputValue()).toBe('raw')
    await csvFor.selectOption('excel')
    await predict.form.getByLabel('Batch size').fill('10')
    gate.close(HELD_BATCH * 20)
    await predict.start()
    await predict.progressBar.waitFor({ timeout: 20_000 })

    await predict.status('RUNNING').waitFor({ timeout: 20_000 })
    await gate.reached()
    await expect.poll(() => predict.sampleRows.count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await predict.abortButton.click()
    await predict.status('ABORTED').waitFor({ timeout: 10_000 })
    expect(await predict.percent()).toBeGreaterThan(0)
    expect(await predict.percent()).toBeLessThan(100)
    gate.open()
    await predict.resumeButton.click()
    await predict.status('SUCCESS').waitFor({ timeout: 90_000 })
    await predict.authorPanel.waitFor()
    expect(await predict.authorPanel.textContent()).toContain(
      `Rows received${rows.toLocaleString()}`,
    )
    const perLabel = await predict.perLabel()
    expect(perLabel.male).toBeGreaterThan(0)
    expect(perLabel.female).toBeGreaterThan(0)
    const text = await readFile(out, 'utf8')
    expect(text.startsWith('\uFEFFid,')).toBe(true)
    const written = text.split(/\r?\n/).filter((l) => l.length > 0)
    // One header line, then one line per labeled row: the replayed batch added none.
    expect(written.length - 1).toBe((perLabel.male ?? 0) + (perLabel.female ?? 0))
  })

  it('threw no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([])
  })
})
