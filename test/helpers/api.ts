import {ChildProcess} from 'child_process'
import {freePort} from '../../src/util/ports'
import {startApi} from '../../local/api'
import {waitFor} from './processor'

export interface TestApi {
    url: string
    port: number
    child: ChildProcess
    gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{status: number; body: {data?: T; errors?: {message: string}[]}}>
    stop(): Promise<void>
}

/** Starts the real API process (lib/api/main.js) on a free port and waits until it answers. */
export async function startTestApi(dbUrl: string): Promise<TestApi> {
    const port = await freePort()
    const child = startApi({dbUrl, port, verbose: !!process.env.VERBOSE})
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
    await waitFor('the API to answer', async () => {
        if (child.exitCode != null) throw new Error(`API exited with ${child.exitCode}`)
        try {
            return (await gql('{ squidStatus { height } }')).status === 200
        } catch {
            return false
        }
    }, 60_000)
    return {
        url,
        port,
        child,
        gql,
        async stop() {
            if (child.exitCode != null) return
            child.kill('SIGTERM')
            await new Promise((r) => child.once('exit', r))
        },
    }
}
