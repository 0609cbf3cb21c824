// The build this phone runs, as the build stamps it (vite.config.ts and sw/build.ts define
// __FASTCHECK_APP_VERSION__ from scripts/app-version.ts); "dev" where nothing stamped it (tests).
declare const __FASTCHECK_APP_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __FASTCHECK_APP_VERSION__ === 'string' ? __FASTCHECK_APP_VERSION__ : 'dev';
