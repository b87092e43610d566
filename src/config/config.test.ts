import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {loadApiConfig} from './api'
import {resolveDatabase} from './database'
import {DEFAULT_MANIFEST, loadProcessorConfig} from './env'
import {defaultManifestFile, loadDataDir, loadDevnetConfig, loadLocalConfig, loadProcessRunnerConfig} from './local'
import {parseManifest} from './manifest'
import {ConfigError, EnvSchema, parsePort, readEnv, VAR_NAMES, VARS, type VarName} from './schema'

const ROOT = path.resolve(__dirname, '../..')
const CONTRACTS = Object.fromEntries(
    ['SaharaToken', 'AssetRegistry', 'ContributionReceipts', 'LicenseRegistry', 'InvocationRouter', 'RevenueVault', 'Treasury', 'DualTrackGovernor'].map((n, i) => [
        n,
        `0x${String(i + 1).padStart(40, '0')}`,
    ]),
)
const GOOD = {chainId: 313313, rpcUrl: 'http://127.0.0.1:8545', startBlock: 5, contracts: CONTRACTS}

function manifestFile(m: unknown, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))): string {
    const f = path.join(dir, 'deployment.json')
    fs.mkdirSync(dir, {recursive: true})
    fs.writeFileSync(f, typeof m === 'string' ? m : JSON.stringify(m))
    return f
}

/** The ConfigError `fn` throws (fails the test when it throws something else or nothing). */
function configError(fn: () => unknown): ConfigError {
    try {
        fn()
    } catch (e) {
        expect(e).toBeInstanceOf(ConfigError)
        return e as ConfigError
    }
    throw new Error('expected a ConfigError')
}

const PORT_MSG = (name: string, v: string) => `${name} must be a port number 0-65535, got ${JSON.stringify(v)}`

/** For every variable: values it must refuse, and the exact line for the first of them. */
const BAD: Record<VarName, {bad: string[]; line: string} | 'any string'> = {
    DATABASE_URL: {bad: ['mysql://u:p@h/db', 'localhost:5432', 'postgres//x'], line: 'DATABASE_URL must be a postgres:// or postgresql:// URL (postgres://user:pass@host:5432/db), got "mysql://u:***@h/db"'},
    DB_URL: {bad: ['http://h/db', 'db'], line: 'DB_URL must be a postgres:// or postgresql:// URL (postgres://user:pass@host:5432/db), got "http://h/db"'},
    DB_HOST: {bad: ['db host', 'h/x', 'u@h'], line: 'DB_HOST must be a host name or IP address, got "db host"'},
    DB_PORT: {bad: ['abc', '-1', '65536', '54.3', '0x10', '1e3'], line: PORT_MSG('DB_PORT', 'abc')},
    DB_NAME: {bad: ['x'.repeat(64)], line: `DB_NAME must be a database name of at most 63 characters, got "${'x'.repeat(64)}"`},
    DB_USER: 'any string',
    DB_PASS: 'any string',
    DATA_DIR: {bad: ['a\0b'], line: 'DATA_DIR must be a folder path, got "a\\u0000b"'},
    RPC_URL: {bad: ['ftp://node', 'localhost:8545', 'http://'], line: 'RPC_URL must be an http://, https://, ws:// or wss:// URL, got "ftp://node"'},
    MANIFEST: {bad: ['x\0'], line: 'MANIFEST must be a file path, got "x\\u0000"'},
    FINALITY_CONFIRMATION: {bad: ['ten', '0', '10001', '1.5', '-3'], line: 'FINALITY_CONFIRMATION must be a whole number of blocks from 1 to 10000, got "ten"'},
    START_BLOCK: {bad: ['-3', 'first', '1.5', '9007199254740992'], line: 'START_BLOCK must be a block number (a whole number >= 0), got "-3"'},
    RPC_RATE_LIMIT: {bad: ['0', 'fast', '-1'], line: 'RPC_RATE_LIMIT must be a whole number of requests per second from 1 to 1000000 (unset = unlimited), got "0"'},
    PROCESSOR_PROMETHEUS_PORT: {bad: ['abc', '70000', '-1'], line: PORT_MSG('PROCESSOR_PROMETHEUS_PORT', 'abc')},
    EXIT_AT_HEAD: {bad: ['maybe', '2'], line: 'EXIT_AT_HEAD must be 1/true/yes/on or 0/false/no/off, got "maybe"'},
    VERIFY_SAMPLE_PER_BATCH: {bad: ['-1', 'some', '10001', '1.5'], line: 'VERIFY_SAMPLE_PER_BATCH must be a whole number of figures from 0 to 10000 (0 = off), got "-1"'},
    REINDEX: {bad: ['please'], line: 'REINDEX must be 1/true/yes/on or 0/false/no/off, got "please"'},
    BULK_WRITES: {bad: ['fast', '2'], line: 'BULK_WRITES must be 1/true/yes/on or 0/false/no/off, got "fast"'},
    API_DATABASE_URL: {bad: ['http://h/db'], line: 'API_DATABASE_URL must be a postgres:// or postgresql:// URL (postgres://user:pass@host:5432/db), got "http://h/db"'},
    GQL_PORT: {bad: ['abc', '65536', '43 50', '-1', '4350.5'], line: PORT_MSG('GQL_PORT', 'abc')},
    REDIS_URL: {bad: ['http://cache:6379', 'cache:6379'], line: 'REDIS_URL must be a redis:// or rediss:// URL, got "http://cache:6379"'},
    API_READ_ONLY_ROLE: {bad: ['disabled', 'of'], line: 'API_READ_ONLY_ROLE must be "on" or "off", got "disabled"'},
    API_RESPONSE_CACHE: {bad: ['disabled'], line: 'API_RESPONSE_CACHE must be "on" or "off", got "disabled"'},
    LIVE_POLL_INTERVAL_MS: {bad: ['-1', 'fast', '1.5'], line: 'LIVE_POLL_INTERVAL_MS must be a whole number of milliseconds (values under 250 count as 250), got "-1"'},
    API_RATE_LIMIT: {bad: ['-1', 'lots', '1.5'], line: 'API_RATE_LIMIT must be a whole number of requests per minute per client (0 = off), got "-1"'},
    READY_MAX_LAG: {bad: ['-1', 'x'], line: 'READY_MAX_LAG must be a whole number of blocks (>= 0), got "-1"'},
    DEVNET_PORT: {bad: ['abc', '99999'], line: PORT_MSG('DEVNET_PORT', 'abc')},
    SIM_SEED: {bad: ['-1', 'seed', '1.5'], line: 'SIM_SEED must be a whole number >= 0, got "-1"'},
    VERBOSE: {bad: ['loud'], line: 'VERBOSE must be 1/true/yes/on or 0/false/no/off, got "loud"'},
}

describe('configuration schema', () => {
    it('gives one line per bad value, naming the variable, the value and what to fix', () => {
        for (const name of VAR_NAMES) {
            const spec = BAD[name]
            if (spec === 'any string') continue
            expect(configError(() => readEnv({[name]: spec.bad[0]}, [name])).message, name).toBe(spec.line)
            for (const bad of spec.bad) {
                const e = configError(() => readEnv({[name]: bad}, [name]))
                expect(e.problems, `${name}=${bad}`).toHaveLength(1)
                expect(e.message, `${name}=${bad}`).not.toContain('\n')
                expect(e.message, `${name}=${bad}`).toMatch(new RegExp(`^${name} must .*, got ".*"$`))
            }
        }
        expect(Object.keys(BAD).sort()).toEqual([...VAR_NAMES].sort())
    })

    it('reports every bad variable at once, one line each, and never a password', () => {
        const e = configError(() => readEnv({GQL_PORT: 'abc', DEVNET_PORT: '-1', DATABASE_URL: 'mysql://me:hunter2@db/x', SIM_SEED: 'x'}, VAR_NAMES))
        expect(e.message.split('\n')).toEqual(e.problems)
        expect(e.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'DEVNET_PORT', 'GQL_PORT', 'SIM_SEED'])
        expect(e.message).not.toContain('hunter2')
        expect(e.stack).toBeDefined() // the CLIs print e.message, not this
    })

    it('accepts good values, trims them, and treats empty as unset', () => {
        const e = readEnv(
            {GQL_PORT: ' 8080 ', DB_PORT: '0', EXIT_AT_HEAD: 'YES', VERBOSE: '0', API_READ_ONLY_ROLE: 'off', START_BLOCK: '', RPC_URL: 'wss://node.example/ws', REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgresql:///squid?host=/run/postgresql'},
            VAR_NAMES,
        )
        expect(e.GQL_PORT).toBe(8080)
        expect(e.DB_PORT).toBe(0)
        expect(e.EXIT_AT_HEAD).toBe(true)
        expect(e.VERBOSE).toBe(false)
        expect(e.API_READ_ONLY_ROLE).toBe(false)
        expect(e.START_BLOCK).toBeUndefined()
        expect(e.RPC_URL).toBe('wss://node.example/ws')
        expect(readEnv({GQL_PORT: ''}, ['GQL_PORT']).GQL_PORT).toBe(4350)
        expect(readEnv({GQL_PORT: '65535'}, ['GQL_PORT']).GQL_PORT).toBe(65535)
    })

    it('has these defaults', () => {
        expect(readEnv({}, VAR_NAMES)).toEqual({
            DATABASE_URL: undefined,
            DB_URL: undefined,
            DB_HOST: undefined,
            DB_PORT: undefined, // 54320 embedded, 5432 with DB_HOST: see resolveDatabase
            DB_NAME: undefined,
            DB_USER: undefined,
            DB_PASS: undefined,
            DATA_DIR: '.data',
            RPC_URL: undefined,
            MANIFEST: undefined, // <DATA_DIR>/devnet/deployment.json
            FINALITY_CONFIRMATION: 15,
            START_BLOCK: undefined,
            RPC_RATE_LIMIT: undefined,
            PROCESSOR_PROMETHEUS_PORT: undefined,
            EXIT_AT_HEAD: false,
            VERIFY_SAMPLE_PER_BATCH: 0,
            REINDEX: false,
            BULK_WRITES: true,
            GQL_PORT: 4350,
            REDIS_URL: undefined,
            API_READ_ONLY_ROLE: true,
            API_RATE_LIMIT: 3000,
            API_RESPONSE_CACHE: true,
            LIVE_POLL_INTERVAL_MS: 500,
            READY_MAX_LAG: 50,
            DEVNET_PORT: 8545,
            SIM_SEED: 1,
            VERBOSE: false,
        })
        expect(EnvSchema.parse({}).GQL_PORT).toBe(4350)
        expect(DEFAULT_MANIFEST).toBe('.data/devnet/deployment.json')
    })

    it('validates command-line ports the same way', () => {
        expect(parsePort('--port', '8546')).toBe(8546)
        expect(parsePort('--port', undefined, 8545)).toBe(8545)
        expect(() => parsePort('--port', 'abc')).toThrow(/^--port must be a port number 0-65535, got "abc"$/)
        expect(() => parsePort('--port', '65536')).toThrow(/^--port must be a port number 0-65535, got "65536"$/)
    })
})

describe('database resolution', () => {
    const data = path.resolve('.data', 'postgres')
    it('prefers DATABASE_URL, then DB_URL, then DB_HOST..., then the embedded server', () => {
        const all = {DATABASE_URL: 'postgres://a@h1/a', DB_URL: 'postgres://b@h2/b', DB_HOST: 'h3', DB_PORT: '6000', DB_NAME: 'c', DB_USER: 'u', DB_PASS: 'p w'}
        expect(resolveDatabase(all)).toEqual({kind: 'external', url: 'postgres://a@h1/a', from: 'DATABASE_URL'})
        expect(resolveDatabase({...all, DATABASE_URL: ''})).toEqual({kind: 'external', url: 'postgres://b@h2/b', from: 'DB_URL'})
        expect(resolveDatabase({...all, DATABASE_URL: '', DB_URL: ''})).toEqual({kind: 'external', url: 'postgres://u:p%20w@h3:6000/c', from: 'DB_HOST'})
        expect(resolveDatabase({DB_HOST: 'db'})).toEqual({kind: 'external', url: 'postgres://postgres:postgres@db:5432/postgres', from: 'DB_HOST'})
        expect(resolveDatabase({DB_HOST: '::1'})).toMatchObject({url: 'postgres://postgres:postgres@[::1]:5432/postgres'})
        expect(resolveDatabase({})).toEqual({kind: 'embedded', port: 54320, dataDir: data, database: 'squid'})
        expect(resolveDatabase({DB_PORT: '5999', DB_NAME: 'x', DATA_DIR: '/tmp/d'})).toEqual({kind: 'embedded', port: 5999, dataDir: '/tmp/d/postgres', database: 'x'})
    })

    it('refuses bad database settings with one line each', () => {
        expect(configError(() => resolveDatabase({DB_PORT: 'x'})).message).toBe(PORT_MSG('DB_PORT', 'x'))
        expect(configError(() => resolveDatabase({DB_HOST: 'db', DB_PORT: '0'})).message).toBe('DB_PORT must be a port number 1-65535 when DB_HOST is set, got "0"')
        // a bad value is an error even where a higher-precedence variable wins
        expect(configError(() => resolveDatabase({DATABASE_URL: 'postgres://h/db', DB_PORT: 'abc'})).message).toBe(PORT_MSG('DB_PORT', 'abc'))
    })
})

describe('processor configuration', () => {
    it('reads a valid manifest and environment', () => {
        const cfg = loadProcessorConfig({MANIFEST: manifestFile(GOOD), FINALITY_CONFIRMATION: '20', EXIT_AT_HEAD: 'true', RPC_RATE_LIMIT: '50', PROCESSOR_PROMETHEUS_PORT: '0'})
        expect(cfg.rpcUrl).toBe('http://127.0.0.1:8545')
        expect(cfg.fromBlock).toBe(5)
        expect(cfg.finalityConfirmation).toBe(20)
        expect(cfg.exitAtHead).toBe(true)
        expect(cfg.reindex).toBe(false)
        expect(cfg.rpcRateLimit).toBe(50)
        expect(cfg.prometheusPort).toBe(0)
        expect(cfg.manifest.contracts.Treasury).toBe(CONTRACTS.Treasury)
        const defaults = loadProcessorConfig({MANIFEST: manifestFile(GOOD), START_BLOCK: '7', RPC_URL: 'ws://other:8545'})
        expect(defaults).toMatchObject({fromBlock: 7, rpcUrl: 'ws://other:8545', finalityConfirmation: 15, exitAtHead: false, rpcRateLimit: undefined, prometheusPort: undefined})
    })

    it('reads by default the manifest npm start writes, <DATA_DIR>/devnet/deployment.json', () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))
        const file = manifestFile(GOOD, path.join(dataDir, 'devnet'))
        expect(loadProcessorConfig({DATA_DIR: dataDir}).manifestFile).toBe(file)
        expect(() => loadProcessorConfig({DATA_DIR: '/nonexistent'})).toThrow('deployment manifest not found: /nonexistent/devnet/deployment.json')
    })

    it('says what to fix in a bad manifest', () => {
        expect(() => parseManifest({...GOOD, chainId: -1, contracts: {...CONTRACTS, Treasury: '0x12'}}, 'm.json')).toThrow(
            /m\.json is invalid:[\s\S]*chainId must be a positive integer[\s\S]*contracts\.Treasury must be a 0x-prefixed 20-byte address/,
        )
        expect(() => loadProcessorConfig({MANIFEST: manifestFile('{not json')})).toThrow(/is not valid JSON/)
        expect(() => loadProcessorConfig({MANIFEST: '/nonexistent/deployment.json'})).toThrow(/deployment manifest not found.*npm run devnet/)
        expect(configError(() => loadProcessorConfig({MANIFEST: manifestFile({...GOOD, rpcUrl: 'node:8545'})})).message).toMatch(
            /^RPC_URL is not set and the manifest's rpcUrl is not an http:\/\/, https:\/\/, ws:\/\/ or wss:\/\/ URL \("node:8545" in .*\): set RPC_URL or fix the manifest$/,
        )
    })

    it('says what to fix in bad environment values, before reading the manifest', () => {
        const MANIFEST = manifestFile(GOOD)
        expect(() => loadProcessorConfig({MANIFEST, RPC_URL: 'ftp://node'})).toThrow(/^RPC_URL must be an http:\/\/, https:\/\/, ws:\/\/ or wss:\/\/ URL, got "ftp:\/\/node"$/)
        expect(() => loadProcessorConfig({MANIFEST, FINALITY_CONFIRMATION: 'ten'})).toThrow(/^FINALITY_CONFIRMATION must be a whole number of blocks from 1 to 10000, got "ten"$/)
        expect(() => loadProcessorConfig({MANIFEST, START_BLOCK: '-3'})).toThrow(/^START_BLOCK must be a block number/)
        expect(configError(() => loadProcessorConfig({MANIFEST: '/nonexistent.json', DB_PORT: 'x', EXIT_AT_HEAD: 'sure'})).problems).toEqual([
            'EXIT_AT_HEAD must be 1/true/yes/on or 0/false/no/off, got "sure"',
            PORT_MSG('DB_PORT', 'x'),
        ])
    })
})

describe('API configuration', () => {
    it('reads its variables with their defaults', () => {
        expect(loadApiConfig({DB_URL: 'postgres://u:p@h:5432/db'})).toEqual({port: 4350, dbUrl: 'postgres://u:p@h:5432/db', redisUrl: undefined, readOnlyRole: true, rateLimit: 3000, responseCache: true, livePollMs: 500, readyMaxLag: 50, rpcUrl: undefined})
        expect(loadApiConfig({DB_URL: 'postgres://h/db', GQL_PORT: '0', API_READ_ONLY_ROLE: 'off', API_RATE_LIMIT: '0', API_RESPONSE_CACHE: 'off', LIVE_POLL_INTERVAL_MS: '10', READY_MAX_LAG: '5', RPC_URL: 'http://n:1', REDIS_URL: 'redis://r'})).toEqual({
            port: 0,
            dbUrl: 'postgres://h/db',
            redisUrl: 'redis://r',
            readOnlyRole: false,
            rateLimit: 0,
            responseCache: false,
            livePollMs: 250,
            readyMaxLag: 5,
            rpcUrl: 'http://n:1',
        })
    })

    it('needs DB_URL and says so in one line', () => {
        expect(configError(() => loadApiConfig({})).message).toMatch(/^DB_URL is not set: [^\n]*npm start[^\n]*$/)
        expect(configError(() => loadApiConfig({DB_URL: 'postgres://h/db', GQL_PORT: 'abc'})).message).toBe(PORT_MSG('GQL_PORT', 'abc'))
    })
})

describe('local runner configuration', () => {
    it('npm start: defaults, the local devnet and the embedded database', () => {
        const cfg = loadLocalConfig({})
        expect(cfg).toEqual({
            dataDir: path.resolve('.data'),
            gqlPort: 4350,
            devnetPort: 8545,
            metricsPort: 3000,
            chain: {kind: 'devnet', dir: path.resolve('.data', 'devnet')},
            simSeed: 1,
            verbose: false,
            database: {kind: 'embedded', port: 54320, dataDir: path.resolve('.data', 'postgres'), database: 'squid'},
        })
        expect(loadLocalConfig({RPC_URL: 'https://rpc.example', MANIFEST: 'deployments/x.json', DATABASE_URL: 'postgres://h/db', VERBOSE: '1'})).toMatchObject({
            chain: {kind: 'external', rpcUrl: 'https://rpc.example', manifestFile: path.resolve('deployments/x.json')},
            database: {kind: 'external', url: 'postgres://h/db', from: 'DATABASE_URL'},
            verbose: true,
        })
    })

    it('npm start: lists every problem (its children\'s variables too) before starting anything', () => {
        expect(configError(() => loadLocalConfig({RPC_URL: 'https://rpc.example'})).message).toMatch(/^RPC_URL is set but MANIFEST is not: point MANIFEST at/)
        expect(configError(() => loadLocalConfig({GQL_PORT: 'abc', FINALITY_CONFIRMATION: '0', API_RATE_LIMIT: 'x', DB_PORT: '1e3'})).problems).toEqual([
            PORT_MSG('DB_PORT', '1e3'),
            'FINALITY_CONFIRMATION must be a whole number of blocks from 1 to 10000, got "0"',
            PORT_MSG('GQL_PORT', 'abc'),
            'API_RATE_LIMIT must be a whole number of requests per minute per client (0 = off), got "x"',
        ])
    })

    it('npm run process / reset / devnet / simulate', () => {
        expect(loadProcessRunnerConfig({DB_URL: 'postgres://h/db'}).database).toEqual({kind: 'external', url: 'postgres://h/db', from: 'DB_URL'})
        expect(configError(() => loadProcessRunnerConfig({START_BLOCK: 'x'})).message).toMatch(/^START_BLOCK must be a block number/)
        expect(loadDataDir({DATA_DIR: '/tmp/x'})).toBe('/tmp/x')
        expect(loadDevnetConfig({})).toEqual({port: 8545, manifestFile: path.resolve(DEFAULT_MANIFEST)})
        expect(loadDevnetConfig({DATA_DIR: '/tmp/d', DEVNET_PORT: '9000'})).toEqual({port: 9000, manifestFile: '/tmp/d/devnet/deployment.json'})
        expect(defaultManifestFile({MANIFEST: 'm.json'})).toBe(path.resolve('m.json'))
        expect(configError(() => loadDevnetConfig({DEVNET_PORT: 'abc'})).message).toBe(PORT_MSG('DEVNET_PORT', 'abc'))
    })
})

describe('README', () => {
    /** The rows of README.md's "Configuration" table: the variables of the first column, the default cell, every variable named anywhere. */
    function configurationTable(): {rows: {vars: string[]; default: string}[]; named: Set<string>} {
        const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
        const section = md.split(/^## Configuration\s*$/m)[1]
        expect(section, 'README.md has a "## Configuration" section').toBeDefined()
        const lines = section.split('\n')
        const start = lines.findIndex((l) => l.startsWith('|'))
        const table = lines.slice(start, lines.findIndex((l, i) => i > start && !l.startsWith('|')))
        const names = (s: string) => [...s.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])
        const rows = table.slice(2).map((l) => {
            const cells = l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim())
            return {vars: names(cells[0]), default: cells[1]}
        })
        return {rows, named: new Set(table.slice(2).flatMap(names))}
    }

    it("every variable the Configuration table names is in the schema, and every schema variable is in the table", () => {
        const {rows, named} = configurationTable()
        expect(rows.length).toBeGreaterThan(10)
        expect([...named].sort()).toEqual([...VAR_NAMES].sort())
        for (const r of rows) expect(r.vars.length, `a row names its variable: ${JSON.stringify(r)}`).toBeGreaterThan(0)
    })

    it("the table's defaults are the schema's", () => {
        for (const r of configurationTable().rows) {
            if (r.vars.length !== 1) continue
            const name = r.vars[0] as VarName
            expect(r.default, name).toBe(VARS[name].default)
        }
    })
})

describe('one home for the environment', () => {
    it('no code outside src/config reads a configuration variable itself', () => {
        // Known leftovers in files owned elsewhere, to move onto the loaders (cfg.reindex).
        const allowed = new Set(['src/main.ts:REINDEX'])
        const names = VAR_NAMES.join('|')
        const read = new RegExp(`\\benv(?:\\.(${names})\\b(?!\\s*=[^=])|\\[['"\`](${names})['"\`]\\](?!\\s*=[^=]))`, 'g')
        const found: string[] = []
        const walk = (dir: string) => {
            for (const ent of fs.readdirSync(path.join(ROOT, dir), {withFileTypes: true})) {
                const rel = path.posix.join(dir, ent.name)
                if (ent.isDirectory()) {
                    if (rel !== 'src/config' && rel !== 'src/abi' && rel !== 'src/model') walk(rel)
                } else if (ent.name.endsWith('.ts') && !ent.name.endsWith('.test.ts')) {
                    for (const m of fs.readFileSync(path.join(ROOT, rel), 'utf8').matchAll(read)) {
                        const key = `${rel}:${m[1] ?? m[2]}`
                        if (!allowed.has(key)) found.push(key)
                    }
                }
            }
        }
        for (const dir of ['src', 'local', 'scripts', 'devnet', 'simulator']) walk(dir)
        expect(found).toEqual([])
    })
})
