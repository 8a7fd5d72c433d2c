import { Module } from '@nestjs/common';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeService } from './programme.service';

@Module({ providers: [ProgrammeRepository, ProgrammeService], exports: [ProgrammeService] })
export class ProgrammeModule {}
