import { useId, useState } from 'react'
import type { CsvFlavour } from '@api/contract/common'
import type { EvaluationDetail, EvaluationRow } from '@api/contract/models'
import { CsvFlavourHint, CsvFlavourInline } from '../../components/CsvFlavour'
import { downloadWorkspaceFile, isDesktop } from '../../api/download'
import { pickSavePath, ShowInFolder } from '../../components/FilePicker'
import { useStores, usePick } from '../../stores/hooks'
import { ROWS_PAGE_SIZE } from '../../stores/models/state'
import { joinLabels } from '../../lib/format'
import { NONE } from './report'
import { openInAnnotate } from './open-in-annotate'
import { numeric, TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'
import { Checkbox } from '../../components/Checkbox'

/** The score shown for a row: the best score among its predicted labels, else its best score. */
export function rowScore(row: EvaluationRow): number | null {
  const pick = row.predicted.length > 0 ? row.predicted : Object.keys(row.scores)
  let best: number | null = null
  for (const label of pick) {
    const score = row.scores[label]
    if (score !== undefined && (best === null || score > best)) best = score
  }
  return best
}

/** Per-row validation details: filter to errors or to a confusion cell, download, open in Annotate. */
export function EvaluationRows({ evaluation }: { evaluation: EvaluationDetail }) {
  const stores = useStores()
  const { models, ui } = stores
  const {
    rowFilter: filter,
    rows: page,
    rowsLoading: loading,
    busy,
  } = usePick('models', ['rowFilter', 'rows', 'rowsLoading', 'busy'])
  const titleId = useId()
  const hintId = useId()
  const [notice, setNotice] = useState('')
  const [written, setWritten] = useState<string | null>(null)
  const [csvFlavour, setCsvFlavour] = useState<CsvFlavour>('excel')

  const download = async (format: 'csv' | 'jsonl' | 'xlsx') => {
    // The desktop app asks where to save; a browser downloads the copy written under exports/.
    const path = isDesktop()
      ? await pickSavePath('evaluation-export', `validation-${evaluation.id.slice(0, 8)}.${format}`)
      : undefined
    if (path === null) return
    const result = await models.getState().exportEvaluation({
      format,
      csvFlavour,
      ...(path ? { path } : {}),
    })
    if (!result) return
    if (isDesktop() || !result.relativePath) {
      setNotice(`Details written to ${result.path}`)
      setWritten(result.path)
      return
    }
    try {
      await downloadWorkspaceFile(result.relativePath)
      setNotice(`Downloaded ${format.toUpperCase()} details.`)
    } catch (error) {
      ui.getState().showError(error)
    }
  }

  const open = (row: EvaluationRow) => {
    if (row.documentId === null || !evaluation.datasetId) return
    openInAnnotate(stores, evaluation.datasetId, row.documentId)
  }

  const cell = filter.cell
  const total = page?.total ?? 0
  const from = total === 0 ? 0 : filter.offset + 1
  const to = Math.min(total, filter.offset + ROWS_PAGE_SIZE)
  const canOpen = evaluation.datasetId !== null

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h3 id={titleId}>Validation details</h3>
        <div className="button-row">
          <CsvFlavourInline value={csvFlavour} onChange={setCsvFlavour} hintId={hintId} />
          <Button small disabled={busy} onClick={() => void download('csv')}>
            Download CSV
          </Button>
          <Button small disabled={busy} onClick={() => void download('xlsx')}>
            Download xlsx
          </Button>
          <Button small disabled={busy} onClick={() => void download('jsonl')}>
            Download JSONL
          </Button>
        </div>
      </div>
      <CsvFlavourHint id={hintId} />
      <div className="inline-form">
        <Checkbox
          label="Errors only"
          checked={filter.errorsOnly}
          onChange={(checked) => void models.getState().setRowFilter({ errorsOnly: checked })}
        />
        {cell ? (
          <span className="md-chip">
            Cell: gold {cell.gold ?? NONE} → predicted {cell.predicted ?? NONE}
            <Button small onClick={() => void models.getState().setRowFilter({ cell: null })}>
              Show all rows
            </Button>
          </span>
        ) : null}
        <span className="hint" role="status" aria-live="polite">
          {loading ? 'Loading…' : `${from}–${to} of ${total} rows`}
        </span>
      </div>
      {canOpen ? (
        <p className="hint">Open a row to fix its gold label on the Annotate screen.</p>
      ) : null}
      <div className="md-table-wrap">
        <table className="md-table md-rows" aria-labelledby={titleId}>
          <TableHead
            columns={['Id', 'Text', 'Gold', 'Predicted', numeric('Score'), 'Matches', 'Correct']}
          />
          <tbody>
            {(page?.rows ?? []).map((row) => {
              const score = rowScore(row)
              return (
                <tr
                  key={row.id}
                  className={row.correct ? undefined : 'md-row-error'}
                  onClick={canOpen ? () => open(row) : undefined}
                >
                  <td>
                    {canOpen && row.documentId !== null ? (
                      <button
                        type="button"
                        className="md-link"
                        aria-label={`Open document ${row.id} in Annotate`}
                        onClick={(e) => {
                          e.stopPropagation()
                          open(row)
                        }}
                      >
                        {row.id}
                      </button>
                    ) : (
                      row.id
                    )}
                  </td>
                  <td className="md-text">{row.text}</td>
                  <td>{joinLabels(row.gold)}</td>
                  <td>{joinLabels(row.predicted)}</td>
                  <td className="md-num">{score === null ? '—' : score.toFixed(3)}</td>
                  <td>{row.matches.join(', ')}</td>
                  <td>{row.correct ? 'yes' : 'no'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <Button
          small
          disabled={filter.offset === 0 || loading}
          onClick={() =>
            void models
              .getState()
              .setRowFilter({ offset: Math.max(0, filter.offset - ROWS_PAGE_SIZE) })
          }
        >
          Previous rows
        </Button>
        <Button
          small
          disabled={to >= total || loading}
          onClick={() =>
            void models.getState().setRowFilter({ offset: filter.offset + ROWS_PAGE_SIZE })
          }
        >
          Next rows
        </Button>
      </div>
      <p className="hint" role="status">
        {notice} {written ? <ShowInFolder path={written} /> : null}
      </p>
    </section>
  )
}
