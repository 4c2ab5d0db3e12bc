import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createOrganisation, signedIn } from '../support/access-fixtures.js';
import { residentId } from '../support/case-fixtures.js';
import { day } from '../support/clock.js';
import { walkPages } from '../support/paging.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Awaited<ReturnType<typeof signedIn>>;

/** What a police unit may see of a handover it made (R22): its own case number, date and place, the bureau, how far the file came. */
const HANDOVER_FIELDS = ['fileId', 'fileReference', 'fileState', 'handoverDate', 'materialsCount', 'place', 'placeCode', 'policeCaseNumber', 'receivingBureau'];

describe('R1, R22: a police unit follows the handovers it made, and only those', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let unit: string;
  let liaison: User;
  let colleague: User;
  let otherUnit: User;
  let caseworker: User;
  /** The files handed over by `unit`, the newest handover first. */
  let ours: { fileId: string; caseNumber: string; date: string }[];
  let theirs: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    unit = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102', name: '昆明市公安局五华分局' });
    liaison = await signedIn(server, db, 'police_liaison', { id: unit });
    colleague = await signedIn(server, db, 'police_liaison', { id: unit });
    otherUnit = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530103' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });

    const handOver = async (by: User, police: string, caseNumber: string, date: string, name: string) =>
      (
        await request(server)
          .post('/intake/police-handovers')
          .set(by.auth)
          .send({
            person: { name, sex: 'female', idNumber: residentId('530102', '20100301', String(100 + ours.length * 2)), identityStatus: 'confirmed' },
            responsibleOrganisationId: bureau,
            handover: {
              policeOrganisationId: police,
              policeCaseNumber: caseNumber,
              handoverDate: date,
              placeCode: '530102',
              materials: [{ item: '询问笔录' }, { item: '解救经过说明' }],
              circumstances: '在某工地解救，移交民政部门救助。',
            },
            duplicateDecision: { action: 'new_person' },
          })
          .expect(201)
      ).body.file.id as string;
    // Recorded out of date order; one recorded by the bureau's caseworker on the unit's behalf, one by a colleague.
    ours = [];
    const recorded = [
      { by: liaison, caseNumber: 'WH-031', date: day(-3), name: '李春燕' },
      { by: liaison, caseNumber: 'WH-032', date: day(-1), name: '王秋菊' },
      { by: caseworker, caseNumber: 'WH-033', date: day(-5), name: '张冬梅' },
      { by: colleague, caseNumber: 'WH-034', date: day(-2), name: '赵夏荷' },
    ];
    for (const { by, caseNumber, date, name } of recorded) ours.push({ fileId: await handOver(by, unit, caseNumber, date, name), caseNumber, date });
    ours.sort((a, b) => b.date.localeCompare(a.date));
    theirs = await handOver(otherUnit, otherUnit.organisationId, 'PL-001', day(-1), '刘小红');
  });
  afterAll(() => stack.close());

  it("R1: the unit's handovers, whoever recorded them, the newest first; another unit's are not listed", async () => {
    for (const user of [liaison, colleague]) {
      const page = (await request(server).get('/intake/police-handovers').set(user.auth).expect(200)).body;
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((item: { fileId: string }) => item.fileId)).toEqual(ours.map((h) => h.fileId));
      expect(page.items.map((item: { handoverDate: string }) => item.handoverDate)).toEqual(ours.map((h) => h.date));
    }
    expect(listed(await request(server).get('/intake/police-handovers').set(otherUnit.auth).expect(200))).toEqual([theirs]);
    // Only the police follow handovers: the bureau sees the files themselves.
    await request(server).get('/intake/police-handovers').set(caseworker.auth).expect(403);
  });

  it('R22: each handover in its minimal view — the unit’s case number, date, place, the receiving bureau and the file’s state; no person data, no circumstances', async () => {
    const response = await request(server).get('/intake/police-handovers').set(liaison.auth).expect(200);
    const [newest] = response.body.items;
    expect(newest).toEqual({
      fileId: ours[0].fileId,
      fileReference: expect.any(String),
      policeCaseNumber: ours[0].caseNumber,
      handoverDate: ours[0].date,
      placeCode: '530102',
      place: expect.stringContaining('五华区'),
      receivingBureau: '五华区民政局',
      fileState: 'received',
      materialsCount: 2,
    });
    for (const item of response.body.items) expect(Object.keys(item).sort()).toEqual(HANDOVER_FIELDS);
    for (const secret of ['李春燕', '王秋菊', '张冬梅', '赵夏荷', '530102201003', '解救经过说明', '在某工地解救']) expect(response.text).not.toContain(secret);
  });

  it('R1: pages with a keyset — every handover once across pages of one, in the same order; a forged cursor or an oversized page is refused on its field', async () => {
    expect(await walkPages(server, liaison.auth, '/intake/police-handovers', 1, 'fileId')).toEqual(ours.map((h) => h.fileId));
    expect(await walkPages(server, liaison.auth, '/intake/police-handovers', 3, 'fileId')).toEqual(ours.map((h) => h.fileId));
    const forged = await request(server).get('/intake/police-handovers?cursor=bm90LWEtY3Vyc29y').set(liaison.auth).expect(422);
    expect(forged.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const oversized = await request(server).get('/intake/police-handovers?limit=201').set(liaison.auth).expect(422);
    expect(oversized.body.error.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});

function listed(response: request.Response): string[] {
  return (response.body.items as { fileId: string }[]).map((item) => item.fileId);
}
