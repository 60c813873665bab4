// Types for the simulator's schema validation (validate.mjs), used by the unit tests.
export declare const INDEX_LIMITS: Record<string, number>;
export declare function propertySchema(properties: Record<string, unknown>, name: string): Record<string, unknown> | undefined;
export declare function allPropertyNames(properties: Record<string, unknown>): string[];
export declare function perlPattern(pattern: string): RegExp;
export declare function parseBoolean(text: string): 0 | 1 | undefined;
export declare function parsePropertyString(format: Record<string, unknown>, data: string, path: string): Record<string, string | number>;
export declare function checkProp(value: unknown, schema: Record<string, unknown>, path: string, errors: Record<string, string>): void;
export declare function checkObject(path: string, properties: Record<string, unknown>, value: Record<string, unknown>, errors: Record<string, string>): void;
export declare function validateParams(properties: Record<string, unknown>, params: Record<string, unknown>): Record<string, string>;
