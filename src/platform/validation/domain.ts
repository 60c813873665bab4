import { domainToASCII } from 'node:url';
import { controlCharacterIn, fail, pass, type Check } from './check.js';
import { parseIpv4 } from './network.js';

// RFC 1123 host names: labels of letters, digits and inner hyphens, 1–63 characters, 253 in all.
const MAX_NAME = 253;
const MAX_LABEL = 63;

/** A host name (one label like `nas`, or dotted like `nas.home.arpa`), lower-cased. */
export function checkHostname(input: string): Check<string> {
  const shape = checkNameShape(input);
  if (shape) return fail(shape);
  if (parseIpv4(input).ok) return fail('this is an IP address, not a host name');
  return checkLabels(input);
}

/**
 * A fully qualified domain name with a TLD, as used for a public URL or an ingress host: no scheme,
 * port or path, each label per RFC 1123, internationalised names in punycode (`xn--…`).
 */
export function checkDomain(input: string): Check<string> {
  const shape = checkNameShape(input);
  if (shape) return fail(shape);
  const checked = checkLabels(input);
  if (!checked.ok) return checked;
  const labels = checked.value.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2) return fail(`"${input}" has no top-level domain; write the full name, e.g. ${input}.example.com`);
  // RFC 3696 §2: a TLD is never all digits; registries only issue letters or punycode.
  if (!/^[a-z]{2,63}$/.test(tld) && !tld.startsWith('xn--')) {
    return fail(`"${tld}" is not a top-level domain (letters only, at least 2)`);
  }
  return checked;
}

/** Problems that make the text not a name at all; undefined when it may be one. */
function checkNameShape(input: string): string | undefined {
  if (input.length === 0) return 'a name is required';
  const control = controlCharacterIn(input);
  if (control) return `contains ${control}`;
  if (/\s/.test(input)) return 'contains a space';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return 'remove the scheme (such as https://): write the name only, e.g. tasks.example.com';
  if (input.includes('/')) return 'remove the path: write the name only, without "/"';
  if (input.includes('@')) return 'this looks like an email address, not a name';
  if (input.includes(':')) return 'remove the port: write the name only, without ":"';
  // DNS, certificates and app configs expect the ASCII (punycode) form of an internationalised name.
  if (/[^\u0000-\u007f]/.test(input)) {
    const ascii = domainToASCII(input);
    return ascii ? `internationalised names must be written in punycode: ${ascii}` : 'contains characters that are not allowed in a name';
  }
  if (input.endsWith('.')) return 'remove the trailing dot';
  if (input.length > MAX_NAME) return `is ${input.length} characters long; a name has at most ${MAX_NAME}`;
  return undefined;
}

function checkLabels(input: string): Check<string> {
  for (const label of input.split('.')) {
    const problem = labelProblem(label);
    if (problem) return fail(problem);
  }
  return pass(input.toLowerCase());
}

function labelProblem(label: string): string | undefined {
  if (label.length === 0) return 'has an empty label (two dots in a row, or a dot at the start)';
  if (label.length > MAX_LABEL) return `the label "${label.slice(0, 12)}…" is ${label.length} characters; a label has at most ${MAX_LABEL}`;
  if (!/^[a-z0-9-]+$/i.test(label)) return `the label "${label}" may only hold letters, digits and hyphens`;
  if (label.startsWith('-') || label.endsWith('-')) return `the label "${label}" must not start or end with a hyphen`;
  // RFC 5891 §4.2.3.1: hyphens in positions 3 and 4 are reserved for ACE prefixes such as xn--.
  if (label.slice(2, 4) === '--') {
    if (label.slice(0, 4).toLowerCase() !== 'xn--') return `the label "${label}" has "--" in positions 3–4, which is reserved for punycode (xn--)`;
    if (domainToASCII(label) === '') return `the label "${label}" is not valid punycode`;
  }
  return undefined;
}
