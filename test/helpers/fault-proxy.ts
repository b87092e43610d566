import http from 'http'

export type FaultKind = 'http500' | 'http429' | 'reset' | 'truncated' | 'garbage' | 'delay' | 'rpcError'
export const FAULT_KINDS: FaultKind[] = ['http500', 'http429', 'reset', 'truncated', 'garbage', 'delay', 'rpcError']

export interface FaultProxy {
    url: string
    /** Faults injected so far, by kind. */
    injected(): Record<FaultKind, number>
    requests(): number
    setRate(rate: number): void
    close(): Promise<void>
}

/**
 * A JSON-RPC proxy in front of a real node that fails a share of the requests the way flaky
 * providers do: HTTP 500, 429 with Retry-After, connection resets, truncated and garbage bodies,
 * slow answers and JSON-RPC error objects. Deterministic for a seed (xorshift), so a failing run
 * can be replayed.
 */
export async function faultProxy(target: string, opts: {rate: number; seed?: number; kinds?: FaultKind[]; delayMs?: number; /** Faults injected first, one per request (null: none), before the random ones. */ first?: (FaultKind | null)[]}): Promise<FaultProxy> {
    const t = new URL(target)
    let rate = opts.rate
    let x = (opts.seed ?? 1) >>> 0 || 1
    const rand = () => {
        x ^= x << 13
        x >>>= 0
        x ^= x >>> 17
        x ^= x << 5
        x >>>= 0
        return x / 0x1_0000_0000
    }
    const kinds = opts.kinds ?? FAULT_KINDS
    const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>
    let requests = 0
    const sockets = new Set<import('net').Socket>()
    const forward = (body: Buffer): Promise<{status: number; headers: http.IncomingHttpHeaders; body: Buffer}> =>
        new Promise((resolve, reject) => {
            const up = http.request(
                {host: t.hostname, port: t.port, method: 'POST', path: t.pathname, headers: {'content-type': 'application/json', 'content-length': body.length}},
                (r) => {
                    const chunks: Buffer[] = []
                    r.on('data', (c) => chunks.push(c))
                    r.on('end', () => resolve({status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks)}))
                    r.on('error', reject)
                },
            )
            up.on('error', reject)
            up.end(body)
        })
    const server = http.createServer((req, res) => {
        requests += 1
        const chunks: Buffer[] = []
        req.on('data', (c) => chunks.push(c))
        req.on('end', async () => {
            const body = Buffer.concat(chunks)
            const forced = opts.first?.[requests - 1]
            const fault = forced !== undefined ? (forced ?? undefined) : rand() < rate ? kinds[Math.floor(rand() * kinds.length)] : undefined
            if (fault) counts[fault] += 1
            try {
                switch (fault) {
                    case 'http500':
                        res.writeHead(500, {'content-type': 'text/plain'}).end('internal server error')
                        return
                    case 'http429':
                        res.writeHead(429, {'retry-after': '1', 'content-type': 'text/plain'}).end('too many requests')
                        return
                    case 'reset':
                        req.socket.destroy()
                        return
                    case 'garbage':
                        res.writeHead(200, {'content-type': 'application/json'}).end('<html>502 bad gateway</html>')
                        return
                    case 'rpcError': {
                        const msg = JSON.parse(body.toString())
                        const err = (id: unknown) => ({jsonrpc: '2.0', id, error: {code: -32603, message: 'internal error: upstream unavailable'}})
                        const out = Array.isArray(msg) ? msg.map((m: any) => err(m.id)) : err(msg.id)
                        res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify(out))
                        return
                    }
                    case 'delay':
                        await new Promise((r) => setTimeout(r, opts.delayMs ?? 1500))
                        break
                }
                const up = await forward(body)
                if (fault === 'truncated') {
                    res.writeHead(up.status, {'content-type': 'application/json'})
                    res.end(up.body.subarray(0, Math.floor(up.body.length / 2)))
                    return
                }
                res.writeHead(up.status, {'content-type': 'application/json', 'content-length': up.body.length}).end(up.body)
            } catch (e: any) {
                if (!res.headersSent) res.writeHead(502, {'content-type': 'text/plain'}).end(String(e?.message ?? e))
                else res.destroy()
            }
        })
    })
    server.on('connection', (s) => {
        sockets.add(s)
        s.once('close', () => sockets.delete(s))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as import('net').AddressInfo).port
    return {
        url: `http://127.0.0.1:${port}`,
        injected: () => ({...counts}),
        requests: () => requests,
        setRate: (r) => {
            rate = r
        },
        async close() {
            for (const s of sockets) s.destroy()
            await new Promise<void>((r) => server.close(() => r()))
        },
    }
}
