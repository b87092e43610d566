/**
 * `npm start` gives the API its own read-only database login (src/config/api-login.ts): the
 * role `sahara_api`, made or reset on the squid database as its owner, with a new random
 * password at each start (kept nowhere but in the URL handed to the API child). With
 * API_DATABASE_URL set it uses that login instead; when it can make none it says so once and
 * the API reads with the owner's rights.
 */
import crypto from 'crypto'
import pg from 'pg'
import {apiDatabaseUrlOf} from '../src/config/api'
import {API_LOGIN, apiLoginSql, LOGIN_RIGHTS_SQL, loginProblems, READ_ONLY_ROLE, sqlIdent, type LoginRights} from '../src/config/api-login'
import {redact} from '../src/util/redact'

export interface ApiLogin {
    /** postgres:// URL of the login (its password included). */
    url: string
    login: string
    /** What the login may do beyond reading (loginProblems); empty: a read-only boundary. */
    problems: string[]
}

/** Thrown when no login can be made on that database, with the reason as its message. */
export class NoApiLogin extends Error {}

/**
 * Makes or resets the login `role` (default sahara_api) on the database of `ownerUrl` (its owner:
 * a superuser, or a user with CREATEROLE that owns the database), with a new random password,
 * checks that it logs in with it and returns its URL. Throws NoApiLogin when it cannot.
 */
export async function createApiLogin(ownerUrl: string, opts: {role?: string} = {}): Promise<ApiLogin> {
    const role = opts.role ?? API_LOGIN
    const password = crypto.randomBytes(24).toString('base64url')
    const c = new pg.Client({connectionString: ownerUrl})
    await c.connect()
    let problems: string[]
    try {
        const me = (
            await c.query(
                `SELECT current_user::text AS owner, current_database()::text AS database, rolsuper OR rolcreaterole AS may,
                        EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS reader, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) AS exists
                 FROM pg_roles WHERE rolname = current_user`,
                [READ_ONLY_ROLE, role],
            )
        ).rows[0]
        if (!me.may) throw new NoApiLogin(`${me.owner} may not create roles`)
        if (!me.reader) throw new NoApiLogin(`the role ${READ_ONLY_ROLE} is missing (the migrations create it when their user may create roles)`)
        const [createRole, ...rest] = apiLoginSql({login: role, password: scramVerifier(password), database: me.database, owner: me.owner, exists: me.exists})
        try {
            await c.query(createRole)
            await c.query(rest[0]) // default_transaction_read_only
            // memberships other than the read-only role (a login made by hand may have some)
            const others = await c.query(`SELECT roleid::regrole::text AS name FROM pg_auth_members WHERE member = $1::regrole AND roleid <> $2::regrole`, [role, READ_ONLY_ROLE])
            for (const o of others.rows) await c.query(`REVOKE ${o.name} FROM ${sqlIdent(role)}`)
            await c.query(rest[1]) // GRANT the read-only role
        } catch (e: any) {
            throw new NoApiLogin(`${me.owner} could not make the login ${role}: ${e?.message ?? e}`)
        }
        // Database and schema privileges need the owner of each; without them the check below says what is left.
        for (const sql of rest.slice(2)) {
            try {
                await c.query(sql)
            } catch {}
        }
        problems = loginProblems((await c.query<LoginRights>(LOGIN_RIGHTS_SQL, [role])).rows[0])
    } finally {
        await c.end()
    }
    const u = new URL(ownerUrl)
    u.username = encodeURIComponent(role)
    u.password = password
    const url = u.toString()
    const probe = new pg.Client({connectionString: url})
    try {
        await probe.connect()
        await probe.query('SELECT 1')
    } catch (e: any) {
        throw new NoApiLogin(`the login ${role} cannot log in with its password (${e?.message ?? e}): the server's pg_hba.conf must allow password logins`)
    } finally {
        await probe.end().catch(() => {})
    }
    return {url, login: role, problems}
}

/** Drops a login made by createApiLogin (a test's own); its memberships go with it. */
export async function dropApiLogin(ownerUrl: string, role: string): Promise<void> {
    const c = new pg.Client({connectionString: ownerUrl})
    await c.connect()
    try {
        await c.query(`DROP ROLE IF EXISTS ${sqlIdent(role)}`)
    } finally {
        await c.end()
    }
}

/**
 * The database URL `npm start` hands the API: API_DATABASE_URL when set, else its own login made
 * on `ownerUrl`, else `ownerUrl` itself. `warning` (one message, to print once) says when the
 * result is no read-only boundary and how to fix it; `note` says which login it is.
 */
export async function apiDatabaseFor(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<{url: string; note?: string; warning?: string}> {
    const given = apiDatabaseUrlOf(env)
    if (given) return {url: given, note: `API database login: API_DATABASE_URL (${redact(given)})`}
    let login: ApiLogin
    try {
        login = await createApiLogin(ownerUrl)
    } catch (e) {
        if (!(e instanceof NoApiLogin)) throw e
        return {url: ownerUrl, warning: ownerRightsWarning(ownerUrl, e.message)}
    }
    if (login.problems.length > 0) {
        return {
            url: login.url,
            warning: `WARNING: the API login ${login.login} ${login.problems.join(', ')} (the database owner must revoke that): it is no full read-only boundary yet (README, "API database login").`,
        }
    }
    return {url: login.url, note: `API database login: ${login.login} (read-only; a new password at each start)`}
}

/** The one warning when the API reads with the owner's rights: why, the SQL to run and the variable to set. */
function ownerRightsWarning(ownerUrl: string, reason: string): string {
    const u = new URL(ownerUrl)
    const owner = decodeURIComponent(u.username) || 'the owner'
    const database = decodeURIComponent(u.pathname.slice(1)) || 'postgres'
    const sql = apiLoginSql({login: API_LOGIN, password: '<password>', database, owner, exists: false})
    const login = new URL(ownerUrl)
    login.username = API_LOGIN
    login.password = 'PASSWORD'
    return [
        `WARNING: the API reads the database with the rights of its owner ${owner} (it can write; switching to the role ${READ_ONLY_ROLE} is no boundary): no login of its own could be made (${reason}).`,
        `  To fix it, run as a user that may create roles and owns the database:`,
        ...sql.map((s) => `    ${s};`),
        `  then set API_DATABASE_URL=${login.toString().replace('PASSWORD', '<password>')} (README, "API database login").`,
    ].join('\n')
}

/**
 * The SCRAM-SHA-256 verifier of `password` (RFC 5802/7677, PostgreSQL's stored format), so that the
 * password itself never travels to the server nor lands in its logs. `password` is ASCII (base64url):
 * SASLprep leaves it as it is.
 */
export function scramVerifier(password: string, iterations = 4096): string {
    const salt = crypto.randomBytes(16)
    const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256')
    const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest()
    const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest()
    const serverKey = hmac(salted, 'Server Key')
    return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`
}
