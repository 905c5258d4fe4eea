import { useId, useMemo, useState } from 'react'
import type { KeywordMatch, RuleStats } from '@api/contract/rules'
import { useStores, usePick } from '../../stores/hooks'
import { formatPercent } from '../../lib/format'
import { ACTIONS_COLUMN, numeric, TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'

const MATCHES: readonly KeywordMatch[] = ['partially', 'start', 'end', 'exactly']
/** Rows shown per page: a set of thousands of rules stays quick to type in. */
const PAGE = 100

/** The table editor: one row per rule with its live stats. */
export function RuleTable() {
  const { rules } = useStores()
  const {
    draft,
    workbench,
    workbenchRows: sentRows,
    workbenchError: error,
    focusRule: focus,
  } = usePick('rules', ['draft', 'workbench', 'workbenchRows', 'workbenchError', 'focusRule'])
  const titleId = useId()
  const [page, setPage] = useState(0)
  const keyword = draft.kind === 'keyword'
  const noun = keyword ? 'Keyword' : 'Pattern'

  const statsByRow = useMemo(() => {
    const map = new Map<number, RuleStats>()
    for (const stats of workbench?.rules ?? []) {
      const row = sentRows[stats.index]
      if (row !== undefined) map.set(row, stats)
    }
    return map
  }, [workbench, sentRows])

  const pages = Math.max(1, Math.ceil(draft.rules.length / PAGE))
  const current = Math.min(page, pages - 1)
  const start = current * PAGE
  const shown = draft.rules.slice(start, start + PAGE)
  const labels = useMemo(
    () => [...new Set(draft.rules.map((r) => r.label.trim()).filter(Boolean))].sort(),
    [draft.rules],
  )

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h3 id={titleId}>Rules ({draft.rules.length})</h3>
        <Button
          small
          onClick={() => {
            rules.getState().addRule()
            setPage(Math.floor(draft.rules.length / PAGE))
          }}
        >
          Add rule
        </Button>
      </div>
      {error ? (
        <p className="md-alert" role="alert">
          {error}
        </p>
      ) : null}
      <datalist id={`${titleId}-labels`}>
        {labels.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <div className="md-table-wrap">
        <table className="md-table rl-rules" aria-labelledby={titleId}>
          <TableHead
            columns={[
              '#',
              'Label',
              noun,
              keyword && 'Match',
              numeric('Coverage'),
              numeric('Correct'),
              numeric('Incorrect'),
              numeric('Precision'),
              numeric('Overlaps'),
              numeric('Conflicts'),
              ACTIONS_COLUMN,
            ]}
          />
          <tbody>
            {shown.map((rule, offset) => {
              const index = start + offset
              const n = index + 1
              const stats = statsByRow.get(index)
              return (
                <tr key={rule.key} data-focused={focus === index}>
                  <td>{n}</td>
                  <td>
                    <input
                      className="input"
                      aria-label={`Label of rule ${n}`}
                      list={`${titleId}-labels`}
                      value={rule.label}
                      onChange={(e) =>
                        rules.getState().updateRule(index, { label: e.target.value })
                      }
                    />
                  </td>
                  <td>
                    <input
                      className="input mono"
                      aria-label={`${noun} of rule ${n}`}
                      value={rule.pattern}
                      spellCheck={false}
                      onChange={(e) =>
                        rules.getState().updateRule(index, { pattern: e.target.value })
                      }
                    />
                  </td>
                  {keyword ? (
                    <td>
                      <select
                        className="input"
                        aria-label={`Match type of rule ${n}`}
                        value={rule.match}
                        onChange={(e) =>
                          rules
                            .getState()
                            .updateRule(index, { match: e.target.value as KeywordMatch })
                        }
                      >
                        {MATCHES.map((m) => (
                          <option key={m} value={m}>
                            {m}
                          </option>
                        ))}
                      </select>
                    </td>
                  ) : null}
                  <td className="md-num">{stats?.coverage ?? '—'}</td>
                  <td className="md-num">{stats?.correct ?? '—'}</td>
                  <td className="md-num">{stats?.incorrect ?? '—'}</td>
                  <td className="md-num">{stats ? formatPercent(stats.precision) : '—'}</td>
                  <td className="md-num">{stats?.overlaps ?? '—'}</td>
                  <td className="md-num">{stats?.conflicts ?? '—'}</td>
                  <td className="md-actions">
                    <Button
                      small
                      aria-pressed={focus === index}
                      aria-label={`Show matches of rule ${n}`}
                      onClick={() => rules.getState().setFocusRule(focus === index ? null : index)}
                    >
                      Matches
                    </Button>
                    <Button
                      small
                      variant="danger"
                      aria-label={`Delete rule ${n}`}
                      onClick={() => rules.getState().removeRule(index)}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <div className="button-row">
          <Button small disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous rules
          </Button>
          <span className="hint">
            Page {current + 1} of {pages}
          </span>
          <Button small disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next rules
          </Button>
        </div>
      ) : null}
    </section>
  )
}
