-- Settings → Users sorted by Roles lists the users without any role last. When they are few,
-- finding them means comparing every user with user_roles: merged in id order, both read from
-- their primary keys alone, that is about half the time of the hash join the planner prefers
-- (hashing 120,000 user_roles ids costs more than its estimate), hence the setting, which
-- applies only while the function runs. ROWS: few is what makes this the way to find them.
CREATE FUNCTION "users_without_roles"() RETURNS SETOF uuid
  LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
  SET enable_hashjoin = off
  AS $$ SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id) $$;
