import { Migration } from '@mikro-orm/migrations';

export class Migration20261126172838 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enforcer" ("id" uuid not null, "name" varchar(255) not null, "department_code" varchar(16) not null, "certificate_number" varchar(40) not null, "certificate_valid_until" date not null, "specialties" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "enforcer_pkey" primary key ("id"));`);
    this.addSql(`create index "enforcer_department_code_index" on "enforcer" ("department_code");`);
    this.addSql(`alter table "enforcer" add constraint "enforcer_certificate_number_unique" unique ("certificate_number");`);

    this.addSql(`create table "conflict_of_interest" ("id" uuid not null, "enforcer_id" uuid not null, "credit_code" varchar(18) not null, "reason" text not null, "recorded_on" date not null, "recorded_by" varchar(255) not null, constraint "conflict_of_interest_pkey" primary key ("id"));`);
    this.addSql(`create index "conflict_of_interest_enforcer_id_index" on "conflict_of_interest" ("enforcer_id");`);
    this.addSql(`create index "conflict_of_interest_credit_code_index" on "conflict_of_interest" ("credit_code");`);
    this.addSql(`alter table "conflict_of_interest" add constraint "conflict_of_interest_enforcer_id_credit_code_unique" unique ("enforcer_id", "credit_code");`);

    this.addSql(`create table "inspection_item" ("id" uuid not null, "code" varchar(40) not null, "title" varchar(255) not null, "legal_basis" text not null, "stages" jsonb not null, "active" boolean not null default true, constraint "inspection_item_pkey" primary key ("id"));`);
    this.addSql(`alter table "inspection_item" add constraint "inspection_item_code_unique" unique ("code");`);

    this.addSql(`create table "inspection_plan" ("id" uuid not null, "name" varchar(255) not null, "year" int not null, "period_from" date not null, "period_to" date not null, "sampling_ratio_basis_points" int not null, "inspectors_per_project" int not null, "created_by" varchar(255) not null, "created_at" timestamptz not null, constraint "inspection_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_plan_year_index" on "inspection_plan" ("year");`);

    this.addSql(`create table "inspection_draw" ("id" uuid not null, "plan_id" uuid not null, "seed" varchar(128) not null, "algorithm_version" varchar(32) not null, "drawn_on" date not null, "sampling_ratio_basis_points" int not null, "inspectors_per_project" int not null, "pool" jsonb not null, "roster" jsonb not null, "result" jsonb not null, "committed_at" timestamptz not null, "committed_by" varchar(255) not null, "supersedes_id" uuid null, "redraw_reason" text null, "superseded_at" timestamptz null, "published_at" timestamptz null, constraint "inspection_draw_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_draw_plan_id_index" on "inspection_draw" ("plan_id");`);

    this.addSql(`create table "inspection_plan_item" ("inspection_plan_id" uuid not null, "inspection_item_id" uuid not null, constraint "inspection_plan_item_pkey" primary key ("inspection_plan_id", "inspection_item_id"));`);

    this.addSql(`create table "inspection" ("id" uuid not null, "draw_id" uuid not null, "plan_id" uuid not null, "project_id" uuid not null, "project_code" varchar(40) not null, "supervising_department_code" varchar(16) not null, "project_registered_on" date not null, "inspector_ids" jsonb not null, "status" text check ("status" in ('ASSIGNED', 'RECORDED', 'PUBLISHED', 'CANCELLED')) not null default 'ASSIGNED', "checklist" jsonb not null, "inspected_on" date null, "summary" text null, "recorded_by" varchar(255) null, "recorded_at" timestamptz null, "published_at" timestamptz null, constraint "inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_draw_id_index" on "inspection" ("draw_id");`);
    this.addSql(`create index "inspection_plan_id_index" on "inspection" ("plan_id");`);
    this.addSql(`create index "inspection_project_id_index" on "inspection" ("project_id");`);
    this.addSql(`create index "inspection_supervising_department_code_index" on "inspection" ("supervising_department_code");`);
    this.addSql(`create index "inspection_status_index" on "inspection" ("status");`);
    this.addSql(`alter table "inspection" add constraint "inspection_draw_id_project_id_unique" unique ("draw_id", "project_id");`);

    this.addSql(`create table "inspection_finding" ("id" uuid not null, "inspection_id" uuid not null, "item_code" varchar(40) null, "description" text not null, "severity" text check ("severity" in ('MINOR', 'MAJOR', 'SERIOUS')) not null, "respondent_credit_codes" jsonb not null, "case_id" varchar(64) null, "case_opening_error" text null, "case_opened_at" timestamptz null, "created_at" timestamptz not null, constraint "inspection_finding_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_finding_inspection_id_index" on "inspection_finding" ("inspection_id");`);

    this.addSql(`create table "recusal" ("id" uuid not null, "enforcer_id" uuid not null, "project_id" uuid not null, "reason" text not null, "recorded_on" date not null, "recorded_by" varchar(255) not null, constraint "recusal_pkey" primary key ("id"));`);
    this.addSql(`create index "recusal_enforcer_id_index" on "recusal" ("enforcer_id");`);
    this.addSql(`create index "recusal_project_id_index" on "recusal" ("project_id");`);
    this.addSql(`alter table "recusal" add constraint "recusal_enforcer_id_project_id_unique" unique ("enforcer_id", "project_id");`);

    this.addSql(`create table "training_record" ("id" uuid not null, "enforcer_id" uuid not null, "course" varchar(255) not null, "completed_on" date not null, "hours" double precision not null, constraint "training_record_pkey" primary key ("id"));`);
    this.addSql(`create index "training_record_enforcer_id_index" on "training_record" ("enforcer_id");`);

    this.addSql(`alter table "conflict_of_interest" add constraint "conflict_of_interest_enforcer_id_foreign" foreign key ("enforcer_id") references "enforcer" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_draw" add constraint "inspection_draw_plan_id_foreign" foreign key ("plan_id") references "inspection_plan" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_draw" add constraint "inspection_draw_supersedes_id_foreign" foreign key ("supersedes_id") references "inspection_draw" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "inspection_plan_item" add constraint "inspection_plan_item_inspection_plan_id_foreign" foreign key ("inspection_plan_id") references "inspection_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "inspection_plan_item" add constraint "inspection_plan_item_inspection_item_id_foreign" foreign key ("inspection_item_id") references "inspection_item" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "inspection" add constraint "inspection_draw_id_foreign" foreign key ("draw_id") references "inspection_draw" ("id") on update cascade;`);
    this.addSql(`alter table "inspection" add constraint "inspection_plan_id_foreign" foreign key ("plan_id") references "inspection_plan" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_finding" add constraint "inspection_finding_inspection_id_foreign" foreign key ("inspection_id") references "inspection" ("id") on update cascade;`);

    this.addSql(`alter table "recusal" add constraint "recusal_enforcer_id_foreign" foreign key ("enforcer_id") references "enforcer" ("id") on update cascade;`);

    this.addSql(`alter table "training_record" add constraint "training_record_enforcer_id_foreign" foreign key ("enforcer_id") references "enforcer" ("id") on update cascade;`);
  }

}
