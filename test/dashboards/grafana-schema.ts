/**
 * Structural validation of classic Grafana dashboard JSON (the model Grafana's file provider
 * loads), for the parts these dashboards use. No JSON schema of the classic model ships in an npm
 * package, so the known keys come from the foundation SDK's types: each `Record<keyof T, true>`
 * below fails to compile if the SDK's interface gains or loses a key, and the runtime check
 * rejects any key the SDK does not know.
 */
import type {Dashboard, GridPos, Panel, RowPanel, VariableModel} from '@grafana/grafana-foundation-sdk/dashboard'
import {VariableType} from '@grafana/grafana-foundation-sdk/dashboard'

const DASHBOARD_KEYS: Record<keyof Dashboard, true> = {
    id: true, uid: true, title: true, description: true, revision: true, gnetId: true, tags: true, timezone: true, editable: true,
    graphTooltip: true, time: true, timepicker: true, fiscalYearStartMonth: true, liveNow: true, weekStart: true, refresh: true,
    schemaVersion: true, version: true, panels: true, templating: true, annotations: true, links: true, snapshot: true, preload: true,
}
const PANEL_KEYS: Record<keyof Panel, true> = {
    type: true, id: true, pluginVersion: true, targets: true, title: true, description: true, transparent: true, datasource: true,
    gridPos: true, links: true, repeat: true, repeatDirection: true, maxPerRow: true, maxDataPoints: true, transformations: true,
    interval: true, timeFrom: true, timeShift: true, hideTimeOverride: true, timeCompare: true, libraryPanel: true, cacheTimeout: true,
    queryCachingTTL: true, options: true, fieldConfig: true,
}
const ROW_KEYS: Record<keyof RowPanel, true> = {type: true, collapsed: true, title: true, datasource: true, gridPos: true, id: true, panels: true, repeat: true}
const GRID_KEYS: Record<keyof GridPos, true> = {h: true, w: true, x: true, y: true, static: true}
const VARIABLE_KEYS: Record<keyof VariableModel, true> = {
    type: true, name: true, label: true, hide: true, skipUrlSync: true, description: true, query: true, datasource: true, current: true,
    multi: true, allowCustomValue: true, options: true, refresh: true, sort: true, includeAll: true, allValue: true, regex: true,
    staticOptions: true, staticOptionsOrder: true, auto: true, auto_min: true, auto_count: true, definition: true,
}
/** Keys of a PostgreSQL target (dashboards/lib/query.ts). */
const TARGET_KEYS = new Set(['refId', 'hide', 'datasource', 'rawSql', 'format', 'rawQuery', 'editorMode'])

/** Panel plugins built into Grafana that these dashboards may use. */
export const PANEL_TYPES = new Set(['timeseries', 'stat', 'table', 'barchart', 'piechart', 'row'])
export const GRID_COLUMNS = 24
/** Oldest schema with datasource references as {type, uid} objects. */
export const MIN_SCHEMA_VERSION = 36

export interface Expectations {
    datasourceType: string
    datasourceUid: string
}

/** Problems found in one dashboard's JSON (empty when valid). */
export function validateDashboard(json: any, ex: Expectations): string[] {
    const errors: string[] = []
    const where = `dashboard ${json?.uid ?? '?'}`
    const err = (m: string) => errors.push(`${where}: ${m}`)
    const unknownKeys = (o: object, known: object, what: string) => {
        for (const k of Object.keys(o)) if (!(k in known)) err(`${what}: unknown key "${k}"`)
    }
    if (typeof json !== 'object' || json == null) return [`${where}: not an object`]
    unknownKeys(json, DASHBOARD_KEYS, 'dashboard')
    if (typeof json.uid !== 'string' || !/^[a-zA-Z0-9_-]{1,40}$/.test(json.uid)) err(`uid "${json.uid}" must be 1-40 characters of [a-zA-Z0-9_-]`)
    if (typeof json.title !== 'string' || json.title.trim() === '') err('title is missing')
    if (!Number.isInteger(json.schemaVersion) || json.schemaVersion < MIN_SCHEMA_VERSION) err(`schemaVersion ${json.schemaVersion} must be an integer >= ${MIN_SCHEMA_VERSION}`)
    if (json.id != null) err('id must be absent: Grafana assigns it (provisioning matches dashboards by uid)')
    if (typeof json.time?.from !== 'string' || typeof json.time?.to !== 'string') err('time {from, to} is missing')
    if (!Array.isArray(json.annotations?.list)) err('annotations.list must be an array')
    if (!Array.isArray(json.tags) || json.tags.some((t: unknown) => typeof t !== 'string')) err('tags must be strings')

    // Templating
    const vars: any[] = json.templating?.list
    if (!Array.isArray(vars)) err('templating.list must be an array')
    const names = new Set<string>()
    for (const v of vars ?? []) {
        unknownKeys(v, VARIABLE_KEYS, `variable ${v.name}`)
        if (!Object.values(VariableType).includes(v.type)) err(`variable ${v.name}: unknown type ${v.type}`)
        if (typeof v.name !== 'string' || !/^\w+$/.test(v.name)) err(`variable name "${v.name}" is not a word`)
        if (names.has(v.name)) err(`variable ${v.name} twice`)
        names.add(v.name)
        if (v.current == null || v.current.value == null) err(`variable ${v.name}: no current value`)
        if (v.type === 'custom' || v.type === 'interval') {
            const values = String(v.query).split(',')
            const optionValues = (v.options ?? []).map((o: any) => o.value).filter((x: string) => x !== '$__all')
            if (JSON.stringify(values) !== JSON.stringify(optionValues)) err(`variable ${v.name}: options ${JSON.stringify(optionValues)} differ from query ${v.query}`)
        }
    }
    const ds = (vars ?? []).find((v) => v.type === 'datasource')
    if (!ds) err('no datasource variable')
    else {
        if (ds.query !== ex.datasourceType) err(`datasource variable is of ${ds.query}, expected ${ex.datasourceType}`)
        if (ds.current?.value !== ex.datasourceUid) err(`datasource variable defaults to ${ds.current?.value}, expected the provisioned uid ${ex.datasourceUid}`)
    }
    const dsRef = ds ? `\${${ds.name}}` : undefined

    // Panels
    const panels: any[] = json.panels
    if (!Array.isArray(panels) || panels.length === 0) return [...errors, `${where}: no panels`]
    const ids = new Set<number>()
    const cells = new Map<string, number>()
    for (const p of panels) {
        const pw = `panel ${p.id} "${p.title}"`
        unknownKeys(p, p.type === 'row' ? ROW_KEYS : PANEL_KEYS, pw)
        if (!Number.isInteger(p.id) || p.id < 1) err(`${pw}: id must be a positive integer`)
        if (ids.has(p.id)) err(`${pw}: duplicate id`)
        ids.add(p.id)
        if (!PANEL_TYPES.has(p.type)) err(`${pw}: unknown type ${p.type}`)
        if (typeof p.title !== 'string' || p.title === '') err(`${pw}: no title`)
        const g = p.gridPos
        if (g == null) {
            err(`${pw}: no gridPos`)
            continue
        }
        unknownKeys(g, GRID_KEYS, `${pw} gridPos`)
        for (const k of ['x', 'y', 'w', 'h'] as const) if (!Number.isInteger(g[k]) || g[k] < 0) err(`${pw}: gridPos.${k} must be a non-negative integer`)
        if (g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS) err(`${pw}: gridPos ${JSON.stringify(g)} does not fit ${GRID_COLUMNS} columns`)
        for (let x = g.x; x < g.x + g.w; x++) {
            for (let y = g.y; y < g.y + g.h; y++) {
                const other = cells.get(`${x},${y}`)
                if (other != null) err(`${pw}: overlaps panel ${other} at ${x},${y}`)
                cells.set(`${x},${y}`, p.id)
            }
        }
        if (p.type === 'row') {
            if (p.collapsed !== false || !Array.isArray(p.panels) || p.panels.length !== 0) err(`${pw}: rows must be expanded with their panels at top level`)
            if (g.w !== GRID_COLUMNS || g.h !== 1 || g.x !== 0) err(`${pw}: a row spans the full width, one unit high`)
            continue
        }
        if (p.datasource?.type !== ex.datasourceType || p.datasource?.uid !== dsRef) err(`${pw}: datasource ${JSON.stringify(p.datasource)} must be {type: ${ex.datasourceType}, uid: ${dsRef}}`)
        if (typeof p.options !== 'object' || typeof p.fieldConfig?.defaults !== 'object') err(`${pw}: options and fieldConfig.defaults are required`)
        if (!Array.isArray(p.targets) || p.targets.length === 0) {
            err(`${pw}: no targets`)
            continue
        }
        const refIds = new Set<string>()
        for (const t of p.targets) {
            for (const k of Object.keys(t)) if (!TARGET_KEYS.has(k)) err(`${pw}: target key "${k}" is not a PostgreSQL query field`)
            if (typeof t.refId !== 'string' || !/^[A-Z]+$/.test(t.refId) || refIds.has(t.refId)) err(`${pw}: bad or duplicate refId ${t.refId}`)
            refIds.add(t.refId)
            if (JSON.stringify(t.datasource) !== JSON.stringify(p.datasource)) err(`${pw}: target ${t.refId} datasource differs from the panel's`)
            if (typeof t.rawSql !== 'string' || t.rawSql.trim() === '') err(`${pw}: target ${t.refId} has no rawSql`)
            if (t.format !== 'time_series' && t.format !== 'table') err(`${pw}: target ${t.refId} format ${t.format}`)
            if (t.rawQuery !== true || t.editorMode !== 'code') err(`${pw}: target ${t.refId} must be raw SQL in code mode`)
            for (const m of String(t.rawSql).matchAll(/\$\{?(\w+)/g)) {
                if (!m[1].startsWith('__') && !names.has(m[1])) err(`${pw}: SQL uses $${m[1]}, which is not a template variable`)
            }
        }
    }
    return errors
}
