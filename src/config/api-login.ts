/**
 * The API's own database login: the one read-only boundary the API has. A LOGIN role that is no
 * superuser, may not create roles or databases, replicate or bypass row security, is a member of
 * the read-only role `sahara_api_readonly` only (SELECT on public and squid_processor, granted by
 * db/migrations/*-ReadOnlyRole.js) and may create nothing: no temporary table (TEMPORARY on the
 * database is revoked from PUBLIC and granted back to the owner), no object in any schema. Such a
 * login cannot `SET ROLE` / `SET SESSION AUTHORIZATION` to a role that may write.
 *
 * This file holds the SQL only (no I/O): what makes the login (local/api-login.ts runs it for
 * `npm start`; README "API database login" shows it for other servers) and what checks a login's
 * rights (the API runs it at start on its own connection and warns when they go beyond reading).
 */

/** The NOLOGIN role with SELECT on the served tables (db/migrations/1795604400000-ReadOnlyRole.js). */
export const READ_ONLY_ROLE = 'sahara_api_readonly'
/** The API's login that `npm start` makes (a new random password at each start). */
export const API_LOGIN = 'sahara_api'

/** `"name"`, a PostgreSQL identifier. */
export const sqlIdent = (s: string) => `"${s.replace(/"/g, '""')}"`
/** `'text'`, a PostgreSQL string literal. */
export const sqlLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The role attributes of the login: logs in, inherits its membership's SELECT, nothing else. */
export const LOGIN_ATTRIBUTES = 'LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'

export interface ApiLoginSqlOptions {
    /** The login's name (API_LOGIN unless a test needs its own). */
    login: string
    /** A password, or a SCRAM-SHA-256 verifier (PostgreSQL stores a verifier as given). */
    password: string
    /** The squid database. */
    database: string
    /** Who keeps TEMPORARY on the database: the owner / migrating user (the processor's login). */
    owner: string
    /** ALTER the role instead of CREATE (it exists). */
    exists: boolean
}

/**
 * The statements, in order, that make (or reset) the API login in the squid database; run them as
 * the database owner with CREATEROLE (or a superuser). Memberships other than READ_ONLY_ROLE are
 * not in here: revoke them by name (local/api-login.ts does).
 */
export function apiLoginSql(o: ApiLoginSqlOptions): string[] {
    const login = sqlIdent(o.login)
    const db = sqlIdent(o.database)
    return [
        `${o.exists ? 'ALTER' : 'CREATE'} ROLE ${login} WITH ${LOGIN_ATTRIBUTES} PASSWORD ${sqlLiteral(o.password)}`,
        // a mistaken write is refused even before privileges are checked (not the boundary: SET can undo it)
        `ALTER ROLE ${login} SET default_transaction_read_only = on`,
        `GRANT ${sqlIdent(READ_ONLY_ROLE)} TO ${login}`,
        `REVOKE TEMPORARY ON DATABASE ${db} FROM PUBLIC`,
        `GRANT TEMPORARY ON DATABASE ${db} TO ${sqlIdent(o.owner)}`,
        // PostgreSQL < 15 lets PUBLIC create in schema public
        `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    ]
}

/** What a login may do beyond reading, in the current database (one row of LOGIN_RIGHTS_SQL). */
export interface LoginRights {
    login: string
    superuser: boolean
    createRole: boolean
    createDb: boolean
    replication: boolean
    bypassRls: boolean
    /** May create temporary tables (and functions in pg_temp). */
    temp: boolean
    /** May create schemas in the database. */
    createSchema: boolean
    /** Schemas it may create objects in. */
    createIn: string[]
    /** Served tables (public, squid_processor) it may change: INSERT, UPDATE, DELETE, TRUNCATE or TRIGGER. */
    writable: string[]
    /** Roles it is a member of (directly or not), READ_ONLY_ROLE aside: each may be SET ROLE to. */
    memberOf: string[]
    /** It may SELECT every served table with its own rights (inherited ones included). */
    reads: boolean
    /** It is a member of READ_ONLY_ROLE (null: that role does not exist). */
    readerMember: boolean | null
}

/**
 * One row of LoginRights for the login named by $1 (NULL: the session's own login), in the
 * current database. Any login may run it on itself.
 */
export const LOGIN_RIGHTS_SQL = `
SELECT r.rolname::text AS login, r.rolsuper AS superuser, r.rolcreaterole AS "createRole", r.rolcreatedb AS "createDb",
       r.rolreplication AS replication, r.rolbypassrls AS "bypassRls",
       has_database_privilege(r.oid, current_database(), 'TEMPORARY') AS temp,
       has_database_privilege(r.oid, current_database(), 'CREATE') AS "createSchema",
       ARRAY(SELECT n.nspname::text FROM pg_namespace n
             WHERE n.nspname !~ '^pg_(toast_)?temp_' AND has_schema_privilege(r.oid, n.oid, 'CREATE') ORDER BY 1) AS "createIn",
       ARRAY(SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('public', 'squid_processor') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
               AND has_table_privilege(r.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER') ORDER BY 1) AS writable,
       ARRAY(SELECT m.rolname::text FROM pg_roles m
             WHERE m.oid <> r.oid AND m.rolname <> '${READ_ONLY_ROLE}' AND pg_has_role(r.oid, m.oid, 'MEMBER') ORDER BY 1) AS "memberOf",
       NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname IN ('public', 'squid_processor') AND c.relkind IN ('r', 'p', 'v', 'm')
                     AND NOT has_table_privilege(r.oid, c.oid, 'SELECT')) AS reads,
       (SELECT pg_has_role(r.oid, ro.oid, 'MEMBER') FROM pg_roles ro WHERE ro.rolname = '${READ_ONLY_ROLE}') AS "readerMember"
FROM pg_roles r WHERE r.rolname = COALESCE($1::name, session_user)`

/** `a, b, c and 4 more` */
function some(names: string[], max = 3): string {
    return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}

/** What makes `r` more than a reader, one phrase each ("is a superuser", "may write public.asset"); empty: a boundary. */
export function loginProblems(r: LoginRights): string[] {
    if (r.superuser) return ['is a superuser']
    const p: string[] = []
    if (r.createRole) p.push('may create roles')
    if (r.createDb) p.push('may create databases')
    if (r.replication) p.push('may replicate')
    if (r.bypassRls) p.push('bypasses row security')
    if (r.memberOf.length) p.push(`is a member of ${some(r.memberOf)}`)
    if (r.writable.length) p.push(`may write ${some(r.writable)}`)
    if (r.temp) p.push('may create temporary tables')
    if (r.createSchema) p.push('may create schemas')
    if (r.createIn.length) p.push(`may create objects in schema ${some(r.createIn)}`)
    return p
}
