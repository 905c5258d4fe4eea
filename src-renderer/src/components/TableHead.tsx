import type { ReactNode } from 'react'

/** A header cell: plain text, or a label with a class (e.g. numeric columns) and a tooltip. */
export type Column = string | { label: ReactNode; className?: string; title?: string }

interface TableHeadProps {
  /** Falsy entries are columns not shown in this view. */
  columns: readonly (Column | false | null)[]
}

/** The header row of a data table, every cell scoped to its column. */
export function TableHead({ columns }: TableHeadProps) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) =>
          !column ? null : typeof column === 'string' ? (
            <th key={i} scope="col">
              {column}
            </th>
          ) : (
            <th key={i} scope="col" className={column.className} title={column.title}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}

/** A right-aligned numeric column of the models and rules tables. */
export const numeric = (label: ReactNode, title?: string): Column => ({
  label,
  className: 'md-num',
  ...(title ? { title } : {}),
})

/** The unlabelled column of per-row buttons, named for screen readers. */
export const ACTIONS_COLUMN: Column = { label: <span className="visually-hidden">Actions</span> }
