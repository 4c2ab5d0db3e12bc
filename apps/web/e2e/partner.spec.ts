/**
 * The partners' workspace (issue 14): a school opens the child referred to it
 * and sees exactly its minimum — never the trafficking history nor the
 * interview, not even in a response (R16, R22) — plus what was disclosed with
 * consent, marked; after withdrawal nothing of the person. A referral or a
 * file not sent to a partner is "not found", as one that does not exist. A
 * legal aid centre's green-channel case sent on the eve of National Day is to
 * be accepted by the make-up Saturday (R18): the running stack stands on
 * 2026-09-30 (server-clock.ts, NODE_ENV=test only), the browser on Playwright's
 * clock. Everything happens in 西山区, which no other spec uses.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { bornAged, chinaMorning, compact, TEST_TODAY } from '../../../test/support/clock.js';
import { residentId } from '../../../test/support/case-fixtures.js';
import { api, apiAs, openAs, policeHandover, tokenOf, type Api } from './support/api.js';
import { serverClockBack, serverClockOn } from './support/server-clock.js';
import { checkPage, expect, signIn, test, type Credentials } from './support/test.js';
import { PASSWORDS, USERS } from './support/users.js';

const SCHOOL = '西山区碧鸡小学';
const LEGAL_AID = '西山区法律援助中心';
/** What the child told in the interview and how the police found her: the school must never receive either (R16, R22). */
const HISTORY = '被人以打工为名骗至外省山区，后由公安机关解救。';
const FOUND = '西山区客运站巡查时发现';

async function organisation(api: Api, kind: string, name: string): Promise<string> {
  const page = await api<{ items: { id: string }[] }>('GET', `/organisations?kind=${kind}&q=${encodeURIComponent(name)}`);
  return page.items[0].id;
}

/** Someone the 西山 police handed over on `day`, interviewed the same morning; the file's id. */
async function handedOver(api: Api, person: Record<string, unknown>, day = TEST_TODAY): Promise<string> {
  const { id } = await policeHandover(
    api,
    { sex: 'female', identityStatus: 'claimed', ...person },
    {
      police: await organisation(api, 'public_security', '西山区公安分局'),
      caseNumber: `XS-2026-${String(person.name)}`,
      handoverDate: day,
      placeCode: '530112',
      circumstances: FOUND,
    },
  );
  await api('POST', `/files/${id}/interview`, {
    conductedAt: new Date(chinaMorning(day).getTime() - 3600_000).toISOString(),
    language: 'zh',
    attendees: [],
    circumstances: HISTORY,
    needs: ['schooling'],
    consents: {},
  });
  return id;
}

/** A girl of ten with her father as guardian, referred to the school for the fourth grade; the referral's id. */
async function referredToSchool(request: APIRequestContext, name: string, options: { idNumber?: string; disclose?: string[] } = {}): Promise<{ fileId: string; id: string }> {
  const caseworker = await apiAs(request, 'xishanCaseworker');
  const birthDate = bornAged(10);
  const fileId = await handedOver(caseworker, { name, birthDate, ...(options.idNumber ? { idNumber: options.idNumber, identityStatus: 'confirmed' } : {}) });
  await caseworker('POST', `/files/${fileId}/guardians`, { kind: 'parent', name: '李建军', relation: '父亲', phone: '13987654321', since: TEST_TODAY });
  for (const category of options.disclose ?? []) await caseworker('POST', `/files/${fileId}/consents`, { category, givenBy: 'guardian', givenOn: TEST_TODAY });
  const referral = await caseworker<{ id: string }>('POST', `/files/${fileId}/referrals`, {
    kind: 'schooling',
    organisationId: await organisation(caseworker, 'school', SCHOOL),
    purpose: '插班入学，请安排四年级',
    details: { gradeLevel: '四年级' },
    disclose: options.disclose,
    send: true,
  });
  return { fileId, id: referral.id };
}

/** Every body the page receives, to search for what must not reach it. */
function responsesOf(page: Page): () => Promise<string[]> {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (['fetch', 'xhr', 'document'].includes(response.request().resourceType())) bodies.push(response.text().catch(() => ''));
  });
  return () => Promise.all(bodies);
}

test('R16: a school sees the referred child’s name, sex, age, grade and guardian — never the trafficking history or the interview — and a disclosure marked as consented', async ({
  page,
  request,
}) => {
  const plain = await referredToSchool(request, '李小花');
  const received = responsesOf(page);
  await openAs(page, 'school', '/app/referrals');
  await expect(page.getByRole('navigation').getByRole('link', { name: '收件箱' })).toBeVisible();
  const row = page.getByTestId('partner-inbox').getByRole('listitem').filter({ hasText: '李小花' });
  await expect(row).toContainText('入学');
  await expect(row).toContainText('李小花 · 女 · 10 岁');
  await expect(row.getByTestId('deadline')).toContainText('接收期限');
  await checkPage(page, 'partner-inbox');

  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/app/referrals/${plain.id}$`));
  const person = page.getByRole('region', { name: '个人信息' });
  for (const shown of ['李小花', '女', '10 岁', '四年级', '李建军', '父亲', '13987654321']) await expect(person).toContainText(shown);
  await expect(page.getByTestId('disclosed')).toHaveCount(0);
  // Accepted in the browser: the page moves on, still without the history.
  await page.getByRole('button', { name: '接收' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '接收' }).click();
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  await checkPage(page, 'partner-referral');
  const dom = await page.content();
  const bodies = await received();
  expect(bodies.some((body) => body.includes('13987654321'))).toBe(true);
  for (const secret of [HISTORY, FOUND]) {
    expect(dom).not.toContain(secret);
    expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
  }

  // With the guardian's consent the identity is disclosed: shown apart, marked as such.
  const idNumber = residentId('530112', compact(bornAged(10)), '048');
  const disclosed = await referredToSchool(request, '王小燕', { idNumber, disclose: ['identity'] });
  await page.goto(`/app/referrals/${disclosed.id}`);
  const section = page.getByTestId('disclosed');
  await expect(section.getByText('经同意披露：身份证件')).toBeVisible();
  await expect(section).toContainText(idNumber);
  await expect(page.getByText(HISTORY)).toHaveCount(0);

  // Withdrawn by the caseworker: the school keeps a de-identified entry of its referral, nothing of the person.
  const caseworker = await apiAs(request, 'xishanCaseworker');
  await caseworker('POST', `/referrals/${disclosed.id}/withdraw`, { reason: '监护人已为孩子另行联系学校' });
  const afterwards = responsesOf(page);
  await page.reload();
  await expect(page.getByText('转介已结束或已撤回')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('已撤回');
  for (const body of await afterwards()) {
    expect(body).not.toContain('王小燕');
    expect(body).not.toContain(idNumber);
  }
});

test('a partner opening a referral or a file not sent to it gets the not-found page, as for one that does not exist', async ({ page, request }) => {
  const caseworker = await apiAs(request, 'xishanCaseworker');
  const fileId = await handedOver(caseworker, { name: '赵红梅', birthDate: bornAged(30) });
  const elsewhere = await caseworker<{ id: string }>('POST', `/files/${fileId}/referrals`, {
    kind: 'legal_aid',
    organisationId: await organisation(caseworker, 'legal_aid_centre', LEGAL_AID),
    purpose: '追索劳动报酬',
    details: { matter: '被拖欠的工资' },
    send: true,
  });
  await openAs(page, 'school', '/app/referrals');
  // Signed in before moving on: leaving while the page still refreshes its login would lose the rotated refresh cookie.
  await expect(page.getByRole('heading', { name: '收件箱' })).toBeVisible();
  for (const [url, api] of [
    [`/app/referrals/${elsewhere.id}`, `/referrals/${elsewhere.id}`],
    ['/app/referrals/00000000-0000-4000-8000-000000000000', '/referrals/00000000-0000-4000-8000-000000000000'],
    [`/app/files/${fileId}`, `/files/${fileId}`],
  ]) {
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === api);
    await page.goto(url);
    expect((await answered).status()).toBe(404);
    await expect(page.getByText('页面不存在')).toBeVisible();
    await expect(page.getByText('赵红梅')).toHaveCount(0);
  }
  await checkPage(page, 'partner-not-found');
});

test('R18: a legal aid centre sees the green-channel case first; sent on the eve of National Day it is to be accepted by the make-up Saturday, 2026-10-10', async ({
  page,
  request,
}) => {
  // The stack and the browser both stand on Wednesday 30 September 2026: 1–7 October are the holiday, 8, 9 and Saturday 10 October three working days.
  await serverClockOn('2026-09-30');
  try {
    const caseworker = await apiAs(request, 'xishanCaseworker');
    const fileId = await handedOver(caseworker, { name: '孙丽娟', birthDate: bornAged(28) }, '2026-09-30');
    await caseworker('POST', `/files/${fileId}/referrals`, {
      kind: 'legal_aid',
      organisationId: await organisation(caseworker, 'legal_aid_centre', LEGAL_AID),
      purpose: '刑事附带民事诉讼，请求赔偿',
      details: { matter: '被拐期间的人身损害赔偿' },
      send: true,
    });
    await page.clock.setFixedTime(chinaMorning('2026-09-30'));
    await signIn(page, 'legalAid');
    await page.goto('/app/referrals');
    const first = page.getByTestId('partner-inbox').getByRole('listitem').first();
    await expect(first).toContainText('孙丽娟');
    await expect(first).toContainText('绿色通道');
    await expect(first.getByTestId('deadline')).toHaveText(/接收期限\s*2026-10-10\s*还剩 3 个工作日/);
    await checkPage(page, 'partner-inbox-legal-aid');

    // The centre takes the case through: accept, start, complete with the legal service; then nothing of the person remains.
    await first.getByRole('link').click();
    await expect(page.getByText('被拐期间的人身损害赔偿')).toBeVisible();
    await page.getByRole('button', { name: '接收' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '接收' }).click();
    await page.getByRole('button', { name: '开始办理' }).click();
    await page.getByRole('button', { name: '记录进展' }).click();
    const note = page.getByRole('dialog');
    await note.getByLabel('内容').fill('已指派律师，正在收集证据');
    await note.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('已指派律师，正在收集证据')).toBeVisible();
    await page.getByRole('button', { name: '办结' }).click();
    const complete = page.getByRole('dialog');
    await complete.getByRole('combobox', { name: '服务类型' }).click();
    await page.locator('.ant-select-item-option', { hasText: '诉讼' }).first().click();
    await complete.getByLabel('法院').fill('西山区人民法院');
    await complete.getByLabel('办理阶段').fill('一审判决');
    await complete.getByLabel('结果').fill('获赔五万元');
    await complete.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('转介已结束或已撤回')).toBeVisible();
    await expect(page.getByText('孙丽娟')).toHaveCount(0);
    await expect(page.getByText('获赔五万元')).toBeVisible();
    await checkPage(page, 'partner-referral-closed');
  } finally {
    await serverClockBack();
  }
});

test('every partner — hospital, school, training, legal aid, social work, foreign affairs — finds its inbox in the navigation, and neither the files list nor another workspace', async ({
  page,
}) => {
  // The school and the legal aid centre are seeded; the other four are made here, in 西山区 too.
  const admin = await tokenOf(USERS.admin.username, USERS.admin.password);
  const others = [
    ['hospital_staff', 'hospital', '西山区人民医院'],
    ['training_staff', 'hr_social_security', '西山区人力资源和社会保障局'],
    ['social_worker', 'social_work_organisation', '西山区社会工作服务中心'],
    ['foreign_affairs_officer', 'foreign_affairs_office', '西山区外事办公室'],
  ] as const;
  const partners: Credentials[] = [USERS.school, USERS.legalAid];
  for (const [role, kind, name] of others) {
    const organisation = await api<{ id: string }>('POST', '/organisations', { name, kind, jurisdictionCode: '530112' }, admin);
    const username = `e2e.xishan.${role}`;
    await api('POST', '/users', { username, displayName: `${name}职员`, role, organisationId: organisation.id, password: PASSWORDS.partner }, admin);
    partners.push({ username, password: PASSWORDS.partner });
  }
  for (const partner of partners) {
    await openAs(page, partner, '/app/');
    await expect(page.getByRole('navigation', { name: '导航', exact: true }).getByRole('link'), partner.username).toHaveText(['工作台', '收件箱']);
  }
});
