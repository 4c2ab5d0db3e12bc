import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ageRange, AppError, Clock, FieldCipher, PlatformErrors } from '#app/platform';
import { AccessErrors } from '#app/access';
import { CaseErrors } from '../errors.js';
import { nameForms } from './names.js';
import type { PersonInput } from './person.dto.js';
import type { PartnerPersonView, PersonView } from './person.view.js';
import { checkResidentId } from './resident-id.js';

export const ID_NUMBER = 'resident_id';
export const TRAVEL_DOCUMENT = 'travel_document';
export const PHONE = 'phone';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The person's facts after validation: what is stored and compared. */
export interface ValidatedPerson {
  input: PersonInput;
  sex: 'female' | 'male' | 'unknown';
  birthFrom: string | null;
  birthTo: string | null;
  idNumber: string | null;
}

const invalid = (field: string, reason: string) => AppError.field(PlatformErrors.VALIDATION_FAILED, field, reason);

/**
 * The rescued person (R3): validation of what intake says about them,
 * encrypted identifiers with blind indexes, names in every searchable form,
 * and the views per audience.
 */
@Injectable()
export class PersonService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** Checks the input as a whole (field by field checks are the DTO's); 422 naming the field otherwise. */
  async validate(manager: EntityManager, input: PersonInput, field = 'person'): Promise<ValidatedPerson> {
    const today = this.clock.today();
    if (input.birthDate && input.birthDateRange) throw invalid(`${field}.birthDateRange`, '出生日期与出生日期区间只能填一项 / give either birthDate or birthDateRange, not both');
    let birthFrom = input.birthDate ?? input.birthDateRange?.from ?? null;
    let birthTo = input.birthDate ?? input.birthDateRange?.to ?? null;
    if (birthFrom && birthTo && birthFrom > birthTo) throw invalid(`${field}.birthDateRange.to`, 'the range ends before it begins / 区间倒置');
    if (birthTo && birthTo > today) throw invalid(input.birthDate ? `${field}.birthDate` : `${field}.birthDateRange.to`, 'the birth date is in the future / 出生日期晚于今天');
    if (birthFrom && birthFrom < '1900-01-01')
      throw invalid(input.birthDate ? `${field}.birthDate` : `${field}.birthDateRange.from`, '出生日期早于1900年 / the birth date is before 1900');
    if (input.nationality && regionNames.of(input.nationality) === input.nationality)
      throw invalid(`${field}.nationality`, `${input.nationality} 不是 ISO 3166-1 国家代码 / ${input.nationality} is not an ISO 3166-1 country code`);
    if (input.travelDocument && regionNames.of(input.travelDocument.country) === input.travelDocument.country) {
      throw invalid(
        `${field}.travelDocument.country`,
        `${input.travelDocument.country} 不是 ISO 3166-1 国家代码 / ${input.travelDocument.country} is not an ISO 3166-1 country code`,
      );
    }
    let sex = input.sex;
    let idNumber: string | null = null;
    if (input.idNumber) {
      if (input.nationality && input.nationality !== 'CN')
        throw invalid(`${field}.idNumber`, '居民身份证号码只属于中国公民，请登记旅行证件 / a resident ID number belongs to a Chinese national; record a travel document instead');
      const check = checkResidentId(input.idNumber, today);
      if (!check.valid) throw AppError.field(CaseErrors.INVALID_ID_NUMBER, `${field}.idNumber`, check.reason);
      idNumber = check.facts.number;
      if (birthFrom && birthTo && (check.facts.birthDate < birthFrom || check.facts.birthDate > birthTo)) {
        throw AppError.field(
          CaseErrors.INCONSISTENT_BIRTH,
          input.birthDate ? `${field}.birthDate` : `${field}.birthDateRange`,
          `身份证号码显示出生日期为 ${check.facts.birthDate} / the ID number says ${check.facts.birthDate}`,
        );
      }
      if (sex !== 'unknown' && sex !== check.facts.sex) throw invalid(`${field}.sex`, `身份证号码显示性别为 ${check.facts.sex} / the ID number says ${check.facts.sex}`);
      sex = check.facts.sex;
      birthFrom = check.facts.birthDate;
      birthTo = check.facts.birthDate;
    }
    if (input.identityStatus === 'confirmed' && !idNumber && !input.travelDocument) {
      throw invalid(`${field}.identityStatus`, '已确认身份须有居民身份证号码或旅行证件 / a confirmed identity needs a resident ID number or a travel document');
    }
    if (input.originPlaceCode) {
      const found = await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.originPlaceCode]);
      if (found.length === 0) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, `${field}.originPlaceCode`);
    }
    return { input, sex, birthFrom, birthTo, idNumber };
  }

  async create(manager: EntityManager, person: ValidatedPerson): Promise<string> {
    const { input } = person;
    const id = this.cipher.seal(ID_NUMBER, person.idNumber);
    const document = this.cipher.seal(TRAVEL_DOCUMENT, input.travelDocument?.number);
    const [{ id: personId }]: { id: string }[] = await manager.query(
      `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status, id_number_cipher, id_number_index, nationality,
                           travel_document_type, travel_document_country, travel_document_cipher, travel_document_index, languages, disability, origin_place_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        input.name?.trim() ?? null,
        person.sex,
        person.birthFrom,
        person.birthTo,
        input.identityStatus,
        id.cipher,
        id.index,
        input.nationality ?? null,
        input.travelDocument?.type ?? null,
        input.travelDocument?.country ?? null,
        document.cipher,
        document.index,
        input.languages ?? [],
        input.disability ?? null,
        input.originPlaceCode ?? null,
      ],
    );
    const foreign = !!input.nationality && input.nationality !== 'CN';
    const names = [...(input.name ? [{ kind: 'name', name: input.name.trim() }] : []), ...(input.aliases ?? []).map((alias) => ({ kind: alias.kind, name: alias.name.trim() }))];
    for (const entry of names) {
      const forms = nameForms(entry.name, entry.kind === 'name' && !foreign);
      await manager.query('INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials) VALUES ($1, $2, $3, $4, $5, $6)', [
        personId,
        entry.kind,
        entry.name,
        forms.pinyin,
        forms.compact,
        forms.initials,
      ]);
    }
    for (const contact of input.contacts ?? []) {
      const phone = this.cipher.seal(PHONE, contact.phone);
      await manager.query('INSERT INTO person_contact (person_id, label, phone_cipher, phone_index, address, note) VALUES ($1, $2, $3, $4, $5, $6)', [
        personId,
        contact.label,
        phone.cipher,
        phone.index,
        contact.address ?? null,
        contact.note ?? null,
      ]);
    }
    return personId;
  }

  async view(manager: EntityManager, personId: string): Promise<PersonView> {
    const [row]: {
      id: string;
      name: string | null;
      sex: string;
      birth_date_from: string | null;
      birth_date_to: string | null;
      identity_status: string;
      id_number_cipher: Buffer | null;
      nationality: string | null;
      travel_document_type: string | null;
      travel_document_country: string | null;
      travel_document_cipher: Buffer | null;
      languages: string[];
      disability: string | null;
      origin_place_code: string | null;
      origin_place_name: string | null;
    }[] = await manager.query(
      `SELECT p.id, p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
              p.identity_status, p.id_number_cipher, p.nationality, p.travel_document_type, p.travel_document_country, p.travel_document_cipher,
              p.languages, p.disability, p.origin_place_code, j.name AS origin_place_name
         FROM person p LEFT JOIN jurisdiction j ON j.code = p.origin_place_code WHERE p.id = $1`,
      [personId],
    );
    const names: { kind: string; name: string; pinyin: string }[] = await manager.query('SELECT kind, name, pinyin FROM person_name WHERE person_id = $1 ORDER BY kind, name', [
      personId,
    ]);
    const contacts: { id: string; label: string; phone_cipher: Buffer | null; address: string | null; note: string | null }[] = await manager.query(
      'SELECT id, label, phone_cipher, address, note FROM person_contact WHERE person_id = $1 ORDER BY label',
      [personId],
    );
    return {
      id: row.id,
      name: row.name,
      pinyin: names.find((entry) => entry.kind === 'name')?.pinyin ?? null,
      aliases: names.filter((entry) => entry.kind !== 'name'),
      sex: row.sex as PersonView['sex'],
      birthDate: row.birth_date_from && row.birth_date_to ? { from: row.birth_date_from, to: row.birth_date_to, exact: row.birth_date_from === row.birth_date_to } : null,
      age: ageRange(row.birth_date_from, row.birth_date_to, this.clock.today()) ?? null,
      identityStatus: row.identity_status as PersonView['identityStatus'],
      idNumber: this.cipher.open(row.id_number_cipher),
      nationality: row.nationality,
      travelDocument:
        row.travel_document_cipher && row.travel_document_type && row.travel_document_country
          ? { type: row.travel_document_type, country: row.travel_document_country, number: this.cipher.decrypt(row.travel_document_cipher) }
          : null,
      languages: row.languages,
      disability: row.disability,
      originPlace: row.origin_place_code ? { code: row.origin_place_code, name: row.origin_place_name ?? '' } : null,
      contacts: contacts.map((contact) => ({ id: contact.id, label: contact.label, phone: this.cipher.open(contact.phone_cipher), address: contact.address, note: contact.note })),
    };
  }

  /** The minimal view of a person (R16): name, sex and the age on `today`. */
  static partnerView(person: { name: string | null; sex: string; birth_date_from: string | null; birth_date_to: string | null }, today: string): PartnerPersonView {
    return { name: person.name, sex: person.sex as PartnerPersonView['sex'], age: ageRange(person.birth_date_from, person.birth_date_to, today) ?? null };
  }
}
