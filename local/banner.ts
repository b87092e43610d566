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

export function printBanner(o: {gqlPort: number; metricsPort: number; rpcUrl: string; dbUrl: string; embedded: boolean; height: number; dataDir: string}) {
    const url = `http://localhost:${o.gqlPort}/graphql`
    console.log(`
Sahara squid is running.
  GraphQL API + playground  ${url}
  Processor metrics         http://localhost:${o.metricsPort}/metrics
  Chain RPC                 ${o.rpcUrl}
  Database                  ${o.dbUrl}${o.embedded ? ' (embedded)' : ''}
  Data folder               ${o.dataDir}   (npm run reset clears it)
  Indexed height            ${o.height}

Try:
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ assets(limit: 5, orderBy: grossRevenue_DESC) { id kind owner { id } grossRevenue invocationCount } }"}'
  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ proposals(orderBy: createdAtBlock_DESC, limit: 5) { id track state yes no veto } }"}'

Ctrl-C stops everything; npm start again resumes.
`)
}
