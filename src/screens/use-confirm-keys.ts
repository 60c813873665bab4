import { confirmKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { useAppState } from './store-context.js';

/** y/n/esc answer the pending question of a screen that can ask one. */
export function useConfirmKeys(isActive: boolean): void {
  const pending = useAppState((s) => s.confirm !== undefined);
  const answer = useAppState((s) => s.answerConfirm);
  useKeymap(confirmKeymap, { yes: () => answer(true), no: () => answer(false) }, { isActive: isActive && pending });
}
