import type { Route } from '../store/app-store.js';
import { Dashboard } from './Dashboard.js';
import { Details } from './Details.js';
import { Hosts } from './Hosts.js';
import { Logs } from './Logs.js';
import { Wizard } from './wizard/Wizard.js';

/** The screen for the current route; each feature adds its routes here. */
export function RouteScreen({ route, width, height, isActive }: { route: Route; width: number; height: number; isActive: boolean }) {
  switch (route.name) {
    case 'details':
      return <Details width={width} height={height} isActive={isActive} deployment={route.ref} />;
    case 'logs':
      return <Logs width={width} height={height} isActive={isActive} />;
    case 'hosts':
      return <Hosts width={width} height={height} isActive={isActive} />;
    case 'wizard':
      return <Wizard width={width} height={height} />;
    default:
      return <Dashboard width={width} height={height} isActive={isActive} />;
  }
}
