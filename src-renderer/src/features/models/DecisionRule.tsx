import { useId } from 'react'

/** How the version turns a text into labels, in the engine's own words (kept in its model file). */
export function DecisionRule({ rule }: { rule: string }) {
  const titleId = useId()
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>How it decides</h3>
      <p>{rule}</p>
    </section>
  )
}
