declare const __ASREL_VERSION__: string;

/** The package version, injected at build time; tsx runs (bench) fall back to a dev marker. */
export const ASREL_VERSION: string = typeof __ASREL_VERSION__ !== 'undefined' ? __ASREL_VERSION__ : '0.0.0-dev';
