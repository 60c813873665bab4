// The seconds labapp did not answer while `homelab-tui reconfigure` moved it from one port to another
// on the lab's Docker host (the seed's target: at most 10 s). Needs the lab (npm run lab:up) and a built
// CLI (npm run build). Polls both ports every 100 ms from this machine while the CLI runs; the
// interruption is from the last answer on the old port to the first answer on the new one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labCli } from '../test/support/lab-cli.js';
import { labHost } from '../test/support/lab.js';

const NAME = 'bench-rcfg';
const FROM = 8391;
const TO = 8392;
const TARGET_S = 10;

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(500) });
    return res.status === 200 && (await res.text()) === 'ok';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const address = labHost('docker').address;
  const dir = mkdtempSync(join(tmpdir(), 'hl-bench-rcfg-'));
  const cli = (...args: string[]) => labCli(dir, args);
  try {
    const must = async (...args: string[]) => {
      const run = await cli(...args);
      if (run.code !== 0) throw new Error(`${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
    };
    await must('hosts', 'add', 'docker', '--address', labHost('docker').alias);
    await must('install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', `port=${FROM}`, '--set', `data_dir=/srv/${NAME}/data`, '--yes', '--reuse-data');
    let lastOld = 0;
    let firstNew = 0;
    let polling = true;
    const poll = (async () => {
      while (polling || firstNew === 0) {
        const now = performance.now();
        const [old, next] = await Promise.all([answers(`http://${address}:${FROM}/health`), answers(`http://${address}:${TO}/health`)]);
        if (old) lastOld = now;
        if (next && firstNew === 0) firstNew = now;
        if (!polling && performance.now() - now > 30_000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const start = performance.now();
    const run = await cli('reconfigure', NAME, '--set', `port=${TO}`, '--yes');
    const took = (performance.now() - start) / 1000;
    polling = false;
    await poll;
    if (run.code !== 0) throw new Error(`reconfigure: exit ${run.code}\n${run.stderr}`);
    const down = (firstNew - lastOld) / 1000;
    console.log(JSON.stringify({ from: FROM, to: TO, interruptionSeconds: Number(down.toFixed(1)), targetSeconds: TARGET_S, withinTarget: down <= TARGET_S, commandSeconds: Number(took.toFixed(1)) }));
    console.log(`labapp did not answer for ${down.toFixed(1)} s while its port moved ${FROM} -> ${TO} (target: at most ${TARGET_S} s; the command took ${took.toFixed(1)} s)`);
  } finally {
    await cli('uninstall', NAME, '--yes');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
