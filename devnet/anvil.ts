import {ChildProcess, spawn} from 'child_process'
import fs from 'fs'
import path from 'path'
import {freePort, isPortInUse, portInUseMessage, suggestFreePort} from '../src/util/ports'
import {RpcClient, RpcError} from './client'


export interface AnvilOptions {
    host?: string
    /** Port to listen on; 0 picks a free one. */
    port?: number
    chainId?: number
    /** Keep only this many recent states in memory (see STACK.md); `false` keeps all (disk!). */
    pruneHistory?: number | false
    /** Load this state dump (anvil --load-state) at start. */
    loadState?: string
    /** Block timestamp of the genesis block, so that a seeded chain is reproducible. */
    timestamp?: number
    /** Extra CLI flags. */
    args?: string[]
    /** The variable that chose `port` (e.g. DEVNET_PORT): a port in use is then reported with it and a free example. */
    portVariable?: string
    log?: (line: string) => void
}

export interface Anvil {
    rpcUrl: string
    wsUrl: string
    port: number
    chainId: number
    process: ChildProcess
    stop(): Promise<void>
}

/** Path of the anvil binary shipped inside the npm package (no download). */
export function anvilBinary(): string {
    const pkg = `@foundry-rs/anvil-${process.platform === 'darwin' ? 'darwin' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`
    try {
        return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'anvil')
    } catch {
        throw new Error(`anvil binary not found: install ${pkg} (npm install)`)
    }
}

/** Starts anvil and resolves once it answers JSON-RPC. Stop it with `stop()` (SIGTERM). */
export async function startAnvil(opts: AnvilOptions = {}): Promise<Anvil> {
    const host = opts.host ?? '127.0.0.1'
    const port = opts.port || (await freePort(host))
    const chainId = opts.chainId ?? 31337
    if (await isPortInUse(port, host)) {
        if (opts.portVariable) throw new Error(portInUseMessage({what: 'the devnet (anvil)', port, variable: opts.portVariable, example: await suggestFreePort(port, host)}))
        throw new Error(`port ${port} on ${host} is already in use: stop what runs there or choose another port`)
    }
    const args = [
        '--host', host,
        '--port', String(port),
        '--chain-id', String(chainId),
        '--gas-limit', '3000000000',
        '--code-size-limit', '100000',
        '--base-fee', '0',
        '--gas-price', '0',
        '--accounts', '10',
        '--balance', '1000000',
    ]
    if (opts.pruneHistory !== false) args.push('--prune-history', String(opts.pruneHistory ?? 256))
    if (opts.loadState) {
        if (!fs.existsSync(opts.loadState)) throw new Error(`state dump not found: ${opts.loadState}`)
        args.push('--load-state', opts.loadState)
    }
    if (opts.timestamp != null) args.push('--timestamp', String(opts.timestamp))
    args.push(...(opts.args ?? []))
    const child = spawn(anvilBinary(), args, {stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    const onData = (d: Buffer) => {
        output += d.toString()
        if (output.length > 20_000) output = output.slice(-10_000)
        if (opts.log) for (const line of d.toString().split('\n')) if (line.trim()) opts.log(line)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    const rpcUrl = `http://${host}:${port}`
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const deadline = Date.now() + 30_000
    for (;;) {
        const exitCode = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 100))])
        if (exitCode !== 'wait') throw new Error(`anvil exited with code ${exitCode}:\n${output}`)
        if (await rpcAlive(rpcUrl)) break
        if (Date.now() > deadline) {
            child.kill('SIGTERM')
            throw new Error(`anvil did not answer on ${rpcUrl} within 30 s:\n${output}`)
        }
    }
    return {
        rpcUrl,
        wsUrl: `ws://${host}:${port}`,
        port,
        chainId,
        process: child,
        async stop() {
            if (child.exitCode != null || child.signalCode != null) return
            child.kill('SIGTERM')
            const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
            await exited
            clearTimeout(t)
        },
    }
}

/** One probe, no retries (the caller polls), bounded so that a node that accepts but never answers cannot stall it. */
async function rpcAlive(url: string): Promise<boolean> {
    try {
        await new RpcClient(url, {retryCount: 0, timeout: 2_000}).call('eth_chainId')
        return true
    } catch (e) {
        return e instanceof RpcError // an answer, even an error, means it is up
    }
}
