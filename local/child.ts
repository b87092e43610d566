import {ChildProcess, spawn} from 'child_process'
import path from 'path'

export const ROOT = path.resolve(__dirname, '..')
/** The squid's compiled entry points (`npm run build`: src/ → lib/). */
export const PROCESSOR_MAIN = path.join(ROOT, 'lib', 'main.js')
export const API_MAIN = path.join(ROOT, 'lib', 'api', 'main.js')

/** Runs a node script of the project as a child with extra environment; output is prefixed. */
export function runNode(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    opts: {prefix?: string; quiet?: boolean} = {},
): ChildProcess {
    const child = spawn(process.execPath, [script, ...args], {cwd: ROOT, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
    const pipe = (src: NodeJS.ReadableStream, dst: NodeJS.WriteStream) => {
        let buf = ''
        src.on('data', (d: Buffer) => {
            buf += d.toString()
            let i
            while ((i = buf.indexOf('\n')) >= 0) {
                const line = buf.slice(0, i)
                buf = buf.slice(i + 1)
                if (!opts.quiet) dst.write(`${opts.prefix ?? ''}${line}\n`)
            }
        })
    }
    pipe(child.stdout!, process.stdout)
    pipe(child.stderr!, process.stderr)
    return child
}

export function waitExit(child: ChildProcess): Promise<number> {
    if (child.exitCode != null) return Promise.resolve(child.exitCode)
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))))
}

/** Applies db/migrations with Subsquid's migration tool (idempotent). */
export async function applyMigrations(dbUrl: string): Promise<void> {
    const bin = require.resolve('@subsquid/typeorm-migration/bin/squid-typeorm-migration-apply')
    const child = runNode(bin, [], {DB_URL: dbUrl}, {prefix: '[migrate] ', quiet: true})
    let out = ''
    child.stdout!.on('data', (d) => (out += d))
    child.stderr!.on('data', (d) => (out += d))
    const code = await waitExit(child)
    if (code !== 0) throw new Error(`applying migrations failed (exit ${code}):\n${out}`)
}
