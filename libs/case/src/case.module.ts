import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesController } from './files/files.controller.js';
import { FilesService } from './files/files.service.js';
import { CASE_ENTITIES } from './files/victim-file.entity.js';

/** The victim file (libs/case): reads now; intake, the person and the state machine join here. */
@Module({
  imports: [TypeOrmModule.forFeature(CASE_ENTITIES)],
  controllers: [FilesController],
  providers: [FilesService],
  exports: [FilesService],
})
export class CaseModule {}
