/**
 * Every environment variable the squid, the API and the local runners read: its type, range,
 * default and a one-line doc, in one zod schema. The typed loaders (env.ts for the processor,
 * api.ts, local.ts, database.ts) are built on `readEnv`; nothing else reads `process.env`.
 *
 * Rules for every variable: an empty value counts as unset; a bad value is reported as ONE line
 * that names the variable, the value and what it must be, e.g.
 *   GQL_PORT must be a port number 0-65535, got "abc"
 * and all the problems of one loader are reported together (`ConfigError`, one line each).
 *
 * README.md's "Configuration" table lists the same variables with the same defaults
 * (src/config/config.test.ts checks it).
 */
import path from 'path'
import {z} from 'zod'
import {API_LIMITS} from '../api/limits'
import {redact} from '../util/redact'

export const DEFAULT_DATA_DIR = '.data'
/** The manifest `npm start` (and `npm run devnet`) writes for the local devnet: `<DATA_DIR>/devnet/deployment.json`. */
export const DEFAULT_MANIFEST = path.posix.join(DEFAULT_DATA_DIR, 'devnet', 'deployment.json')
export const DEFAULT_FINALITY_CONFIRMATION = 15
export const DEFAULT_EMBEDDED_PORT = 54320
/** Port of an external server named by DB_HOST when DB_PORT is not set. */
export const DEFAULT_EXTERNAL_DB_PORT = 5432
export const DEFAULT_GQL_PORT = 4350
export const DEFAULT_DEVNET_PORT = 8545
/** Processor metrics port under `npm start` (the processor alone has none unless set). */
export const DEFAULT_LOCAL_PROMETHEUS_PORT = 3000
export const DEFAULT_READY_MAX_LAG = 50
export const DEFAULT_SIM_SEED = 1

// ---- value types (input: the raw string; output: the typed value) -------------------------

const PORT = 'must be a port number 0-65535'
const TRUE = ['1', 'true', 'yes', 'on']
const FALSE = ['0', 'false', 'no', 'off']

/** A whole number in [min, max], decimal digits only (no sign, fraction, exponent or hex). */
function integer(min: number, max: number, error: string) {
    return z
        .string({error})
        .trim()
        .regex(/^\d+$/, {error})
        .transform(Number)
        .pipe(z.number().int({error}).min(min, {error}).max(max, {error}))
}

/** A TCP port; 0 lets the OS pick a free one where the program listens. */
export const port = () => integer(0, 65535, PORT)

const bool = (error = 'must be 1/true/yes/on or 0/false/no/off') =>
    z
        .string({error})
        .trim()
        .toLowerCase()
        .refine((s) => TRUE.includes(s) || FALSE.includes(s), {error})
        .transform((s) => TRUE.includes(s))

function url(protocols: string[], error: string, needsHost = true) {
    return z
        .string({error})
        .trim()
        .refine((s) => {
            try {
                const u = new URL(s)
                return protocols.includes(u.protocol) && (!needsHost || u.hostname !== '')
            } catch {
                return false
            }
        }, {error})
}

const postgresUrl = () => url(['postgres:', 'postgresql:'], 'must be a postgres:// or postgresql:// URL (postgres://user:pass@host:5432/db)', false)
const rpcUrl = () => url(['http:', 'https:', 'ws:', 'wss:'], 'must be an http://, https://, ws:// or wss:// URL')
const filePath = (what: string) => z.string().refine((s) => !s.includes('\0'), {error: `must be ${what}`})

// ---- the variables -------------------------------------------------------------------------

interface VarDoc {
    /** The default as README's Configuration table shows it (markdown). */
    default: string
    /** One line: what it does. */
    doc: string
    /** Never echo the value in messages. */
    secret?: boolean
    /** A URL that may carry a password: echoed with the password masked. */
    url?: boolean
}

function v<S extends z.ZodType<unknown, string | undefined>>(schema: S, doc: VarDoc) {
    return {schema, ...doc}
}

export const VARS = {
    // database (src/config/database.ts)
    DATABASE_URL: v(postgresUrl().optional(), {default: '—', doc: 'PostgreSQL to use instead of the embedded one', url: true}),
    DB_URL: v(postgresUrl().optional(), {default: '—', doc: "Subsquid's name for the database URL (used when DATABASE_URL is not set; the runners hand it to the processor and the API)", url: true}),
    DB_HOST: v(z.string().trim().regex(/^[^\s/@?#]+$/, {error: 'must be a host name or IP address'}).optional(), {default: '—', doc: "Subsquid's way to name a server (with DB_PORT, DB_NAME, DB_USER, DB_PASS) when no URL is set"}),
    DB_PORT: v(port().optional(), {default: `\`${DEFAULT_EMBEDDED_PORT}\``, doc: `port of the embedded PostgreSQL (of DB_HOST: default ${DEFAULT_EXTERNAL_DB_PORT})`}),
    DB_NAME: v(z.string().trim().max(63, {error: 'must be a database name of at most 63 characters'}).optional(), {default: '`squid`', doc: 'database name (with DB_HOST: default postgres)'}),
    DB_USER: v(z.string().optional(), {default: '`postgres`', doc: 'login with DB_HOST'}),
    DB_PASS: v(z.string().optional(), {default: '`postgres`', doc: 'password with DB_HOST', secret: true}),
    DATA_DIR: v(filePath('a folder path').default(DEFAULT_DATA_DIR), {default: `\`${DEFAULT_DATA_DIR}\``, doc: 'where the embedded database and the devnet state live'}),

    // chain and processor (src/config/env.ts)
    RPC_URL: v(rpcUrl().optional(), {default: "the manifest's", doc: 'JSON-RPC endpoint of the chain to index'}),
    MANIFEST: v(filePath('a file path').optional(), {default: '`.data/devnet/deployment.json`', doc: 'deployment manifest (default <DATA_DIR>/devnet/deployment.json, the one npm start and npm run devnet write)'}),
    FINALITY_CONFIRMATION: v(integer(1, 10_000, 'must be a whole number of blocks from 1 to 10000').default(DEFAULT_FINALITY_CONFIRMATION), {
        default: `\`${DEFAULT_FINALITY_CONFIRMATION}\``,
        doc: 'blocks after which a block is final; reorgs deeper than this stop the processor',
    }),
    START_BLOCK: v(integer(0, Number.MAX_SAFE_INTEGER, 'must be a block number (a whole number >= 0)').optional(), {default: 'manifest `startBlock`', doc: 'first block to index'}),
    RPC_RATE_LIMIT: v(integer(1, 1_000_000, 'must be a whole number of requests per second from 1 to 1000000 (unset = unlimited)').optional(), {default: 'unlimited', doc: 'max RPC requests per second'}),
    PROCESSOR_PROMETHEUS_PORT: v(port().optional(), {default: `\`${DEFAULT_LOCAL_PROMETHEUS_PORT}\` under \`npm start\``, doc: 'port of the processor metrics'}),
    EXIT_AT_HEAD: v(bool().default(false), {default: '—', doc: 'the processor exits once the chain head seen at start is indexed'}),
    VERIFY_SAMPLE_PER_BATCH: v(integer(0, 10_000, 'must be a whole number of figures from 0 to 10000 (0 = off)').default(0), {
        default: '`0` (off)',
        doc: 'the processor checks this many sampled figures against the chain after each batch (sahara_verify_checked_total / sahara_verify_mismatches_total)',
    }),
    REINDEX: v(bool().default(false), {default: '—', doc: 'the processor drops every indexed row and indexes again from the start block'}),
    BULK_WRITES: v(bool().default(true), {default: 'on', doc: "the processor writes each entity class with one unnest statement a batch (src/store/bulk-write.ts); 0 = typeorm-store's query builder"}),

    // API (src/config/api.ts)
    API_DATABASE_URL: v(postgresUrl().optional(), {
        default: '—',
        doc: "the API's own read-only database login, used instead of DB_URL (npm start makes one where it may create roles; README, \"API database login\")",
        url: true,
    }),
    GQL_PORT: v(port().default(DEFAULT_GQL_PORT), {default: `\`${DEFAULT_GQL_PORT}\``, doc: 'API port (GraphQL, exports, /ready, /metrics)'}),
    REDIS_URL: v(url(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL').optional(), {default: '—', doc: 'response cache in Redis instead of memory', url: true}),
    API_READ_ONLY_ROLE: v(bool('must be "on" or "off"').default(true), {default: 'on', doc: 'off: the API reads with its login\'s own rights instead of the read-only role'}),
    API_RESPONSE_CACHE: v(bool('must be "on" or "off"').default(true), {default: 'on', doc: 'off: no response cache (uncached load benchmarks, npm run bench:api)'}),
    LIVE_POLL_INTERVAL_MS: v(integer(0, 3_600_000, 'must be a whole number of milliseconds (values under 250 count as 250)').default(500), {
        default: '`500`',
        doc: 'how often the live subscriptions (newPayments, newVotes, indexedHead) poll the database; at least 250',
    }),
    API_RATE_LIMIT: v(integer(0, 1_000_000_000, 'must be a whole number of requests per minute per client (0 = off)').default(API_LIMITS.rateLimitPerWindow), {
        default: `\`${API_LIMITS.rateLimitPerWindow}\``,
        doc: 'requests per minute per client IP; 0 turns the limit off',
    }),
    READY_MAX_LAG: v(integer(0, Number.MAX_SAFE_INTEGER, 'must be a whole number of blocks (>= 0)').default(DEFAULT_READY_MAX_LAG), {
        default: `\`${DEFAULT_READY_MAX_LAG}\``,
        doc: '/ready answers 503 when indexing is more blocks than this behind the chain head',
    }),

    // local runner (src/config/local.ts)
    DEVNET_PORT: v(port().default(DEFAULT_DEVNET_PORT), {default: `\`${DEFAULT_DEVNET_PORT}\``, doc: 'port of the local devnet (anvil)'}),
    SIM_SEED: v(integer(0, Number.MAX_SAFE_INTEGER, 'must be a whole number >= 0').default(DEFAULT_SIM_SEED), {default: `\`${DEFAULT_SIM_SEED}\``, doc: 'seed of the simulated activity under npm start'}),
    VERBOSE: v(bool().default(false), {default: '—', doc: "show the processor's and the API's logs under npm start"}),
} as const

export type VarName = keyof typeof VARS
export const VAR_NAMES = Object.keys(VARS) as VarName[]

type Shape = {[K in VarName]: (typeof VARS)[K]['schema']}
/** The whole environment as one zod object (each field takes the raw string, or undefined when unset). */
export const EnvSchema = z.object(Object.fromEntries(VAR_NAMES.map((k) => [k, VARS[k].schema])) as Shape)
/** Typed values of every variable (defaults applied where the schema has one). */
export type Env = z.output<typeof EnvSchema>

// ---- reading ---------------------------------------------------------------------------------

/** Configuration problems, one line each (the message is those lines: print it, not the stack). */
export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join('\n'))
        this.name = 'ConfigError'
    }
}

/** `NAME <what it must be>, got "<value>"` (secrets masked, long values cut). */
export function describeProblem(name: string, raw: string | undefined, must: string): string {
    let shown = raw ?? ''
    const doc = (VARS as Record<string, VarDoc | undefined>)[name]
    if (doc?.secret) shown = '***'
    else if (doc?.url) shown = redact(shown)
    if (shown.length > 120) shown = `${shown.slice(0, 117)}...`
    return `${name} ${must}, got ${JSON.stringify(shown)}`
}

const isUnset = (raw: string | undefined): raw is undefined => raw == null || raw.trim() === ''

/** Validates `raw` with `schema`; returns the value or the problem line (labelled `label`). */
function check<T>(schema: z.ZodType<T, string | undefined>, label: string, raw: string | undefined): {ok: true; value: T} | {ok: false; problem: string} {
    const r = schema.safeParse(isUnset(raw) ? undefined : raw)
    if (r.success) return {ok: true, value: r.data}
    return {ok: false, problem: describeProblem(label, raw, r.error.issues[0]?.message ?? 'is invalid')}
}

/**
 * Reads and validates `names` from `env`: typed values with the schema's defaults applied, or a
 * ConfigError that lists every bad variable (one line each).
 */
export function readEnv<K extends VarName>(env: NodeJS.ProcessEnv, names: readonly K[]): Pick<Env, K> {
    const out: Partial<Env> = {}
    const problems: string[] = []
    for (const name of new Set(names)) {
        const r = check(VARS[name].schema as z.ZodType<unknown, string | undefined>, name, env[name])
        if (r.ok) (out as Record<string, unknown>)[name] = r.value
        else problems.push(r.problem)
    }
    if (problems.length > 0) throw new ConfigError(problems)
    return out as Pick<Env, K>
}

/** A command-line port (e.g. `--port`), validated like every port variable. */
export function parsePort(label: string, raw: string | undefined, fallback?: number): number {
    if (isUnset(raw) && fallback != null) return fallback
    const r = check(port(), label, raw ?? '')
    if (!r.ok) throw new ConfigError([r.problem])
    return r.value
}

/** The deployment manifest file: MANIFEST, else the one `npm start` writes, `<DATA_DIR>/devnet/deployment.json` (absolute). */
export function manifestFileOf(e: Pick<Env, 'MANIFEST' | 'DATA_DIR'>): string {
    return path.resolve(e.MANIFEST ?? path.join(e.DATA_DIR, 'devnet', 'deployment.json'))
}
