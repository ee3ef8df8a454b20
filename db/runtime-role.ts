import type postgres from "postgres";

/**
 * The running app never acts as the owner of the audit tables. Migrations run as DATABASE_URL's
 * role (the owner); then this makes sure the runtime role holds exactly what the app needs:
 * every DML on the ordinary tables, only INSERT and SELECT on the append-only audit tables,
 * only SELECT on the stream heads (the chain trigger, SECURITY DEFINER, moves them), and no
 * ownership, TRIGGER, TRUNCATE, REFERENCES or grant option anywhere. Start-up fails, naming
 * the fix, when that cannot be made true.
 */
export const APPEND_ONLY_TABLES = ["audit_events", "audit_event_signatures"] as const;
export const READ_ONLY_TABLES = ["audit_streams"] as const;
const FORBIDDEN_ON_AUDIT = ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"] as const;

export type RuntimeRoleOptions = { appDatabaseUrl?: string; runtimeRole?: string };
export type RuntimeRole = { role: string; owner: string; viaSetRole: boolean };

export class RuntimeRoleError extends Error {}

type Sql = postgres.Sql | postgres.TransactionSql;

/** Run as the owner (DATABASE_URL), after the migrations, under the migration lock. */
export async function prepareRuntimeRole(sql: Sql, opts: RuntimeRoleOptions): Promise<RuntimeRole> {
  const [{ owner }] = (await sql`select current_user as owner`) as unknown as [{ owner: string }];
  const viaSetRole = !opts.appDatabaseUrl;
  const role = opts.appDatabaseUrl
    ? decodeURIComponent(new URL(opts.appDatabaseUrl).username)
    : (opts.runtimeRole ?? `${owner}_app`);
  if (!role) throw new RuntimeRoleError("DATABASE_APP_URL must name its user (the runtime role's own login)");
  if (role === owner) {
    throw new RuntimeRoleError(
      `DATABASE_APP_URL logs in as "${owner}", the owner of the audit tables: the running app would be able to rewrite history. Give it a role of its own (CREATE ROLE app_login LOGIN PASSWORD '…').`,
    );
  }
  if (viaSetRole) await ensureSwitchableRole(sql, owner, role);
  else if (!(await roleExists(sql, role)))
    throw new RuntimeRoleError(
      `DATABASE_APP_URL's role "${role}" does not exist: create it first (CREATE ROLE "${role}" LOGIN PASSWORD '…').`,
    );
  await grantRuntimePrivileges(sql, role);
  await assertCannotRewrite(sql, owner, role);
  return { role, owner, viaSetRole };
}

const roleExists = async (sql: Sql, role: string) =>
  (await sql`select 1 from pg_roles where rolname = ${role}`).length > 0;

// The owner creates a NOLOGIN role and joins it, so its pooled connections can SET ROLE to it.
async function ensureSwitchableRole(sql: Sql, owner: string, role: string) {
  const refused = (what: string) =>
    new RuntimeRoleError(
      `DATABASE_URL's role "${owner}" cannot create the runtime role "${role}" (${what}). Either grant it CREATEROLE, or create the role once as a superuser (CREATE ROLE "${role}" NOLOGIN; GRANT "${role}" TO "${owner}";), or set DATABASE_APP_URL to a login of its own (recommended).`,
    );
  // Roles are shared by every database of the server: another database's app may create it at the same moment.
  for (let attempt = 0; ; attempt++) {
    try {
      if (!(await roleExists(sql, role))) await sql`create role ${sql(role)} nologin`;
      const [{ member }] = (await sql`select pg_has_role(current_user, ${role}, 'MEMBER') as member`) as unknown as [
        { member: boolean },
      ];
      if (!member) await sql`grant ${sql(role)} to ${sql(owner)}`;
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "42501") throw refused((err as Error).message);
      if (attempt < 3 && (code === "42710" || code === "23505" || code === "XX000")) continue;
      throw err;
    }
  }
}

async function grantRuntimePrivileges(sql: Sql, role: string) {
  const r = sql(role);
  await sql`grant usage on schema public to ${r}`;
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`;
  await sql`grant usage, select on all sequences in schema public to ${r}`;
  await sql`revoke update, delete, truncate, references, trigger on ${sql(APPEND_ONLY_TABLES as unknown as string[])} from ${r}`;
  await sql`revoke insert, update, delete, truncate, references, trigger on ${sql(READ_ONLY_TABLES as unknown as string[])} from ${r}`;
}

// Whatever granted it (a group, PUBLIC, an earlier deployment), a runtime role that could rewrite history does not start.
async function assertCannotRewrite(sql: Sql, owner: string, role: string) {
  const [attrs] = (await sql`
    select r.rolsuper as super, pg_has_role(r.rolname, ${owner}, 'MEMBER') as owner_member,
      (select string_agg(c.relname, ', ') from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relowner = r.oid) as owns
    from pg_roles r where r.rolname = ${role}`) as unknown as [
    { super: boolean; owner_member: boolean; owns: string | null },
  ];
  const problems: string[] = [];
  if (attrs.super) problems.push("it is a superuser");
  if (attrs.owner_member) problems.push(`it is a member of the owner "${owner}"`);
  if (attrs.owns) problems.push(`it owns ${attrs.owns}`);
  const held = await sql`
    select t || ' ' || p as held from unnest(${[...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES]}::text[]) t, unnest(${[...FORBIDDEN_ON_AUDIT]}::text[]) p
    where has_table_privilege(${role}, t, p) or has_table_privilege(${role}, t, p || ' WITH GRANT OPTION')`;
  if (held.length > 0) problems.push(`it holds ${held.map((h) => h.held).join(", ")}`);
  if (problems.length > 0) {
    throw new RuntimeRoleError(
      `The runtime role "${role}" could rewrite the audit trail: ${problems.join("; ")}. Use a plain role that neither owns the tables nor belongs to their owner.`,
    );
  }
}
