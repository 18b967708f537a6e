-- Planner statistics after a bulk load (written by hand). Without them PostgreSQL plans every
-- read as if the tables were empty: a person's 20 recordings took 700 ms at 200,000 sessions
-- (all 83,873 recordings walked) instead of 0.8 ms. Autovacuum gathers them eventually (and may
-- be off); the commands that load many rows (import, seed, copy) gather them at once by calling
-- this function. ANALYZE needs the tables' owner: the function runs as its owner (SECURITY
-- DEFINER), with the search path fixed at creation, and the application role may only call it.
CREATE FUNCTION sessiongraph_analyze() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	ANALYZE persons, person_distinct_ids, recordings, recording_viewers, user_sessions, user_actions,
		user_events, user_errors, synthetic_events, session_properties, action_properties;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sessiongraph_analyze() FROM PUBLIC;
--> statement-breakpoint
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'sessiongraph_app') THEN
		GRANT EXECUTE ON FUNCTION sessiongraph_analyze() TO sessiongraph_app;
	END IF;
EXCEPTION
	WHEN insufficient_privilege THEN NULL;
END
$$;
