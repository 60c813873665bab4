// A private link from one lab host to the db host, for tests of apps whose database is the lab's
// PostgreSQL or MariaDB (an app server on the database's LAN). Lab hosts reach only the root namespace
// (which does not forward), so without it a compose host cannot reach the db host. This is a veth
// pair between the two lab namespaces, with a /30 of the lab's range on it and a host route to the
// db host's address through it; only those two namespaces change, never the machine's own routes.
// Tests create it in beforeAll and remove it at the end (deleting one end removes the pair).
import { execFileSync } from 'node:child_process';
import { labHost, type LabManifest } from './lab.js';

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/** Links `host` to the db host; returns the function that removes the link. */
export function linkToDb(lab: LabManifest, host: string, subnetOctet = 248): () => void {
  const from = labHost(host, lab);
  const db = labHost('db', lab);
  const nsFrom = from.netns;
  const nsDb = db.netns;
  const here = `${lab.prefix}dl${subnetOctet}`;
  const there = `${lab.prefix}dr${subnetOctet}`;
  const remove = () => {
    try {
      ip('-n', nsFrom, 'link', 'del', here);
    } catch {
      // already gone (an earlier run's end removed it, or the lab was rebuilt)
    }
  };
  remove();
  ip('link', 'add', here, 'netns', nsFrom, 'type', 'veth', 'peer', 'name', there, 'netns', nsDb);
  ip('-n', nsFrom, 'addr', 'add', `${lab.net}.${subnetOctet}.1/30`, 'dev', here);
  ip('-n', nsDb, 'addr', 'add', `${lab.net}.${subnetOctet}.2/30`, 'dev', there);
  ip('-n', nsFrom, 'link', 'set', here, 'up');
  ip('-n', nsDb, 'link', 'set', there, 'up');
  ip('-n', nsFrom, 'route', 'add', `${db.address}/32`, 'via', `${lab.net}.${subnetOctet}.2`, 'dev', here);
  return remove;
}
