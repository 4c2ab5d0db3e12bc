/**
 * The tables below are written by hand in migrations (checks, partial and
 * pattern indexes, triggers that TypeORM cannot express), so their entities are
 * `synchronize: false`: `migration:generate` diffs only entity-owned tables.
 */
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationKind, Role } from './roles.js';

/** A GB/T 2260 division: province (level 1), prefecture (2) or county (3). */
@Entity('jurisdiction', { synchronize: false })
export class JurisdictionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  /** The code without the trailing zero pairs of its level: '53', '5301', '530102'. */
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'text', nullable: true })
  parentCode!: string | null;
}

@Entity('organisation', { synchronize: false })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Column({ type: 'text' })
  jurisdictionCode!: string;

  /** Designated hospital (定点医疗机构) for medical referrals (R12). */
  @Column({ type: 'boolean', default: false })
  designated!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('user_account', { synchronize: false })
export class UserAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz' })
  passwordChangedAt!: Date;

  /** Set by an administrator's password reset; the user must change it before anything else. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export const ACCESS_ENTITIES = [JurisdictionEntity, OrganisationEntity, UserAccountEntity];
