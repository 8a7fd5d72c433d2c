import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Exports and uploaded imports are kept this long, then deleted by the cleanup job. */
export const TRANSFER_FILE_TTL_MS = 24 * 3600_000;

/**
 * Where transfer files live: DATA_DIR/transfers/{exports,imports}. Names carry a random part, and
 * only the relative path is stored, so a row can never point the download outside this folder.
 */
@Injectable()
export class TransferFiles {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'dataDir'>) {
    this.root = resolve(config.dataDir, 'transfers');
  }

  async newPath(kind: 'exports' | 'imports', id: number, extension: string): Promise<string> {
    await mkdir(join(this.root, kind), { recursive: true });
    return `${kind}/${id}-${randomBytes(6).toString('hex')}.${extension}`;
  }

  absolute(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new Error(`transfer file ${relative} is outside ${this.root}`);
    return path;
  }

  /** A file is written beside its final name and renamed when complete, so a download never gets half a file. */
  partial(relative: string): string {
    return `${this.absolute(relative)}.part`;
  }

  async complete(relative: string): Promise<void> {
    await rename(this.partial(relative), this.absolute(relative));
  }

  async remove(relative: string): Promise<void> {
    await rm(this.absolute(relative), { force: true });
    await rm(this.partial(relative), { force: true });
  }
}
