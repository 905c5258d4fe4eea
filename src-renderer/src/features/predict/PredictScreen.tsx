import { ComingSoon } from '../../components/ComingSoon'

export function PredictScreen() {
  return (
    <ComingSoon
      title="Predict"
      description="Label millions of posts from a MariaDB table with the models you pick, watching progress and sampling results as it runs, with abort and resume."
    />
  )
}
