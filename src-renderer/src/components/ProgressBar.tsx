interface ProgressBarProps {
  /** The bar's accessible name, e.g. "Progress of Training". */
  label: string
  /** Whole percent, or null when the total is unknown (an indeterminate bar). */
  percent: number | null
  className?: string
}

/** The one progress bar markup: screen readers hear the percent or "Progress unknown". */
export function ProgressBar({ label, percent, className }: ProgressBarProps) {
  const classes = ['progress', className, percent === null ? 'progress-indeterminate' : null]
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? 'Progress unknown' : `${percent} %`}
    >
      <div className="progress-bar" style={{ width: `${percent ?? 100}%` }} />
    </div>
  )
}
