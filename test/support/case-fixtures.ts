import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { Role } from '#app/access';
import { checkDigitOf } from '#app/case';
import { addDays } from '#app/platform';
import { createOrganisation, signedIn, type Session } from './access-fixtures.js';
import { bornAged, chinaMorning, day } from './clock.js';
import type { TestStack } from './test-context.js';

/** A valid resident ID number (GB 11643) from its parts. */
export function residentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkDigitOf(first17);
}

/** The one-stop interview, held a week before the base date. */
export const interview = {
  conductedAt: chinaMorning(day(-7)).toISOString(),
  place: '昆明市未成年人救助保护中心',
  language: 'zh',
  attendees: [
    { name: '李个案', role: '民政个案工作者' },
    { name: '赵警官', role: '公安民警', agency: '五华分局' },
  ],
  circumstances: '被拐卖至外省，由公安解救。',
  needs: ['shelter', 'schooling', 'psychological'],
  risks: '收买家庭可能再次接触',
  wishes: '回到父母身边',
  consents: { schooling: { given: true, by: 'guardian' }, trafficking_history: { given: false, by: 'guardian' } },
};

/** Fires an event at the file's current version and returns the response. */
export async function step(server: App, auth: { authorization: string }, fileId: string, event: string, payload: Record<string, unknown> = {}) {
  const current = await request(server).get(`/files/${fileId}/transitions`).set(auth);
  if (current.status !== 200) throw new Error(`transitions of ${fileId}: ${current.status} ${JSON.stringify(current.body)}`);
  return request(server).post(`/files/${fileId}/transitions`).set(auth).send({ event, expectedVersion: current.body.version, payload });
}

/** Requests an event that needs approval and has another supervisor approve it; returns the approval's answer. */
export async function approved(
  server: App,
  requester: { authorization: string },
  supervisor: { authorization: string },
  fileId: string,
  event: string,
  payload: Record<string, unknown> = {},
) {
  const requested = await step(server, requester, fileId, event, payload);
  if (requested.body.outcome !== 'approval_requested') throw new Error(`${event}: ${requested.status} ${JSON.stringify(requested.body)}`);
  return request(server).post(`/approvals/${requested.body.approval.id}/approve`).set(supervisor).send({ reason: '同意 / approved' });
}

/** The file's version now, as the caller sees it (for versioned writes: return home, repatriation, identity, guardians). */
export async function versionOf(server: App, auth: { authorization: string }, fileId: string): Promise<number> {
  const file = await request(server).get(`/files/${fileId}`).set(auth);
  if (file.status !== 200) throw new Error(`file ${fileId}: ${file.status} ${JSON.stringify(file.body)}`);
  return file.body.version;
}

type Organisation = Parameters<typeof createOrganisation>[1];
type User = Session & { userId: string; username: string; organisationId: string };

/** The partners a referral goes to, each with the role of its one user: Wuhua district's, Kunming's and the province's. */
export const partnerOrganisations = {
  hospital: [{ kind: 'hospital', jurisdictionCode: '530102', designated: true, name: '五华区定点医院' }, 'hospital_staff'],
  plainHospital: [{ kind: 'hospital', jurisdictionCode: '530102', name: '某诊所' }, 'hospital_staff'],
  school: [{ kind: 'school', jurisdictionCode: '530102', name: '五华区实验小学' }, 'school_staff'],
  farSchool: [{ kind: 'school', jurisdictionCode: '530702', name: '丽江古城区小学' }, 'school_staff'],
  technical: [{ kind: 'technical_school', jurisdictionCode: '530100', name: '昆明技工学校' }, 'school_staff'],
  hrss: [{ kind: 'hr_social_security', jurisdictionCode: '530100', name: '昆明市人社局' }, 'training_staff'],
  otherHrss: [{ kind: 'hr_social_security', jurisdictionCode: '530100', name: '昆明市某区人社局' }, 'training_staff'],
  legalAid: [{ kind: 'legal_aid_centre', jurisdictionCode: '530102', name: '五华区法律援助中心' }, 'legal_aid_staff'],
  otherLegalAid: [{ kind: 'legal_aid_centre', jurisdictionCode: '530102', name: '盘龙区法律援助中心' }, 'legal_aid_staff'],
  socialWork: [{ kind: 'social_work_organisation', jurisdictionCode: '530102', name: '五华区社工中心' }, 'social_worker'],
  foreign: [{ kind: 'foreign_affairs_office', jurisdictionCode: '530000', name: '云南省外办' }, 'foreign_affairs_officer'],
} satisfies Record<string, [Organisation, Role]>;
export type PartnerKey = keyof typeof partnerOrganisations;

/** A Lao woman with her passport, for repatriation (R19). */
export const laoNational = {
  name: 'Vong Lay',
  birthDate: bornAged(31),
  nationality: 'LA',
  travelDocument: { type: 'passport', number: 'P7654321', country: 'LA' },
  languages: ['lo'],
};

/**
 * The referring side and its partners: Wuhua district's civil affairs bureau with a caseworker and its police,
 * each partner named (partnerOrganisations) with one user; files come in by police handover (named `${name}${serial}`, case
 * number `${caseNumber}-${serial}`), interviewed unless told otherwise, and are referred by the caseworker.
 */
export async function referralDesk(stack: TestStack, partners: PartnerKey[], numbering: { name: string; caseNumber: string; serial: number }) {
  const server = stack.api!.getHttpServer() as App;
  const db = stack.database;
  const bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
  const police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102' });
  const caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
  const org = {} as Record<PartnerKey, string>;
  const partner = {} as Record<PartnerKey, User>;
  for (const key of partners) {
    const [organisation, role] = partnerOrganisations[key];
    org[key] = await createOrganisation(db, organisation);
    partner[key] = await signedIn(server, db, role, { id: org[key] });
  }
  let serial = numbering.serial;
  const as = (user: Session) => ({
    get: (path: string) => request(server).get(path).set(user.auth),
    post: (path: string, body: object = {}) => request(server).post(path).set(user.auth).send(body),
  });
  const refer = (fileId: string, body: Record<string, unknown>) => request(server).post(`/files/${fileId}/referrals`).set(caseworker.auth).send(body);
  return {
    server,
    bureau,
    police,
    caseworker,
    org,
    partner,
    as,
    refer,
    async file(person: Record<string, unknown>, withInterview = true): Promise<string> {
      serial += 1;
      const intake = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({
          person: { name: `${numbering.name}${serial}`, sex: 'female', identityStatus: 'claimed', languages: ['zh'], ...person },
          handover: {
            policeOrganisationId: police,
            policeCaseNumber: `${numbering.caseNumber}-${serial}`,
            handoverDate: addDays(stack.clock.today(), -60),
            placeCode: '530102',
            materials: [],
            circumstances: '移交',
          },
          duplicateDecision: { action: 'new_person' },
        })
        .expect(201);
      if (withInterview) await request(server).post(`/files/${intake.body.file.id}/interview`).set(caseworker.auth).send(interview).expect(201);
      return intake.body.file.id as string;
    },
    /** The caseworker records a consent given ten days ago (R16). */
    async consent(fileId: string, category: string, givenBy: 'person' | 'guardian' = 'person'): Promise<void> {
      await request(server)
        .post(`/files/${fileId}/consents`)
        .set(caseworker.auth)
        .send({ category, givenBy, givenOn: day(-10) })
        .expect(201);
    },
    /** Refers the file, sent, and has the partner accept it; returns the referral's id. */
    async accepted(fileId: string, body: Record<string, unknown>, by: Session): Promise<string> {
      const created = await refer(fileId, { ...body, send: true }).expect(201);
      await as(by).post(`/referrals/${created.body.id}/accept`).expect(200);
      return created.body.id as string;
    },
  };
}
