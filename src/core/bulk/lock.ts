import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { l10n } from '../l10n';

export class JournalInUseError extends Error {
  override readonly name = 'JournalInUseError';
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host, since: String(owner.since ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<journal>.lock` (created exclusively), so a second run on the same journal is refused
 * while the first goes on. A lock left by a process that died on this host (a kill -9, a crash)
 * is taken over; one held by a live process, or written on another host, is not.
 * Returns the function that releases it.
 */
export function lockJournal(journalPath: string): () => void {
  const path = `${journalPath}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = readOwner(path);
      const stale = owner !== undefined && owner.host === me.host && !alive(owner.pid);
      if (!stale) {
        const who = owner
          ? l10n.t('process {0} on {1}, since {2}', owner.pid, owner.host, owner.since)
          : l10n.t('another run');
        throw new JournalInUseError(
          l10n.t(
            'The journal {0} is in use by {1}: two runs on one journal are refused. If no run is going on, delete {2}.',
            journalPath,
            who,
            path,
          ),
        );
      }
      unlinkSync(path);
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (readOwner(path)?.pid === me.pid) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
}
