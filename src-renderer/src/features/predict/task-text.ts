import { countOf } from '../../lib/plural'

/** "2,112 labels on 2,000 rows: …": why Written can pass Rows read (one output row per label). */
export function writtenNote(written: number, labeled: number): string {
  if (written === 0) return 'No labels written yet.'
  const more = written > labeled ? ', so there can be more labels than rows' : ''
  return `${countOf(written, 'label')} on ${countOf(labeled, 'row')}: each label a row got is one output row${more}.`
}
