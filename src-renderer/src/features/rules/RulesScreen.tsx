import { ComingSoon } from '../../components/ComingSoon'

export function RulesScreen() {
  return (
    <ComingSoon
      title="Rules"
      description="Write keyword and pattern rules and watch live which documents they label and how well they agree with your annotations."
    />
  )
}
