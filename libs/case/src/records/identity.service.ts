import { Injectable } from '@nestjs/common';
import { AppError, Clock, FieldCipher, Outbox, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { nameForms } from '../person/names.js';
import { ID_NUMBER } from '../person/person.service.js';
import { checkResidentId } from '../person/resident-id.js';
import type { IdentityDto } from './records.dto.js';
import type { IdentityConfirmed } from './records.view.js';

/**
 * The identity of someone who came unidentified, established at last — by a
 * police DNA match (R10), the police, documents or the registration (R11) —
 * with how it is known. Tracing and the household clock stop for them
 * (file.identity_confirmed). Versioned: it replaces what the file said.
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  confirm(actor: Actor, fileId: string, input: IdentityDto): Promise<IdentityConfirmed> {
    const check = checkResidentId(input.idNumber, this.clock.today());
    if (!check.valid) throw AppError.field(CaseErrors.INVALID_ID_NUMBER, 'idNumber', check.reason);
    const facts = check.facts;
    return this.gateway.write(actor, fileId, { action: 'identity.confirm', expectedVersion: input.expectedVersion }, async ({ manager, file, now }) => {
      const { person } = file;
      if (person.identityStatus === 'confirmed') throw new AppError(CaseErrors.IDENTITY_CONFIRMED);
      if (person.nationality && person.nationality !== 'CN') {
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', '居民身份证号码只属于中国公民 / a resident ID number belongs to a Chinese national');
      }
      if (person.sex !== 'unknown' && person.sex !== facts.sex) {
        throw AppError.field(
          PlatformErrors.VALIDATION_FAILED,
          'idNumber',
          `身份证号码显示性别为 ${facts.sex}，档案为 ${person.sex} / the ID number says ${facts.sex}, the file ${person.sex}`,
        );
      }
      const sealed = this.cipher.seal(ID_NUMBER, facts.number);
      // R4: one person, one file — an ID already on another person is a duplicate to resolve, not a second identity.
      const taken = await manager.query('SELECT 1 FROM person WHERE id_number_index = $1 AND id <> $2', [sealed.index, file.personId]);
      if (taken.length > 0) throw AppError.field(CaseErrors.IDENTITY_ON_ANOTHER_PERSON, 'idNumber');
      await manager.query(
        `UPDATE person SET identity_status = 'confirmed', id_number_cipher = $2, id_number_index = $3, sex = $4, birth_date_from = $5, birth_date_to = $5,
                name = coalesce($6, name), updated_at = now() WHERE id = $1`,
        [file.personId, sealed.cipher, sealed.index, facts.sex, facts.birthDate, input.name?.trim() ?? null],
      );
      if (input.name) {
        // The name they were known by stays searchable as an alias.
        await manager.query(`UPDATE person_name SET kind = 'alias' WHERE person_id = $1 AND kind = 'name'`, [file.personId]);
        const forms = nameForms(input.name.trim(), true);
        await manager.query('INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials) VALUES ($1, $2, $3, $4, $5, $6)', [
          file.personId,
          'name',
          input.name.trim(),
          forms.pinyin,
          forms.compact,
          forms.initials,
        ]);
      }
      await manager.query('INSERT INTO identity_confirmation (file_id, basis, basis_reference, confirmed_by, confirmed_at) VALUES ($1, $2, $3, $4, $5)', [
        fileId,
        input.basis,
        input.basisReference,
        actor.userId,
        now,
      ]);
      await this.outbox.emit(manager, { type: 'file.identity_confirmed', subjectId: fileId, data: { basis: input.basis } });
      return { result: { fileId, identityStatus: 'confirmed', version: file.version }, entityType: 'identity', details: { basis: input.basis } };
    });
  }
}
