// Types for the simulator's schema loader (api-schema.mjs), used by the unit tests.
export interface Endpoint {
  method: string;
  path: string;
  parameters: { properties?: Record<string, Record<string, unknown>> };
  returns?: unknown;
}
export interface CliEntry {
  usage: string;
  positional: string[];
  options: string[];
  api: string;
}
export interface ApiSchema {
  version: '8' | '9';
  endpoints: Endpoint[];
  cli: CliEntry[];
}
export declare const DEFAULT_SCHEMA_DIR: string;
export declare function loadApiSchema(options?: { schemaDir?: string; version?: string }): ApiSchema;
export declare function findEndpoint(api: ApiSchema, method: string, path: string): { endpoint: Endpoint; pathParams: Record<string, string> } | undefined;
export declare function endpointByTemplate(api: ApiSchema, method: string, template: string): Endpoint;
export declare function cliEntry(api: ApiSchema, command: string): CliEntry | undefined;
export declare function shortUsage(entry: CliEntry): string;
export declare function cliProperties(api: ApiSchema, entry: CliEntry): { properties: Record<string, Record<string, unknown>>; cliOnly: string[] };
