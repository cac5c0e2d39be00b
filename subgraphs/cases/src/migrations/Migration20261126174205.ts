import { Migration } from '@mikro-orm/migrations';

export class Migration20261126174205 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "case_file" ("id" uuid not null, "receipt_number" varchar(32) not null, "kind" text check ("kind" in ('COMPLAINT', 'REPORT', 'INSPECTION_FINDING', 'REFERRAL')) not null, "channel" text check ("channel" in ('ONLINE', 'WINDOW', 'INSPECTION', 'REFERRAL')) not null, "status" text check ("status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'ROUTED', 'INVESTIGATING', 'DECIDED', 'FEEDBACK_SENT', 'ARCHIVED')) not null default 'SUBMITTED', "version" int not null default 1, "event_count" int not null default 0, "project_id" uuid not null, "supervising_department_code" varchar(16) not null, "handling_departments" text[] not null, "responsible_departments" text[] not null, "routing_mode" text check ("routing_mode" in ('SELF_HANDLED', 'SPLIT', 'TRANSFERRED')) null, "respondent_credit_codes" text[] not null, "assigned_enforcer_ids" text[] not null, "summary" varchar(200) not null, "details" text not null, "submitter_name" varchar(255) null, "submitter_contact" varchar(255) null, "submitter_relation" varchar(255) null, "anonymous" boolean not null default false, "knew_on" date null, "idempotency_key" varchar(100) null, "request_fingerprint" varchar(64) null, "secret_hash" varchar(255) null, "finding_id" varchar(100) null, "referral_reference" varchar(100) null, "referral_due_on" date null, "received_at" timestamptz not null, "received_on" date not null, "acceptance_due_on" date not null, "acceptance_due_provisional" boolean not null default false, "accepted_on" date null, "rejected_on" date null, "refusal_ground" text check ("refusal_ground" in ('NOT_INTERESTED_PARTY', 'NO_FACTS_OR_EVIDENCE', 'NO_REAL_NAME_OR_SIGNATURE', 'OUT_OF_TIME', 'ALREADY_DECIDED', 'IN_RECONSIDERATION_OR_LITIGATION', 'OTHER')) null, "refusal_reason" text null, "resolution_due_on" date null, "resolution_due_provisional" boolean not null default false, "next_due_on" date null, "decided_on" date null, "substantiated" boolean null, "action_taken" text null, "penalty" text null, "decided_by_department" varchar(16) null, "feedback" text null, "feedback_on" date null, "archived_on" date null, "updated_at" timestamptz not null, constraint "case_file_pkey" primary key ("id"));`);
    this.addSql(`alter table "case_file" add constraint "case_file_receipt_number_unique" unique ("receipt_number");`);
    this.addSql(`create index "case_file_kind_index" on "case_file" ("kind");`);
    this.addSql(`create index "case_file_status_index" on "case_file" ("status");`);
    this.addSql(`create index "case_file_project_id_index" on "case_file" ("project_id");`);
    this.addSql(`alter table "case_file" add constraint "case_file_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "case_file" add constraint "case_file_finding_id_unique" unique ("finding_id");`);
    this.addSql(`create index "case_file_received_on_index" on "case_file" ("received_on");`);
    this.addSql(`create index "case_file_next_due_on_index" on "case_file" ("next_due_on");`);
    this.addSql(`create index "case_file_assigned_enforcer_ids_gin" on "case_file" using gin ("assigned_enforcer_ids");`);
    this.addSql(`create index "case_file_respondent_credit_codes_gin" on "case_file" using gin ("respondent_credit_codes");`);
    this.addSql(`create index "case_file_responsible_departments_gin" on "case_file" using gin ("responsible_departments");`);

    this.addSql(`create table "case_event" ("id" uuid not null, "case_id" uuid not null, "sequence" int not null, "transition" text check ("transition" in ('SUBMIT', 'ACCEPT', 'REJECT', 'ROUTE', 'START_INVESTIGATION', 'ASSIGN_ENFORCERS', 'DECIDE', 'SEND_FEEDBACK', 'ARCHIVE', 'SUPERVISE')) not null, "from_status" text check ("from_status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'ROUTED', 'INVESTIGATING', 'DECIDED', 'FEEDBACK_SENT', 'ARCHIVED')) null, "to_status" text check ("to_status" in ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'ROUTED', 'INVESTIGATING', 'DECIDED', 'FEEDBACK_SENT', 'ARCHIVED')) not null, "at" timestamptz not null, "actor_sub" varchar(255) not null, "actor_name" varchar(255) not null, "actor_role" varchar(16) not null, "actor_department" varchar(16) null, "comment" text null, "departments" text[] null, "enforcer_ids" text[] null, "refusal_ground" text check ("refusal_ground" in ('NOT_INTERESTED_PARTY', 'NO_FACTS_OR_EVIDENCE', 'NO_REAL_NAME_OR_SIGNATURE', 'OUT_OF_TIME', 'ALREADY_DECIDED', 'IN_RECONSIDERATION_OR_LITIGATION', 'OTHER')) null, "routing_mode" text check ("routing_mode" in ('SELF_HANDLED', 'SPLIT', 'TRANSFERRED')) null, constraint "case_event_pkey" primary key ("id"));`);
    this.addSql(`create index "case_event_case_id_index" on "case_event" ("case_id");`);
    this.addSql(`alter table "case_event" add constraint "case_event_case_id_sequence_unique" unique ("case_id", "sequence");`);

    this.addSql(`create table "rectification_task" ("id" uuid not null, "source" text check ("source" in ('INSPECTION', 'AUDIT', 'INSPECTION_TOUR', 'CASE_DECISION')) not null, "source_reference" varchar(100) not null, "case_id" uuid null, "project_id" uuid null, "problem" text not null, "measures" text not null, "responsible_department_code" varchar(16) not null, "deadline" date not null, "status" text check ("status" in ('OPEN', 'COMPLETED')) not null default 'OPEN', "completed_on" date null, "completion_note" text null, "version" int not null default 1, "created_by" varchar(255) not null, "created_at" timestamptz not null, constraint "rectification_task_pkey" primary key ("id"));`);
    this.addSql(`create index "rectification_task_case_id_index" on "rectification_task" ("case_id");`);
    this.addSql(`create index "rectification_task_project_id_index" on "rectification_task" ("project_id");`);
    this.addSql(`create index "rectification_task_responsible_department_code_index" on "rectification_task" ("responsible_department_code");`);
    this.addSql(`create index "rectification_task_status_index" on "rectification_task" ("status");`);

    this.addSql(`create table "rectification_progress" ("id" uuid not null, "task_id" uuid not null, "reported_on" date not null, "note" text not null, "actor_name" varchar(255) not null, "actor_department" varchar(16) null, "at" timestamptz not null, constraint "rectification_progress_pkey" primary key ("id"));`);
    this.addSql(`create index "rectification_progress_task_id_index" on "rectification_progress" ("task_id");`);

    this.addSql(`alter table "case_event" add constraint "case_event_case_id_foreign" foreign key ("case_id") references "case_file" ("id") on update cascade;`);

    this.addSql(`alter table "rectification_task" add constraint "rectification_task_case_id_foreign" foreign key ("case_id") references "case_file" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "rectification_progress" add constraint "rectification_progress_task_id_foreign" foreign key ("task_id") references "rectification_task" ("id") on update cascade;`);

    // Hand-written (triggers are not derived from the entities): keep this when regenerating the initial migration.
    // The trail is append-only (全程留痕): the database itself refuses to change or remove an event or a progress note.
    this.addSql(`create function "refuse_trail_change"() returns trigger language plpgsql as $$ begin raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'restrict_violation'; end $$;`);
    this.addSql(`create trigger "case_event_append_only" before update or delete on "case_event" for each row execute function "refuse_trail_change"();`);
    this.addSql(`create trigger "rectification_progress_append_only" before update or delete on "rectification_progress" for each row execute function "refuse_trail_change"();`);
  }

}
