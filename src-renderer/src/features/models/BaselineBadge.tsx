/** "Below baseline" next to a version's scores; the warning names the trivial guess it fails to beat. */
export function BaselineBadge({ warning }: { warning: string }) {
  return (
    <span className="md-badge-warning" title={warning}>
      <span aria-hidden="true">⚠ </span>below baseline
      <span className="visually-hidden">: {warning}</span>
    </span>
  )
}
