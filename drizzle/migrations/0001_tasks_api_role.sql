-- Least privilege for the API worker: the role `tasks_api` may read and write `tasks`, read the
-- three columns of `session` its session check needs, and read key ids in `jwks` (its check for
-- rotated keys). It cannot read `account` (password hashes), `verification`, `rate_limit`, the
-- rest of `session` (tokens) or of `jwks` (encrypted private keys). The role cannot log in until
-- an operator gives it a password (README, "Deploying"); the API worker then connects with it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tasks_api') THEN
    CREATE ROLE tasks_api NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tasks_api;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE tasks TO tasks_api;
--> statement-breakpoint
GRANT SELECT (id, user_id, expires_at) ON TABLE session TO tasks_api;
--> statement-breakpoint
GRANT SELECT (id) ON TABLE jwks TO tasks_api;
