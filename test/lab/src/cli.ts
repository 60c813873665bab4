// Entry point of test/lab/lab.sh: up | down | status | fault <name> <host> [args…].
import { applyFault, FAULTS, type FaultName } from './faults.js';
import { labDown } from './lab-down.js';
import { readSettings } from './lab-settings.js';
import { printStatus } from './lab-status.js';
import { labUp } from './lab-up.js';

const USAGE = `usage: lab.sh up | down | status | fault <${FAULTS.join('|')}> <host> [args]
settings: LAB_PREFIX (hl) LAB_NET (10.200) LAB_EXTRA_HOSTS (0) LAB_STATE_DIR LAB_PVE_VERSION (9|8)`;

async function main(argv: string[]): Promise<number> {
  const settings = readSettings();
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      try {
        await labUp(settings);
        return 0;
      } catch (err) {
        console.error(`lab:up failed: ${err instanceof Error ? err.message : String(err)}\nrun 'npm run lab:down' to clean up what was started`);
        return 1;
      }
    case 'down':
      return (await labDown(settings)).length === 0 ? 0 : 1;
    case 'status':
      return printStatus(settings) ? 0 : 3;
    case 'fault': {
      const [name, host, ...args] = rest;
      if (!name || !host || !(FAULTS as readonly string[]).includes(name)) {
        console.error(USAGE);
        return 2;
      }
      await applyFault(settings, name as FaultName, host, args);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
