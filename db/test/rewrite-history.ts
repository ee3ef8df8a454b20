import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * What a superuser (or anyone holding the owner's rights) does to erase an event without a
 * visible seam: triggers off, the row deleted, every later row renumbered and re-hashed with
 * the database's own digest, the stream head moved back. The chain alone then verifies.
 */
export async function rewriteHistoryAsSuperuser(db: Db, stream: string, seq: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from audit_events where stream = ${stream} and seq = ${seq}`);
    await tx.execute(sql`
      do $$
      declare
        r record;
        prev text;
      begin
        -- The erased row's signature goes too, where the table exists.
        if to_regclass('audit_event_signatures') is not null then
          execute format('delete from audit_event_signatures where stream = %L and seq = %s', ${sql.raw(quote(stream))}, ${sql.raw(String(seq))});
        end if;
        for r in select * from audit_events where stream = ${sql.raw(quote(stream))} and seq > ${sql.raw(String(seq))} order by seq loop
          select hash into prev from audit_events where stream = r.stream and seq = r.seq - 2;
          prev := coalesce(prev, repeat('0', 64));
          update audit_events set seq = r.seq - 1, prev_hash = prev,
            hash = audit_event_digest(r.stream, r.seq - 1, r.at, r.action, r.description, r.actor_user_id, r.actor_label,
              r.ip, r.geolocation, r.envelope_id, r.provider_id, r.data, prev)
          where id = r.id;
        end loop;
        update audit_streams set last_seq = last_seq - 1,
          last_hash = (select hash from audit_events where stream = ${sql.raw(quote(stream))} order by seq desc limit 1)
        where stream = ${sql.raw(quote(stream))};
      end $$`);
  });
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
