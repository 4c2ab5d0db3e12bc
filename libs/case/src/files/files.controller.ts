import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { DuplicateCandidates } from '../duplicates/duplicate.view.js';
import { DuplicatesService } from '../duplicates/duplicates.service.js';
import { CaseErrors } from '../errors.js';
import { HistoryQuery, ListFilesQuery } from './files.dto.js';
import { FilesService } from './files.service.js';
import { FileHistoryEntry, FileListItem, FileView, PartnerFileListItem, PartnerFileView } from './file.view.js';

/** A page of files: the full list item for those who keep the files, the minimal one for the police and partners (R16). */
class FilePage implements Page<FileListItem | PartnerFileListItem> {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(FileListItem) }, { $ref: getSchemaPath(PartnerFileListItem) }],
      discriminator: { propertyName: 'audience', mapping: { full: getSchemaPath(FileListItem), partner: getSchemaPath(PartnerFileListItem) } },
    },
  })
  items!: (FileListItem | PartnerFileListItem)[];

  @ApiProperty({ type: String, nullable: true, description: 'The cursor of the next page; null on the last page' })
  nextCursor!: string | null;
}

@ApiTags('files')
@ApiBearerAuth()
@ApiExtraModels(FileView, PartnerFileView, FileListItem, PartnerFileListItem)
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly duplicates: DuplicatesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The files one may see (scoped in SQL), newest first; filters, and search by name, childhood name, pinyin, initials, file reference or ID number' })
  @ApiOkResponse({ type: FilePage })
  list(@CurrentActor() actor: Actor, @Query() query: ListFilesQuery): Promise<Page<FileListItem | PartnerFileListItem>> {
    return this.files.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One file; out of scope answers 404 exactly like a file that does not exist; the police and partners get the minimal view (R16)' })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(FileView) }, { $ref: getSchemaPath(PartnerFileView) }],
      // The values of `audience` name the schemas (without a mapping, generators take the schema names for them).
      discriminator: { propertyName: 'audience', mapping: { full: getSchemaPath(FileView), partner: getSchemaPath(PartnerFileView) } },
    },
  })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FileView | PartnerFileView> {
    return this.files.get(actor, id);
  }

  @Get(':id/history')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: 'Every step the file took, oldest first: who, when, from which state to which' })
  @ApiOkResponse({ type: PageOf(FileHistoryEntry) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  history(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: HistoryQuery): Promise<Page<FileHistoryEntry>> {
    return this.files.history(actor, id, query);
  }

  @Get(':id/duplicates')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'files_duplicates', summary: "R4 on demand: people who may be this file's person, with a score and the reasons (the best 20)" })
  @ApiOkResponse({ type: DuplicateCandidates })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  async duplicatesOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<DuplicateCandidates> {
    return { candidates: await this.files.readForDuplicates(actor, id, (manager, personId) => this.duplicates.ofPerson(manager, actor, personId)) };
  }
}
