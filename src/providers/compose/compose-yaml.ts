import { stringify } from 'yaml';
import type { ComposeDocument } from './compose-document.js';

/**
 * The compose file's text. Every string value is double-quoted: docker-compose v1 reads YAML 1.1,
 * where a bare `yes`, `on` or `0755` in an answer would turn into a boolean or a number.
 */
export function composeYaml(document: ComposeDocument, header: readonly string[]): string {
  const body = stringify(document, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  return `${header.map((line) => `# ${line}`).join('\n')}\n${body}`;
}
