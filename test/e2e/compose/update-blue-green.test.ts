// The blue-green update behind the managed Caddy on the lab's Docker host (update-blue-green-suite.ts).
import { blueGreenSuite } from './update-blue-green-suite.js';

blueGreenSuite('docker', 'upd-bg', 18299, 'bg.lab.test');
