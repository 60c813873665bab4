import { useAppState } from '../store-context.js';
import { ChoiceList } from './ChoiceList.js';
import type { RecoveryChoice } from '../../store/wizard-install.js';

/** After a failed step: retry, retry with more memory or disk, keep for debugging, or remove what was created. */
export function RecoveryMenu({ isActive }: { isActive: boolean }) {
  const grow = useAppState((s) => s.wizard.form?.state.grow ?? {});
  const host = useAppState((s) => s.wizard.host);
  const choose = useAppState((s) => s.chooseRecovery);
  const growText = Object.entries(grow)
    .map(([id, value]) => `${id}=${value}`)
    .join(', ');
  return (
    <ChoiceList
      choices={[
        { key: 'retry', label: 'Retry the failed step', detail: 'after fixing the cause on the host' },
        growText
          ? { key: 'grow', label: 'Retry with more memory and disk', detail: `removes this attempt, then checks and installs again with ${growText}` }
          : { key: 'grow', label: 'Retry with more memory and disk', disabledReason: 'this provider sets no memory or disk size' },
        { key: 'keep', label: 'Keep it for debugging', detail: `leaves everything on ${host} as it is now` },
        { key: 'undo', label: 'Remove what was created', detail: 'undoes every step done so far' },
      ]}
      onChoose={(key) => choose(key as RecoveryChoice)}
      isActive={isActive}
      height={8}
    />
  );
}
