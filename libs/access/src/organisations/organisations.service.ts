import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, keysetPage, type AuditSink, type Page } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import { isWithin, JurisdictionsService, prefixOf } from '../jurisdictions/jurisdictions.service.js';
import { containsPattern } from '../search.js';
import type { OrganisationView } from './organisation.view.js';
import type { CreateOrganisationDto, ListOrganisationsQuery, UpdateOrganisationDto } from './organisations.dto.js';

const COLUMNS = `o.id, o.name, o.kind, o.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", o.designated, o.active, o.version`;
const FROM = 'organisation o JOIN jurisdiction j ON j.code = o.jurisdiction_code';
const VIEW = `${COLUMNS} FROM ${FROM}`;

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** The directory of organisations. Administrators manage those within their own jurisdiction. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly jurisdictions: JurisdictionsService,
  ) {}

  async create(actor: Actor, input: CreateOrganisationDto): Promise<OrganisationView> {
    if (input.designated && input.kind !== 'hospital') throw AppError.field(AccessErrors.DESIGNATED_ONLY_FOR_HOSPITALS, 'designated');
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.jurisdictions.find(input.jurisdictionCode, manager))) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'jurisdictionCode');
      await this.refuseOutside(actor, input.jurisdictionCode, 'organisation.create');
      let id: string;
      try {
        [{ id }] = await manager.query(`INSERT INTO organisation (name, kind, jurisdiction_code, designated) VALUES ($1, $2, $3, $4) RETURNING id`, [
          input.name.trim(),
          input.kind,
          input.jurisdictionCode,
          input.designated ?? false,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'organisation_name_key')) throw AppError.field(AccessErrors.ORGANISATION_NAME_TAKEN, 'name');
        throw error;
      }
      await this.audit.record({ action: 'organisation.create', outcome: 'allowed', entityType: 'organisation', entityId: id, details: { kind: input.kind } }, manager);
      return (await this.find(id, manager))!;
    });
  }

  async update(actor: Actor, id: string, input: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.findManaged(actor, id, manager);
      if (input.expectedVersion !== undefined && input.expectedVersion !== existing.version) {
        throw new AppError(AccessErrors.STALE_VERSION, { details: { expectedVersion: input.expectedVersion, currentVersion: existing.version } });
      }
      if (input.designated && existing.kind !== 'hospital') throw AppError.field(AccessErrors.DESIGNATED_ONLY_FOR_HOSPITALS, 'designated');
      try {
        await manager.query(
          `UPDATE organisation SET name = COALESCE($2, name), designated = COALESCE($3, designated), active = COALESCE($4, active), version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, input.name?.trim() ?? null, input.designated ?? null, input.active ?? null],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'organisation_name_key')) throw AppError.field(AccessErrors.ORGANISATION_NAME_TAKEN, 'name');
        throw error;
      }
      const { expectedVersion: _seen, ...changes } = input;
      await this.audit.record({ action: 'organisation.update', outcome: 'allowed', entityType: 'organisation', entityId: id, details: { ...changes } }, manager);
      return (await this.find(id, manager))!;
    });
  }

  /** A page of the directory by jurisdiction and name; q finds (part of) a name. One query. */
  list(query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.kind) where.push(`o.kind = $${params.push(query.kind)}`);
    if (query.within) where.push(`o.jurisdiction_code LIKE $${params.push(prefixOf(query.within) + '%')}`);
    if (query.designated) where.push(`o.designated = $${params.push(query.designated === 'true')}`);
    if (query.q) where.push(`o.name ILIKE $${params.push(containsPattern(query.q))}`);
    return keysetPage(
      this.dataSource,
      {
        select: COLUMNS,
        from: FROM,
        where,
        params,
        keys: [
          { expr: 'o.jurisdiction_code', cast: 'text' },
          { expr: 'o.name', cast: 'text' },
          { expr: 'o.id', cast: 'uuid' },
        ],
      },
      query,
      (row: OrganisationView) => row,
    );
  }

  async get(id: string): Promise<OrganisationView> {
    const found = await this.find(id);
    if (!found) throw new AppError(AccessErrors.NOT_FOUND);
    return found;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganisationView | undefined> {
    const rows: OrganisationView[] = await manager.query(`SELECT ${VIEW} WHERE o.id = $1`, [id]);
    return rows[0];
  }

  /** An organisation the administrator manages (within their jurisdiction); 404 otherwise, like one that does not exist. */
  private async findManaged(actor: Actor, id: string, manager: EntityManager): Promise<OrganisationView> {
    const rows: OrganisationView[] = await manager.query(`SELECT ${VIEW} WHERE o.id = $1 AND o.jurisdiction_code LIKE $2 FOR UPDATE OF o`, [
      id,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (!rows[0]) {
      await this.audit.record({ action: 'organisation.update', outcome: 'denied', entityType: 'organisation', entityId: id });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    return rows[0];
  }

  private async refuseOutside(actor: Actor, jurisdictionCode: string, action: string): Promise<void> {
    if (isWithin(jurisdictionCode, actor.jurisdictionCode)) return;
    await this.audit.record({ action, outcome: 'denied', details: { jurisdictionCode, reason: "outside the actor's jurisdiction" } });
    throw new AppError(AccessErrors.OUTSIDE_JURISDICTION, { details: [{ field: 'jurisdictionCode', reason: '超出您的辖区 / outside your jurisdiction' }] });
  }
}
