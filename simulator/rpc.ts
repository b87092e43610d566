/**
 * Minimal JSON-RPC over HTTP with batch requests (one POST for many calls) and no response-size
 * limit (viem refuses > 10 MiB), used by the simulator's hot path.
 */
export class RpcError extends Error {
    constructor(
        readonly method: string,
        readonly code: number,
        message: string,
        readonly data?: unknown,
    ) {
        super(`${method}: ${message} (code ${code})`)
    }
}

export interface RpcCall {
    method: string
    params: unknown[]
}

export class Rpc {
    private id = 0

    constructor(readonly url: string) {}

    async call<T = any>(method: string, params: unknown[] = []): Promise<T> {
        const res = await this.post({jsonrpc: '2.0', id: ++this.id, method, params})
        if (res.error) throw new RpcError(method, res.error.code, res.error.message, res.error.data)
        return res.result as T
    }

    /** Sends the calls in one batch; results in order. Errors are returned, not thrown, if `settle`. */
    async batch<T = any>(calls: RpcCall[], opts: {settle?: boolean; chunk?: number} = {}): Promise<(T | RpcError)[]> {
        const out: (T | RpcError)[] = []
        const chunk = opts.chunk ?? 2000
        for (let start = 0; start < calls.length; start += chunk) {
            const part = calls.slice(start, start + chunk)
            const base = this.id
            this.id += part.length
            const body = part.map((c, i) => ({jsonrpc: '2.0', id: base + i + 1, method: c.method, params: c.params}))
            const res = (await this.post(body)) as any[]
            if (!Array.isArray(res)) throw new Error(`batch of ${part.length} calls: unexpected response ${JSON.stringify(res).slice(0, 300)}`)
            const byId = new Map<number, any>(res.map((r) => [r.id, r]))
            part.forEach((c, i) => {
                const r = byId.get(base + i + 1)
                if (r == null) out.push(new RpcError(c.method, -1, 'missing from batch response'))
                else if (r.error) out.push(new RpcError(c.method, r.error.code, r.error.message, r.error.data))
                else out.push(r.result as T)
            })
        }
        if (!opts.settle) {
            const err = out.find((r) => r instanceof RpcError)
            if (err) throw err
        }
        return out
    }

    private async post(body: unknown): Promise<any> {
        let lastErr: unknown
        for (let attempt = 0; attempt < 3; attempt++) {
            try {
                const res = await fetch(this.url, {
                    method: 'POST',
                    headers: {'content-type': 'application/json'},
                    body: JSON.stringify(body),
                })
                if (!res.ok) throw new Error(`HTTP ${res.status} from ${this.url}: ${(await res.text()).slice(0, 300)}`)
                return await res.json()
            } catch (e) {
                lastErr = e
                // Only connection-level failures are retried; a JSON-RPC error is an answer.
                if (!(e instanceof TypeError)) break
                await new Promise((r) => setTimeout(r, 200 * (attempt + 1)))
            }
        }
        throw lastErr instanceof Error ? new Error(`RPC ${this.url}: ${lastErr.message}`) : lastErr
    }
}

export function hexToNumber(h: string): number {
    return Number(BigInt(h))
}

export function quantity(n: number | bigint): string {
    return `0x${n.toString(16)}`
}
