/**
 * The tooling's JSON-RPC client (devnet/client.ts, under simulator/rpc.ts and publicClientFor):
 * retries with backoff on transient failures only, a timeout, JSON-RPC batches, and errors that
 * name the method and the URL instead of hanging.
 */
import http from 'http'
import type {AddressInfo} from 'net'
import {afterEach, describe, expect, it} from 'vitest'
import {publicClientFor, RpcClient, RpcError, RpcTransportError} from '../devnet/client'
import {startDevnet} from '../devnet/devnet'
import {simulate} from '../simulator'
import {Rpc} from '../simulator/rpc'
import {freePort} from '../src/util/ports'

type Handler = (body: any, n: number, res: http.ServerResponse) => void

const servers: http.Server[] = []
afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))))
})

/** A JSON-RPC server on a free port; `handler` sees the parsed body and the request's number (1-based). */
async function server(handler: Handler): Promise<{url: string; requests: () => number}> {
    let n = 0
    const s = http.createServer((req, res) => {
        let data = ''
        req.on('data', (d) => (data += d))
        req.on('end', () => handler(JSON.parse(data), ++n, res))
    })
    servers.push(s)
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    return {url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests: () => n}
}

const json = (res: http.ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, {'content-type': 'application/json'})
    res.end(JSON.stringify(body))
}
const answer = (body: any, result: (m: string) => unknown) =>
    Array.isArray(body) ? body.map((b) => ({jsonrpc: '2.0', id: b.id, result: result(b.method)})) : {jsonrpc: '2.0', id: body.id, result: result(body.method)}

const fast = {retryDelay: 10}

describe('devnet JSON-RPC client', () => {
    it('names the method and the URL when nothing listens (after its retries), quickly', async () => {
        const url = `http://127.0.0.1:${await freePort('127.0.0.1')}`
        const t = Date.now()
        const err = await new Rpc(url).call('eth_blockNumber').catch((e) => e)
        expect(err).toBeInstanceOf(RpcTransportError)
        expect(err.message).toBe(`eth_blockNumber to ${url} failed after 4 attempts: connect ECONNREFUSED ${url.slice(7)}`)
        expect(Date.now() - t).toBeLessThan(5_000)
        const batchErr = await new Rpc(url, fast).batch([{method: 'eth_sendTransaction', params: [{}]}, {method: 'eth_getBalance', params: []}]).catch((e) => e)
        expect(batchErr.message).toMatch(new RegExp(`^batch of 2 \\(eth_sendTransaction ×1, eth_getBalance ×1\\) to ${url} failed after 4 attempts: connect ECONNREFUSED`))
    })

    it('retries HTTP 503 with backoff, then answers', async () => {
        const s = await server((body, n, res) => (n <= 2 ? json(res, {error: 'busy'}, 503) : json(res, answer(body, () => '0x2a'))))
        const t = Date.now()
        expect(await new Rpc(s.url, {retryDelay: 50}).call('eth_blockNumber')).toBe('0x2a')
        expect(s.requests()).toBe(3)
        expect(Date.now() - t).toBeGreaterThanOrEqual(50 + 100 - 5)
    })

    it('does not retry a JSON-RPC error: it is an answer', async () => {
        const s = await server((body, _n, res) => json(res, {jsonrpc: '2.0', id: body.id, error: {code: 3, message: 'execution reverted', data: '0x08c379a0'}}))
        const err = await new Rpc(s.url, fast).call('eth_call', [{}]).catch((e) => e)
        expect(err).toBeInstanceOf(RpcError)
        expect(err.message).toBe('eth_call: execution reverted (code 3)')
        expect(err.data).toBe('0x08c379a0')
        expect(s.requests()).toBe(1)
    })

    it('times out a hung node; retries a read, not a method that changes the chain', async () => {
        const s = await server(() => {}) // never answers
        const read = await new Rpc(s.url, {timeout: 200, retryCount: 2, retryDelay: 10}).call('eth_blockNumber').catch((e) => e)
        expect(read.message).toBe(`eth_blockNumber to ${s.url} failed after 3 attempts: no complete response within 0.2 s (timeout)`)
        expect(s.requests()).toBe(3)
        const mine = await new Rpc(s.url, {timeout: 200, retryCount: 2, retryDelay: 10}).call('evm_mine').catch((e) => e)
        expect(mine.message).toBe(`evm_mine to ${s.url} failed after 1 attempt: no complete response within 0.2 s (timeout)`)
        expect(s.requests()).toBe(4)
    })

    it('sends a batch as one JSON-RPC batch body per chunk; errors settle in place', async () => {
        const bodies: number[] = []
        const s = await server((body, _n, res) => {
            bodies.push(body.length)
            json(
                res,
                // Answers out of order, one of them an error.
                [...body].reverse().map((b: any) => (b.params[0] === 3 ? {jsonrpc: '2.0', id: b.id, error: {code: -32000, message: 'nope'}} : {jsonrpc: '2.0', id: b.id, result: b.params[0]})),
            )
        })
        const rpc = new Rpc(s.url)
        const calls = Array.from({length: 5}, (_, i) => ({method: 'echo', params: [i]}))
        const out = await rpc.batch(calls, {settle: true, chunk: 2})
        expect(bodies).toEqual([2, 2, 1])
        expect(out.slice(0, 3)).toEqual([0, 1, 2])
        expect(out[3]).toBeInstanceOf(RpcError)
        expect(out[4]).toBe(4)
        await expect(rpc.batch(calls)).rejects.toThrow('echo: nope (code -32000)')
    })

    it('refuses a response over the cap without retrying it (viem default 10 MiB; the simulator 256 MiB)', async () => {
        const big = 'ab'.repeat(6 * 1024 * 1024) // 12 MiB of hex
        const s = await server((body, _n, res) => json(res, answer(body, () => big)))
        const err = await new RpcClient(s.url, fast).call('eth_getLogs', [{}]).catch((e) => e)
        expect(err.message).toMatch(/^eth_getLogs to .* failed after 1 attempt: response body larger than the 10485760 bytes limit/)
        expect(await new Rpc(s.url).call('eth_getLogs', [{}])).toHaveLength(big.length)
    })

    it('under a viem public client: same retries and messages, JSON-RPC errors as viem errors', async () => {
        const url = `http://127.0.0.1:${await freePort('127.0.0.1')}`
        const err = await publicClientFor(url, fast)
            .getBlockNumber()
            .catch((e) => e)
        expect(err).toBeInstanceOf(RpcTransportError)
        expect(err.message).toMatch(new RegExp(`^eth_blockNumber to ${url} failed after 4 attempts: connect ECONNREFUSED`))
        const s = await server((body, _n, res) =>
            body.method === 'eth_chainId' ? json(res, answer(body, () => '0x7a69')) : json(res, {jsonrpc: '2.0', id: body.id, error: {code: -32601, message: 'no such method'}}),
        )
        const client = publicClientFor(s.url)
        expect((client.transport as any).url).toBe(s.url)
        expect(await client.getChainId()).toBe(31337)
        const e2 = await client.request({method: 'foo_bar' as any}).catch((e) => e)
        expect(e2.name).toBe('MethodNotFoundRpcError')
    })
})

describe('a devnet that goes away', () => {
    it('stops the simulator with an error naming the method and the URL, not a hang', async () => {
        const devnet = await startDevnet()
        const url = devnet.anvil.rpcUrl
        let stopped: Promise<void> | undefined
        const t = Date.now()
        const err = await simulate({
            rpcUrl: url,
            manifest: devnet.manifest,
            seed: 1,
            scale: 'small',
            // anvil stopped (SIGTERM) in the middle of the economy phase.
            onProgress: (p) => {
                if (p.phase === 'setup') setTimeout(() => (stopped = devnet.stop()), 300)
            },
        }).catch((e) => e)
        await stopped
        await devnet.stop()
        expect(err).toBeInstanceOf(RpcTransportError)
        expect(err.message).toMatch(new RegExp(`^(eth_\\w+|evm_mine|batch of \\d+ \\(eth_\\w+\\)) to ${url} failed after \\d attempts?: `))
        expect(Date.now() - t).toBeLessThan(60_000)
    }, 90_000)
})
