import { Migration } from '@mikro-orm/migrations';

export class Migration20261128110912 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "project_flag" add column "period_ends_on" date null, add column "provisional" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project_flag" drop column "period_ends_on", drop column "provisional";`);
  }

}
