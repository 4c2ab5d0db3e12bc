/**
 * 个案档案 (issue 13): the filters — minor, age band, institution, and the
 * jurisdiction chosen level by level (GB/T 2260) — live in the URL, so a
 * reload keeps them; more files than a page come by 加载更多 (keyset). Its
 * people and files are its own, in 晋宁区 and 东川区 and the city above them
 * (set up through the API), so the other specs' pages stay as seeded.
 */
import { TEST_TODAY } from '../../../test/support/clock.js';
import { addDays, yearsBefore } from '#app/platform';
import { api, organisationNamed, ownPeople, pick, policeHandover, tokenOf, userNamed, withToken } from './support/api.js';
import { checkPage, expect, signIn, test } from './support/test.js';
import { USERS } from './support/users.js';

const PASSWORD = 'Files-Spec-Passphrase-5';
/** What the files page asks for at once (useFileList). */
const PAGE_SIZE = 50;

const who = ownPeople(PASSWORD, { city: ['km.cw', '测试员'], jinning: ['jn.cw', '测试员'], dongchuan: ['dc.cw', '测试员'] });
const INSTITUTION = '东川区救助管理站';
let police = '';

/** An adult the police handed over to the caseworker's county. */
const handover = (token: string, name: string, placeCode: string) =>
  policeHandover(
    token,
    { name, sex: 'male', birthDate: '1980-05-01', identityStatus: 'claimed' },
    { police, caseNumber: `FL-2026-${name}`, handoverDate: addDays(TEST_TODAY, -2), placeCode },
  );

test.beforeAll(async () => {
  const admin = withToken(await tokenOf(USERS.admin.username, USERS.admin.password));
  const organisation = (name: string, kind: string, jurisdictionCode: string) => organisationNamed(admin, name, kind, jurisdictionCode);
  await userNamed(admin, who.city, 'caseworker', await organisation('昆明市民政局', 'civil_affairs_bureau', '530100'));
  await userNamed(admin, who.jinning, 'caseworker', await organisation('晋宁区民政局', 'civil_affairs_bureau', '530115'));
  await userNamed(admin, who.dongchuan, 'caseworker', await organisation('东川区民政局', 'civil_affairs_bureau', '530113'));
  police = await organisation('昆明市公安局', 'public_security', '530100');
  const institution = await organisation(INSTITUTION, 'assistance_institution', '530113');

  // 东川区: a girl of 12 to 14 the station found (she stays there), and a man the police handed over.
  const dongchuan = await tokenOf(who.dongchuan.username, PASSWORD);
  await api(
    'POST',
    '/intake/discoveries',
    {
      person: { name: '李小秀', sex: 'female', identityStatus: 'unknown', birthDateRange: { from: yearsBefore(TEST_TODAY, 15), to: yearsBefore(TEST_TODAY, 12) } },
      discovery: { discoveredOn: addDays(TEST_TODAY, -3), placeCode: '530113', institutionId: institution, circumstances: '在车站独自徘徊，由救助站接回。' },
    },
    dongchuan,
  );
  await handover(dongchuan, '杨建华', '530113');

  // 晋宁区 (no other spec's county): one file more than a page.
  const jinning = await tokenOf(who.jinning.username, PASSWORD);
  const surnames = [...'赵钱孙李周吴郑王冯陈'];
  const given = [...'一二三四五六'];
  for (let index = 0; index <= PAGE_SIZE; index += 1) await handover(jinning, `${surnames[index % 10]}${given[Math.floor(index / 10)]}官`, '530115');
});

test('the filters live in the URL — the jurisdiction chosen level by level, minor, age band, institution — and a reload keeps them', async ({ page }) => {
  await signIn(page, who.city);
  await page.goto('/app/files');
  await expect(page.getByRole('heading', { name: '个案档案' })).toBeVisible();

  // Below the city: its counties, loaded when the picker opens.
  await page.getByRole('combobox', { name: '负责辖区' }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: '东川区' }).click();
  await expect(page).toHaveURL(/jurisdiction=530113/);
  const rows = page.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);

  await pick(page, '是否成年', '未成年（含可能）');
  await expect(page).toHaveURL(/minor=true/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('李小秀');
  await expect(rows.first().getByText('未成年')).toBeVisible();

  await pick(page, '年龄段', '6–15 岁');
  await page.getByRole('combobox', { name: '所在机构' }).click();
  await page.getByRole('combobox', { name: '所在机构' }).fill('东川区救助');
  await page.locator('.ant-select-item-option', { hasText: INSTITUTION }).click();
  await expect(page).toHaveURL(/institutionId=/);
  await expect(rows).toHaveCount(1);

  // A reload (or the link shared) keeps every filter, the jurisdiction in words.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('李小秀');
  await expect(page.locator('.ant-cascader')).toContainText('东川区');
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '所在机构' }) })).toContainText(INSTITUTION);
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '是否成年' }) })).toContainText('未成年');
  await checkPage(page, 'files-filters');

  // The adults of the county, wherever they are.
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '所在机构' }) }).hover();
  await page
    .locator('.ant-select', { has: page.getByRole('combobox', { name: '所在机构' }) })
    .locator('.ant-select-clear')
    .click();
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '年龄段' }) }).hover();
  await page
    .locator('.ant-select', { has: page.getByRole('combobox', { name: '年龄段' }) })
    .locator('.ant-select-clear')
    .click();
  await pick(page, '是否成年', '已成年');
  await expect(page).toHaveURL(/minor=false/);
  await expect(page).not.toHaveURL(/institutionId/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('杨建华');
});

test('more files than a page: 加载更多 brings the next one (keyset), then there are no more', async ({ page }) => {
  await signIn(page, who.jinning);
  await page.goto('/app/files');
  const rows = page.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(PAGE_SIZE);
  // A county has no division below it: no jurisdiction picker.
  await expect(page.getByRole('combobox', { name: '负责辖区' })).toHaveCount(0);
  await page.getByRole('button', { name: '加载更多' }).click();
  await expect(rows).toHaveCount(PAGE_SIZE + 1);
  await expect(page.getByText('没有更多了')).toBeVisible();
  await expect(page.getByRole('button', { name: '加载更多' })).toHaveCount(0);
  // Newest first: the first file handed over is the last.
  await expect(rows.last()).toContainText('赵一官');
});
