import { Migration } from '@mikro-orm/migrations';

export class Migration20261127234206 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "case_file" drop constraint if exists "case_file_channel_check";`);

    this.addSql(`alter table "case_file" add constraint "case_file_channel_check" check("channel" in ('ONLINE', 'WINDOW', 'LETTER', 'PHONE', 'EMAIL', 'INSPECTION', 'REFERRAL'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "case_file" drop constraint if exists "case_file_channel_check";`);

    this.addSql(`alter table "case_file" add constraint "case_file_channel_check" check("channel" in ('ONLINE', 'WINDOW', 'INSPECTION', 'REFERRAL'));`);
  }

}
