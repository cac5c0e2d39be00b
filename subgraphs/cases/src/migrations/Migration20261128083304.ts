import { Migration } from '@mikro-orm/migrations';

export class Migration20261128083304 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "case_file_intake_queue_index" on "case_file" ("status", "acceptance_due_on", "received_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "case_file_intake_queue_index";`);
  }

}
