import type { ProxyHost } from '../../platform/proxy/proxy-host.js';
import type { HostAccess, HostHandle } from './host-access.js';

/** The host running this host's managed reverse proxy (hosts.yaml `proxy`), opened for the provider's context; undefined when none is named. */
export async function proxyHostOf(hosts: HostAccess, handle: HostHandle): Promise<ProxyHost | undefined> {
  if (!handle.proxy) return undefined;
  const proxy = await hosts.open(handle.proxy.host);
  return { name: proxy.name, upstream: handle.proxy.upstream ?? handle.address, address: proxy.address, runner: proxy.runner };
}
