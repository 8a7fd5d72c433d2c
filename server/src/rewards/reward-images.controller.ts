import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { rewardImageNotFound } from './rewards.errors';
import { RewardImageStore } from './reward-image-store';

/** The mall's pictures, open to anyone as the mall is: the mini-program's <image> sends no token. */
@ApiTags('rewards')
@Controller('api/v1/reward-images')
export class RewardImagesController {
  constructor(private readonly images: RewardImageStore) {}

  @Get(':file')
  async image(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const image = await this.images.read(file);
    if (!image) throw rewardImageNotFound(file);
    // The name is the content's hash: a changed picture is a new name, so caches may keep this one for good.
    void reply.header('content-type', image.contentType).header('cache-control', 'public, max-age=31536000, immutable');
    return new StreamableFile(image.bytes);
  }
}
