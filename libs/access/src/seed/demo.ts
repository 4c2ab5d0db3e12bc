import { randomBytes, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#app/platform';
import { passwordProblem, Passwords } from '../auth/passwords.js';
import type { OrganisationKind, Role } from '../roles.js';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  organisation: string;
}

/** Yunnan province, Kunming prefecture (the city) and two of its counties (GB/T 2260). */
const PROVINCE = '530000';
const PREFECTURE = '530100';
const WUHUA = '530102';
const GUANDU = '530111';

/** The bureaus the demo files belong to (see apps/cli demo-files.ts). */
export const DEMO_FILES_BUREAU = '昆明市民政局（演示）';
export const DEMO_FILES_BUREAU_2 = '官渡区民政局（演示）';

/**
 * Names end in （演示） so nobody mistakes them for the real institutions.
 * Three levels of civil affairs (province, city, a county) and the
 * joint-meeting offices of the province and the city with their statisticians.
 */
const ORGANISATIONS: { key: string; name: string; kind: OrganisationKind; jurisdiction: string; designated?: boolean }[] = [
  { key: 'bureau', name: DEMO_FILES_BUREAU, kind: 'civil_affairs_bureau', jurisdiction: PREFECTURE },
  { key: 'guandu', name: DEMO_FILES_BUREAU_2, kind: 'civil_affairs_bureau', jurisdiction: GUANDU },
  { key: 'province', name: '云南省民政厅（演示）', kind: 'civil_affairs_bureau', jurisdiction: PROVINCE },
  { key: 'assistance', name: '昆明市救助管理站（演示）', kind: 'assistance_institution', jurisdiction: PREFECTURE },
  { key: 'minors', name: '昆明市未成年人救助保护中心（演示）', kind: 'minor_protection_centre', jurisdiction: PREFECTURE },
  { key: 'police', name: '昆明市公安局五华分局（演示）', kind: 'public_security', jurisdiction: WUHUA },
  { key: 'hospital', name: '五华区定点医院（演示）', kind: 'hospital', jurisdiction: WUHUA, designated: true },
  { key: 'school', name: '五华区实验小学（演示）', kind: 'school', jurisdiction: WUHUA },
  { key: 'technical', name: '昆明市技工学校（演示）', kind: 'technical_school', jurisdiction: PREFECTURE },
  { key: 'hrss', name: '昆明市人力资源和社会保障局（演示）', kind: 'hr_social_security', jurisdiction: PREFECTURE },
  { key: 'legalaid', name: '官渡区法律援助中心（演示）', kind: 'legal_aid_centre', jurisdiction: GUANDU },
  { key: 'socialwork', name: '官渡区社会工作服务中心（演示）', kind: 'social_work_organisation', jurisdiction: GUANDU },
  { key: 'foreign', name: '云南省人民政府外事办公室（演示）', kind: 'foreign_affairs_office', jurisdiction: PROVINCE },
  { key: 'jointmeeting', name: '昆明市反拐联席会议办公室（演示）', kind: 'joint_meeting_office', jurisdiction: PREFECTURE },
  { key: 'provincemeeting', name: '云南省反拐联席会议办公室（演示）', kind: 'joint_meeting_office', jurisdiction: PROVINCE },
];

const USERS: { username: string; displayName: string; role: Role; organisation: string }[] = [
  { username: 'demo.caseworker', displayName: '李个案（演示）', role: 'caseworker', organisation: 'bureau' },
  { username: 'demo.supervisor', displayName: '王主管（演示）', role: 'supervisor', organisation: 'bureau' },
  { username: 'demo.caseworker.guandu', displayName: '何个案（演示）', role: 'caseworker', organisation: 'guandu' },
  { username: 'demo.supervisor.guandu', displayName: '罗主管（演示）', role: 'supervisor', organisation: 'guandu' },
  { username: 'demo.supervisor.province', displayName: '马处长（演示）', role: 'supervisor', organisation: 'province' },
  { username: 'demo.institution', displayName: '张站员（演示）', role: 'institution_staff', organisation: 'assistance' },
  { username: 'demo.institution.minors', displayName: '许老师（演示）', role: 'institution_staff', organisation: 'minors' },
  { username: 'demo.police', displayName: '赵警官（演示）', role: 'police_liaison', organisation: 'police' },
  { username: 'demo.hospital', displayName: '陈医生（演示）', role: 'hospital_staff', organisation: 'hospital' },
  { username: 'demo.school', displayName: '刘老师（演示）', role: 'school_staff', organisation: 'school' },
  { username: 'demo.training', displayName: '杨培训（演示）', role: 'training_staff', organisation: 'hrss' },
  { username: 'demo.legalaid', displayName: '黄律师（演示）', role: 'legal_aid_staff', organisation: 'legalaid' },
  { username: 'demo.socialworker', displayName: '周社工（演示）', role: 'social_worker', organisation: 'socialwork' },
  { username: 'demo.foreignaffairs', displayName: '吴外事（演示）', role: 'foreign_affairs_officer', organisation: 'foreign' },
  { username: 'demo.statistician', displayName: '郑统计（演示）', role: 'statistician', organisation: 'jointmeeting' },
  { username: 'demo.statistician.province', displayName: '钱统计（演示）', role: 'statistician', organisation: 'provincemeeting' },
  { username: 'demo.admin', displayName: '孙管理员（演示）', role: 'administrator', organisation: 'bureau' },
];

/** A random password that meets the policy (17 characters: 72 random bits, a dash, two digits, two letters). */
export function generatePassword(): string {
  for (;;) {
    const candidate = `${randomBytes(9).toString('base64url')}-${randomInt(10, 99)}Hj`;
    if (!passwordProblem(candidate)) return candidate;
  }
}

/**
 * The demo set for a first start: organisations of every kind in Yunnan, at
 * least one user per role, with fresh random passwords returned once to be
 * printed (the demo files are made after, through the services: apps/cli).
 * Never in production. Running it again adds what is missing and gives the
 * demo users new passwords.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: Passwords,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [row]: { any: boolean }[] = await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM organisation) AS any');
    return !row.any;
  }

  async seed(): Promise<DemoLogin[]> {
    if (this.config.isProduction) throw new Error('demo data is never seeded in production');
    const logins = await Promise.all(USERS.map(async (user) => ({ ...user, password: generatePassword() })));
    const hashes = await Promise.all(logins.map((login) => this.passwords.hash(login.password)));
    return this.dataSource.transaction(async (manager) => {
      const ids = new Map<string, string>();
      for (const organisation of ORGANISATIONS) ids.set(organisation.key, await this.ensureOrganisation(manager, organisation));
      for (const [index, login] of logins.entries()) {
        await manager.query(
          `INSERT INTO user_account (username, display_name, organisation_id, role, password_hash)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, password_change_required = false,
                                                 password_changed_at = now(), updated_at = now()`,
          [login.username, login.displayName, ids.get(login.organisation), login.role, hashes[index]],
        );
      }
      return logins.map((login) => ({
        username: login.username,
        password: login.password,
        role: login.role,
        organisation: ORGANISATIONS.find((o) => o.key === login.organisation)!.name,
      }));
    });
  }

  private async ensureOrganisation(manager: EntityManager, organisation: (typeof ORGANISATIONS)[number]): Promise<string> {
    const existing: { id: string }[] = await manager.query('SELECT id FROM organisation WHERE jurisdiction_code = $1 AND lower(name) = lower($2)', [
      organisation.jurisdiction,
      organisation.name,
    ]);
    if (existing[0]) return existing[0].id;
    const [{ id }]: { id: string }[] = await manager.query('INSERT INTO organisation (name, kind, jurisdiction_code, designated) VALUES ($1, $2, $3, $4) RETURNING id', [
      organisation.name,
      organisation.kind,
      organisation.jurisdiction,
      organisation.designated ?? false,
    ]);
    return id;
  }
}
