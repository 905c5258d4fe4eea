import iconv from 'iconv-lite'

/** Bytes as a legacy encoder writes them (Excel on Traditional/Simplified Chinese Windows). */
export const cp950 = (text: string): Buffer => iconv.encode(text, 'cp950')
export const gb18030 = (text: string): Buffer => iconv.encode(text, 'gb18030')
export const cp950Decode = (bytes: Buffer): string => iconv.decode(bytes, 'cp950')

/** The file: Chinese headers, `;`-joined labels, punctuation Excel users type. */
export const BIG5_POSTS = [
  'post_id,內容,標籤,作者',
  '1,"今天帶小孩去公園，好開心！",male;parent,阿宏',
  '2,「期中考」好難……還有報告要交。,student,小美',
  '3,老公又加班～只好自己煮：義大利麵、沙拉,female;parent,陳太太',
  '4,捷運又誤點了（第三次）‧‧‧,student;male,阿傑',
].join('\r\n')
