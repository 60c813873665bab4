// Types for the simulator's named formats (formats.mjs), used by the unit tests.
export declare const FORMATS: Record<string, (value: string) => boolean>;
export declare function splitList(text: string): string[];
export declare function parseSize(value: string): number | undefined;
export declare function checkNamedFormat(format: string, value: string): void;
