/**
 * The real API process (lib/api/main.js: GraphQL server with the analytics resolvers, behind the
 * gateway) on a free port, for end-to-end tests of the analytics resolvers over HTTP.
 */
import type {ChildProcess} from 'child_process'
import fs from 'fs'
import path from 'path'
import {freePort} from '../../src/devnet/anvil'
import {waitFor} from '../helpers/processor'

const LIB_API = path.resolve(__dirname, '../../lib/run/api.js')

export interface GraphqlResult<T = any> {
    data?: T
    errors?: {message: string; extensions?: {code?: string}}[]
}

export interface AnalyticsApi {
    url: string
    /** Posts a query; returns data and errors as the server sent them. */
    request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>
    /** Posts a query and fails on any GraphQL error. */
    query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>
    stop(): Promise<void>
}

/** Starts the API on `dbUrl` and waits until `{ squidStatus { height } }` reports `height`. */
export async function startAnalyticsApi(dbUrl: string, height: number): Promise<AnalyticsApi> {
    if (!fs.existsSync(LIB_API)) throw new Error('lib/run/api.js is missing: run `npm run build` (npm test does it)')
    // The compiled launcher: it starts lib/api/main.js (the TypeScript source cannot run as a child).
    const {startApi} = require(LIB_API) as typeof import('../../src/run/api')
    const port = await freePort()
    const child: ChildProcess = startApi({dbUrl, port})
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const url = `http://127.0.0.1:${port}/graphql`
    const request = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> => {
        const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query, variables})})
        const text = await res.text()
        try {
            return JSON.parse(text)
        } catch {
            throw new Error(`HTTP ${res.status} from the API: ${text.slice(0, 500)}`)
        }
    }
    const api: AnalyticsApi = {
        url,
        request,
        async query<T>(query: string, variables?: Record<string, unknown>) {
            const r = await request<T>(query, variables)
            if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}\nquery: ${query}`)
            return r.data!
        },
        async stop() {
            if (child.exitCode == null && child.signalCode == null) child.kill('SIGTERM')
            await exited
        },
    }
    try {
        await waitFor(
            `the API on port ${port} to report height ${height}`,
            async () => {
                if (child.exitCode != null) throw new Error(`the API exited with ${child.exitCode}`)
                const r = await request<{squidStatus: {height: number}}>('{ squidStatus { height } }').catch(() => undefined)
                return r?.data?.squidStatus?.height === height
            },
            60_000,
            200,
        )
    } catch (e) {
        await api.stop()
        throw e
    }
    return api
}

/** The first error message of a request that must fail, with its code. */
export async function expectError(api: AnalyticsApi, query: string): Promise<{message: string; code?: string}> {
    const r = await api.request(query)
    if (!r.errors?.length) throw new Error(`expected an error from ${query}, got ${JSON.stringify(r.data)}`)
    return {message: r.errors[0].message, code: r.errors[0].extensions?.code}
}
