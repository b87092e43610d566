import http from 'http'

/** A pass-through JSON-RPC proxy that counts HTTP requests and calls by method. */
export async function countingProxy(target: string): Promise<{url: string; requests: () => number; calls: () => Record<string, number>; close(): void}> {
    const t = new URL(target)
    let requests = 0
    const calls: Record<string, number> = {}
    const server = http.createServer((req, res) => {
        requests += 1
        const chunks: Buffer[] = []
        req.on('data', (c) => chunks.push(c))
        req.on('end', () => {
            const body = Buffer.concat(chunks)
            try {
                const msg = JSON.parse(body.toString())
                for (const m of Array.isArray(msg) ? msg : [msg]) calls[m.method] = (calls[m.method] ?? 0) + 1
            } catch {
                calls['<unparsable>'] = (calls['<unparsable>'] ?? 0) + 1
            }
            const up = http.request({host: t.hostname, port: t.port, method: 'POST', path: t.pathname, headers: {'content-type': 'application/json', 'content-length': body.length}}, (r) => {
                res.writeHead(r.statusCode ?? 502, r.headers)
                r.pipe(res)
            })
            up.on('error', (e) => {
                res.writeHead(502)
                res.end(e.message)
            })
            up.end(body)
        })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as any).port
    return {url: `http://127.0.0.1:${port}`, requests: () => requests, calls: () => ({...calls}), close: () => server.close()}
}
