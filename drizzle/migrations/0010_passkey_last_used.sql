-- contract: none taken away, but scripts/lib/migrations/classify.ts knows no functions or triggers,
-- so this runs after the release that writes passkeys is up; until then a passkey sign-in leaves
-- last_used_at as it was.
-- A passkey's "last used" date, kept by the database: the passkey plugin updates the signature
-- counter (`update passkey set counter = …`) on every sign-in with it and on nothing else, so the
-- same statement stamps `last_used_at`, at no database round trip of its own
-- (web/lib/auth/plugins/passkeys).
CREATE FUNCTION "passkey_stamp_last_used"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW."last_used_at" := now();
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "passkey_last_used" BEFORE UPDATE OF "counter" ON "passkey"
	FOR EACH ROW EXECUTE FUNCTION "passkey_stamp_last_used"();
