/**
 * A read-only role for the API (and Grafana): SELECT on the entity tables and the processor's
 * status, now and for tables created later by the migrating user. NOLOGIN: the API keeps its
 * login and switches to it (`-c role=sahara_api_readonly`), so it cannot write even if a resolver
 * had a bug. Skipped, with a notice, when the migrating user may not create roles (managed
 * databases): create the role by hand there, or run the API with a read-only login.
 *
 * down() takes back what up() granted in this database. It keeps the role itself, its membership
 * and the squid_processor schema: a role belongs to the whole server (other databases there may use
 * it) and squid_processor holds the processor's state.
 */
module.exports = class ReadOnlyRole1795604400000 {
    name = 'ReadOnlyRole1795604400000'

    async up(db) {
        await db.query(`
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sahara_api_readonly') THEN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
                        RAISE NOTICE 'cannot create role sahara_api_readonly: % may not create roles', current_user;
                        RETURN;
                    END IF;
                    CREATE ROLE sahara_api_readonly NOLOGIN;
                END IF;
                EXECUTE format('GRANT sahara_api_readonly TO %I', current_user);
                EXECUTE format('GRANT CONNECT ON DATABASE %I TO sahara_api_readonly', current_database());
                CREATE SCHEMA IF NOT EXISTS squid_processor;
                GRANT USAGE ON SCHEMA public, squid_processor TO sahara_api_readonly;
                GRANT SELECT ON ALL TABLES IN SCHEMA public, squid_processor TO sahara_api_readonly;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public, squid_processor GRANT SELECT ON TABLES TO sahara_api_readonly;
            END
            $$;
        `)
    }

    async down(db) {
        await db.query(`
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sahara_api_readonly') THEN
                    ALTER DEFAULT PRIVILEGES IN SCHEMA public, squid_processor REVOKE SELECT ON TABLES FROM sahara_api_readonly;
                    REVOKE SELECT ON ALL TABLES IN SCHEMA public, squid_processor FROM sahara_api_readonly;
                    REVOKE USAGE ON SCHEMA public, squid_processor FROM sahara_api_readonly;
                    EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM sahara_api_readonly', current_database());
                END IF;
            END
            $$;
        `)
    }
}
