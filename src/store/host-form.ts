import type { HostInput } from '../services/hosts/hosts-service.js';

/** The fields of a host form (the wizard's "Add a host" and the hosts screen), in focus order. */
export const HOST_FIELDS = ['name', 'address', 'user', 'port'] as const;

export type HostFormValues = Record<(typeof HOST_FIELDS)[number], string>;

/**
 * The typed values as a host's fields, or what is wrong with them (the inventory's schema checks the
 * rest: name, address, user). Empty user and port mean "from your ssh config".
 */
export function hostInputOf(values: HostFormValues): { input: HostInput } | { error: { message: string } } {
  const { name, address, user, port } = values;
  const portNumber = port.trim() === '' ? undefined : Number(port.trim());
  if (portNumber !== undefined && (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)) {
    return { error: { message: `"${port}" is not a port: a whole number from 1 to 65535, or empty for 22` } };
  }
  return { input: { name: name.trim(), address: address.trim(), ...(user.trim() ? { user: user.trim() } : {}), ...(portNumber ? { port: portNumber } : {}) } };
}

/**
 * Ink hands a burst of keys (a paste, keys typed faster than they are read) to a text field as one
 * string, line breaks included: they are never part of a value.
 */
export function withoutLineBreaks(text: string): string {
  return text.replace(/[\r\n]/g, '');
}
