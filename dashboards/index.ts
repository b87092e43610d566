/** The dashboards, in the order Grafana lists them, and their generated JSON. */
import path from 'path'
import {assets} from './assets'
import {contributors} from './contributors'
import {governance} from './governance'
import {buildDashboard, type BuiltDashboard} from './lib/build'
import type {DashboardSpec} from './lib/spec'
import {overview} from './overview'
import {participation} from './participation'
import {treasury} from './treasury'

export const DASHBOARDS: DashboardSpec[] = [overview, assets, contributors, treasury, governance, participation]

/** Where `npm run dashboards` writes the JSON that Grafana provisions (committed). */
export const BUILD_DIR = path.join(__dirname, 'build')

export function buildAll(): BuiltDashboard[] {
    return DASHBOARDS.map(buildDashboard)
}

/** File name and content of each generated dashboard: stable key order, two-space indent, final newline. */
export function renderAll(): {file: string; text: string}[] {
    return buildAll().map((d) => ({file: `${d.spec.uid}.json`, text: `${JSON.stringify(d.json, null, 2)}\n`}))
}
