import { ComingSoon } from '../../components/ComingSoon'

export function AnnotateScreen() {
  return (
    <ComingSoon
      title="Annotate"
      description="Label documents one after another with the keyboard, fast even in datasets of 100,000 documents."
    />
  )
}
