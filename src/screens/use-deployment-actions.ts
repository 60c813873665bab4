import { useShallow } from 'zustand/react/shallow';
import type { ActionId } from '../services/lifecycle/action-table.js';
import type { DeploymentRef } from '../services/fleet/fleet-reading.js';
import type { Handlers } from './keymap.js';
import { deploymentActionBindings } from './keymaps.js';
import { useAppState } from './store-context.js';

/**
 * The handlers of the deployment actions' bindings for a target: logs, url and shell act at once; every
 * binding without a `confirm` question runs its action at once (start); every one with it asks it (ConfirmAction shows it) and, on yes, the store runs that
 * action through the fleet source. A new changing action needs no code here, only its keymap entry.
 */
export function useDeploymentActions(target: { ref: DeploymentRef; service?: string | undefined } | undefined): Handlers<ActionId> {
  const { askAction, runAction, openLogs, showUrl, openEdit, openShell } = useAppState(
    useShallow((s) => ({ askAction: s.askAction, runAction: s.runAction, openLogs: s.openLogs, showUrl: s.showUrl, openEdit: s.openEdit, openShell: s.openShell })),
  );
  const handlers: Handlers<ActionId> = {
    logs: () => target && openLogs(target.ref, target.service),
    url: () => target && showUrl(target.ref),
    reconfigure: () => target && void openEdit(target.ref),
    shell: () => target && void openShell(target.ref, target.service),
  };
  for (const binding of deploymentActionBindings) {
    const words = binding.confirm;
    if (handlers[binding.id]) continue;
    if (!words) {
      // A changing action that is not dangerous (start) runs at once.
      handlers[binding.id] = () => {
        if (!target) return;
        const service = binding.perService ? target.service : undefined;
        void runAction(binding.id, target.ref, service ? { service } : {});
      };
      continue;
    }
    handlers[binding.id] = () => {
      if (!target) return;
      const service = binding.perService ? target.service : undefined;
      const question = { what: service ? `service ${service} of ${target.ref.name}` : binding.perService ? `${target.ref.name} (every service)` : target.ref.name, host: target.ref.host };
      const detail = words.detail?.(question);
      askAction({ action: binding.id, ref: target.ref, request: service ? { service } : {}, title: words.title(question), ...(detail ? { detail } : {}) });
    };
  }
  return handlers;
}
