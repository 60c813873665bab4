import { z } from 'zod';

/**
 * Where a recipe's facts come from. No catalog app could be installed on the machine that wrote the
 * recipes (no image registry, no internet), so every fact is read from the app's own documentation or
 * source, and the recipe says where: `owner/repo @ <commit> <path>` (a file at a commit) or an
 * `https://` address of the app's documentation, followed by what it shows.
 */
export const citationSchema = z
  .string()
  .regex(
    /^(https:\/\/\S+|[A-Za-z0-9][\w.-]*\/[\w.-]+ @ [0-9a-f]{7,40} \S+|this repository: \S+)/,
    'a citation: "owner/repo @ <commit> <path>", an https:// address, or "this repository: <path>" (test apps)',
  );

/** The facts a self-hoster has to trust, each with its source. */
export const SOURCE_FACTS = ['image', 'ports', 'paths', 'env', 'probe'] as const;
export type SourceFact = (typeof SOURCE_FACTS)[number];

const cited = z.array(citationSchema).min(1);

export const sourcesSchema = z.strictObject({ image: cited, ports: cited, paths: cited, env: cited, probe: cited });

export type RecipeSources = z.output<typeof sourcesSchema>;
