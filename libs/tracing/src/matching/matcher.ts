/**
 * Family tracing (R8): how likely an unidentified person in care is the
 * missing person of a family's request. Each feature scores 0..1 and is shown
 * with its weight and why — in Chinese with English beside, since caseworkers
 * read it — so a caseworker sees why a candidate ranks where it does.
 */

export interface NameForm {
  name: string;
  compact: string;
  initials: string;
  /** The given name in pinyin (see givenPinyin); null when too short to tell. */
  given: string | null;
}

/**
 * The given name's pinyin: the last two syllables of a name of three or more
 * (a surname the buyers changed leaves it intact), both syllables of a
 * two-syllable childhood name or alias; a two-syllable full name has a
 * one-syllable given name, too common to go by. Mirrored in SQL (GIVEN_PINYIN_SQL).
 */
export function givenPinyin(pinyin: string, kind: string): string | null {
  const syllables = pinyin.split(' ').filter(Boolean);
  if (syllables.length >= 3) return syllables.slice(-2).join('');
  if (syllables.length === 2 && kind !== 'name') return syllables.join('');
  return null;
}

/** givenPinyin over a table of names with `pinyin` and `kind` (alias n). */
export const GIVEN_PINYIN_SQL = `(CASE WHEN cardinality(string_to_array(n.pinyin, ' ')) >= 3
    THEN array_to_string((string_to_array(n.pinyin, ' '))[cardinality(string_to_array(n.pinyin, ' ')) - 1:], '')
  WHEN cardinality(string_to_array(n.pinyin, ' ')) = 2 AND n.kind <> 'name' THEN replace(n.pinyin, ' ', '') END)`;

export interface PersonSide {
  sex: string;
  birthFrom: string | null;
  birthTo: string | null;
  names: NameForm[];
  /** Where the person may come from: origin, places named in leads, where they were found. */
  placeCodes: string[];
  foundOn: string;
  marks: string;
}

export interface RequestSide {
  sex: string;
  birthFrom: string;
  birthTo: string;
  names: NameForm[];
  missingPlaceCode: string;
  missingOn: string;
  marks: string;
}

export const WEIGHTS = { name: 0.35, age: 0.25, place: 0.2, sex: 0.1, marks: 0.05, time: 0.05 } as const;
export type Feature = keyof typeof WEIGHTS;

export interface MatchScore {
  score: number;
  features: Record<Feature, { score: number; weight: number; why: string }>;
}

function years(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 24 * 3600 * 1000);
}

function nameScore(person: NameForm[], request: NameForm[]): { score: number; why: string } {
  let best = { score: 0, why: '无相同姓名 / no name in common' };
  if (person.length === 0) return { score: 0, why: "本人姓名不详 / the person's name is not known" };
  for (const a of person) {
    for (const b of request) {
      const candidates: { score: number; why: string }[] = [];
      if (a.name === b.name) candidates.push({ score: 1, why: `同名 ${a.name} / same name ${a.name}` });
      if (a.compact && a.compact === b.compact) candidates.push({ score: 0.85, why: `同音 ${a.compact}（${a.name} / ${b.name}）/ same pinyin ${a.compact}` });
      // The given name alone (a surname changed by the buyers, a childhood name without surname).
      const givenA = a.name.length >= 2 ? a.name.slice(-2) : a.name;
      const givenB = b.name.length >= 2 ? b.name.slice(-2) : b.name;
      if (givenA.length === 2 && givenA === givenB) candidates.push({ score: 0.7, why: `名相同 ${givenA} / same given name ${givenA}` });
      // The given name sounding the same, written otherwise (a homophone: 晓红 / 小红), under any surname.
      if (a.given && a.given === b.given) candidates.push({ score: 0.6, why: `名同音 ${a.given}（${a.name} / ${b.name}）/ same given name in pinyin ${a.given}` });
      if (a.initials.length >= 2 && a.initials === b.initials) candidates.push({ score: 0.4, why: `首字母相同 ${a.initials} / same initials ${a.initials}` });
      for (const candidate of candidates) if (candidate.score > best.score) best = candidate;
    }
  }
  return best;
}

function placeScore(codes: string[], missing: string): { score: number; why: string } {
  let best = { score: 0, why: '无相同地点 / no place in common' };
  for (const code of codes) {
    const [score, why] =
      code === missing
        ? [1, `同一县区 ${code} / same county ${code}`]
        : code.slice(0, 4) === missing.slice(0, 4)
          ? [0.6, `同一地市 ${code.slice(0, 4)} / same prefecture ${code.slice(0, 4)}`]
          : code.slice(0, 2) === missing.slice(0, 2)
            ? [0.3, `同一省份 ${code.slice(0, 2)} / same province ${code.slice(0, 2)}`]
            : [0, ''];
    if (score > best.score) best = { score, why };
  }
  return best;
}

function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s\p{P}]/gu, '');
  const grams = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) grams.add(clean.slice(i, i + 2));
  return grams;
}

function marksScore(a: string, b: string): { score: number; why: string } {
  if (!a || !b) return { score: 0, why: '无特征可比 / no marks to compare' };
  const x = bigrams(a);
  const y = bigrams(b);
  const common = [...x].filter((gram) => y.has(gram));
  if (common.length === 0) return { score: 0, why: '特征不同 / marks differ' };
  return {
    score: Math.min(1, ((2 * common.length) / (x.size + y.size)) * 1.5),
    why: `共同特征：${common.slice(0, 3).join('、')} / marks in common: ${common.slice(0, 3).join(', ')}`,
  };
}

/** Scores a pair, or returns undefined when it cannot be the same person (sex differs, missing after found). */
export function scorePair(person: PersonSide, request: RequestSide): MatchScore | undefined {
  if (person.sex !== 'unknown' && request.sex !== 'unknown' && person.sex !== request.sex) return undefined;
  if (request.missingOn > person.foundOn) return undefined;
  let age: { score: number; why: string };
  if (!person.birthFrom || !person.birthTo) age = { score: 0.3, why: "本人年龄不详 / the person's age is not known" };
  else if (person.birthFrom <= request.birthTo && person.birthTo >= request.birthFrom) age = { score: 1, why: '出生年份相符 / born in the same years' };
  else {
    const gap = person.birthTo < request.birthFrom ? years(person.birthTo, request.birthFrom) : years(request.birthTo, person.birthFrom);
    age = { score: Math.max(0, 1 - gap / 5), why: `出生年份相差 ${gap.toFixed(1)} 年 / birth years ${gap.toFixed(1)} years apart` };
  }
  const features: MatchScore['features'] = {
    name: { ...nameScore(person.names, request.names), weight: WEIGHTS.name },
    age: { ...age, weight: WEIGHTS.age },
    place: { ...placeScore(person.placeCodes, request.missingPlaceCode), weight: WEIGHTS.place },
    sex: { ...(person.sex === request.sex ? { score: 1, why: '性别相同 / same sex' } : { score: 0.5, why: '性别不详 / sex not known' }), weight: WEIGHTS.sex },
    marks: { ...marksScore(person.marks, request.marks), weight: WEIGHTS.marks },
    time: { score: 1, why: `${request.missingOn} 走失，${person.foundOn} 被发现 / missing ${request.missingOn}, found ${person.foundOn}`, weight: WEIGHTS.time },
  };
  const score = (Object.keys(WEIGHTS) as Feature[]).reduce((sum, feature) => sum + features[feature].score * WEIGHTS[feature], 0);
  return { score: Math.round(score * 1000) / 1000, features };
}
