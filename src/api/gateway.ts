import http from 'http'
import net from 'net'
import client from 'prom-client'
import {acceptsHtml, operationKind, parseJsonBody, RateLimiter, readBody, refuseRequest, scrubResponse, sendGraphqlError} from './graphql-guard'
import {API_LIMITS} from './limits'

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
export function createGateway(opts: {upstreamPort: number; routes: Route[]; metrics: ApiMetrics; limiter?: RateLimiter; log?: (m: string) => void}): http.Server {
    const limiter = opts.limiter ?? new RateLimiter()
    const log = opts.log ?? ((m: string) => console.error(m))
    const server = http.createServer(
        {
            // Slow clients: the whole head within headersTimeout, the whole request within requestTimeout,
            // checked every second (Node's default check runs every 30 s).
            headersTimeout: API_LIMITS.headersTimeoutMs,
            requestTimeout: API_LIMITS.requestTimeoutMs,
            keepAliveTimeout: API_LIMITS.keepAliveTimeoutMs,
            connectionsCheckingInterval: 1_000,
        },
        async (req, res) => {
        const kind = routeKind(req.url)
        const end = opts.metrics.latency.startTimer({route: kind})
        res.once('finish', () => {
            end()
            opts.metrics.requests.inc({route: kind, status: String(res.statusCode)})
        })
        try {
            for (const route of opts.routes) if (await route(req, res)) return
            const [path, search = ''] = (req.url ?? '/').split('?', 2)
            const read = req.method === 'GET' || req.method === 'HEAD'
            // `/` and `/graphql/` lead to the playground at /graphql (its assets are relative to that
            // address); a POST to /graphql/ is answered as one to /graphql (a redirect would drop its body)
            if (path === '/' || (path === '/graphql/' && read)) {
                res.writeHead(302, {location: `/graphql${search ? `?${search}` : ''}`, 'content-type': 'text/plain'})
                res.end('The GraphQL API and its playground are at /graphql\n')
                return
            }
            if (path === '/graphql' || path === '/graphql/') {
                req.url = `/graphql${search ? `?${search}` : ''}`
                return await guardedGraphql(req, res, search)
            }
            proxy(req, res, opts.upstreamPort)
        } catch (e: any) {
            log(`gateway error on ${req.method} ${req.url}: ${e?.stack ?? e}`)
            if (!res.headersSent) sendGraphqlError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error in the API gateway; it was logged on the server')
            else res.destroy()
        }
        },
    )

    async function guardedGraphql(req: http.IncomingMessage, res: http.ServerResponse, search: string): Promise<void> {
        const wait = limiter.hit(req.socket.remoteAddress ?? 'unknown')
        if (wait != null) {
            return sendGraphqlError(res, 429, 'RATE_LIMITED', `more than ${limiter.limit} requests in ${limiter.windowMs / 1000} s from this address: retry after ${wait} s`, {'retry-after': String(wait)})
        }
        if (req.method === 'POST') {
            const buf = await readBody(req, res, API_LIMITS.maxRequestSizeKb * 1024)
            if (buf == null) return
            const parsed = parseJsonBody(buf, res)
            if (parsed == null) return
            const refused = refuseRequest(parsed.value)
            if (refused) return sendGraphqlError(res, 400, refused[0], refused[1])
            return proxy(req, res, opts.upstreamPort, buf, log)
        }
        if (req.method === 'GET') {
            const params = new URLSearchParams(search)
            const query = params.get('query')
            if (query == null) {
                // a browser gets the playground; any other client, a GraphQL error that says what to send
                if (acceptsHtml(req.headers.accept)) return proxy(req, res, opts.upstreamPort, undefined, log)
                return sendGraphqlError(res, 400, 'BAD_REQUEST', 'GET /graphql needs a "query" parameter (GET /graphql?query={...}&variables={...}), or POST {"query": "..."}; open /graphql in a browser for the playground')
            }
            let variables: unknown
            try {
                variables = params.get('variables') ? JSON.parse(params.get('variables')!) : undefined
            } catch (e: any) {
                return sendGraphqlError(res, 400, 'BAD_REQUEST', `the "variables" parameter is not valid JSON (${e?.message ?? e})`)
            }
            const operationName = params.get('operationName') ?? undefined
            const refused = refuseRequest({query, variables, operationName})
            if (refused) return sendGraphqlError(res, 400, refused[0], refused[1])
            const kind = operationKind(query, operationName)
            if (kind == null) return sendGraphqlError(res, 400, 'BAD_REQUEST', `the query has no single operation${operationName ? ` named "${operationName}"` : ''} to run: name one with the "operationName" parameter`)
            if (kind !== 'query') {
                const how = kind === 'subscription' ? 'subscribe over WebSocket (graphql-ws) at /graphql' : 'send it with POST'
                return sendGraphqlError(res, 405, 'METHOD_NOT_ALLOWED', `GET runs queries only, this is a ${kind}: ${how}`, {allow: 'GET, POST'})
            }
            // a GET with a query is executed, from a browser too (its Accept would get Apollo's landing page)
            return proxy(req, res, opts.upstreamPort, undefined, log, {accept: 'application/json'})
        }
        proxy(req, res, opts.upstreamPort, undefined, log)
    }

    // Node answers a request it gives up on (slow head or body, malformed HTTP) with a bare status and
    // no body; this answers with a GraphQL error in JSON instead, then closes the connection.
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
        if (!socket.writable || (err as any).code === 'ECONNRESET') return void socket.destroy()
        const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        const [status, code, message] = timeout
            ? [408, 'REQUEST_TIMEOUT', `the request was not received in time: send its headers within ${API_LIMITS.headersTimeoutMs / 1000} s and the whole request within ${API_LIMITS.requestTimeoutMs / 1000} s`]
            : [400, 'BAD_REQUEST', 'malformed HTTP request']
        const body = JSON.stringify({errors: [{message, extensions: {code}}]})
        socket.end(`HTTP/1.1 ${status} ${timeout ? 'Request Timeout' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
    })

    server.on('upgrade', (req, socket, head) => {
        const [path, search] = (req.url ?? '/').split('?', 2)
        if (path === '/graphql/') req.url = `/graphql${search != null ? `?${search}` : ''}` // as on HTTP
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

const ERRORS_KEY = Buffer.from('"errors"')

function proxy(req: http.IncomingMessage, res: http.ServerResponse, port: number, body?: Buffer, log?: (m: string) => void, override: http.OutgoingHttpHeaders = {}) {
    const headers = {...req.headers, ...override}
    if (body) headers['content-length'] = String(body.length)
    const up = http.request({host: '127.0.0.1', port, method: req.method, path: req.url, headers}, (upRes) => {
        const json = /json/.test(String(upRes.headers['content-type'] ?? '')) && log != null
        if (!json) {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers)
            upRes.pipe(res)
            return
        }
        // GraphQL JSON: scrub error details before they leave
        const chunks: Buffer[] = []
        upRes.on('data', (c) => chunks.push(c))
        upRes.on('end', () => {
            let out = Buffer.concat(chunks)
            // only an answer that may carry errors is parsed (bench:api: parsing every answer was 6 % of the API's CPU)
            if (out.includes(ERRORS_KEY)) {
                try {
                    const parsed = JSON.parse(out.toString('utf8'))
                    if (parsed?.errors) out = Buffer.from(JSON.stringify(scrubResponse(parsed, log)))
                } catch {
                    // not JSON after all: pass it on unchanged
                }
            }
            const h = {...upRes.headers, 'content-length': String(out.length)}
            delete h['transfer-encoding']
            res.writeHead(upRes.statusCode ?? 502, h)
            res.end(out)
        })
        upRes.on('error', () => res.destroy())
    })
    up.on('error', (e) => {
        if (!res.headersSent) sendGraphqlError(res, 502, 'UPSTREAM_UNAVAILABLE', `the GraphQL server is not answering (${e.message}); retry in a moment`)
        else res.destroy()
    })
    if (body) up.end(body)
    else req.pipe(up)
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {'content-type': 'application/json'})
    res.end(JSON.stringify(body))
}
