// The blue-green update behind the managed Caddy on the lab's Podman host (update-blue-green-suite.ts):
// the copy beside the deployment, the switch and the rollback with podman-compose and Podman's
// `localhost/` image names.
import { blueGreenSuite } from './update-blue-green-suite.js';

blueGreenSuite('podman', 'upd-bgp', 18296, 'bgp.lab.test');
