// The version a build stamps into the page and the service worker (__FASTCHECK_APP_VERSION__,
// read by phone/app-version.ts): the package version and the commit it was built from, so
// the devices board tells an old build from a new one. Without git, the package version alone.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function appVersion(root: string): string {
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=8', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{4,40}$/.test(commit) ? `${version}+${commit}` : version;
  } catch {
    return version;
  }
}

/** The bundlers' `define` entry that stamps it. */
export const appVersionDefine = (root: string) => ({ __FASTCHECK_APP_VERSION__: JSON.stringify(appVersion(root)) });
