import {freePort} from '../../src/util/ports'
import {startApi} from '../../local/api'
import type {NodeChild} from '../../local/child'
import {waitFor} from './processor'

export interface TestApi {
    url: string
    port: number
    child: NodeChild
    gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{status: number; body: {data?: T; errors?: {message: string}[]}}>
    stop(): Promise<void>
}

/** Starts the real API process (lib/api/main.js) on a free port, with extra `env`, and waits until it answers. */
export async function startTestApi(dbUrl: string, opts: {env?: NodeJS.ProcessEnv} = {}): Promise<TestApi> {
    const port = await freePort()
    const child = startApi({dbUrl, port, verbose: !!process.env.VERBOSE, env: opts.env})
    const url = `http://127.0.0.1:${port}`
    const gql = async (query: string, variables?: Record<string, unknown>) => {
        const res = await fetch(`${url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query, variables})})
        const text = await res.text()
        let body: any
        try {
            body = JSON.parse(text)
        } catch {
            body = {errors: [{message: text}]}
        }
        return {status: res.status, body}
    }
    try {
        await waitFor('the API to answer', async () => {
            if (child.exitCode != null || child.signalCode != null) throw new Error(`API exited with ${child.exitCode ?? child.signalCode}:\n${child.output().slice(-5000)}`)
            try {
                return (await gql('{ squidStatus { height } }')).status === 200
            } catch {
                return false
            }
        }, 60_000, 100)
    } catch (e) {
        await child.stop('SIGKILL')
        throw e
    }
    return {
        url,
        port,
        child,
        gql,
        async stop() {
            await child.stop()
        },
    }
}
