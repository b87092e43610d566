import {ChildProcess, spawn} from 'child_process'
import path from 'path'
import {StringDecoder} from 'string_decoder'

export const ROOT = path.resolve(__dirname, '..')
/** The squid's compiled entry points (`npm run build`: src/ → lib/). */
export const PROCESSOR_MAIN = path.join(ROOT, 'lib', 'main.js')
export const API_MAIN = path.join(ROOT, 'lib', 'api', 'main.js')

export interface RunNodeOptions {
    /** Prepended to every forwarded line. */
    prefix?: string
    /** Do not forward the child's output to ours (it is still captured, see `maxOutput`). */
    quiet?: boolean
    /** Characters of output kept for `output()` (the last ones; default 256 KiB, 0 keeps nothing). */
    maxOutput?: number
    /** Node flags before the script (e.g. `--max-old-space-size=40`); `--import tsx` is added for .ts scripts. */
    nodeArgs?: string[]
    cwd?: string
    /** What `stop()` waits after its signal before SIGKILL (default 10 s). */
    killAfterMs?: number
}

/** A child started by `runNode`: the ChildProcess itself, with its captured output and its end. */
export interface NodeChild extends ChildProcess {
    /** The last `maxOutput` characters the child wrote: both streams interleaved, or one of them. */
    output(stream?: 'all' | 'stdout' | 'stderr'): string
    /**
     * Resolves once the child has exited and its output has been read: with its exit code, or
     * null when a signal ended it (see `signalCode`). Never rejects (127 when it could not start).
     */
    exited: Promise<number | null>
    /** Sends `signal` (default SIGTERM) unless it has exited, SIGKILL after `killAfterMs`; resolves like `exited`. */
    stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | null>
}

/** Keeps the last `max` characters of what is appended (amortised: trims at twice the size). */
function tail(max: number) {
    let text = ''
    return {
        push(s: string) {
            if (max <= 0) return
            text += s
            if (text.length > 2 * max) text = text.slice(-max)
        },
        get: () => (text.length > max ? text.slice(-max) : text),
    }
}

const isTypeScript = (script: string) => /\.[cm]?ts$/.test(script)
const importsTsx = (nodeArgs: string[]) => nodeArgs.some((a, i) => a === '--import=tsx' || (a === 'tsx' && nodeArgs[i - 1] === '--import'))

/**
 * Runs a node script of the project as a child with extra environment, the one way the project
 * spawns its own scripts (CLIs, tests, benchmarks). Its output is forwarded line by line with
 * `prefix` (unless `quiet`) and the last `maxOutput` characters are kept for `output()`; `.ts`
 * scripts run through `--import tsx`. The result is the ChildProcess, so its streams can be read too.
 */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, opts: RunNodeOptions = {}): NodeChild {
    const nodeArgs = [...(opts.nodeArgs ?? [])]
    if (isTypeScript(script) && !importsTsx(nodeArgs)) nodeArgs.push('--import', 'tsx')
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {cwd: opts.cwd ?? ROOT, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']}) as NodeChild
    const max = opts.maxOutput ?? 256 * 1024
    const all = tail(max)
    const own = {stdout: tail(max), stderr: tail(max)}
    const ended: Promise<void>[] = []
    const pipe = (name: 'stdout' | 'stderr', dst: NodeJS.WriteStream) => {
        const src = child[name]!
        const decoder = new StringDecoder('utf8') // raw Buffers stay for other listeners of the stream
        let line = ''
        src.on('data', (chunk: Buffer) => {
            const d = decoder.write(chunk)
            all.push(d)
            own[name].push(d)
            if (opts.quiet) return
            line += d
            let i
            while ((i = line.indexOf('\n')) >= 0) {
                dst.write(`${opts.prefix ?? ''}${line.slice(0, i)}\n`)
                line = line.slice(i + 1)
            }
        })
        ended.push(
            new Promise((resolve) =>
                src.once('close', () => {
                    if (line && !opts.quiet) dst.write(`${opts.prefix ?? ''}${line}\n`)
                    resolve()
                }),
            ),
        )
    }
    pipe('stdout', process.stdout)
    pipe('stderr', process.stderr)
    child.output = (stream = 'all') => (stream === 'all' ? all.get() : own[stream].get())
    child.exited = new Promise<number | null>((resolve) => {
        child.once('error', (e) => {
            all.push(`${e.message}\n`)
            own.stderr.push(`${e.message}\n`)
            if (child.pid == null) resolve(127)
        })
        child.once('exit', (code) => {
            // The output is read to its end, unless a grandchild holds the pipes: then not for long.
            const grace = new Promise((r) => setTimeout(r, 2_000).unref())
            Promise.race([Promise.all(ended), grace]).then(() => resolve(code))
        })
    })
    child.stop = async (signal = 'SIGTERM', killAfterMs = opts.killAfterMs ?? 10_000) => {
        if (child.exitCode == null && child.signalCode == null && child.pid != null) {
            child.kill(signal)
            const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
            timer.unref()
            child.exited.finally(() => clearTimeout(timer))
        }
        return child.exited
    }
    return child
}

/** Exit code of a child (128 when a signal ended it); resolves at once if it has already exited. */
export function waitExit(child: ChildProcess): Promise<number> {
    if (child.exitCode != null) return Promise.resolve(child.exitCode)
    if (child.signalCode != null) return Promise.resolve(128)
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))))
}

/** Applies db/migrations with Subsquid's migration tool (idempotent). */
export async function applyMigrations(dbUrl: string): Promise<void> {
    const bin = require.resolve('@subsquid/typeorm-migration/bin/squid-typeorm-migration-apply')
    const child = runNode(bin, [], {DB_URL: dbUrl}, {prefix: '[migrate] ', quiet: true})
    const code = await child.exited
    if (code !== 0) throw new Error(`applying migrations failed (exit ${code ?? child.signalCode}):\n${child.output()}`)
}
