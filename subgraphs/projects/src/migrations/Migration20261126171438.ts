import { Migration } from '@mikro-orm/migrations';

export class Migration20261126171438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "department" ("code" varchar(16) not null, "name" varchar(255) not null, "name_zh" varchar(255) not null, "kind" text check ("kind" in ('LINE', 'TRADING_CENTER', 'SUPERVISION_OFFICE')) not null, constraint "department_pkey" primary key ("code"));`);

    this.addSql(`create table "market_entity" ("credit_code" varchar(18) not null, "name" varchar(255) not null, "legal_representative" varchar(255) null, "registered_on" date not null, constraint "market_entity_pkey" primary key ("credit_code"));`);

    this.addSql(`create table "practitioner" ("id" uuid not null, "name" varchar(255) not null, "role" text check ("role" in ('PROJECT_MANAGER', 'AGENCY_STAFF', 'EVALUATION_EXPERT')) not null, "identity_number" varchar(18) not null, "employer_credit_code" varchar(18) null, constraint "practitioner_pkey" primary key ("id"));`);

    this.addSql(`create table "project" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(255) not null, "category" text check ("category" in ('HOUSING', 'MUNICIPAL', 'TRANSPORT', 'WATER', 'AGRICULTURE')) not null, "supervising_department_code" varchar(16) not null, "tenderer_credit_code" varchar(18) not null, "tender_agency_credit_code" varchar(18) null, "budget" numeric(18,2) not null, "tender_method" text check ("tender_method" in ('OPEN', 'INVITED')) not null, "stage" text check ("stage" in ('REGISTERED', 'ANNOUNCED', 'BIDS_OPENED', 'EVALUATED', 'CANDIDATES_PUBLICISED', 'AWARDED', 'CONTRACT_FILED', 'IN_PERFORMANCE', 'COMPLETED')) not null default 'REGISTERED', "tender_round" int not null default 1, "registered_on" date not null, "announced_on" date null, "bid_deadline" date null, "publicity_ends_on" date null, "award_notice_on" date null, "contract_signed_on" date null, "contract_amount" numeric(18,2) null, "last_stage_on" date null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_code_unique" unique ("code");`);
    this.addSql(`create index "project_category_index" on "project" ("category");`);
    this.addSql(`create index "project_supervising_department_code_index" on "project" ("supervising_department_code");`);
    this.addSql(`create index "project_tenderer_credit_code_index" on "project" ("tenderer_credit_code");`);
    this.addSql(`create index "project_tender_agency_credit_code_index" on "project" ("tender_agency_credit_code");`);
    this.addSql(`create index "project_stage_index" on "project" ("stage");`);
    this.addSql(`create index "project_registered_on_index" on "project" ("registered_on");`);

    this.addSql(`create table "bid" ("id" uuid not null, "project_id" uuid not null, "bidder_credit_code" varchar(18) not null, "tender_round" int not null, "amount" numeric(18,2) not null, "submitted_on" date not null, "awarded" boolean not null default false, constraint "bid_pkey" primary key ("id"));`);
    this.addSql(`create index "bid_project_id_index" on "bid" ("project_id");`);
    this.addSql(`create index "bid_bidder_credit_code_index" on "bid" ("bidder_credit_code");`);
    this.addSql(`alter table "bid" add constraint "bid_project_id_tender_round_bidder_credit_code_unique" unique ("project_id", "tender_round", "bidder_credit_code");`);

    this.addSql(`create table "project_flag" ("id" uuid not null, "project_id" uuid not null, "rule" text check ("rule" in ('DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', 'CLARIFICATION_MIN_15_DAYS_BEFORE_DEADLINE', 'MIN_3_BIDS', 'CANDIDATE_PUBLICITY_MIN_3_DAYS', 'CONTRACT_WITHIN_30_DAYS_OF_AWARD')) not null, "required" int not null, "actual" int not null, "unit" varchar(255) not null, "message" text not null, "tender_round" int not null, "raised_on" date not null, constraint "project_flag_pkey" primary key ("id"));`);
    this.addSql(`create index "project_flag_project_id_index" on "project_flag" ("project_id");`);
    this.addSql(`create index "project_flag_rule_index" on "project_flag" ("rule");`);

    this.addSql(`create table "stage_record" ("id" uuid not null, "project_id" uuid not null, "kind" text check ("kind" in ('ANNOUNCEMENT', 'CLARIFICATION', 'BID_OPENING', 'FAILED_OPENING', 'EVALUATION_REPORT', 'CANDIDATE_PUBLICITY', 'AWARD_NOTICE', 'CONTRACT_FILING', 'PERFORMANCE_START', 'COMPLETION')) not null, "tender_round" int not null, "occurred_on" date not null, "document_ref" varchar(255) not null, "bid_deadline" date null, "publicity_ends_on" date null, "bid_count" int null, "recorded_by" varchar(255) not null, "recorded_at" timestamptz not null, constraint "stage_record_pkey" primary key ("id"));`);
    this.addSql(`create index "stage_record_project_id_index" on "stage_record" ("project_id");`);

    this.addSql(`alter table "practitioner" add constraint "practitioner_employer_credit_code_foreign" foreign key ("employer_credit_code") references "market_entity" ("credit_code") on update cascade on delete set null;`);

    this.addSql(`alter table "project" add constraint "project_supervising_department_code_foreign" foreign key ("supervising_department_code") references "department" ("code") on update cascade;`);
    this.addSql(`alter table "project" add constraint "project_tenderer_credit_code_foreign" foreign key ("tenderer_credit_code") references "market_entity" ("credit_code") on update cascade;`);
    this.addSql(`alter table "project" add constraint "project_tender_agency_credit_code_foreign" foreign key ("tender_agency_credit_code") references "market_entity" ("credit_code") on update cascade on delete set null;`);

    this.addSql(`alter table "bid" add constraint "bid_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "bid" add constraint "bid_bidder_credit_code_foreign" foreign key ("bidder_credit_code") references "market_entity" ("credit_code") on update cascade;`);

    this.addSql(`alter table "project_flag" add constraint "project_flag_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);

    this.addSql(`alter table "stage_record" add constraint "stage_record_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
  }

}
