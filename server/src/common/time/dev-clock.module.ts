import { Module } from '@nestjs/common';
import { DevClockController, DevClockGuard } from './dev-clock.controller';

@Module({ controllers: [DevClockController], providers: [DevClockGuard] })
export class DevClockModule {}
