import { Migration } from '@mikro-orm/migrations';
import { WRITE_LOG_APPEND_ONLY_SQL } from '@hub/kit';

export class Migration20261128022259 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "write_log" ("id" uuid not null, "at" timestamptz not null, "slice" varchar(32) not null, "mutation" varchar(100) not null, "request_id" varchar(100) not null, "actor_sub" varchar(255) not null, "actor_name" varchar(255) not null, "actor_role" varchar(16) not null, "actor_department" varchar(16) null, "operation" text check ("operation" in ('CREATE', 'UPDATE', 'DELETE')) not null, "object_type" varchar(100) not null, "object_id" varchar(255) not null, "project_id" varchar(64) null, "changes" jsonb not null, constraint "write_log_pkey" primary key ("id"));`);
    this.addSql(`create index "write_log_project_id_index" on "write_log" ("project_id");`);
    this.addSql(`create index "write_log_object_type_object_id_index" on "write_log" ("object_type", "object_id");`);
    this.addSql(`create index "write_log_at_id_index" on "write_log" ("at", "id");`);
    // Hand-written (triggers are not derived from the entities): the write log is append-only.
    for (const sql of WRITE_LOG_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "write_log" cascade;`);
    this.addSql(`drop function if exists "refuse_write_log_change"();`);
  }

}
