/** Small shapes many responses share. Response classes live in `*.view.ts` files: the swagger plugin documents their properties. */

/** The youngest and oldest a person can be today (an estimated birth range gives a range). */
export class AgeRange {
  min!: number;
  max!: number;
}

/** A thing named by id, e.g. an organisation. */
export class IdName {
  id!: string;
  name!: string;
}

/** A GB/T 2260 division: its code and its name. */
export class CodeName {
  code!: string;
  name!: string;
}

/** A person who did something, as others see them. */
export class UserRef {
  id!: string;
  displayName!: string;
}
