import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, uuidParam, type AuditSink } from '#app/platform';
import { CurrentActor, fileScope, Roles, type Actor } from '#app/access';
import { DuplicatesService, type DuplicateCandidate } from '../duplicates/duplicates.service.js';
import { CaseErrors } from '../errors.js';
import { ListFilesQuery, type FilePage, type FileView, type PartnerFileView } from './files.dto.js';
import { FilesService } from './files.service.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly duplicates: DuplicatesService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The files one may see (scoped in SQL), newest first, keyset-paginated; filters and search by name, pinyin, initials or exact ID number' })
  list(@CurrentActor() actor: Actor, @Query() query: ListFilesQuery): Promise<FilePage> {
    return this.files.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One file; out of scope answers 404 exactly like a file that does not exist; partners get the minimal view (R16)' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FileView | PartnerFileView> {
    return this.files.get(actor, id);
  }

  @Get(':id/history')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: 'Every step the file took: who, when, from which state to which' })
  history(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.files.history(actor, id);
  }

  @Get(':id/duplicates')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "R4 on demand: people who may be this file's person, with a score and the reasons" })
  async duplicatesOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<DuplicateCandidate[]> {
    const params: unknown[] = [id];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const [person]: {
      person_id: string;
      name: string | null;
      sex: string;
      birth_date_from: string | null;
      birth_date_to: string | null;
      origin_place_code: string | null;
      place_code: string;
    }[] = await this.dataSource.query(
      `SELECT f.person_id, p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
                p.origin_place_code, f.place_code
           FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1 AND ${scope.where}`,
      params,
    );
    if (!person || scope.audience !== 'full') {
      await this.audit.record({ action: 'file.duplicates', outcome: 'denied', entityType: 'victim_file', entityId: id });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    const aliases: { name: string }[] = await this.dataSource.query(`SELECT name FROM person_name WHERE person_id = $1 AND kind <> 'name'`, [person.person_id]);
    const candidates = await this.duplicates.find(this.dataSource.manager, actor, {
      name: person.name,
      aliases: aliases.map((alias) => alias.name),
      sex: person.sex,
      birthFrom: person.birth_date_from,
      birthTo: person.birth_date_to,
      idNumber: null,
      travelDocumentNumber: null,
      placeCode: person.origin_place_code ?? person.place_code,
      excludePersonId: person.person_id,
    });
    await this.audit.record({ action: 'file.duplicates', outcome: 'allowed', entityType: 'victim_file', entityId: id, fileIds: [id] });
    return candidates;
  }
}
