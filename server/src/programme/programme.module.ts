import { Global, Module } from '@nestjs/common';
import { ProgrammeService } from './programme.service';

@Global()
@Module({ providers: [ProgrammeService], exports: [ProgrammeService] })
export class ProgrammeModule {}
