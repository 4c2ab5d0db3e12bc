import { pinyin } from 'pinyin-pro';

export interface NameForms {
  /** Toneless, syllables spaced: 'zeng xiao hua'. */
  pinyin: string;
  /** Letters only: 'zengxiaohua' (prefix search). */
  compact: string;
  /** First letters: 'zxh'. */
  initials: string;
}

/**
 * The forms a name is searched by (R3, R4, R8): pinyin-pro with surname
 * readings for a person's name (曾 → zeng, 单 → shan); Latin names as they are.
 */
export function nameForms(name: string, asSurnameFirst = true): NameForms {
  const syllables = pinyin(name.normalize('NFKC').trim(), {
    toneType: 'none',
    type: 'array',
    surname: asSurnameFirst ? 'head' : 'off',
    nonZh: 'consecutive',
    v: true,
  })
    .flatMap((part) => part.toLowerCase().split(/[^a-z]+/))
    .filter(Boolean);
  return { pinyin: syllables.join(' '), compact: syllables.join(''), initials: syllables.map((syllable) => syllable[0]).join('') };
}

/** A search term as typed: Chinese characters, pinyin with or without spaces, or initials. */
export function searchForms(term: string): { characters: string | null; compact: string } {
  const trimmed = term.normalize('NFKC').trim();
  const hasHan = /\p{Script=Han}/u.test(trimmed);
  return { characters: hasHan ? trimmed.replace(/\s+/g, '') : null, compact: hasHan ? nameForms(trimmed).compact : trimmed.toLowerCase().replace(/[^a-z]/g, '') };
}
