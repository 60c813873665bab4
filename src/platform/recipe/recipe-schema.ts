import { z } from 'zod';
import { lxcSectionSchema } from './lxc-section-schema.js';
import { questionSchema } from './question-schema.js';
import { checkRecipe } from './recipe-checks.js';
import { composeSectionSchema, healthSchema, k3sSectionSchema } from './section-schema.js';
import { sourcesSchema } from './sources-schema.js';

const sizeText = z.string().regex(/^\d+[KMGT]$/, 'a size such as 512M or 8G');

/** The fields of a recipe file before the cross-field checks. */
export const recipeObjectSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'an app id is lower-case letters, digits and -'),
  name: z.string().min(1),
  description: z.string().min(1),
  homepage: z.string().optional(),
  /** A recipe for the test lab only: hidden from `catalog list` unless asked for. */
  test: z.boolean().default(false),
  /** Versions offered, newest first; the first is the default. YAML numbers are read as text. */
  versions: z.array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^[A-Za-z0-9._-]+$/))).min(1),
  /** The versions whose first start migrates the app's data (the version before cannot read it): an update to one backs up the data a rollback must restore. */
  dataMigrations: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  /**
   * Two versions may run side by side on the same data for a while (no migration the old one cannot
   * read, no exclusive lock): an update behind the managed reverse proxy starts the new version beside
   * the old one, gates it, then switches the proxy to it (blue-green), so the app keeps answering.
   */
  blueGreen: z.boolean().optional(),
  /** What the app needs at least; preflight compares the target against it and suggests these. */
  minimums: z.strictObject({ cores: z.number().int().min(1), memory: sizeText, disk: sizeText }),
  questions: z.array(questionSchema).default([]),
  health: healthSchema,
  /** Where each fact (image, ports, paths, env, probe) comes from; the catalog's test requires it of every shipped app. */
  sources: sourcesSchema.optional(),
  compose: composeSectionSchema.optional(),
  'proxmox-lxc': lxcSectionSchema.optional(),
  k3s: k3sSectionSchema.optional(),
});

/** A recipe file, `config/apps/<id>.yaml`. See config/apps/README.md for the format. */
export const recipeSchema = recipeObjectSchema.superRefine(checkRecipe);

export type Recipe = z.output<typeof recipeSchema>;
