-- PostGraphile peer for bench/api.sh: a read-only role and a view for the statistic, on the
-- database written by `egalite ingest`. Applied by bench/api.sh (psql -v ON_ERROR_STOP=1).
--
-- cannes_role_year_stats: for each year of a Cannes competition (sections.kind = 'competition')
-- and each role, among that year's competition films with at least one credit in the role:
-- the films, and the distinct people in the role by gender. Films are not put in categories
-- (women only, mixed, men only) and inferred genders are not counted apart; the view is the
-- part of our `stats { roles }` figure that plain SQL gives in a few lines.
CREATE OR REPLACE VIEW public.cannes_role_year_stats AS
WITH f AS (
  SELECT DISTINCT e.year, s.film_id
  FROM festivals fe
  JOIN editions e    ON e.festival_id = fe.id
  JOIN sections sc   ON sc.edition_id = e.id AND sc.kind = 'competition'
  JOIN selections s  ON s.section_id = sc.id
  WHERE fe.slug = 'cannes')
SELECT f.year,
       c.role,
       count(DISTINCT f.film_id)::int                                           AS films,
       count(DISTINCT c.person_id)::int                                         AS people,
       count(DISTINCT c.person_id) FILTER (WHERE p.gender = 'woman')::int       AS women,
       count(DISTINCT c.person_id) FILTER (WHERE p.gender = 'man')::int         AS men,
       count(DISTINCT c.person_id) FILTER (WHERE p.gender = 'non_binary')::int  AS non_binary,
       count(DISTINCT c.person_id) FILTER (WHERE p.gender = 'unknown')::int     AS unknown
FROM f
JOIN credits c ON c.film_id = f.film_id
JOIN people p  ON p.id = c.person_id
GROUP BY f.year, c.role
ORDER BY f.year, c.role;
COMMENT ON VIEW public.cannes_role_year_stats IS
  'Cannes competition per year and role: films with a credit in the role, and distinct people in it by gender';

DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'peer_ro') THEN CREATE ROLE peer_ro LOGIN; END IF;
END $$;
GRANT CONNECT ON DATABASE egalite TO peer_ro;
GRANT USAGE ON SCHEMA public TO peer_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO peer_ro;
REVOKE SELECT ON public.api_tokens FROM peer_ro;
ALTER ROLE peer_ro SET default_transaction_read_only = on;
