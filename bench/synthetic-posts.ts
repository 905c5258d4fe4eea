/** Deterministic synthetic posts shared by the predicting and training benchmarks. */

/** A seeded linear congruential generator: the same posts on every machine. */
export function random(seed: number) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
}

export const ZH =
  '的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處隊南給色光門即保治北造百規熱領七海口東導器壓志世金增爭濟階油思術極交受聯什認六共權收證改清己美再採轉更單風切打白教速花帶安場身車例真務具萬每目至達走積示議聲報鬥完類八離華名確才科張信馬節話米整空元況今集溫傳土許步群廣石記需段研界拉林律叫且究觀越織裝影算低持音眾書布复容兒須際商非驗連斷深難近礦千週委素技備半辦青省列習響約支般史感勞便團往酸歷市克何除消構府稱太準精值號率族維劃選標寫存候毛親快效斯院查江型眼王按格養易置派層片始卻專狀育廠京識適屬圓包火住調滿縣局照參紅細引聽該鐵價嚴'
export const EN =
  'the of and to in is was for on are with as his they be at one have this from or had by word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find'.split(
    ' ',
  )

/** A post of 50-400 characters: half Chinese characters, half English words. */
export function makeText(next: () => number): string {
  const length = 50 + Math.floor(next() * 351)
  let text = ''
  if (next() < 0.5) while (text.length < length) text += ZH[Math.floor(next() * ZH.length)]!
  else while (text.length < length) text += EN[Math.floor(next() * EN.length)] + ' '
  return text.slice(0, length)
}

export const CUE_LABELS = ['sports', 'finance', 'tech', 'health', 'travel', 'food'] as const

/** Eight words (English posts) and eight characters (Chinese posts) that mark each label. */
const CUES = CUE_LABELS.map((label, l) => ({
  en: Array.from({ length: 8 }, (_, i) => `${label}${i}`),
  zh: Array.from({ length: 8 }, (_, i) => String.fromCharCode(0x9f00 + l * 8 + i)),
}))

/**
 * A labelled post with learnable cues: three of its label's cue words or characters sprinkled in
 * a random post (makeText), and one label in ten replaced by a random one (noise).
 */
export function makeLabelledPost(next: () => number): { text: string; label: string } {
  const l = Math.floor(next() * CUE_LABELS.length)
  const words = makeText(next)
  const zh = words.charCodeAt(0) > 0x2e80
  const cues = zh ? CUES[l]!.zh : CUES[l]!.en
  let text = words
  for (let k = 0; k < 3; k++) {
    const at = Math.floor(next() * text.length)
    const cue = cues[Math.floor(next() * cues.length)]!
    text = zh ? text.slice(0, at) + cue + text.slice(at) : `${text} ${cue}`
  }
  const noisy = next() < 0.1 ? Math.floor(next() * CUE_LABELS.length) : l
  return { text, label: CUE_LABELS[noisy]! }
}

/**
 * The predicting benchmarks' linear model training set: 3,000 posts (makeText) labelled by script
 * and one common word or character. `next` goes on to make the posts to predict.
 */
export function linearTrainingSet(next: () => number): { texts: string[]; labels: string[][] } {
  const texts: string[] = []
  const labels: string[][] = []
  for (let i = 0; i < 3000; i++) {
    const text = makeText(next)
    texts.push(text)
    const zh = /[\u4e00-\u9fff]/.test(text)
    labels.push([
      zh ? (text.includes('的') ? 'zh_de' : 'zh') : text.includes('the') ? 'en_the' : 'en',
    ])
  }
  return { texts, labels }
}
