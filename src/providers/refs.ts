import type { z } from 'zod';

/** The zod schema of one provider's refs (the provider-specific part of a deployment record). */
export type RefsSchema = z.ZodType<Record<string, unknown>>;
