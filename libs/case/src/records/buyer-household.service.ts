import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, Clock, FieldCipher, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { ID_NUMBER } from '../person/person.service.js';
import { normaliseText } from './buyer-household-text.js';
import { requirePlace, validId } from './protection.service.js';
import type { BuyerHouseholdCorrectionDto, BuyerHouseholdMemberDto, RecordRemovalDto } from './records.dto.js';
import type { RecordChanged, RecordCreated } from './records.view.js';

/**
 * R6: the household that bought the person, as the police established it —
 * members by name, aliases, ID number (verified or not) and address. A member
 * recorded by mistake is corrected or removed with a reason: versioned,
 * audited, and a removed member is kept (no longer counting) with who removed
 * it, when and why.
 */
@Injectable()
export class BuyerHouseholdService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  add(actor: Actor, fileId: string, input: BuyerHouseholdMemberDto): Promise<RecordCreated> {
    const id = this.checked(input);
    return this.gateway.write(actor, fileId, { action: 'buyer_household.record' }, async ({ manager, now }) => {
      if (input.placeCode) await requirePlace(manager, input.placeCode, 'placeCode');
      const sealed = this.cipher.seal(ID_NUMBER, id);
      const [{ id: memberId }]: { id: string }[] = await manager.query(
        `INSERT INTO buyer_household_member (file_id, name, name_normalised, aliases, relation, id_number_cipher, id_number_index, id_number_verified,
                                             address, address_normalised, place_code, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [fileId, ...this.columns(input, sealed), actor.userId, now],
      );
      return { result: { id: memberId }, entityType: 'buyer_household', entityId: memberId };
    });
  }

  /** The member's record replaced by the corrected one. */
  correct(actor: Actor, fileId: string, memberId: string, input: BuyerHouseholdCorrectionDto): Promise<RecordChanged> {
    const id = this.checked(input);
    return this.gateway.write(actor, fileId, { action: 'buyer_household.correct', expectedVersion: input.expectedVersion }, async ({ manager, file, now }) => {
      await this.current(manager, fileId, memberId);
      if (input.placeCode) await requirePlace(manager, input.placeCode, 'placeCode');
      const sealed = this.cipher.seal(ID_NUMBER, id);
      await manager.query(
        `UPDATE buyer_household_member SET name = $3, name_normalised = $4, aliases = $5, relation = $6, id_number_cipher = $7, id_number_index = $8,
                id_number_verified = $9, address = $10, address_normalised = $11, place_code = $12, updated_at = $13
          WHERE id = $1 AND file_id = $2`,
        [memberId, fileId, ...this.columns(input, sealed), now],
      );
      return { result: { id: memberId, fileId, version: file.version }, entityType: 'buyer_household', entityId: memberId, purpose: input.reason };
    });
  }

  remove(actor: Actor, fileId: string, memberId: string, input: RecordRemovalDto): Promise<RecordChanged> {
    return this.gateway.write(actor, fileId, { action: 'buyer_household.remove', expectedVersion: input.expectedVersion }, async ({ manager, file, now }) => {
      await this.current(manager, fileId, memberId);
      await manager.query('UPDATE buyer_household_member SET removed_at = $3, removed_by = $4, removal_reason = $5 WHERE id = $1 AND file_id = $2', [
        memberId,
        fileId,
        now,
        actor.userId,
        input.reason,
      ]);
      return { result: { id: memberId, fileId, version: file.version }, entityType: 'buyer_household', entityId: memberId, purpose: input.reason };
    });
  }

  /** 422 naming the field before anything is written: something to recognise the member by, a valid ID number, a verified one only with a number. */
  private checked(input: BuyerHouseholdMemberDto): string | null {
    if (!input.name && !input.idNumber && !input.address && !input.aliases?.length)
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'name', '请给出姓名、别名、身份证号或地址 / give a name, an alias, an ID number or an address');
    if (input.idNumberVerified && !input.idNumber) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', '核实须有身份证号 / a verified ID needs the number');
    return input.idNumber ? validId(input.idNumber, 'idNumber', this.clock.today()) : null;
  }

  private columns(input: BuyerHouseholdMemberDto, sealed: { cipher: Buffer | null; index: Buffer | null }): unknown[] {
    return [
      input.name ?? null,
      input.name ? normaliseText(input.name) : null,
      input.aliases ?? [],
      input.relation ?? null,
      sealed.cipher,
      sealed.index,
      !!input.idNumberVerified,
      input.address ?? null,
      input.address ? normaliseText(input.address) : null,
      input.placeCode ?? null,
    ];
  }

  /** The member, locked; a removed one answers like one that does not exist. */
  private async current(manager: EntityManager, fileId: string, memberId: string): Promise<void> {
    const found = await manager.query('SELECT 1 FROM buyer_household_member WHERE id = $1 AND file_id = $2 AND removed_at IS NULL FOR UPDATE', [memberId, fileId]);
    if (found.length === 0) throw new AppError(CaseErrors.RECORD_NOT_FOUND, { details: { memberId } });
  }
}
