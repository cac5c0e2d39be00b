import { Migration } from '@mikro-orm/migrations';

export class Migration20261128082411 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "practitioner_name" ("subject_key" varchar(64) not null, "name" text null, constraint "practitioner_name_pkey" primary key ("subject_key"));`);

    this.addSql(`create index "credit_record_published_practitioner_index" on "credit_record" ("subject_key") where "subject_type" = 'PRACTITIONER' and "status" <> 'DRAFT';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "practitioner_name" cascade;`);

    this.addSql(`drop index "credit_record_published_practitioner_index";`);
  }

}
