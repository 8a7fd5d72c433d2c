import { Inject, Injectable } from '@nestjs/common';
import { REWARD_IMAGE_PATH, RewardImageUpload } from '@huiyuan/shared-types';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { rewardImageProblem, sniffImage } from './reward-image-rules';
import { rewardImageInvalid } from './rewards.errors';

/** An uploaded image's file name: the content's hash, so the same picture uploaded twice is one file. */
const FILE_NAME = /^[0-9a-f]{32}\.(png|jpg)$/;

export const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg' } as const;

/**
 * The mall's pictures, as files under UPLOADS_DIR/reward-images (by default under the data directory).
 * Several API instances need UPLOADS_DIR on a volume they share.
 */
@Injectable()
export class RewardImageStore {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'uploadsDir'>) {
    this.dir = join(config.uploadsDir, 'reward-images');
  }

  async upload(base64: string): Promise<RewardImageUpload> {
    const bytes = Buffer.from(base64, 'base64');
    const problem = rewardImageProblem(bytes);
    if (problem) throw rewardImageInvalid(problem);
    const facts = sniffImage(bytes) as NonNullable<ReturnType<typeof sniffImage>>;
    const file = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${facts.type === 'png' ? 'png' : 'jpg'}`;
    const path = join(this.dir, file);
    if (!(await this.exists(file))) {
      await mkdir(this.dir, { recursive: true });
      // Written aside and renamed into place, so a reader never sees half a file.
      const partial = `${path}.${randomUUID()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    }
    return { imageUrl: `${REWARD_IMAGE_PATH}${file}`, width: facts.width, height: facts.height, bytes: bytes.length };
  }

  /** The file's bytes and type, or null for a name that is not one of ours or not there. */
  async read(file: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const match = FILE_NAME.exec(file);
    if (!match) return null;
    try {
      return { bytes: await readFile(join(this.dir, file)), contentType: CONTENT_TYPES[match[1] as keyof typeof CONTENT_TYPES] };
    } catch {
      return null;
    }
  }

  /** A reward may point at an uploaded image only once it is here. */
  async exists(file: string): Promise<boolean> {
    if (!FILE_NAME.test(file)) return false;
    return stat(join(this.dir, file)).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}
