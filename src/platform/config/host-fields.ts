import { z } from 'zod';

/**
 * The inventory's fields that reach ssh and the shell (an address, a user, a jump host) and the tags
 * shown in lists. Each is a plain word: no spaces, newlines, quotes or `$()`, never starting with "-"
 * (which ssh would take as an option: `-oProxyCommand=…`). Messages never quote the value.
 */
const DNS_OR_ALIAS = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?\]?$/;

function refined(schema: z.ZodString, test: (v: string) => boolean, message: string, hint: string) {
  return schema.refine(test, { message, params: { hint } });
}

export function isHostAddress(value: string): boolean {
  return value.length <= 253 && (DNS_OR_ALIAS.test(value) || IPV6.test(value));
}

export const hostAddress = refined(
  z.string().min(1, 'address is required'),
  isHostAddress,
  'not an IP address, DNS name or ssh config alias',
  'an address is an IP (10.0.0.5, fd00::5), a DNS name (nas.lan) or a ~/.ssh/config Host alias: letters, digits, ".", "_", "-", not starting with "-"',
);

/** A POSIX user name (the portable set, at most 32 characters). */
export const posixUser = refined(
  z.string().min(1, 'user is empty'),
  (v) => /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(v),
  'not a user name',
  'a user name is letters, digits, "_", "." and "-", starting with a letter or "_", at most 32 characters',
);

export const tag = refined(
  z.string().min(1, 'a tag is empty'),
  (v) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(v),
  'a tag is not a word',
  'a tag is one word: letters, digits, "_", "." and "-", at most 63 characters',
);

/** `[user@]host[:port]` or an inventory host's name. */
export const jumpSpec = refined(
  z.string().min(1, 'jump is empty'),
  (v) => {
    const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@]+)(?::(\d{1,5}))?$/.exec(v);
    if (!match) return false;
    const [, user, host = '', port] = match;
    return (user === undefined || /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(user)) && isHostAddress(host) && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
  },
  'not a host to jump through',
  'a jump host is an inventory host name or [user@]host[:port], without spaces',
);

/** A path to a private key: any file name, but one line and not an option. */
export const identityFile = refined(
  z.string().min(1, 'identityFile is empty'),
  (v) => !v.startsWith('-') && !/[\0-\x1f\x7f]/.test(v),
  'not a file path',
  'a path to a private key file, on one line, not starting with "-"',
);
