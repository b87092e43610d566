/**
 * The `npm run verify` command line (local/verify-cli.ts runs it): options, progress with ETA on
 * stderr, one line per mismatch and the summary line on stdout; exit 0 (all equal), 1 (mismatches)
 * or 2 (bad options, or the API or RPC cannot be used: one line that says what to do).
 */
import {parseArgs} from 'util'
import {defaultManifestFile} from '../config/local'
import {readManifest} from '../config/manifest'
import {ConfigError, readEnv} from '../config/schema'
import {mismatchLine, verify, VerifyError, type VerifyResult} from './run'

export const VERIFY_USAGE = `usage: npm run verify -- [--api URL] [--rpc URL] [--manifest FILE] [--sample N] [--seed S] [--block B] [--all]
  Reads served figures through the GraphQL API and compares each with the contract's view function
  called at the block it was served at (eth_call, batched).
  --api URL       the API's GraphQL endpoint (default http://localhost:$GQL_PORT/graphql, GQL_PORT 4350)
  --rpc URL       the chain to check against (default RPC_URL, else the manifest's rpcUrl)
  --manifest F    the deployment's contract addresses (default MANIFEST, else .data/devnet/deployment.json)
  --sample N      check about N values drawn from every kind of row (default 1000)
  --seed S        seed of the sample (default 1): the same seed on the same data draws the same rows
  --block B       check as of this past block (the API's asOfBlock; the RPC must keep that block's state)
  --all           check every row of every kind`

const WHOLE = /^(0|[1-9][0-9]{0,15})$/

export async function verifyCli(argv: string[], env: NodeJS.ProcessEnv = process.env, out = console.log, err = console.error): Promise<number> {
    let opts: ReturnType<typeof parseOptions>
    try {
        opts = parseOptions(argv, env)
    } catch (e) {
        err(`verify: ${(e as Error).message}\n${VERIFY_USAGE}`)
        return 2
    }
    if (opts == null) {
        out(VERIFY_USAGE)
        return 0
    }
    const started = Date.now()
    let lastProgress = 0
    let result: VerifyResult
    try {
        result = await verify({
            ...opts,
            onProgress(done, total) {
                const now = Date.now()
                if (now - lastProgress < 2000 && done < total) return
                lastProgress = now
                const s = (now - started) / 1000
                const eta = done > 0 && total > done ? ` ETA ${Math.ceil((s / done) * (total - done))} s` : ''
                err(`verify: ${done}/${total} values (${Math.floor((100 * done) / Math.max(total, 1))} %), ${s.toFixed(0)} s${eta}`)
            },
        })
    } catch (e) {
        if (e instanceof VerifyError) {
            err(`verify: ${e.message}`)
            return 2
        }
        throw e
    }
    for (const m of result.mismatches) out(mismatchLine(m))
    const moved = result.heights.length > 1 ? ` (the head moved during the run: pages served at blocks ${result.heights[0]}-${result.heights[result.heights.length - 1]}, each checked at its own)` : ''
    out(`verify: checked ${result.checked} values at block ${result.block} (hash ${result.hash}), ${result.mismatches.length} mismatches${moved}`)
    err(`verify: ${result.calls} eth_calls in ${result.rpcRequests} RPC requests, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return result.mismatches.length > 0 ? 1 : 0
}

/** The run's options from argv and env; undefined for --help. Throws an Error naming the bad option. */
function parseOptions(argv: string[], env: NodeJS.ProcessEnv) {
    const {values, positionals} = parseArgs({
        args: argv,
        strict: true,
        allowPositionals: true,
        options: {
            api: {type: 'string'},
            rpc: {type: 'string'},
            manifest: {type: 'string'},
            sample: {type: 'string'},
            seed: {type: 'string'},
            block: {type: 'string'},
            all: {type: 'boolean'},
            help: {type: 'boolean', short: 'h'},
        },
    })
    if (values.help) return undefined
    if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`)
    const whole = (name: string, v: string | undefined, fallback: number, min = 0) => {
        if (v == null) return fallback
        if (!WHOLE.test(v) || Number(v) < min) throw new Error(`--${name} must be a whole number >= ${min}, got "${v}"`)
        return Number(v)
    }
    const url = (name: string, v: string) => {
        let u: URL
        try {
            u = new URL(v)
        } catch {
            throw new Error(`--${name} must be an http(s):// URL, got "${v}"`)
        }
        if (!/^https?:$/.test(u.protocol)) throw new Error(`--${name} must be an http(s):// URL, got "${v}"`)
        return v
    }
    let e: ReturnType<typeof readEnv<'GQL_PORT' | 'RPC_URL'>>
    try {
        e = readEnv(env, ['GQL_PORT', 'RPC_URL'])
    } catch (x) {
        throw new Error(x instanceof ConfigError ? x.message : String(x))
    }
    // the numbers first: a typo there is named even when no manifest can be read yet
    const sample = whole('sample', values.sample, 1000, 1)
    const seed = whole('seed', values.seed, 1)
    const block = values.block == null ? undefined : whole('block', values.block, 0)
    const manifestFile = values.manifest ?? defaultManifestFile(env)
    let manifest
    try {
        manifest = readManifest(manifestFile)
    } catch (x) {
        throw new Error(`cannot read the manifest ${manifestFile}: ${(x as Error).message.split('\n')[0]} (pass --manifest FILE, or run npm start first)`)
    }
    const rpcUrl = url('rpc', values.rpc ?? e.RPC_URL ?? manifest.rpcUrl)
    if (/^wss?:/.test(rpcUrl)) throw new Error('--rpc must be an http(s):// URL (eth_call batches go over HTTP)')
    return {
        apiUrl: url('api', values.api ?? `http://localhost:${e.GQL_PORT}/graphql`),
        rpcUrl,
        manifest,
        sample,
        seed,
        block,
        all: !!values.all,
    }
}
