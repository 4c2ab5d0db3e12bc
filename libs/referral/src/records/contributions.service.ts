import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, keysetPage, PlatformErrors, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '#app/access';
import { FileGateway } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { WORKING_STATES } from '../lifecycle.js';
import { ReferralScopes } from '../shared/scopes.js';
import type { ContributionDto } from './records.dto.js';
import type { SupportContributionView } from './records.view.js';

const COLUMNS = `s.id, s.source_kind AS "sourceKind", s.source_name AS "sourceName", s.amount_yuan::float AS "amountYuan", s.in_kind AS "inKind", s.purpose,
  to_char(s.received_on, 'YYYY-MM-DD') AS "receivedOn", s.referral_id AS "referralId", u.display_name AS "recordedBy", o.name AS "recordedByOrganisation",
  s.recorded_at AS "recordedAt"`;
const FROM = 'support_contribution s JOIN user_account u ON u.id = s.recorded_by JOIN organisation o ON o.id = u.organisation_id';

/**
 * R13: funding and in-kind support from organisations and individuals — recorded
 * on the file by those who keep it (through the kernel), or by the social work
 * organisation for the referral it works (in the referral's scope); listed for
 * those who keep the file.
 */
@Injectable()
export class ContributionsService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly scopes: ReferralScopes,
  ) {}

  async addToFile(actor: Actor, fileId: string, input: ContributionDto): Promise<SupportContributionView> {
    check(input);
    return this.gateway.write(actor, fileId, { action: 'support.record' }, async ({ manager, now }) => {
      const id = await this.insert(manager, actor, fileId, null, input, now);
      return { result: await this.one(manager, id), entityType: 'support_contribution', entityId: id };
    });
  }

  async addToReferral(actor: Actor, referralId: string, input: ContributionDto): Promise<SupportContributionView> {
    check(input);
    return this.scopes.asPartner(actor, referralId, 'support.record', async ({ manager, referral, now }) => {
      if (!WORKING_STATES.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const id = await this.insert(manager, actor, referral.file_id, referralId, input, now);
      return { result: await this.one(manager, id), entityType: 'support_contribution', entityId: id, details: { referralId } };
    });
  }

  /** The file's support, in the order it was recorded. */
  async list(actor: Actor, fileId: string, query: PageQuery): Promise<Page<SupportContributionView>> {
    return this.gateway.read(actor, fileId, { action: 'support.list' }, ({ manager }) =>
      keysetPage(
        manager,
        {
          select: COLUMNS,
          from: FROM,
          where: ['s.file_id = $1'],
          params: [fileId],
          keys: [
            { expr: 's.recorded_at', cast: 'timestamptz' },
            { expr: 's.id', cast: 'uuid' },
          ],
        },
        query,
        (row: SupportContributionView) => row,
      ),
    );
  }

  private async insert(manager: EntityManager, actor: Actor, fileId: string, referralId: string | null, input: ContributionDto, now: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO support_contribution (file_id, referral_id, source_kind, source_name, amount_yuan, in_kind, purpose, received_on, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [fileId, referralId, input.sourceKind, input.sourceName, input.amountYuan ?? null, input.inKind ?? null, input.purpose, input.receivedOn, actor.userId, now],
    );
    return id;
  }

  private async one(manager: EntityManager, id: string): Promise<SupportContributionView> {
    const [view]: SupportContributionView[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`, [id]);
    return view;
  }
}

function check(input: ContributionDto): void {
  if (input.amountYuan === undefined && !input.inKind) {
    throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'amountYuan', '请填写金额或实物内容 / give an amount or what was given in kind');
  }
}
