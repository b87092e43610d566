import fs from 'fs'
import os from 'os'
import path from 'path'
import type {DeploymentManifest} from '../../src/config/manifest'
import {PROCESSOR_MAIN, runNode, type NodeChild} from '../../local/child'

export interface ProcessorRun {
    child: NodeChild
    /** The last 200 000 characters of its output (both streams). */
    output(): string
    /** Resolves with the exit code (null when a signal ended it). */
    exited: Promise<number | null>
    /** SIGTERM (or `signal`), SIGKILL after 10 s; resolves like `exited`. */
    stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts the real processor (lib/main.js, built by `npm test`) as a child process; its output is forwarded when VERBOSE is set. */
export function startProcessor(opts: {
    dbUrl: string
    manifest: DeploymentManifest
    rpcUrl?: string
    exitAtHead?: boolean
    env?: NodeJS.ProcessEnv
}): ProcessorRun {
    if (!fs.existsSync(PROCESSOR_MAIN)) throw new Error('lib/main.js is missing: run `npm run build` (npm test does it)')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-manifest-'))
    const manifestFile = path.join(dir, 'deployment.json')
    fs.writeFileSync(manifestFile, JSON.stringify(opts.manifest))
    const child = runNode(
        PROCESSOR_MAIN,
        [],
        {
            DB_URL: opts.dbUrl,
            MANIFEST: manifestFile,
            RPC_URL: opts.rpcUrl ?? opts.manifest.rpcUrl,
            EXIT_AT_HEAD: opts.exitAtHead ? '1' : '',
            SQD_LOG_LEVEL: process.env.SQD_LOG_LEVEL ?? 'INFO',
            ...opts.env,
        },
        {prefix: '[processor] ', quiet: !process.env.VERBOSE, maxOutput: 200_000},
    )
    child.exited.finally(() => fs.rmSync(dir, {recursive: true, force: true}))
    return {
        child,
        output: () => child.output(),
        exited: child.exited,
        stop: (signal = 'SIGTERM') => child.stop(signal),
    }
}

/** Indexes from the manifest's start block to the current head and waits for the exit. */
export async function indexToHead(opts: {dbUrl: string; manifest: DeploymentManifest; timeoutMs?: number}): Promise<void> {
    const run = startProcessor({...opts, exitAtHead: true})
    const timeout = setTimeout(() => run.child.kill('SIGKILL'), opts.timeoutMs ?? 300_000)
    const code = await run.exited
    clearTimeout(timeout)
    if (code !== 0) throw new Error(`processor exited with ${code ?? run.child.signalCode}:\n${run.output().slice(-5000)}`)
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
