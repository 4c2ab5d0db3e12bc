import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A rescued person's file (R17: a dedicated archive). Its state is set only by
 * the state machine of this lib; access is decided on the responsible
 * jurisdiction, the current institution and grants (libs/access). Its table
 * is written by hand in migrations (`synchronize: false`).
 */
@Entity('victim_file', { synchronize: false })
export class VictimFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The human file number. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  responsibleJurisdictionCode!: string;

  @Column({ type: 'uuid' })
  responsibleOrganisationId!: string;

  @Column({ type: 'uuid', nullable: true })
  responsibleCaseworkerId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  currentInstitutionId!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export const CASE_ENTITIES = [VictimFileEntity];
