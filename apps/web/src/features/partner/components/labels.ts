import type { TFunction } from 'i18next';
import type { InboxItem } from '../api';

type Person = NonNullable<InboxItem['person']>;

/** Age as the server gives it: exact, or the range an estimated birth date allows. */
export function ageText(t: TFunction<'partner'>, age: Person['age']): string {
  if (!age) return '—';
  return age.min === age.max ? t('age.exact', { age: age.min }) : t('age.range', { min: age.min, max: age.max });
}

/** The person in one line: name, sex, age — all the inbox shows of them (R16). */
export function personLine(t: TFunction<'partner'>, person: Person): string {
  return [person.name ?? '—', t(`sex.${person.sex}`), ageText(t, person.age)].join(' · ');
}
