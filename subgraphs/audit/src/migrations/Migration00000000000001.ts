import { Migration } from '@mikro-orm/migrations';

/** Initial schema of the audit slice (scaffolded). */
export class Migration00000000000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_finding" ("id" uuid not null, "project_id" uuid not null, "title" varchar(255) not null, "description" text not null, "found_on" date not null, "rectification_due_on" date not null, "rectified_on" date null, "recorded_by_department" varchar(255) not null, "created_at" timestamptz not null, constraint "audit_finding_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_finding_project_id_index" on "audit_finding" ("project_id");`);
  }
}
