import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, PlatformErrors, type AuditSink } from '#app/platform';
import { AccessErrors, INSTITUTION_KINDS, isWithin, nearestOrganisationSql, type Actor } from '#app/access';
import { CaseErrors, CaseStateMachine, DuplicatesService, LIKELY_DUPLICATE, nextFileReference, PersonService, type ValidatedPerson } from '#app/case';
import type { DiscoveryDto, PoliceHandoverDto } from './intake.dto.js';
import type { IntakeResultView } from './intake.view.js';

export type IntakeResult = IntakeResultView;

interface Organisation {
  id: string;
  kind: string;
  jurisdiction_code: string;
}

/**
 * Intake (R1): a file starts from a police handover — with the police unit,
 * the case number and the materials — or from an institution's own discovery.
 * A likely duplicate (R4) must be confirmed as a new person or linked first.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly persons: PersonService,
    private readonly duplicates: DuplicatesService,
    private readonly stateMachine: CaseStateMachine,
    private readonly clock: Clock,
  ) {}

  async policeHandover(actor: Actor, input: PoliceHandoverDto): Promise<IntakeResult> {
    const { handover } = input;
    if (handover.handoverDate > this.clock.today())
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'handover.handoverDate', '移交日期不能晚于今天 / the handover date is in the future');
    return this.recordingRefusals('file.intake', () =>
      this.dataSource.transaction(async (manager) => {
        const police = await this.organisation(manager, handover.policeOrganisationId);
        if (!police || police.kind !== 'public_security')
          throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'handover.policeOrganisationId', '须为在用的公安机关 / must be an active public security unit');
        if (actor.role === 'police_liaison' && police.id !== actor.organisationId) {
          throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'handover.policeOrganisationId', '公安联络员只能代表本单位移交 / a police liaison hands over for their own unit');
        }
        await this.requirePlace(manager, handover.placeCode, 'handover.placeCode');
        const bureau = await this.receivingBureau(manager, actor, input.responsibleOrganisationId);
        const result = await this.take(manager, actor, input, {
          kind: 'police_handover',
          bureau,
          placeCode: handover.placeCode,
          institutionId: null,
        });
        await manager.query(
          `INSERT INTO intake (file_id, kind, reporting_organisation_id, police_case_number, occurred_on, place_code, materials, circumstances, recorded_by)
         VALUES ($1, 'police_handover', $2, $3, $4, $5, $6, $7, $8)`,
          [
            result.file.id,
            police.id,
            handover.policeCaseNumber,
            handover.handoverDate,
            handover.placeCode,
            JSON.stringify(handover.materials),
            handover.circumstances,
            actor.userId,
          ],
        );
        // The unit that handed the person over keeps the partner view of the file (it reports DNA outcomes and registers households later).
        await manager.query(`INSERT INTO file_access_grant (file_id, organisation_id, source) VALUES ($1, $2, 'police_handover')`, [result.file.id, police.id]);
        await this.audit.record(
          {
            action: 'file.intake',
            outcome: 'allowed',
            entityType: 'victim_file',
            entityId: result.file.id,
            fileIds: [result.file.id],
            details: { kind: 'police_handover', policeOrganisationId: police.id },
          },
          manager,
        );
        return result;
      }),
    );
  }

  async discovery(actor: Actor, input: DiscoveryDto): Promise<IntakeResult> {
    const { discovery } = input;
    if (discovery.discoveredOn > this.clock.today())
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'discovery.discoveredOn', '日期不能晚于今天 / the date is in the future');
    return this.recordingRefusals('file.intake', () =>
      this.dataSource.transaction(async (manager) => {
        const institutionId = actor.role === 'institution_staff' ? actor.organisationId : discovery.institutionId;
        if (!institutionId) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'discovery.institutionId', '请写明发现此人的机构 / name the institution that found the person');
        const institution = await this.organisation(manager, institutionId);
        if (!institution || !INSTITUTION_KINDS.includes(institution.kind as never)) throw AppError.field(CaseErrors.NOT_AN_INSTITUTION, 'discovery.institutionId');
        if (actor.role !== 'institution_staff' && !isWithin(institution.jurisdiction_code, actor.jurisdictionCode)) {
          throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'discovery.institutionId', '须为您辖区内的机构 / must be an institution within your jurisdiction');
        }
        await this.requirePlace(manager, discovery.placeCode, 'discovery.placeCode');
        // Responsibility follows the place the person was found: the bureau serving it, or the nearest one above.
        const bureau = actor.role === 'institution_staff' ? await this.bureauServing(manager, discovery.placeCode) : await this.receivingBureau(manager, actor, undefined);
        const result = await this.take(manager, actor, input, { kind: 'institution_discovery', bureau, placeCode: discovery.placeCode, institutionId: institution.id });
        await manager.query(
          `INSERT INTO intake (file_id, kind, reporting_organisation_id, occurred_on, place_code, circumstances, recorded_by)
         VALUES ($1, 'institution_discovery', $2, $3, $4, $5, $6)`,
          [result.file.id, institution.id, discovery.discoveredOn, discovery.placeCode, discovery.circumstances, actor.userId],
        );
        // The person stays where they were found, from that day: the placement and, with it, the stay the staff record.
        await manager.query(
          `WITH placed AS (
             INSERT INTO placement (file_id, institution_id, from_date, reason, recorded_by) VALUES ($1, $2, $3, $4, $5)
             RETURNING id, file_id, institution_id, from_date
           )
           INSERT INTO institution_stay (file_id, placement_id, institution_id, begins_on) SELECT file_id, id, institution_id, from_date FROM placed`,
          [result.file.id, institution.id, discovery.discoveredOn, '机构主动发现 / found by the institution', actor.userId],
        );
        await this.audit.record(
          {
            action: 'file.intake',
            outcome: 'allowed',
            entityType: 'victim_file',
            entityId: result.file.id,
            fileIds: [result.file.id],
            details: { kind: 'institution_discovery', institutionId: institution.id },
          },
          manager,
        );
        return result;
      }),
    );
  }

  /** An intake naming an organisation outside the caller's reach is a denial, on record after the rollback. */
  private async recordingRefusals<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && (error.code === AccessErrors.UNKNOWN_ORGANISATION.code || error.code === CaseErrors.NOT_AN_INSTITUTION.code)) {
        await this.audit.record({ action, outcome: 'denied', details: { code: error.code, fields: error.details } });
      }
      throw error;
    }
  }

  /** R4 before anything is written: likely duplicates stop the intake until the caller decides. */
  private async take(
    manager: EntityManager,
    actor: Actor,
    input: PoliceHandoverDto | DiscoveryDto,
    where: { kind: 'police_handover' | 'institution_discovery'; bureau: Organisation; placeCode: string; institutionId: string | null },
  ): Promise<IntakeResult> {
    const person: ValidatedPerson = await this.persons.validate(manager, input.person);
    const caseworkerId = await this.caseworker(manager, actor, input.caseworkerId, where.bureau);
    const candidates = await this.duplicates.find(manager, actor, {
      name: input.person.name ?? null,
      aliases: (input.person.aliases ?? []).map((alias) => alias.name),
      sex: person.sex,
      birthFrom: person.birthFrom,
      birthTo: person.birthTo,
      idNumber: person.idNumber,
      travelDocumentNumber: input.person.travelDocument?.number ?? null,
      placeCode: input.person.originPlaceCode ?? where.placeCode,
    });
    const likely = candidates.filter((candidate) => candidate.score >= LIKELY_DUPLICATE);
    const decision = input.duplicateDecision;
    let personId: string;
    let linked = false;
    if (decision?.action === 'link') {
      const target = candidates.find((candidate) => candidate.personId === decision.personId && candidate.files.some((file) => file.inScope));
      if (!target)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'duplicateDecision.personId', '须为您有权查看其档案的候选人 / must be a candidate whose file you may see');
      personId = target.personId;
      linked = true;
    } else {
      if (likely.length > 0 && decision?.action !== 'new_person') throw new AppError(CaseErrors.LIKELY_DUPLICATE, { details: { candidates: likely } });
      personId = await this.persons.create(manager, person);
    }
    const reference = await nextFileReference(manager, where.bureau.jurisdiction_code, this.clock.today());
    const file = await this.stateMachine.open(
      manager,
      {
        reference,
        personId,
        intakeKind: where.kind,
        placeCode: where.placeCode,
        responsibleJurisdictionCode: where.bureau.jurisdiction_code,
        responsibleOrganisationId: where.bureau.id,
        responsibleCaseworkerId: caseworkerId,
        currentInstitutionId: where.institutionId,
      },
      actor,
    );
    return {
      file: { id: file.id, reference: file.reference, state: 'received', version: 1 },
      personId,
      linkedToExistingPerson: linked,
      possibleDuplicates: candidates.filter((candidate) => candidate.score < LIKELY_DUPLICATE),
    };
  }

  private async organisation(manager: EntityManager, id: string): Promise<Organisation | undefined> {
    const rows: Organisation[] = await manager.query('SELECT id, kind, jurisdiction_code FROM organisation WHERE id = $1 AND active', [id]);
    return rows[0];
  }

  private async requirePlace(manager: EntityManager, code: string, field: string): Promise<void> {
    if ((await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [code])).length === 0) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, field);
  }

  /** Civil affairs receives for its own bureau (or one below it); the police names the bureau. */
  private async receivingBureau(manager: EntityManager, actor: Actor, requested: string | undefined): Promise<Organisation> {
    const id = requested ?? (actor.organisationKind === 'civil_affairs_bureau' ? actor.organisationId : undefined);
    if (!id)
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'responsibleOrganisationId', '请写明接收此人的民政部门 / name the civil affairs bureau that receives the person');
    const bureau = await this.organisation(manager, id);
    const allowed = bureau?.kind === 'civil_affairs_bureau' && (actor.role === 'police_liaison' || isWithin(bureau.jurisdiction_code, actor.jurisdictionCode));
    if (!bureau || !allowed)
      throw AppError.field(
        AccessErrors.UNKNOWN_ORGANISATION,
        'responsibleOrganisationId',
        '须为（您辖区内）在用的民政部门 / must be an active civil affairs bureau (within your jurisdiction)',
      );
    return bureau;
  }

  /** The bureau that serves a place: of its own division, else the nearest division above it. */
  private async bureauServing(manager: EntityManager, jurisdictionCode: string): Promise<Organisation> {
    const rows: Organisation[] = await manager.query(
      `SELECT o.id, o.kind, o.jurisdiction_code FROM organisation o WHERE o.id = ${nearestOrganisationSql('$1', `'civil_affairs_bureau'`)}`,
      [jurisdictionCode],
    );
    if (!rows[0]) throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'discovery.placeCode', '该地没有负责的民政部门 / no civil affairs bureau serves this place');
    return rows[0];
  }

  private async caseworker(manager: EntityManager, actor: Actor, requested: string | undefined, bureau: Organisation): Promise<string | null> {
    if (!requested) return actor.role === 'caseworker' && actor.organisationId === bureau.id ? actor.userId : null;
    const rows = await manager.query(`SELECT 1 FROM user_account WHERE id = $1 AND organisation_id = $2 AND role IN ('caseworker', 'supervisor') AND active`, [
      requested,
      bureau.id,
    ]);
    if (rows.length === 0)
      throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'caseworkerId', '须为负责的民政部门的在岗个案工作者 / must be an active caseworker of the responsible bureau');
    return requested;
  }
}
