import {ChildProcess, spawn} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type {DeploymentManifest} from '../../src/config/manifest'

const ROOT = path.resolve(__dirname, '../..')
const MAIN = path.join(ROOT, 'lib/main.js')

export interface ProcessorRun {
    child: ChildProcess
    output(): string
    /** Resolves with the exit code. */
    exited: Promise<number | null>
    stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts the real processor (lib/main.js, built by `npm test`) as a child process. */
export function startProcessor(opts: {
    dbUrl: string
    manifest: DeploymentManifest
    rpcUrl?: string
    exitAtHead?: boolean
    env?: NodeJS.ProcessEnv
}): ProcessorRun {
    if (!fs.existsSync(MAIN)) throw new Error('lib/main.js is missing: run `npm run build` (npm test does it)')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-manifest-'))
    const manifestFile = path.join(dir, 'deployment.json')
    fs.writeFileSync(manifestFile, JSON.stringify(opts.manifest))
    let out = ''
    const child = spawn(process.execPath, [MAIN], {
        cwd: ROOT,
        env: {
            ...process.env,
            DB_URL: opts.dbUrl,
            MANIFEST: manifestFile,
            RPC_URL: opts.rpcUrl ?? opts.manifest.rpcUrl,
            EXIT_AT_HEAD: opts.exitAtHead ? '1' : '',
            SQD_LOG_LEVEL: process.env.SQD_LOG_LEVEL ?? 'INFO',
            ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    const collect = (d: Buffer) => {
        out += d.toString()
        if (out.length > 200_000) out = out.slice(-100_000)
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    return {
        child,
        output: () => out,
        exited,
        async stop(signal = 'SIGTERM') {
            if (child.exitCode == null && child.signalCode == null) child.kill(signal)
            return exited
        },
    }
}

/** Indexes from the manifest's start block to the current head and waits for the exit. */
export async function indexToHead(opts: {dbUrl: string; manifest: DeploymentManifest; timeoutMs?: number}): Promise<void> {
    const run = startProcessor({...opts, exitAtHead: true})
    const timeout = setTimeout(() => run.child.kill('SIGKILL'), opts.timeoutMs ?? 300_000)
    const code = await run.exited
    clearTimeout(timeout)
    if (code !== 0) throw new Error(`processor exited with ${code}:\n${run.output().slice(-5000)}`)
}

/** Height the processor has committed, hot blocks included, or -1. */
export async function indexedHeight(query: (sql: string) => Promise<any[]>): Promise<number> {
    try {
        const rows = await query(
            'SELECT GREATEST((SELECT max(height) FROM squid_processor.hot_block), (SELECT height FROM squid_processor.status WHERE id = 0)) AS h',
        )
        return rows.length && rows[0].h != null ? Number(rows[0].h) : -1
    } catch {
        return -1
    }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 250): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
        const v = await fn()
        if (v) return v
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
        await new Promise((r) => setTimeout(r, everyMs))
    }
}
