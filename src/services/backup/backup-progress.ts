import type { Command } from '../../platform/runner/command-runner.js';
import type { BackupProgress } from './backup-api.js';

/** The bytes of a folder's files (`du --apparent-size`): about the size of its tar, for a percentage. */
export function folderBytesCommand(folder: string): Command {
  return { argv: ['du', '-s', '--apparent-size', '--block-size=1', '--', folder], elevated: true, timeoutMs: 120_000 };
}

/** The first number of `du`'s output, or undefined. */
export function parseFolderBytes(stdout: string): number | undefined {
  const match = /^(\d+)\s/.exec(stdout.trim() + ' ');
  return match ? Number(match[1]) : undefined;
}

const MIB = 2 ** 20;

function size(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
  // A small app's data (the lab's) reads as KiB rather than 0.0 MiB.
  return bytes < MIB ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / MIB).toFixed(1)} MiB`;
}

/** One progress line: `data/0.tar: 512.0 MiB of about 1.00 GiB (50%)`; a tar's headers can take it past its total, so it stays below 100 until done. */
export function progressLine(progress: BackupProgress): string {
  if (progress.total === undefined || progress.total <= 0) return `${progress.member}: ${size(progress.bytes)}`;
  const percent = Math.min(99, Math.floor((progress.bytes / progress.total) * 100));
  // Past the estimate (a tar is at least 10 KiB, however small the files): the estimate was low, never "10 KiB of about 0.1 KiB".
  return `${progress.member}: ${size(progress.bytes)} of about ${size(Math.max(progress.total, progress.bytes))} (${percent}%)`;
}

/**
 * Passes progress on to `print` at most once per `step` percent of a member's total (or per 64 MiB
 * when there is no total), so a log or a terminal gets a handful of lines, not one per chunk.
 */
export function throttledProgress(print: (line: string) => void, step = 10): (progress: BackupProgress) => void {
  let member = '';
  let last = -1;
  return (progress) => {
    if (progress.member !== member) {
      member = progress.member;
      last = -1;
    }
    const mark = progress.total ? Math.floor(((progress.bytes / progress.total) * 100) / step) : Math.floor(progress.bytes / (64 * MIB));
    if (mark === last) return;
    last = mark;
    print(progressLine(progress));
  };
}
