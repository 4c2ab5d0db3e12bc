import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import { CurrentActor, type Actor } from '#app/access';
import { ListFilesQuery, type FilePage, type FileView, type PartnerFileView } from './files.dto.js';
import { FilesService } from './files.service.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get()
  @ApiOperation({ summary: 'The files one may see (scoped in SQL), keyset-paginated; partners get the minimal view' })
  list(@CurrentActor() actor: Actor, @Query() query: ListFilesQuery): Promise<FilePage> {
    return this.files.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One file; out of scope answers 404 exactly like a file that does not exist' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FileView | PartnerFileView> {
    return this.files.get(actor, id);
  }
}
