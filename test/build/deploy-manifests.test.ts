/**
 * squid.yaml (SQD Cloud) and commands.json (`sqd`) run what `npm start` runs in production: the
 * Subsquid migrations, the processor lib/main.js and the API lib/api/main.js with NODE_ENV as
 * local/api.ts sets it. Every file they name exists (after `npx tsc`), every program and
 * `node --require` they use is installed, and no API limit is configured apart from src/api/limits.ts.
 */
import {execFileSync} from 'child_process'
import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {parseDocument} from 'yaml'
import {API_LIMITS} from '../../src/api/limits'
import {parseManifest} from '../../src/config/manifest'
import {API_MAIN, PROCESSOR_MAIN, ROOT} from '../../local/child'

type Arg = string | {glob: string}
interface SqdCommand {
    description?: string
    hidden?: boolean
    deps?: string[]
    cmd?: Arg[]
    workdir?: string
    env?: Record<string, string>
}
interface Service {
    cmd: string[]
    env?: Record<string, string>
}

function readSquidYaml(): any {
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'squid.yaml'), 'utf8'))
    if (doc.errors.length || doc.warnings.length) throw new Error(`squid.yaml: ${[...doc.errors, ...doc.warnings].map((e) => e.message).join('; ')}`)
    return doc.toJS()
}
const squid = readSquidYaml()
const commands: Record<string, SqdCommand> = JSON.parse(fs.readFileSync(path.join(ROOT, 'commands.json'), 'utf8')).commands
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
const dependencies: Record<string, string> = pkg.dependencies ?? {}
const devDependencies: Record<string, string> = pkg.devDependencies ?? {}

/** The services SQD Cloud runs, by name (`deploy.init` is the newer name of `deploy.migrate`). */
const services: Record<string, Service> = {
    init: squid.deploy.init ?? squid.deploy.migrate,
    processor: squid.deploy.processor,
    api: squid.deploy.api,
}

const SECRET = /^\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/
const rel = (p: string) => path.relative(ROOT, p)

/** A command as it finally runs: `sqd <name>` followed through commands.json, with its env and deps. */
interface Resolved {
    argv: Arg[]
    env: Record<string, string>
    /** commands.json commands run before it (deps, recursively, in order). */
    before: string[]
}
function resolveSqd(name: string, seen: string[] = []): Resolved {
    const c = commands[name]
    if (!c) throw new Error(`sqd ${name}: not defined in commands.json`)
    if (seen.includes(name)) throw new Error(`sqd ${name} depends on itself`)
    const before: string[] = []
    for (const d of c.deps ?? []) {
        before.push(...resolveSqd(d, [...seen, name]).before, d)
    }
    if (!c.cmd) throw new Error(`sqd ${name} has no cmd`)
    return {argv: c.cmd, env: c.env ?? {}, before}
}
function resolveService(s: Service): Resolved {
    const env = {...(squid.deploy.env ?? {}), ...(s.env ?? {})}
    if (s.cmd[0] === 'sqd') {
        const r = resolveSqd(s.cmd[1])
        return {...r, argv: [...r.argv, ...s.cmd.slice(2)], env: {...env, ...r.env}}
    }
    return {argv: s.cmd, env, before: []}
}

/** The script a `node [flags] script` command runs, and its flags. */
function nodeScript(argv: Arg[]): {flags: string[]; script: string; args: Arg[]} {
    expect(argv[0]).toBe('node')
    let i = 1
    const flags: string[] = []
    while (i < argv.length && typeof argv[i] === 'string' && (argv[i] as string).startsWith('-')) {
        const f = argv[i++] as string
        flags.push(f)
        if (['-r', '--require', '--import', '--loader', '-e', '--eval'].includes(f)) flags.push(argv[i++] as string)
    }
    return {flags, script: argv[i] as string, args: argv.slice(i + 1)}
}

/** The package (a direct dependency) whose `bin` provides `name`, and whether it is a runtime dependency. */
function binPackage(name: string): {pkg: string; runtime: boolean} | undefined {
    for (const dep of [...Object.keys(dependencies), ...Object.keys(devDependencies)]) {
        const file = path.join(ROOT, 'node_modules', dep, 'package.json')
        if (!fs.existsSync(file)) continue
        const p = JSON.parse(fs.readFileSync(file, 'utf8'))
        const bins = typeof p.bin === 'string' ? {[p.name.split('/').pop()]: p.bin} : (p.bin ?? {})
        if (name in bins && fs.existsSync(path.join(ROOT, 'node_modules', dep, bins[name]))) return {pkg: dep, runtime: dep in dependencies}
    }
    return undefined
}

let nodeHelp: string | undefined
function nodeFlags(): Set<string> {
    nodeHelp ??= execFileSync(process.execPath, ['--help'], {encoding: 'utf8'})
    return new Set(nodeHelp.match(/--[a-z0-9][a-z0-9-]*/g))
}

function expandGlob(pattern: string, cwd: string): string[] {
    const dir = path.join(cwd, path.dirname(pattern))
    const re = new RegExp(`^${path.basename(pattern).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
    if (/[*?[]/.test(path.dirname(pattern))) throw new Error(`glob ${pattern}: only a * in the file name is supported here`)
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => re.test(f)).map((f) => path.join(dir, f)) : []
}

/**
 * Problems with one command line: programs and preloaded modules that are not installed, files that
 * do not exist, node flags this Node does not have. `runtime`: it runs in the deployed image, where
 * only `dependencies` are installed.
 */
function problems(where: string, argv: Arg[], opts: {runtime: boolean; cwd?: string}): string[] {
    const out: string[] = []
    const cwd = opts.cwd ?? ROOT
    const checkFile = (p: string) => {
        if (!fs.existsSync(path.resolve(cwd, p))) out.push(`${where}: ${p} does not exist${p.startsWith('lib/') ? ' (run `npx tsc`)' : ''}`)
    }
    const checkBin = (name: string) => {
        if (name === 'node') return
        if (name === 'sqd') {
            if (opts.runtime) return // installed globally in the squid image, like node
            out.push(`${where}: sqd inside commands.json`)
            return
        }
        const b = binPackage(name)
        if (!b) out.push(`${where}: ${name} is not a binary of any package in package.json (node_modules/.bin/${name})`)
        else if (opts.runtime && !b.runtime) out.push(`${where}: ${name} comes from ${b.pkg}, a devDependency the deployed image does not install`)
    }
    const program = argv[0]
    if (typeof program !== 'string') return [`${where}: the program is a glob`]
    if (program === 'node') {
        const {flags, script, args} = nodeScript(argv)
        const known = nodeFlags()
        for (let i = 0; i < flags.length; i++) {
            const f = flags[i]
            const [name, value] = f.split(/=(.*)/s)
            if (!f.startsWith('-')) continue
            if (f.startsWith('--') && !known.has(name)) out.push(`${where}: node has no flag ${name} (node ${process.version})`)
            if (['-r', '--require', '--import', '--loader'].includes(name)) {
                const mod = value ?? flags[++i]
                if (mod.startsWith('.') || mod.startsWith('/')) {
                    checkFile(mod)
                } else {
                    // Resolvable is not enough: a package that is only there as someone else's
                    // dependency (dotenv, via the migration CLI) can go away with any update.
                    const dep = mod.startsWith('@') ? mod.split('/').slice(0, 2).join('/') : mod.split('/')[0]
                    const declared = dep in dependencies || (!opts.runtime && dep in devDependencies)
                    let resolvable = true
                    try {
                        require.resolve(mod, {paths: [cwd]})
                    } catch {
                        resolvable = false
                    }
                    if (!declared || !resolvable) {
                        out.push(`${where}: node ${name} ${mod}: ${dep} is not ${opts.runtime ? 'a dependency' : 'a dependency or devDependency'} in package.json${resolvable ? '' : ' and not installed'}`)
                    }
                }
            }
            if (['-e', '--eval'].includes(name)) {
                i++ // inline code, no script
            }
            if (name === '--env-file' && value) checkFile(value) // --env-file-if-exists may be absent
        }
        if (!flags.some((f) => f === '-e' || f === '--eval')) {
            if (!script) out.push(`${where}: node without a script`)
            else checkFile(script)
        }
        for (const a of args) if (typeof a === 'object') expandGlob(a.glob, cwd).length || out.push(`${where}: glob ${a.glob} matches nothing`)
        return out
    }
    if (program === 'npx') {
        const rest = argv.slice(1) as string[]
        if (rest.some((a) => ['--yes', '-y', '-p', '--package'].includes(a) || a.startsWith('--package='))) {
            out.push(`${where}: npx allowed to download (${rest.join(' ')})`)
        }
        const bin = rest.find((a) => !a.startsWith('-'))
        if (!bin) out.push(`${where}: npx without a binary`)
        else checkBin(bin)
    } else {
        checkBin(program)
    }
    for (const a of argv.slice(1)) {
        if (typeof a === 'object') {
            if (expandGlob(a.glob, cwd).length === 0) out.push(`${where}: glob ${a.glob} matches nothing`)
        } else if (!a.startsWith('-') && /[/]|\.(js|json|ts)$/.test(a)) {
            checkFile(a)
        }
    }
    return out
}

/** The `--flag value` pairs of a graphql-server command line that set a limit, mapped to API_LIMITS. */
const LIMIT_FLAGS: Record<string, (v: number) => [keyof typeof API_LIMITS, number]> = {
    '--max-request-size': (v) => ['maxRequestSizeKb', v],
    '--max-root-fields': (v) => ['maxRootFields', v],
    '--max-response-size': (v) => ['maxResponseNodes', v],
    '--sql-statement-timeout': (v) => ['sqlStatementTimeoutMs', v],
    '--dumb-cache-ttl': (v) => ['cacheTtlMs', v],
    '--dumb-cache-max-age': (v) => ['cacheTtlMs', v],
}

describe('squid.yaml (SQD Cloud deployment manifest)', () => {
    it('is a v0.1 manifest whose command lines SQD Cloud accepts', () => {
        expect(squid.manifest_version ?? squid.manifestVersion).toBe('subsquid.io/v0.1')
        expect(squid.name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/)
        expect(Object.keys(squid.deploy).filter((k) => !['addons', 'env', 'init', 'migrate', 'processor', 'api', 'cors', 'secrets'].includes(k))).toEqual([])
        expect('postgres' in (squid.deploy.addons ?? {})).toBe(true)
        for (const [name, s] of Object.entries(services)) {
            expect(s, `deploy.${name}`).toBeDefined()
            // The Cloud's manifest schema allows only these characters in a cmd item.
            for (const a of s.cmd) expect(a, `deploy.${name}.cmd`).toMatch(/^[:\-/\w.]+$/)
            for (const [k, v] of Object.entries({...(squid.deploy.env ?? {}), ...(s.env ?? {})})) {
                expect(k).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
                expect(typeof v, `deploy.${name}.env.${k} must be a string`).toBe('string')
            }
        }
    })

    it('migrates with the Subsquid migration CLI before the services start', () => {
        const init = resolveService(services.init)
        const argv = init.argv[0] === 'npx' ? init.argv.slice(1) : init.argv
        expect(argv).toEqual(['squid-typeorm-migration', 'apply'])
        expect(binPackage('squid-typeorm-migration')).toEqual({pkg: '@subsquid/typeorm-migration', runtime: true})
        // npm start applies the same migrations through the same package (local/child.ts applyMigrations).
        expect(fs.readFileSync(path.join(ROOT, 'local', 'child.ts'), 'utf8')).toContain('@subsquid/typeorm-migration/bin/squid-typeorm-migration-apply')
    })

    it('runs the processor npm start runs: node lib/main.js', () => {
        const p = nodeScript(resolveService(services.processor).argv)
        expect(path.resolve(ROOT, p.script)).toBe(PROCESSOR_MAIN)
        expect(p.args).toEqual([])
    })

    it('runs the API npm start runs: node lib/api/main.js with the same NODE_ENV', () => {
        const api = resolveService(services.api)
        const p = nodeScript(api.argv)
        expect(path.resolve(ROOT, p.script)).toBe(API_MAIN)
        const localApi = fs.readFileSync(path.join(ROOT, 'local', 'api.ts'), 'utf8')
        const nodeEnv = /NODE_ENV:\s*'([^']*)'/.exec(localApi)?.[1]
        expect(nodeEnv, 'local/api.ts sets NODE_ENV').toBe('production')
        expect(api.env.NODE_ENV).toBe(nodeEnv)
    })

    it('configures no API limit apart from src/api/limits.ts', () => {
        const argv = resolveService(services.api).argv.filter((a): a is string => typeof a === 'string')
        for (let i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith('--')) continue
            const toLimit = LIMIT_FLAGS[argv[i]]
            expect(toLimit, `${argv[i]}: not a flag this test knows; compare it with src/api/limits.ts`).toBeDefined()
            const [key, value] = toLimit(Number(argv[++i]))
            expect(value, `${argv[i - 1]}`).toBe(API_LIMITS[key])
        }
        // The API process itself takes its limits from src/api/limits.ts.
        expect(fs.readFileSync(API_MAIN, 'utf8')).toMatch(/\bAPI_LIMITS\.maxRootFields\b/)
    })

    it('takes the deployment manifest and the RPC endpoint from configuration, and ships a template manifest', () => {
        const env = resolveService(services.processor).env
        expect(env.RPC_URL, 'deploy.processor.env.RPC_URL').toMatch(new RegExp(`${SECRET.source}|^(https?|wss?)://`))
        expect(env.MANIFEST, 'deploy.processor.env.MANIFEST').toBeDefined()
        if (!SECRET.test(env.MANIFEST)) {
            // A literal path: a valid manifest, in a folder that SQD Cloud puts into the image.
            expect(fs.existsSync(path.join(ROOT, env.MANIFEST)), `MANIFEST=${env.MANIFEST} does not exist`).toBe(true)
            expect(env.MANIFEST).toMatch(/^assets\//)
            parseManifest(JSON.parse(fs.readFileSync(path.join(ROOT, env.MANIFEST), 'utf8')), env.MANIFEST)
        }
        const template = path.join(ROOT, 'deployments', 'example.json')
        const m = parseManifest(JSON.parse(fs.readFileSync(template, 'utf8')), rel(template))
        expect(JSON.parse(fs.readFileSync(template, 'utf8')).$comment).toMatch(/TEMPLATE/)
        expect(new Set(Object.values(m.contracts)).size).toBe(Object.keys(m.contracts).length)
        expect(fs.existsSync(path.join(ROOT, 'deployments', 'README.md'))).toBe(true)
    })

    it('sets only environment variables that something reads', () => {
        const src = readTree(path.join(ROOT, 'src'))
        // Read by the platform, not by src/: Node/Apollo (NODE_ENV), Subsquid's DB and port settings.
        const external = new Set(['NODE_ENV', 'DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS', 'DB_SSL', 'GQL_PORT', 'PROCESSOR_PROMETHEUS_PORT'])
        for (const [name, s] of Object.entries(services)) {
            for (const k of Object.keys({...(squid.deploy.env ?? {}), ...(s.env ?? {})})) {
                if (!external.has(k)) expect(src.includes(k), `deploy.${name}.env.${k} is read nowhere in src/`).toBe(true)
            }
        }
    })

    it('names only files and programs the deployed image has', () => {
        const out: string[] = []
        for (const [name, s] of Object.entries(services)) {
            const r = resolveService(s)
            out.push(...problems(`squid.yaml deploy.${name}`, r.argv, {runtime: true}))
            for (const d of r.before) out.push(...problems(`squid.yaml deploy.${name} (sqd ${d})`, resolveSqd(d).argv, {runtime: true}))
            // SQD Cloud builds the image from src/ (to lib/), db/, assets/, schema.graphql and the package files.
            for (const a of r.argv) {
                if (typeof a === 'string' && !a.startsWith('-') && a.includes('/')) expect(a, `deploy.${name}`).toMatch(/^(lib|db|assets|node_modules)\//)
            }
        }
        expect(out).toEqual([])
    })

    it('runs only code whose packages are runtime dependencies (the image has no devDependencies)', () => {
        const missing: string[] = []
        for (const file of listFiles(path.join(ROOT, 'lib')).filter((f) => f.endsWith('.js'))) {
            for (const m of fs.readFileSync(file, 'utf8').matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
                const spec = m[1]
                if (spec.startsWith('node:') || require('module').builtinModules.includes(spec.split('/')[0])) continue
                const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
                if (!(name in dependencies)) missing.push(`${rel(file)} requires ${spec}, which is not in package.json dependencies`)
            }
        }
        expect(missing).toEqual([])
    })
})

describe('commands.json (sqd)', () => {
    it('is valid for sqd: every dep is a command, every command has a program', () => {
        for (const [name, c] of Object.entries(commands)) {
            for (const d of c.deps ?? []) expect(commands[d], `${name} depends on ${d}`).toBeDefined()
            expect(c.cmd?.length, name).toBeGreaterThan(0)
            expect(typeof c.cmd![0], name).toBe('string')
            resolveSqd(name) // no cycles
        }
    })

    it('process and process:prod run lib/main.js after the migrations, serve and serve:prod run lib/api/main.js as npm start does', () => {
        for (const name of ['process', 'process:prod']) {
            const r = resolveSqd(name)
            expect(path.resolve(ROOT, nodeScript(r.argv).script), name).toBe(PROCESSOR_MAIN)
            expect(r.before, name).toContain('migration:apply')
            expect(commands['migration:apply'].cmd).toEqual(['squid-typeorm-migration', 'apply'])
        }
        const localApi = fs.readFileSync(path.join(ROOT, 'local', 'api.ts'), 'utf8')
        for (const name of ['serve', 'serve:prod']) {
            const r = resolveSqd(name)
            expect(path.resolve(ROOT, nodeScript(r.argv).script), name).toBe(API_MAIN)
            expect(r.env.NODE_ENV, name).toBe(/NODE_ENV:\s*'([^']*)'/.exec(localApi)?.[1])
        }
        // The production commands are the ones squid.yaml deploys.
        expect(resolveSqd('process:prod').argv).toEqual(resolveService(services.processor).argv)
        expect(resolveSqd('serve:prod').argv).toEqual(resolveService(services.api).argv)
        expect(resolveSqd('serve:prod').env).toEqual(resolveService(services.api).env)
    })

    it('names only files that exist and programs and modules that are installed', () => {
        const out: string[] = []
        for (const [name, c] of Object.entries(commands)) {
            out.push(...problems(`commands.json ${name}`, c.cmd!, {runtime: false, cwd: c.workdir ? path.join(ROOT, c.workdir) : ROOT}))
        }
        expect(out).toEqual([])
    })
})

function listFiles(dir: string): string[] {
    return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
        const p = path.join(dir, e.name)
        return e.isDirectory() ? listFiles(p) : [p]
    })
}

function readTree(dir: string): string {
    return listFiles(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n')
}
