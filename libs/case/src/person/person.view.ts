import { AgeRange, CodeName } from '#app/platform';

export class PersonAliasView {
  name!: string;
  /** `alias`, `childhood_name` (乳名), `dialect_name` … */
  kind!: string;
  pinyin!: string;
}

export class BirthDateView {
  from!: string;
  to!: string;
  /** The birth date is known to the day. */
  exact!: boolean;
}

export class TravelDocumentView {
  type!: string;
  country!: string;
  number!: string;
}

export class PersonContactView {
  id!: string;
  label!: string;
  phone!: string | null;
  address!: string | null;
  note!: string | null;
}

/** The person as civil affairs and the institution see them (R3); identifiers decrypted for them only. */
export class PersonView {
  id!: string;
  name!: string | null;
  pinyin!: string | null;
  aliases!: PersonAliasView[];
  sex!: 'female' | 'male' | 'unknown';
  birthDate!: BirthDateView | null;
  age!: AgeRange | null;
  identityStatus!: 'confirmed' | 'claimed' | 'unknown';
  idNumber!: string | null;
  nationality!: string | null;
  travelDocument!: TravelDocumentView | null;
  languages!: string[];
  disability!: string | null;
  originPlace!: CodeName | null;
  contacts!: PersonContactView[];
}

/** What a partner sees of the person (R16): enough to receive them, nothing of their history. */
export class PartnerPersonView {
  name!: string | null;
  sex!: 'female' | 'male' | 'unknown';
  age!: AgeRange | null;
}
