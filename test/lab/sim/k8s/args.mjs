// kubectl SIMULATOR support: kubectl's command line (the flags the provider uses; an unknown flag is
// refused as kubectl refuses it) and label selectors.
import { usage } from './errors.mjs';

const VALUE_FLAGS = new Set(['-n', '--namespace', '-l', '--selector', '-o', '--output', '-f', '--filename', '--field-manager', '--tail', '--since', '-c', '--container', '--raw', '--kubeconfig', '--request-timeout', '--wait', '--timeout', '--replicas']);
const BOOL_FLAGS = new Set(['-i', '-t', '-it', '-ti', '--stdin', '--tty', '--server-side', '--force-conflicts', '--timestamps', '--follow', '--ignore-not-found', '-A', '--all-namespaces', '--prefix', '--all-containers', '--client', '--no-headers']);

export function parseArgs(argv) {
  const flags = {};
  const words = [];
  let rest = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    // `exec POD -- COMMAND…`: everything after `--` is the command.
    if (a === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(0, eq) : a;
      if (BOOL_FLAGS.has(key)) flags[key] = eq > 0 ? a.slice(eq + 1) !== 'false' : true;
      else if (VALUE_FLAGS.has(key)) {
        if (eq > 0) flags[key] = a.slice(eq + 1);
        else {
          // `logs -f` is --follow; everywhere else -f is a file name
          if (key === '-f' && words[0] === 'logs') {
            flags['--follow'] = true;
            continue;
          }
          if (i + 1 >= argv.length) throw usage(`flag needs an argument: '${key.replace(/^-+/, '')}' in ${key}`);
          flags[key] = argv[(i += 1)];
        }
      } else throw usage(`unknown flag: ${key}`);
    } else words.push(a);
  }
  const get = (...keys) => keys.map((k) => flags[k]).find((v) => v !== undefined);
  return { words, flags, rest, namespace: get('-n', '--namespace'), selector: get('-l', '--selector'), output: get('-o', '--output') };
}

/** Whether the object's labels satisfy an equality selector (`k=v,k2=v2`). */
export function matches(object, selector) {
  if (!selector) return true;
  const labels = object.metadata.labels ?? {};
  // Equality-based requirements as kubectl takes them: k=v, k==v, k!=v (absent counts as unequal),
  // k (present), !k (absent).
  return selector.split(',').every((raw) => {
    const term = raw.trim();
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    const ne = term.indexOf('!=');
    if (ne > 0) return labels[term.slice(0, ne)] !== term.slice(ne + 2);
    const eq = term.indexOf('=');
    if (eq < 0) return term in labels;
    return labels[term.slice(0, eq)] === term.slice(term[eq + 1] === '=' ? eq + 2 : eq + 1);
  });
}

