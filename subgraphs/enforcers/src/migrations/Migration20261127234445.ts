import { Migration } from '@mikro-orm/migrations';

export class Migration20261127234445 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "draw_round" ("id" uuid not null, "plan_id" uuid not null, "number" int not null, "status" text check ("status" in ('COMMITTING', 'REVEALING', 'REVEALED', 'DRAWN', 'ABANDONED')) not null default 'COMMITTING', "redraw_reason" text null, "participants" jsonb not null, "drawn_on" date not null, "manifest" text not null, "manifest_hash" varchar(64) not null, "pool" jsonb not null, "pseudonyms" jsonb not null, "frozen_at" timestamptz not null, "frozen_by" varchar(255) not null, "reveal_deadline" timestamptz not null, "seed" varchar(64) null, "abandoned_at" timestamptz null, "abandoned_by" varchar(255) null, "abandon_reason" text null, "defaulting_units" jsonb null, constraint "draw_round_pkey" primary key ("id"));`);
    this.addSql(`create index "draw_round_plan_id_index" on "draw_round" ("plan_id");`);
    this.addSql(`create unique index "draw_round_one_open_per_plan" on "draw_round" ("plan_id") where "status" in ('COMMITTING', 'REVEALING', 'REVEALED');`);
    this.addSql(`alter table "draw_round" add constraint "draw_round_plan_id_number_unique" unique ("plan_id", "number");`);

    this.addSql(`create table "draw_commitment" ("id" uuid not null, "round_id" uuid not null, "unit_code" varchar(16) not null, "commitment" varchar(64) not null, "committed_by" varchar(255) not null, "committed_at" timestamptz not null, "secret" varchar(64) null, "revealed_by" varchar(255) null, "revealed_at" timestamptz null, constraint "draw_commitment_pkey" primary key ("id"));`);
    this.addSql(`create index "draw_commitment_round_id_index" on "draw_commitment" ("round_id");`);
    this.addSql(`alter table "draw_commitment" add constraint "draw_commitment_commitment_unique" unique ("commitment");`);
    this.addSql(`alter table "draw_commitment" add constraint "draw_commitment_round_id_unit_code_unique" unique ("round_id", "unit_code");`);

    this.addSql(`alter table "draw_round" add constraint "draw_round_plan_id_foreign" foreign key ("plan_id") references "inspection_plan" ("id") on update cascade;`);

    this.addSql(`alter table "draw_commitment" add constraint "draw_commitment_round_id_foreign" foreign key ("round_id") references "draw_round" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_draw" add column "round_id" uuid null;`);
    this.addSql(`alter table "inspection_draw" add constraint "inspection_draw_round_id_foreign" foreign key ("round_id") references "draw_round" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "inspection_draw" add constraint "inspection_draw_round_id_unique" unique ("round_id");`);
    this.addSql(`create unique index "inspection_draw_one_current_per_plan" on "inspection_draw" ("plan_id") where "superseded_at" is null;`);

    this.addSql(`alter table "inspection" add column "inspector_pseudonyms" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inspection_draw" drop constraint "inspection_draw_round_id_foreign";`);

    this.addSql(`alter table "draw_commitment" drop constraint "draw_commitment_round_id_foreign";`);

    this.addSql(`drop table if exists "draw_round" cascade;`);

    this.addSql(`drop table if exists "draw_commitment" cascade;`);

    this.addSql(`alter table "inspection" drop column "inspector_pseudonyms";`);

    this.addSql(`alter table "inspection_draw" drop constraint "inspection_draw_round_id_unique";`);
    this.addSql(`drop index "inspection_draw_one_current_per_plan";`);
    this.addSql(`alter table "inspection_draw" drop column "round_id";`);
  }

}
