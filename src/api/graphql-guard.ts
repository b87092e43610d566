/**
 * What the gateway checks before a GraphQL request reaches the server, so that hostile requests
 * are refused in milliseconds and every refusal is a GraphQL error in JSON with a code and a
 * message that says what to change:
 *  - a per-client (IP) rate limit: 429 with Retry-After;
 *  - the body: at most maxRequestSizeKb (413), valid UTF-8, valid JSON, one operation (400);
 *  - variables: no NUL character and no lone surrogate (no stored string holds them) (400);
 *  - the query's cost (src/api/query-cost.ts): depth, expanded field count, aliases, analytics
 *    calls, list arguments, introspection's fan-out (400);
 *  - GET: a query operation only (405), a "query" parameter unless a browser asks for the playground (400).
 * Upstream error responses are also scrubbed: no SQL, parameters, stack or driver text leaves.
 */
import type http from 'http'
import {getOperationAST, parse} from 'graphql'
import {API_LIMITS} from './limits'
import {checkQuery} from './query-cost'

export function sendGraphqlError(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) return void res.destroy()
    const body = JSON.stringify({errors: [{message, extensions: {code}}]})
    res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers})
    res.end(body)
}

/** Fixed-window request counter per client address. */
export class RateLimiter {
    private windows = new Map<string, {start: number; count: number}>()
    constructor(
        readonly limit = API_LIMITS.rateLimitPerWindow,
        readonly windowMs = API_LIMITS.rateLimitWindowMs,
    ) {}

    /** undefined when allowed, else the seconds to wait. */
    hit(client: string, now = Date.now()): number | undefined {
        let w = this.windows.get(client)
        if (w == null || now - w.start >= this.windowMs) {
            if (this.windows.size > 100_000) this.windows.clear() // bounded memory under a spray of addresses
            w = {start: now, count: 0}
            this.windows.set(client, w)
        }
        w.count += 1
        if (w.count <= this.limit) return undefined
        return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000))
    }
}

/** Why a variables object cannot be accepted, or undefined. */
export function badVariable(value: unknown, path = '$variables'): string | undefined {
    if (typeof value === 'string') {
        if (value.includes('\u0000')) return `${path} contains a NUL character (U+0000), which no stored string holds: remove it`
        if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) return `${path} contains a lone UTF-16 surrogate (invalid Unicode): send valid UTF-8`
        return undefined
    }
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const bad = badVariable(value[i], `${path}[${i}]`)
            if (bad) return bad
        }
    } else if (value != null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
            const bad = badVariable(v, path === '$variables' ? `$${k}` : `${path}.${k}`)
            if (bad) return bad
        }
    }
    return undefined
}

/** Checks a parsed GraphQL request body; returns [code, message] when it must be refused. */
export function refuseRequest(body: any): [string, string] | undefined {
    if (Array.isArray(body)) return ['BAD_REQUEST', 'batched requests are not accepted: send one operation per request']
    if (body == null || typeof body !== 'object') return ['BAD_REQUEST', 'the body must be a JSON object {"query": "...", "variables": {...}}']
    if (body.variables != null && typeof body.variables !== 'object') return ['BAD_USER_INPUT', '"variables" must be a JSON object']
    const bad = badVariable(body.variables ?? {})
    if (bad) return ['BAD_USER_INPUT', bad]
    if (typeof body.query === 'string' && (body.query.includes('\u0000'))) return ['GRAPHQL_PARSE_FAILED', 'the query contains a NUL character (U+0000): remove it']
    const err = checkQuery(body.query, body.operationName, body.variables)
    return err ? [err.code, err.message] : undefined
}

/** The kind of the operation a request would run ('query', 'mutation', 'subscription'), or undefined when there is none (or it does not parse). */
export function operationKind(query: string, operationName?: string): string | undefined {
    try {
        return getOperationAST(parse(query), operationName)?.operation
    } catch {
        return undefined
    }
}

/** Whether an Accept header admits HTML (no header: anything), as a browser's does: it gets the playground. */
export function acceptsHtml(accept: string | undefined): boolean {
    if (!accept?.trim()) return true
    return accept.split(',').some((part) => {
        const [type, ...params] = part.trim().toLowerCase().split(';')
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
        return ['text/html', 'text/*', '*/*'].includes(type.trim()) && (q == null || Number(q.slice(2)) > 0)
    })
}

/** Reads the body up to `max` bytes; undefined (and a 413 sent) when larger. */
export function readBody(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
        const declared = Number(req.headers['content-length'])
        if (Number.isFinite(declared) && declared > max) {
            sendGraphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `the request body is ${declared} bytes, more than the limit of ${max} bytes (${max / 1024} kB): send a smaller query`, {connection: 'close'})
            req.resume()
            return resolve(undefined)
        }
        const chunks: Buffer[] = []
        let size = 0
        let done = false
        req.on('data', (c: Buffer) => {
            if (done) return
            size += c.length
            if (size > max) {
                done = true
                sendGraphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `the request body is more than the limit of ${max} bytes (${max / 1024} kB): send a smaller query`, {connection: 'close'})
                req.resume()
                return resolve(undefined)
            }
            chunks.push(c)
        })
        req.on('end', () => {
            if (!done) resolve(Buffer.concat(chunks))
        })
        req.on('error', () => {
            if (!done) resolve(undefined)
        })
    })
}

const decoder = new TextDecoder('utf-8', {fatal: true})

/** Parses a POST body: [value] or an error sent. */
export function parseJsonBody(buf: Buffer, res: http.ServerResponse): {value: unknown} | undefined {
    let text: string
    try {
        text = decoder.decode(buf)
    } catch {
        sendGraphqlError(res, 400, 'BAD_REQUEST', 'the request body is not valid UTF-8: send JSON encoded as UTF-8')
        return undefined
    }
    try {
        return {value: JSON.parse(text)}
    } catch (e: any) {
        sendGraphqlError(res, 400, 'BAD_REQUEST', `the request body is not valid JSON (${e?.message ?? e}): send {"query": "...", "variables": {...}}`)
        return undefined
    }
}

const LEAKS = /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\bFROM\b|\$\d+|postgres|\bpg\b|relation "|syntax error|violates|\.c:\d+|QueryFailedError|at [\w.<>]+ \(/i

/**
 * Removes what must not reach a client from a GraphQL JSON response: stack traces, exception
 * details, SQL and driver messages (replaced by a generic message; the original is logged).
 */
export function scrubResponse(json: any, log: (m: string) => void): any {
    if (json == null || typeof json !== 'object' || !Array.isArray(json.errors)) return json
    json.errors = json.errors.map((e: any) => {
        const code = e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'
        const message = String(e?.message ?? 'error')
        const internal = code === 'INTERNAL_SERVER_ERROR' || LEAKS.test(message)
        if (internal) log(`internal GraphQL error (not shown to the client): ${message.slice(0, 2000)}`)
        const out: any = {message: internal ? 'internal error while running the query; it was logged on the server. If it persists, simplify the query or report it.' : message, extensions: {code: internal ? 'INTERNAL_SERVER_ERROR' : code}}
        if (e?.path) out.path = e.path
        if (e?.locations) out.locations = e.locations
        return out
    })
    return json
}
