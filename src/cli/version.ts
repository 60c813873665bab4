declare const __HOMELAB_VERSION__: string | undefined;

/** The package version, injected at build time (tests run the sources and see `0.0.0-dev`). */
export const VERSION: string = typeof __HOMELAB_VERSION__ === 'string' ? __HOMELAB_VERSION__ : '0.0.0-dev';
