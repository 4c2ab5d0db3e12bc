/** A GB/T 2260 division: province (level 1), prefecture (2) or county (3). */
export class JurisdictionView {
  code!: string;
  name!: string;
  level!: 1 | 2 | 3;
  parentCode!: string | null;
}
