/**
 * The API's database login is a real read-only boundary (issue 12): on a real PostgreSQL with the
 * real migrations, the login `npm start` makes (local/api-login.ts createApiLogin) can read the
 * served tables and nothing else. Every escape outside testers tried on a pooled connection (SET ROLE,
 * SET SESSION AUTHORIZATION, set_config('role', ...), RESET ROLE), every write, every object it
 * could create and every server-side file or program access is refused. And the running API
 * process connects with that login, not the owner's.
 */
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createApiLogin, dropApiLogin, type ApiLogin} from '../../local/api-login'
import {LOGIN_RIGHTS_SQL, loginProblems, READ_ONLY_ROLE, type LoginRights} from '../../src/config/api-login'
import {startTestApi} from '../helpers/api'
import {openTestDatabase, type TestDatabase} from '../helpers/database'

const LOGIN = 'sahara_api_boundary'
const DENIED = /permission denied|must be (superuser|owner)|not allowed|only superuser/i

/** squid_processor.status as the processor (@subsquid/typeorm-store) creates it at its first run. */
const STATUS_DDL = `CREATE TABLE IF NOT EXISTS squid_processor.status (id int4 primary key, height int4 not null, hash text DEFAULT '0x', nonce int4 DEFAULT 0)`

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({connectionString: url})
    c.on('error', () => {})
    await c.connect()
    try {
        return await fn(c)
    } finally {
        await c.end()
    }
}

describe('the API database login: a read-only boundary', () => {
    let db: TestDatabase
    let login: ApiLogin
    let owner: string
    /** Runs `sql` (statements in order) on a new connection of the login, as the API's pool would. */
    const asApi = (...sql: string[]) =>
        withClient(login.url, async (c) => {
            let last: pg.QueryResult | undefined
            for (const s of sql) last = await c.query(s)
            return last!
        })
    // A read-only default transaction would refuse writes before privileges are checked: an attacker turns it off first.
    const write = (sql: string) => ['SET default_transaction_read_only = off', sql]

    beforeAll(async () => {
        db = await openTestDatabase()
        owner = (await db.query<{u: string}>('SELECT current_user AS u'))[0].u
        await db.query(STATUS_DDL)
        await db.query(`INSERT INTO squid_processor.status (id, height) VALUES (0, 7) ON CONFLICT DO NOTHING`)
        login = await createApiLogin(db.url, {role: LOGIN})
    }, 120_000)
    afterAll(async () => {
        if (db && login) await dropApiLogin(db.url, LOGIN)
        await db?.close()
    })

    it('is a login of its own: no superuser, no role attribute, a member of the read-only role only', async () => {
        expect(owner).not.toBe(LOGIN)
        expect(login.problems).toEqual([])
        const [r] = await db.query(
            `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolcanlogin, rolinherit,
                    ARRAY(SELECT m.roleid::regrole::text FROM pg_auth_members m WHERE m.member = r.oid) AS member_of
             FROM pg_roles r WHERE r.rolname = $1`,
            [LOGIN],
        )
        expect(r).toEqual({rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, rolcanlogin: true, rolinherit: true, member_of: [READ_ONLY_ROLE]})
        // The API's own check on its connection agrees, and finds the owner privileged.
        const self = (await asApi('SELECT 1')) && (await withClient(login.url, (c) => c.query<LoginRights>(LOGIN_RIGHTS_SQL, [null]))).rows[0]
        expect(self.login).toBe(LOGIN)
        expect(loginProblems(self)).toEqual([])
        expect(self.reads).toBe(true)
        const ownerRights = (await db.query<LoginRights>(LOGIN_RIGHTS_SQL, [null]))[0]
        expect(loginProblems(ownerRights).length).toBeGreaterThan(0)
    })

    it('reads the served tables', async () => {
        expect((await asApi('SELECT count(*)::int AS n FROM asset')).rows).toEqual([{n: 0}])
        expect((await asApi('SELECT count(*)::int AS n FROM account')).rows).toEqual([{n: 0}])
        expect((await asApi('SELECT height FROM squid_processor.status WHERE id = 0')).rows).toEqual([{height: 7}])
        expect((await asApi('SELECT session_user::text AS s, current_user::text AS c')).rows).toEqual([{s: LOGIN, c: LOGIN}])
    })

    it('cannot switch to the owner or any role that may write', async () => {
        for (const role of new Set([owner, 'postgres'])) {
            await expect(asApi(`SET ROLE ${role}`), `SET ROLE ${role}`).rejects.toThrow(DENIED)
            await expect(asApi(`SET SESSION AUTHORIZATION ${role}`), `SET SESSION AUTHORIZATION ${role}`).rejects.toThrow(DENIED)
            await expect(asApi(`SELECT set_config('role', '${role}', false)`, ...write(`DELETE FROM account`)), `set_config role ${role}`).rejects.toThrow(DENIED)
            await expect(asApi(`SELECT set_config('session_authorization', '${role}', false)`), `set_config session_authorization ${role}`).rejects.toThrow(DENIED)
        }
        for (const role of ['pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program', 'pg_write_all_data']) {
            await expect(asApi(`SET ROLE ${role}`), `SET ROLE ${role}`).rejects.toThrow(DENIED)
        }
        await expect(asApi('RESET ROLE', ...write(`INSERT INTO account (id) VALUES ('0xreset')`))).rejects.toThrow(DENIED)
        await expect(asApi(`SET ROLE ${READ_ONLY_ROLE}`, ...write(`INSERT INTO account (id) VALUES ('0xro')`))).rejects.toThrow(DENIED)
        expect(await db.query(`SELECT count(*)::int AS n FROM account`)).toEqual([{n: 0}])
    })

    it('cannot write an entity table or the processor status', async () => {
        for (const sql of [
            `INSERT INTO account (id) VALUES ('0xwrite')`,
            `UPDATE account SET id = '0xother'`,
            `DELETE FROM account`,
            `TRUNCATE account`,
            `TRUNCATE asset CASCADE`,
            `INSERT INTO squid_processor.status (id, height) VALUES (1, 1)`,
            `UPDATE squid_processor.status SET height = 1000000`,
            `DELETE FROM squid_processor.status`,
            `TRUNCATE squid_processor.status`,
        ]) {
            await expect(asApi(...write(sql)), sql).rejects.toThrow(DENIED)
        }
        expect(await db.query(`SELECT count(*)::int AS n FROM account`)).toEqual([{n: 0}])
        expect(await db.query(`SELECT height FROM squid_processor.status`)).toEqual([{height: 7}])
    })

    it('cannot create or drop anything: temporary table, table, function, schema', async () => {
        for (const sql of [
            `CREATE TEMP TABLE t (x int)`,
            `CREATE TEMPORARY TABLE t AS SELECT 1 AS x`,
            `CREATE TABLE public.t (x int)`,
            `CREATE TABLE squid_processor.t (x int)`,
            `CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
            `CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
            `CREATE VIEW public.v AS SELECT 1 AS x`,
            `CREATE SCHEMA s`,
            `DROP TABLE account CASCADE`,
            `DROP TABLE squid_processor.status`,
            `ALTER TABLE account ADD COLUMN x int`,
            `CREATE INDEX ON account (id)`,
        ]) {
            await expect(asApi(...write(sql)), sql).rejects.toThrow(DENIED)
        }
        expect((await db.query(`SELECT to_regclass('account') IS NOT NULL AS ok`))[0].ok).toBe(true)
    })

    it("cannot reach the server's files or programs, nor give itself rights", async () => {
        for (const sql of [
            `COPY account TO PROGRAM 'cat > /dev/null'`,
            `COPY (SELECT 1) TO PROGRAM 'true'`,
            `COPY account TO '/tmp/sahara-boundary.csv'`,
            `SELECT pg_read_file('/etc/passwd')`,
            `SELECT pg_read_binary_file('/etc/passwd')`,
            `SELECT pg_ls_dir('.')`,
            `SELECT lo_import('/etc/passwd')`,
            `ALTER ROLE ${LOGIN} SUPERUSER`,
            `ALTER ROLE ${LOGIN} CREATEROLE`,
            `ALTER ROLE ${LOGIN} BYPASSRLS`,
            `GRANT ${owner} TO ${LOGIN}`,
            `CREATE ROLE intruder LOGIN`,
        ]) {
            await expect(asApi(...write(sql)), sql).rejects.toThrow(DENIED)
        }
        // GRANT on a table it may only read "succeeds" with a warning and grants nothing (PostgreSQL's rule for a grantor without grant options)
        await asApi(`GRANT INSERT ON account TO ${LOGIN}`).catch(() => {})
        expect((await db.query(`SELECT has_table_privilege($1, 'account', 'INSERT') AS may`, [LOGIN]))[0].may).toBe(false)
        await expect(asApi(...write(`INSERT INTO account (id) VALUES ('0xgrant')`))).rejects.toThrow(DENIED)
    })

    it('is the login the running API process connects with', async () => {
        // A database the test itself never opens a connection to: every session on it is the API's.
        const fresh = await db.fresh()
        const name = new URL(fresh.url).pathname.slice(1)
        await withClient(fresh.url, (c) => c.query(STATUS_DDL))
        const api = await startTestApi(fresh.url)
        try {
            expect(api.login).toMatch(/^sahara_api_test_/)
            expect((await api.gql('{ accounts(limit: 1) { id } }')).body.errors).toBeUndefined()
            const sessions = await db.query<{usename: string}>(
                `SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
                [name],
            )
            expect(sessions).toEqual([{usename: api.login}])
            expect(api.child.output()).toContain(`API reads as ${api.login}: its own login`)
        } finally {
            await api.stop()
        }
    }, 120_000)
})
