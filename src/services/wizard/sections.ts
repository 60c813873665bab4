import { PROVIDER_PREFIXES, PROVIDER_SECTIONS, RESOURCE_QUESTION_IDS } from '../../platform/recipe/provider-questions.js';
import { PROVIDERS } from '../../platform/recipe/provider-ids.js';

// The questions screen groups fields under headings. Recipes have no section field: the ids say it
// (db_* is the database by the catalog's convention, provider questions carry their prefix and
// say which of them size the deployment).

/** The heading a question sits under; `appName` for the app's own questions. */
export function sectionOf(id: string, appName: string): string {
  if (id.startsWith('db_')) return 'Database';
  if (RESOURCE_QUESTION_IDS.has(id)) return 'Resources';
  const provider = PROVIDERS.find((p) => id.startsWith(PROVIDER_PREFIXES[p]));
  return provider ? PROVIDER_SECTIONS[provider] : appName;
}

/** Orders items by the first appearance of their section, keeping their order inside a section. */
export function groupBySection<T extends { section: string }>(items: readonly T[]): T[] {
  const order = [...new Set(items.map((i) => i.section))];
  return order.flatMap((section) => items.filter((i) => i.section === section));
}
