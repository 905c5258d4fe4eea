/**
 * Generates the demo workspace data in resources/demo deterministically (same output on every run):
 *   audience-posts.jsonl   ~400 annotated posts (doccano JSONL, multi-label: male, female, parent, student)
 *   rules/<label>.txt      keyword rule files (`keyword<TAB>match_type`)
 *   source-posts.csv       ~2,000 unlabeled posts for the predicting screen
 * Run: npx tsx scripts/make-demo-data.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const LABELS = ['male', 'female', 'parent', 'student'] as const
type Label = (typeof LABELS)[number]

/** mulberry32: tiny seeded PRNG so the files never change between runs. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CUES: Record<Label, string[]> = {
  male: [
    '身為男生',
    '我老婆',
    '兄弟們',
    '當兵的時候',
    '我女友',
    'as a guy',
    'my wife',
    'my girlfriend',
    'bros',
    '男生的煩惱',
    '刮鬍刀',
    'beard',
  ],
  female: [
    '身為女生',
    '我老公',
    '姊妹們',
    '我男友',
    '化妝',
    'as a woman',
    'my husband',
    'my boyfriend',
    'girls night',
    '月經',
    '閨蜜',
    'makeup',
  ],
  parent: [
    '我兒子',
    '我女兒',
    '帶小孩',
    '家長會',
    '親子餐廳',
    '尿布',
    'my kids',
    'my son',
    'my daughter',
    'parenting',
    'school run',
    '寶寶',
  ],
  student: [
    '期中考',
    '上課',
    '作業',
    '教授',
    '宿舍',
    '畢業專題',
    'finals week',
    'my professor',
    'homework',
    'campus',
    'midterms',
    '社團',
  ],
}

const TOPICS_ZH = [
  '今天的珍奶太甜了',
  '週末去九份看夕陽',
  '新手機的相機真的很強',
  '颱風天只能在家追劇',
  '這家拉麵排隊排了一小時',
  '捷運又誤點了',
  '最近在學做義大利麵',
  '夜市的臭豆腐還是最好吃',
  '健身房人好多',
  '下雨天心情有點悶',
  '電費帳單嚇到我',
  '咖啡喝太多睡不著',
]
const TOPICS_EN = [
  'the bubble tea was way too sweet today',
  'caught the sunset in Jiufen this weekend',
  'the new phone camera is amazing',
  'typhoon day means binge-watching at home',
  'waited an hour for this ramen',
  'the MRT was late again',
  'learning to cook pasta lately',
  'night market stinky tofu is still the best',
  'the gym was packed',
  'rainy days make me a bit moody',
  'the power bill shocked me',
  'too much coffee, cannot sleep',
]
const ZH_LINKS = ['，', '。', '！', '～']
const ZH_ENDS = ['。', '！', '～', '…']
const EN_ENDS = ['.', '!', ' lol', ' haha', '...', ' 😂']
const AUTHORS = [
  'wanderer_tw',
  '小明',
  'kaohsiung_cat',
  '阿宏',
  'mei.lin',
  'taipei_dad',
  'bookworm88',
  '小雨',
  'coffee_addict',
  '阿凱',
  'night_owl',
  'jenny_wu',
  '大熊',
  'lazy_sunday',
  'tainan_foodie',
  '小潔',
]

interface Post {
  text: string
  labels: Label[]
  author: string
  sourceId: string
  postTime: string
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

function labelSet(rand: () => number): Label[] {
  const gender: Label[] = rand() < 0.45 ? ['male'] : rand() < 0.82 ? ['female'] : []
  const role: Label[] = []
  if (rand() < 0.35) role.push('parent')
  if (rand() < (role.length > 0 ? 0.05 : 0.4)) role.push('student')
  return [...gender, ...role]
}

function compose(rand: () => number, labels: Label[]): string {
  const english = rand() < 0.4
  const cues = labels.map((l) => pick(rand, CUES[l]))
  if (english) {
    const topic = pick(rand, TOPICS_EN)
    const lead = cues.length > 0 ? `${cues.join(', ')} — ` : ''
    return `${lead}${topic}${pick(rand, EN_ENDS)}`
  }
  const topic = pick(rand, TOPICS_ZH)
  const lead = cues.length > 0 ? cues.join(pick(rand, ZH_LINKS)) + pick(rand, ZH_LINKS) : ''
  return `${lead}${topic}${pick(rand, ZH_ENDS)}`
}

function postTime(rand: () => number, index: number): string {
  const start = Date.UTC(2024, 0, 1)
  const at = new Date(start + index * 3_600_000 * 5 + Math.floor(rand() * 3_600_000))
  return at.toISOString().slice(0, 19).replace('T', ' ')
}

function makePosts(count: number, seed: number, prefix: string): Post[] {
  const rand = prng(seed)
  const seen = new Set<string>()
  const posts: Post[] = []
  while (posts.length < count) {
    const labels = labelSet(rand)
    const text = compose(rand, labels)
    if (seen.has(text)) continue
    seen.add(text)
    const n = posts.length + 1
    posts.push({
      text,
      labels,
      author: pick(rand, AUTHORS),
      sourceId: `${prefix}${String(n).padStart(4, '0')}`,
      postTime: postTime(rand, n),
    })
  }
  return posts
}

function ruleFile(label: Label): string {
  const lines = [`# Keywords that suggest "${label}". Format: keyword<TAB>match_type`]
  for (const cue of CUES[label]) lines.push(`${cue}\tpartially`)
  return lines.join('\n') + '\n'
}

const csvCell = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value

function sourceCsv(posts: Post[]): string {
  const header = 'id,author,title,content,source_id,post_time'
  const rows = posts.map((p, i) =>
    [String(i + 1), p.author, p.text.slice(0, 12), p.text, p.sourceId, p.postTime]
      .map(csvCell)
      .join(','),
  )
  return [header, ...rows].join('\n') + '\n'
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo')
mkdirSync(join(root, 'rules'), { recursive: true })
const annotated = makePosts(400, 20240101, 'WH_F')
writeFileSync(
  join(root, 'audience-posts.jsonl'),
  annotated
    .map((p) =>
      JSON.stringify({
        text: p.text,
        label: p.labels,
        author: p.author,
        source_id: p.sourceId,
        post_time: p.postTime,
      }),
    )
    .join('\n') + '\n',
)
for (const label of LABELS) writeFileSync(join(root, 'rules', `${label}.txt`), ruleFile(label))
writeFileSync(join(root, 'source-posts.csv'), sourceCsv(makePosts(2000, 20240202, 'WH_S')))
console.log(
  `wrote ${annotated.length} annotated posts, ${LABELS.length} rule files and 2000 source posts to ${root}`,
)
