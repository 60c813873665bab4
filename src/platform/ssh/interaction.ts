/** An unknown host offered this key: may it be trusted (and remembered)? */
export interface NewHostKeyRequest {
  /** The inventory name (or jump spec) being connected. */
  host: string;
  /** The name the key is recorded under: `address` or `[address]:port`. */
  knownHostsName: string;
  keyType: string;
  /** OpenSSH format: `SHA256:` and unpadded base64. */
  fingerprint: string;
}

/** An identity file is encrypted: what is its passphrase? */
export interface PassphraseRequest {
  host: string;
  identityFile: string;
  /** 1 on the first ask; higher after a wrong passphrase. */
  attempt: number;
}

/**
 * The questions the SSH layer may need a person to answer. The app answers with dialogs; the CLI
 * answers from its flags (see cliInteraction) and never waits for input it cannot get.
 */
export interface SshInteraction {
  /** True to trust the key and record it in homelab-tui's known_hosts; false refuses the host. */
  confirmNewHostKey(request: NewHostKeyRequest): Promise<boolean>;
  /** The passphrase, or undefined when nobody can be asked or the user declines. */
  askPassphrase(request: PassphraseRequest): Promise<string | undefined>;
}

/** For scripts and `--yes`: accepts new host keys only when told to, and never asks for a passphrase. */
export function cliInteraction(options: { acceptNewHostKey: boolean }): SshInteraction {
  return {
    confirmNewHostKey: async () => options.acceptNewHostKey,
    askPassphrase: async () => undefined,
  };
}

/** Wraps an interaction to note which hosts had a new key accepted (for `hosts check` reports). */
export function recordingInteraction(inner: SshInteraction): { interaction: SshInteraction; accepted: ReadonlySet<string> } {
  const accepted = new Set<string>();
  return {
    accepted,
    interaction: {
      askPassphrase: (request) => inner.askPassphrase(request),
      confirmNewHostKey: async (request) => {
        const ok = await inner.confirmNewHostKey(request);
        if (ok) accepted.add(request.host);
        return ok;
      },
    },
  };
}
