import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { endOfChinaDay } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { FileGateway, type KernelFile } from '#app/case';
import { KIND_RULES, type ReferralKind } from '../kinds.js';
import { INITIAL_REFERRAL_STATE } from '../lifecycle.js';
import { lockReferral, type ReferralDetails } from '../shared/referral-row.js';
import type { CreatedReferralView } from '../views/referral.view.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import { checkReferral } from './referral-rules.js';
import type { CreateReferralDto } from './send.dto.js';
import { SendService } from './send.service.js';

/**
 * Creating a referral through the file's kernel write: the input passes the
 * kinds' rules (referral-rules.ts: R12–R16, R19), then the referral is sent at
 * once or kept as a draft.
 */
@Injectable()
export class CreateReferralService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly sending: SendService,
    private readonly views: ReferralViewsQuery,
  ) {}

  async create(actor: Actor, fileId: string, input: CreateReferralDto): Promise<CreatedReferralView> {
    return this.gateway.write(actor, fileId, { action: 'referral.create', auditRefusals: [AccessErrors.UNKNOWN_ORGANISATION.code] }, async (work) => {
      const { manager, file, today, now } = work;
      const { kind, forcedFrom, details } = await checkReferral(manager, file, today, input);
      const id = await this.insert(manager, actor, file, kind, input, details, now);
      if (input.send) await this.sending.sendIn(work, (await lockReferral(manager, id))!);
      const view: CreatedReferralView = await this.views.referrer(manager, id);
      if (forcedFrom) view.forcedFrom = forcedFrom;
      return { result: view, entityType: 'referral', entityId: id, details: { kind, disclosed: input.disclose ?? [], forcedFrom, sent: input.send ?? false } };
    });
  }

  private async insert(manager: EntityManager, actor: Actor, file: KernelFile, kind: ReferralKind, input: CreateReferralDto, details: ReferralDetails, now: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, green_channel, disclosed, details, accept_by, complete_by,
                             created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
      [
        file.id,
        kind,
        input.organisationId,
        file.responsibleOrganisationId,
        input.purpose,
        INITIAL_REFERRAL_STATE,
        KIND_RULES[kind].greenChannel ?? false,
        input.disclose ?? [],
        JSON.stringify(details),
        input.acceptBy ? endOfChinaDay(input.acceptBy) : null,
        input.completeBy ?? null,
        actor.userId,
        now,
      ],
    );
    await manager.query(`INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id, at) VALUES ($1, 'create', NULL, $2, $3, $4)`, [
      id,
      INITIAL_REFERRAL_STATE,
      actor.userId,
      now,
    ]);
    return id;
  }
}
