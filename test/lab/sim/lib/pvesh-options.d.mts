// Types for the simulator's pvesh options (pvesh-options.mjs), used by the contract tests.
export declare const FORMAT_OPTIONS: Record<string, Record<string, unknown>>;
export declare const METHODS: Record<string, 'GET' | 'POST' | 'PUT' | 'DELETE'>;
