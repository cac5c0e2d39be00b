/**
 * The statements that make a slice's `write_log` table append-only, for the slice's migration that
 * creates the table (triggers are not derived from entities): an UPDATE or DELETE is refused by the
 * database itself, whoever sends it, like the cases slice's trail. Committed migrations run these
 * statements: never change them; a change is a new constant used by a new migration.
 */
export const WRITE_LOG_APPEND_ONLY_SQL: readonly string[] = [
  `create or replace function "refuse_write_log_change"() returns trigger language plpgsql as $$ begin raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'restrict_violation'; end $$;`,
  `create trigger "write_log_append_only" before update or delete on "write_log" for each row execute function "refuse_write_log_change"();`,
  `create trigger "write_log_no_truncate" before truncate on "write_log" for each statement execute function "refuse_write_log_change"();`,
];
