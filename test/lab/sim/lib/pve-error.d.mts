// Types for the simulator's PVE-shaped errors (pve-error.mjs), used by the unit tests.
export declare class PveError extends Error {
  constructor(msg: string, extra?: { code?: number; errors?: Record<string, string>; usage?: string; warnings?: string[] });
  code?: number;
  errors?: Record<string, string>;
  usage?: string;
  warnings: string[];
  isParamError(): boolean;
  render(): string;
}
export declare function stringifyError(err: PveError): string;
export declare function paramError(errors: Record<string, string>): PveError;
export declare function dieError(message: string): PveError;
