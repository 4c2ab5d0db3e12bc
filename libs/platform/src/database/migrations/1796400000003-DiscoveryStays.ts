import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person an institution found and recorded (`/intake/discoveries`) was
 * placed there without a stay, so its staff could record nothing of it: the
 * open placements still without a stay get theirs (the intake now writes both).
 */
export class DiscoveryStays1796400000003 implements MigrationInterface {
  name = 'DiscoveryStays1796400000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO institution_stay (file_id, placement_id, institution_id, begins_on)
      SELECT p.file_id, p.id, p.institution_id, p.from_date FROM placement p
       WHERE p.to_date IS NULL AND NOT EXISTS (SELECT 1 FROM institution_stay s WHERE s.placement_id = p.id)`);
  }

  async down(): Promise<void> {
    // The stays stand: they may hold what the staff recorded since.
  }
}
