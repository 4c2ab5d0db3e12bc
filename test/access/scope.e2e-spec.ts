import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createFile, createOrganisation, grantFile, signedIn } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

const KUNMING = '530100';
const WUHUA = '530102';
const GUANDU = '530111';
const DALI = '532901';

describe('R22: who sees which file, decided in the SQL query', () => {
  let stack: TestStack;
  let server: App;
  const files: Record<'wuhua' | 'guandu' | 'kunming' | 'dali', string> = { wuhua: '', guandu: '', kunming: '', dali: '' };
  let institution: string;
  let school: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    const bureau = async (code: string) => createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: code });
    const [kunmingBureau, wuhuaBureau, guanduBureau, daliBureau] = await Promise.all([bureau(KUNMING), bureau(WUHUA), bureau(GUANDU), bureau(DALI)]);
    institution = await createOrganisation(db, { kind: 'assistance_institution', jurisdictionCode: KUNMING });
    school = await createOrganisation(db, { kind: 'school', jurisdictionCode: WUHUA });
    files.wuhua = await createFile(db, { jurisdictionCode: WUHUA, organisationId: wuhuaBureau, institutionId: institution });
    files.guandu = await createFile(db, { jurisdictionCode: GUANDU, organisationId: guanduBureau });
    files.kunming = await createFile(db, { jurisdictionCode: KUNMING, organisationId: kunmingBureau });
    files.dali = await createFile(db, { jurisdictionCode: DALI, organisationId: daliBureau });
  });
  afterAll(() => stack?.close());

  async function visible(auth: { authorization: string }): Promise<string[]> {
    const response = await request(server).get('/files').set(auth).expect(200);
    return response.body.items.map((file: { id: string }) => file.id).sort();
  }
  const sorted = (...ids: string[]) => [...ids].sort();

  it('civil-affairs staff see the files whose responsible jurisdiction lies within theirs', async () => {
    const prefecture = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: KUNMING });
    expect(await visible(prefecture.auth)).toEqual(sorted(files.wuhua, files.guandu, files.kunming));
    const county = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: WUHUA });
    expect(await visible(county.auth)).toEqual([files.wuhua]);
    const full = await request(server).get(`/files/${files.wuhua}`).set(county.auth).expect(200);
    expect(full.body).toMatchObject({ audience: 'full', responsibleJurisdiction: { code: WUHUA, name: '五华区' }, currentInstitution: { id: institution } });
    await request(server).get(`/files/${files.kunming}`).set(county.auth).expect(404);
    await request(server).get(`/files/${files.guandu}`).set(county.auth).expect(404);
  });

  it('institution staff see the people staying in their institution', async () => {
    const staff = await signedIn(server, stack.database, 'institution_staff', { id: institution });
    expect(await visible(staff.auth)).toEqual([files.wuhua]);
    await request(server).get(`/files/${files.guandu}`).set(staff.auth).expect(404);
  });

  it('R16: a partner sees only files with an open grant to its organisation, through the minimal view, until the grant ends', async () => {
    const teacher = await signedIn(server, stack.database, 'school_staff', { id: school });
    expect(await visible(teacher.auth)).toEqual([]);
    await request(server).get(`/files/${files.guandu}`).set(teacher.auth).expect(404);

    const grant = await grantFile(stack.database, files.guandu, school);
    const partnerView = await request(server).get(`/files/${files.guandu}`).set(teacher.auth).expect(200);
    expect(Object.keys(partnerView.body).sort()).toEqual(['audience', 'id', 'person', 'reference', 'version']);
    expect(Object.keys(partnerView.body.person).sort()).toEqual(['age', 'name', 'sex']);
    expect(partnerView.body.audience).toBe('partner');
    const list = await request(server).get('/files').set(teacher.auth).expect(200);
    expect(list.body.items).toEqual([{ audience: 'partner', id: files.guandu, reference: expect.any(String), person: expect.objectContaining({ name: '测试' }) }]);

    await stack.database.query('UPDATE file_access_grant SET revoked_at = $2 WHERE id = $1', [grant, stack.clock.now()]);
    await request(server).get(`/files/${files.guandu}`).set(teacher.auth).expect(404);
  });

  it('a grant to another organisation opens nothing to this one', async () => {
    const otherSchool = await createOrganisation(stack.database, { kind: 'school', jurisdictionCode: WUHUA });
    await grantFile(stack.database, files.wuhua, otherSchool);
    const teacher = await signedIn(server, stack.database, 'school_staff', { id: school });
    await request(server).get(`/files/${files.wuhua}`).set(teacher.auth).expect(404);
  });

  it('statisticians and administrators see no person data at all', async () => {
    for (const role of ['statistician', 'administrator'] as const) {
      const user = await signedIn(server, stack.database, role, { kind: role === 'statistician' ? 'joint_meeting_office' : 'civil_affairs_bureau', jurisdictionCode: KUNMING });
      expect(await visible(user.auth)).toEqual([]);
      await request(server).get(`/files/${files.kunming}`).set(user.auth).expect(404);
    }
  });

  it('answers an out-of-scope id exactly like an id that does not exist, and records both reads', async () => {
    const county = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: GUANDU });
    const hidden = await request(server).get(`/files/${files.dali}`).set(county.auth).expect(404);
    const missing = await request(server).get('/files/00000000-0000-4000-8000-000000000000').set(county.auth).expect(404);
    expect({ ...hidden.body.error, requestId: null }).toEqual({ ...missing.body.error, requestId: null });
    expect(hidden.body.error.code).toBe('FILE_NOT_FOUND');

    await request(server).get(`/files/${files.guandu}`).set(county.auth).expect(200);
    const records = await auditRecords(stack.database, `actor_user_id = $1 AND action = 'file.read'`, [county.userId]);
    expect(records).toEqual([
      expect.objectContaining({ outcome: 'denied', entity_id: files.dali, file_ids: [] }),
      expect.objectContaining({ outcome: 'denied', entity_id: '00000000-0000-4000-8000-000000000000' }),
      expect.objectContaining({ outcome: 'allowed', entity_id: files.guandu, file_ids: [files.guandu] }),
    ]);
  });

  it('records a list read with the files it showed', async () => {
    const prefecture = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: KUNMING });
    await visible(prefecture.auth);
    const [record] = await auditRecords(stack.database, `actor_user_id = $1 AND action = 'file.list'`, [prefecture.userId]);
    expect([...record.file_ids].sort()).toEqual(sorted(files.wuhua, files.guandu, files.kunming));
  });

  it('pages through files with a keyset cursor', async () => {
    const prefecture = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: KUNMING });
    const first = await request(server).get('/files?limit=2').set(prefecture.auth).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await request(server).get(`/files?limit=2&cursor=${first.body.nextCursor}`).set(prefecture.auth).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((file: { id: string }) => file.id).sort();
    expect(all).toEqual(sorted(files.wuhua, files.guandu, files.kunming));
  });
});
