export interface ReadyState {
    ready: boolean
    reason?: string
    indexedHeight: number | null
    chainHead: number | null
    lag: number | null
    rpc: string
    database: string
}

/** GET /ready of the API, or undefined while the API does not answer. */
export async function readyState(gqlPort: number): Promise<ReadyState | undefined> {
    try {
        const res = await fetch(`http://127.0.0.1:${gqlPort}/ready`)
        return (await res.json()) as ReadyState
    } catch {
        return undefined
    }
}

/**
 * Waits until the API answers and either the processor has committed a block or the chain has
 * been unreachable for `unreachableMs` (then the banner says so instead of waiting forever).
 */
export async function waitForStart(gqlPort: number, timeoutMs = 180_000, unreachableMs = 8_000): Promise<ReadyState> {
    const deadline = Date.now() + timeoutMs
    let unreachableSince: number | undefined
    for (;;) {
        const r = await readyState(gqlPort)
        if (r != null) {
            if (r.indexedHeight != null && r.indexedHeight >= 0) return r
            if (r.rpc === 'unreachable') {
                unreachableSince ??= Date.now()
                if (Date.now() - unreachableSince >= unreachableMs) return r
            } else unreachableSince = undefined
        }
        if (Date.now() > deadline) {
            if (r) return r
            throw new Error(`the API on port ${gqlPort} did not answer within ${timeoutMs / 1000} s (run with VERBOSE=1)`)
        }
        await new Promise((res) => setTimeout(res, 500))
    }
}

/** Waits until the API answers and the processor has committed a block; returns that height. */
export async function waitForIndexedHeight(gqlPort: number, timeoutMs = 180_000): Promise<number> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
        const height = await squidStatus(gqlPort)
        if (height != null && height >= 0) return height
        if (Date.now() > deadline) throw new Error(`the API on port ${gqlPort} did not report an indexed block within ${timeoutMs / 1000} s (run with VERBOSE=1)`)
        await new Promise((r) => setTimeout(r, 500))
    }
}

export async function squidStatus(gqlPort: number): Promise<number | undefined> {
    try {
        const res = await fetch(`http://127.0.0.1:${gqlPort}/graphql`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({query: '{ squidStatus { height } }'}),
        })
        const body: any = await res.json()
        const h = body?.data?.squidStatus?.height
        return h == null ? undefined : Number(h)
    } catch {
        return undefined
    }
}

export function printBanner(o: {gqlPort: number; metricsPort: number; rpcUrl: string; dbUrl: string; embedded: boolean; state: ReadyState; dataDir: string}) {
    const url = `http://localhost:${o.gqlPort}/graphql`
    const st = o.state
    const chain = st.rpc === 'unreachable' ? `${o.rpcUrl}   ** UNREACHABLE: the processor keeps retrying; check RPC_URL **` : o.rpcUrl
    const height = st.indexedHeight == null ? 'nothing indexed yet' : `${st.indexedHeight}${st.chainHead != null ? ` of ${st.chainHead} (lag ${st.lag})` : ''}`
    console.log(`
${st.ready ? 'Sahara squid is running.' : `Sahara squid is running, but NOT READY: ${st.reason}`}
  GraphQL API + playground  ${url}
  Processor metrics         http://localhost:${o.metricsPort}/metrics
  Chain RPC                 ${chain}
  Database                  ${o.dbUrl}${o.embedded ? ' (embedded)' : ''}
  Data folder               ${o.dataDir}   (npm run reset clears it)
  Indexed height            ${height}
  Readiness                 http://localhost:${o.gqlPort}/ready

Try:
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ assets(limit: 5, orderBy: grossRevenue_DESC) { id kind owner { id } grossRevenue invocationCount } }"}'
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ proposals(orderBy: createdAtBlock_DESC, limit: 5) { id track state yes no veto } }"}'

Ctrl-C stops everything; npm start again resumes.
`)
}
