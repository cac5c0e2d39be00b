import { Migration } from '@mikro-orm/migrations';

export class Migration20261126174253 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agency_evaluation" ("id" uuid not null, "agency_credit_code" varchar(18) not null, "agency_name" varchar(255) not null, "year" int not null, "score" int not null, "grade" text check ("grade" in ('A', 'B', 'C', 'D')) not null, "record_points" int not null, "record_count" int not null, "substantiated_cases" int not null, "basis" text not null, "computed_on" date not null, "computed_by" varchar(255) not null, "computed_at" timestamptz not null, constraint "agency_evaluation_pkey" primary key ("id"));`);
    this.addSql(`create index "agency_evaluation_agency_credit_code_index" on "agency_evaluation" ("agency_credit_code");`);
    this.addSql(`alter table "agency_evaluation" add constraint "agency_evaluation_agency_credit_code_year_unique" unique ("agency_credit_code", "year");`);

    this.addSql(`create table "credit_rule" ("code" varchar(32) not null, "description" text not null, "points" int not null, "serious" boolean not null, "punishment_months" int null, "active" boolean not null default true, constraint "credit_rule_pkey" primary key ("code"));`);

    this.addSql(`create table "credit_record" ("id" uuid not null, "subject_type" text check ("subject_type" in ('MARKET_ENTITY', 'PRACTITIONER')) not null, "subject_key" varchar(64) not null, "project_id" uuid null, "department_code" varchar(16) null, "source_kind" text check ("source_kind" in ('PERFORMANCE_NOTIFICATION', 'CASE_DECISION', 'INSPECTION_FINDING')) not null, "source_ref" varchar(64) not null, "rule_code" varchar(32) not null, "points" int not null, "facts" text not null, "status" text check ("status" in ('DRAFT', 'IN_PUBLICITY', 'OBJECTION_RAISED', 'CORRECTED', 'UPHELD')) not null default 'DRAFT', "created_on" date not null, "created_by" varchar(255) not null, "created_at" timestamptz not null, "publicity_starts_on" date null, "publicity_ends_on" date null, "publicity_end_provisional" boolean not null default false, "effective_on" date null, "expires_on" date null, constraint "credit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_record_subject_key_index" on "credit_record" ("subject_key");`);
    this.addSql(`create index "credit_record_project_id_index" on "credit_record" ("project_id");`);
    this.addSql(`create index "credit_record_department_code_index" on "credit_record" ("department_code");`);
    this.addSql(`create index "credit_record_status_index" on "credit_record" ("status");`);
    this.addSql(`create index "credit_record_publicity_starts_on_index" on "credit_record" ("publicity_starts_on");`);
    this.addSql(`create index "credit_record_effective_on_index" on "credit_record" ("effective_on");`);
    this.addSql(`create index "credit_record_source_kind_source_ref_index" on "credit_record" ("source_kind", "source_ref");`);

    this.addSql(`create table "credit_record_event" ("id" uuid not null, "record_id" uuid not null, "from_status" text check ("from_status" in ('DRAFT', 'IN_PUBLICITY', 'OBJECTION_RAISED', 'CORRECTED', 'UPHELD', 'EFFECTIVE', 'EXPIRED')) null, "to_status" text check ("to_status" in ('DRAFT', 'IN_PUBLICITY', 'OBJECTION_RAISED', 'CORRECTED', 'UPHELD', 'EFFECTIVE', 'EXPIRED')) not null, "on" date not null, "at" timestamptz not null, "actor" varchar(255) not null, "actor_name" varchar(255) not null, "note" text null, constraint "credit_record_event_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_record_event_record_id_index" on "credit_record_event" ("record_id");`);

    this.addSql(`create table "credit_objection" ("id" uuid not null, "record_id" uuid not null, "raised_by" varchar(255) not null, "raised_on" date not null, "grounds" text not null, "entered_by" varchar(255) not null, "outcome" text check ("outcome" in ('CORRECTED', 'UPHELD')) null, "decided_on" date null, "decision_note" text null, "previous_rule_code" varchar(32) null, "previous_points" int null, "corrected_rule_code" varchar(32) null, "corrected_points" int null, constraint "credit_objection_pkey" primary key ("id"));`);
    this.addSql(`alter table "credit_objection" add constraint "credit_objection_record_id_unique" unique ("record_id");`);

    this.addSql(`create table "joint_punishment_entry" ("id" uuid not null, "subject_type" text check ("subject_type" in ('MARKET_ENTITY', 'PRACTITIONER')) not null, "subject_key" varchar(64) not null, "record_id" uuid not null, "department_code" varchar(16) null, "reason" text not null, "from_on" date not null, "until_on" date not null, constraint "joint_punishment_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_punishment_entry_subject_key_index" on "joint_punishment_entry" ("subject_key");`);
    this.addSql(`alter table "joint_punishment_entry" add constraint "joint_punishment_entry_record_id_unique" unique ("record_id");`);
    this.addSql(`create index "joint_punishment_entry_department_code_index" on "joint_punishment_entry" ("department_code");`);

    this.addSql(`create table "performance_notification" ("id" uuid not null, "department_code" varchar(16) not null, "project_id" uuid not null, "subject_type" text check ("subject_type" in ('MARKET_ENTITY', 'PRACTITIONER')) not null, "subject_key" varchar(64) not null, "facts" text not null, "suggested_rule_code" varchar(64) null, "notified_on" date not null, "recording_due_on" date not null, "due_provisional" boolean not null default false, "recorded_on" date null, "closed_on" date null, "closing_note" text null, "filed_by" varchar(255) not null, "filed_at" timestamptz not null, constraint "performance_notification_pkey" primary key ("id"));`);
    this.addSql(`create index "performance_notification_department_code_index" on "performance_notification" ("department_code");`);
    this.addSql(`create index "performance_notification_project_id_index" on "performance_notification" ("project_id");`);
    this.addSql(`create index "performance_notification_subject_key_index" on "performance_notification" ("subject_key");`);
    this.addSql(`create index "performance_notification_notified_on_index" on "performance_notification" ("notified_on");`);

    this.addSql(`alter table "credit_record" add constraint "credit_record_rule_code_foreign" foreign key ("rule_code") references "credit_rule" ("code") on update cascade;`);

    this.addSql(`alter table "credit_record_event" add constraint "credit_record_event_record_id_foreign" foreign key ("record_id") references "credit_record" ("id") on update cascade;`);

    this.addSql(`alter table "credit_objection" add constraint "credit_objection_record_id_foreign" foreign key ("record_id") references "credit_record" ("id") on update cascade;`);

    this.addSql(`alter table "joint_punishment_entry" add constraint "joint_punishment_entry_record_id_foreign" foreign key ("record_id") references "credit_record" ("id") on update cascade;`);
  }

}
