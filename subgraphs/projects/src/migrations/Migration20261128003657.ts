import { Migration } from '@mikro-orm/migrations';

export class Migration20261128003657 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "department" add column "position" smallint not null default 100;`);
    // The member units are reference data, seeded here (they used to be a TypeScript constant and demo
    // data). A database that already has them from the old demo seed keeps its rows and gets the order.
    this.addSql(`insert into "department" ("code", "name", "name_zh", "kind", "position") values
      ('FGJ', 'Development and Reform Bureau', '区发改局', 'LINE', 10),
      ('ZJJ', 'Housing and Urban-Rural Development Bureau', '区住建局', 'LINE', 20),
      ('JTJ', 'Transport Bureau', '区交通运输局', 'LINE', 30),
      ('SLJ', 'Water Resources and Lakes Bureau', '区水利和湖泊局', 'LINE', 40),
      ('NYJ', 'Agriculture and Rural Affairs Bureau', '区农业农村局', 'LINE', 50),
      ('JYZX', 'Public Resources Trading Center', '区公共资源交易中心', 'TRADING_CENTER', 60),
      ('ZWJ', 'Government Services and Big Data Bureau (Trading Supervision Bureau)', '区政务服务和大数据管理局（区公共资源交易监督管理局）', 'SUPERVISION_OFFICE', 70)
      on conflict ("code") do update set "position" = excluded."position";`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "department" where "code" in ('FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ', 'JYZX', 'ZWJ') and not exists (select 1 from "project" where "supervising_department_code" = "department"."code");`);
    this.addSql(`alter table "department" drop column "position";`);
  }

}
