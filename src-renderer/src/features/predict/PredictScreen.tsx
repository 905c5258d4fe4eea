import { Screen } from '../../components/Screen'
import { usePredict, useStores } from '../../stores/hooks'
import { selectView } from '../../stores/predict/selectors'
import { NewTaskForm } from './NewTaskForm'
import { TaskList } from './TaskList'
import { TaskPage } from './TaskPage'
import { Button } from '../../components/Button'

export function PredictScreen() {
  const { predict } = useStores()
  const view = usePredict(selectView)
  return (
    <Screen
      title="Predict"
      lead="Label every post of a table or file with your models and write the labels out."
      actions={
        <Button
          variant="primary"
          onClick={() => predict.getState().show({ kind: 'new' })}
          disabled={view.kind === 'new'}
        >
          New task
        </Button>
      }
    >
      <TaskList />
      {view.kind === 'new' ? <NewTaskForm key={view.seed?.serial ?? 0} seed={view.seed} /> : null}
      {view.kind === 'task' ? <TaskPage key={view.id} id={view.id} /> : null}
    </Screen>
  )
}
