import { Migration } from '@mikro-orm/migrations';
import { WRITE_LOG_MIGRATION_SQL } from '@hub/kit';

/** The kit's write log of the audit slice: the write_log table, append-only (scaffolded). */
export class Migration00000000000002 extends Migration {
  override async up(): Promise<void> {
    for (const sql of WRITE_LOG_MIGRATION_SQL) this.addSql(sql);
  }
}
