interface Problem {
  line: number
  message: string
}

interface ProblemListProps {
  /** The list's accessible name. */
  label: string
  problems: readonly Problem[]
}

/** Line-numbered problems found in a file; renders nothing when there are none. */
export function ProblemList({ label, problems }: ProblemListProps) {
  if (problems.length === 0) return null
  return (
    <ul className="problems" aria-label={label}>
      {problems.map((p, i) => (
        <li key={`${p.line}-${i}`}>
          Line {p.line}: {p.message}
        </li>
      ))}
    </ul>
  )
}
