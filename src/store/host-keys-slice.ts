import type { StateCreator } from 'zustand/vanilla';
import type { NewHostKeyRequest, SshInteraction } from '../platform/ssh/interaction.js';
import type { AppDeps, AppState } from './app-store.js';

/**
 * The SSH layer's questions, answered where the user is. The app's one pool asks `sshUi`: in the
 * wizard its own dialogs answer (`wizardSsh`); on the dashboard, the details and the hosts screen a
 * new host key is asked here (the frame shows the fingerprint), so a host met while polling can be
 * trusted without leaving the screen. A key refused once is not asked about again while the app
 * runs, until the user checks that host again (`forgetRefusedKey`); a passphrase is asked only in the wizard.
 */
export interface HostKeysSlice {
  /** New host keys waiting for a yes or no; the first is on screen. */
  hostKeyQuestions: NewHostKeyRequest[];
  sshUi: SshInteraction;
  answerNewHostKey(accept: boolean): void;
  forgetRefusedKey(host: string): void;
}

export function createHostKeysSlice(_deps: AppDeps): StateCreator<AppState, [], [], HostKeysSlice> {
  return (set, get) => {
    const waiting: ((accept: boolean) => void)[] = [];
    const refused = new Set<string>();
    const sshUi: SshInteraction = {
      confirmNewHostKey: (request) => {
        if (get().route.name === 'wizard') return get().wizardSsh.confirmNewHostKey(request);
        if (refused.has(request.host)) return Promise.resolve(false);
        return new Promise<boolean>((resolve) => {
          waiting.push((accept) => {
            if (!accept) refused.add(request.host);
            resolve(accept);
          });
          set({ hostKeyQuestions: [...get().hostKeyQuestions, request] });
        });
      },
      askPassphrase: (request) => (get().route.name === 'wizard' ? get().wizardSsh.askPassphrase(request) : Promise.resolve(undefined)),
    };
    return {
      hostKeyQuestions: [],
      sshUi,
      answerNewHostKey: (accept) => {
        const answer = waiting.shift();
        set({ hostKeyQuestions: get().hostKeyQuestions.slice(1) });
        answer?.(accept);
      },
      forgetRefusedKey: (host) => void refused.delete(host),
    };
  };
}
