import type { ApiClient } from '../../src-main/api/client'
import type { Core } from '../../src-main/core/create-core'

const TOPICS: Record<string, string[]> = {
  parent: [
    '我的寶寶今天會走路了',
    '帶小孩去公園',
    'my kids love the zoo',
    'school pickup for my son',
    '媽媽手冊',
  ],
  student: [
    '明天期中考好緊張',
    '圖書館讀書到半夜',
    'final exams this week',
    'my professor assigned homework',
    '社團迎新',
  ],
  pet: [
    '我家貓咪好可愛',
    '帶狗狗去散步',
    'my puppy chewed the sofa',
    'the cat sleeps all day',
    '寵物美容',
  ],
}

/** A deterministic labelled corpus: every document mixes one topic's phrases with neutral words. */
export function makeCorpus(perLabel: number): string {
  const lines: string[] = []
  const labels = Object.keys(TOPICS)
  for (let i = 0; i < perLabel; i++) {
    for (const label of labels) {
      const phrases = TOPICS[label]!
      const a = phrases[i % phrases.length]!
      const b = phrases[(i * 7 + 3) % phrases.length]!
      // Some noise and a few ads, so exclusion sets have something to do.
      const ad = i % 10 === 0 ? ' 限時優惠 http://spam.example/x' : ''
      lines.push(JSON.stringify({ text: `${a}，${b} #${i}${ad}`, label }))
    }
  }
  return lines.join('\n') + '\n'
}

/** Imports the corpus as a new dataset through the API and splits it 70/10/20. */
export async function importCorpus(api: ApiClient, core: Core, name: string, perLabel = 40) {
  const { taskId } = await api.call('datasets.startImport', {
    target: { newDataset: { name } },
    source: { content: makeCorpus(perLabel), fileName: 'corpus.jsonl' },
  })
  const task = await core.tasks.settled(taskId)
  if (task.status !== 'SUCCESS') throw new Error(`import failed: ${JSON.stringify(task.error)}`)
  const { datasetId } = (await api.call('tasks.show', { id: taskId })).stats as {
    datasetId: string
  }
  await api.call('datasets.split', {
    id: datasetId,
    seed: 7,
    ratios: { train: 0.7, dev: 0.1, test: 0.2 },
  })
  return datasetId
}
