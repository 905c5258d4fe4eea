import { ComingSoon } from '../../components/ComingSoon'

export function ModelsScreen() {
  return (
    <ComingSoon
      title="Models"
      description="Train, validate and test classifiers on your datasets in the background, compare their reports and keep versioned models."
    />
  )
}
