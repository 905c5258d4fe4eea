import { Screen } from './Screen'

interface ComingSoonProps {
  title: string
  /** One sentence: what this screen will let the user do. */
  description: string
}

/** A screen that later issues fill: says so plainly and shows no made-up data. */
export function ComingSoon({ title, description }: ComingSoonProps) {
  return (
    <Screen title={title}>
      <section className="coming" aria-label={`${title} is coming`}>
        <span className="badge badge-coming">Coming</span>
        <p>{description}</p>
      </section>
    </Screen>
  )
}
