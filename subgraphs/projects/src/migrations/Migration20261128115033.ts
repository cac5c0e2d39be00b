import { Migration } from '@mikro-orm/migrations';

export class Migration20261128115033 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "interval_check" ("id" uuid not null, "project_id" uuid not null, "tender_round" int not null, "rule" text check ("rule" in ('DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE', 'MIN_3_BIDS', 'CANDIDATE_PUBLICITY_MIN_3_DAYS', 'CONTRACT_WITHIN_30_DAYS_OF_AWARD')) not null, "starts_on" date not null, "compared_on" date not null, "period_ends_on" date not null, "provisional" boolean not null, "flag_id" uuid null, "checked_on" date not null, constraint "interval_check_pkey" primary key ("id"));`);
    this.addSql(`create index "interval_check_project_id_index" on "interval_check" ("project_id");`);
    this.addSql(`create index "interval_check_provisional" on "interval_check" ("id") where "provisional";`);

    this.addSql(`alter table "interval_check" add constraint "interval_check_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "interval_check" add constraint "interval_check_flag_id_foreign" foreign key ("flag_id") references "project_flag" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "interval_check" cascade;`);
  }

}
