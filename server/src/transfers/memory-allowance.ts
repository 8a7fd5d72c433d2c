import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullCollection: (() => void) | null = null;

/** V8's full collection, exposed on demand (the flag only reaches contexts made after it is set). */
function collectGarbage(): void {
  if (!fullCollection) {
    setFlagsFromString('--expose-gc');
    fullCollection = runInNewContext('gc') as () => void;
  }
  fullCollection();
}

/**
 * Keeps a long export within `allowanceBytes` of the process's size when it began. Between V8's own
 * major collections an export's garbage (row objects, the sheet's XML, the reads' and the zip's dead
 * Buffers) piles up: a million members peaked 157 MB above the server's 164 MB. When the process has
 * grown past its allowance the export asks for a full collection (~10–30 ms) before its next batch;
 * if what is left is legitimately larger (other requests), the ceiling moves up so it never collects in a loop.
 */
export class MemoryAllowance {
  private ceiling: number;

  constructor(private readonly allowanceBytes: number) {
    this.ceiling = process.memoryUsage.rss() + allowanceBytes;
  }

  /** Collects when over the allowance; returns whether it did. */
  keep(): boolean {
    if (process.memoryUsage.rss() <= this.ceiling) return false;
    collectGarbage();
    this.ceiling = Math.max(this.ceiling, process.memoryUsage.rss() + this.allowanceBytes / 2);
    return true;
  }
}
