import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Root enters any folder whatever its mode, so "cannot be read" is tried as the user nobody. */
export const IS_ROOT = process.getuid?.() === 0;
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync);
const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/**
 * Whether a test of unreadable paths can run: as a user, always; as root, only when nobody can
 * run the CLI at all, which is not so when the clone sits in a folder only root can enter.
 */
export function unreadablePathsTestable(bin: string): boolean {
    if (!IS_ROOT) return true;
    return SETPRIV !== undefined && spawnSync(SETPRIV, [...AS_NOBODY, process.execPath, bin, '--version'], { encoding: 'utf8' }).status === 0;
}

/** The command line that runs the CLI as a user who is not root. */
export function asUser(bin: string, args: string[]): string[] {
    return [...(IS_ROOT ? [SETPRIV!, ...AS_NOBODY] : []), process.execPath, bin, ...args];
}

/** The title of such a test, saying why it is skipped where it is. */
export function unreadableTitle(title: string, testable: boolean): string {
    return testable ? title : `${title} (SKIPPED: running as root, and the user nobody cannot run the CLI from where this clone sits)`;
}
