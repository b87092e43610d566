import http from 'http'
import net from 'net'
import client from 'prom-client'

export interface Route {
    /** Handles the request and returns true, or returns false to let the next route try. */
    (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>
}

/** API metrics (served on /metrics of the API port). */
export function createApiMetrics(registry = new client.Registry()) {
    client.collectDefaultMetrics({register: registry, prefix: 'sahara_api_'})
    const requests = new client.Counter({
        name: 'sahara_api_requests_total',
        help: 'HTTP requests served by the API, by route kind and status code',
        labelNames: ['route', 'status'],
        registers: [registry],
    })
    const latency = new client.Histogram({
        name: 'sahara_api_request_duration_seconds',
        help: 'HTTP request latency of the API in seconds, by route kind',
        labelNames: ['route'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
    })
    return {registry, requests, latency}
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>

function routeKind(url: string | undefined): string {
    const path = (url ?? '/').split('?')[0]
    if (path.startsWith('/graphql')) return 'graphql'
    if (path.startsWith('/export/')) return 'export'
    if (path === '/metrics' || path === '/ready' || path === '/health') return path.slice(1)
    return 'other'
}

/**
 * The public face of the API process: one port that serves our own routes (readiness, metrics,
 * exports) and forwards everything else, WebSocket upgrades included, to the GraphQL server
 * listening on an internal port. Every request is counted and timed.
 */
export function createGateway(opts: {upstreamPort: number; routes: Route[]; metrics: ApiMetrics}): http.Server {
    const server = http.createServer(async (req, res) => {
        const kind = routeKind(req.url)
        const end = opts.metrics.latency.startTimer({route: kind})
        res.once('finish', () => {
            end()
            opts.metrics.requests.inc({route: kind, status: String(res.statusCode)})
        })
        try {
            for (const route of opts.routes) if (await route(req, res)) return
            proxy(req, res, opts.upstreamPort)
        } catch (e: any) {
            if (!res.headersSent) sendJson(res, 500, {error: 'internal error', detail: String(e?.message ?? e)})
            else res.destroy()
        }
    })
    server.on('upgrade', (req, socket, head) => {
        const upstream = net.connect(opts.upstreamPort, '127.0.0.1', () => {
            upstream.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`)
            for (let i = 0; i < req.rawHeaders.length; i += 2) upstream.write(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`)
            upstream.write('\r\n')
            if (head.length) upstream.write(head)
            socket.pipe(upstream).pipe(socket)
        })
        upstream.on('error', () => socket.destroy())
        socket.on('error', () => upstream.destroy())
    })
    return server
}

function proxy(req: http.IncomingMessage, res: http.ServerResponse, port: number) {
    const up = http.request({host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers}, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
    })
    up.on('error', (e) => {
        if (!res.headersSent) sendJson(res, 502, {error: 'GraphQL server unavailable', detail: e.message})
        else res.destroy()
    })
    req.pipe(up)
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {'content-type': 'application/json'})
    res.end(JSON.stringify(body))
}
