import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {BUILD_DIR, buildAll, renderAll} from '../../dashboards/index'
import {expandGrafanaSql, rfc3339Nano} from '../../dashboards/lib/macros'
import {formatOf} from '../../dashboards/lib/spec'
import {DATASOURCE_UID, POSTGRES_PLUGIN} from '../../dashboards/lib/variables'
import {PREVIEW_DIR, PREVIEWS, previewFile} from '../../scripts/render-previews'
import {validateDashboard} from './grafana-schema'

const ROOT = path.resolve(__dirname, '../..')

describe('generated dashboards', () => {
    it('equal the committed JSON in dashboards/build (run `npm run dashboards` after a change)', () => {
        const generated = renderAll()
        const committed = fs.readdirSync(BUILD_DIR).filter((f) => f.endsWith('.json')).sort()
        expect(committed).toEqual(generated.map((g) => g.file).sort())
        for (const {file, text} of generated) expect(fs.readFileSync(path.join(BUILD_DIR, file), 'utf8'), file).toBe(text)
    })

    it('are deterministic', () => {
        expect(renderAll()).toEqual(renderAll())
    })

    it('are the six dashboards of the issues, with stable, unique uids', () => {
        const uids = buildAll().map((d) => d.json.uid)
        expect(uids).toEqual(['sahara-overview', 'sahara-assets', 'sahara-contributors', 'sahara-treasury', 'sahara-governance', 'sahara-participation'])
    })

    it('are valid classic dashboard JSON for Grafana (structure, grid, templating, datasource by uid variable)', () => {
        for (const {file} of renderAll()) {
            const json = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, file), 'utf8'))
            expect(validateDashboard(json, {datasourceType: POSTGRES_PLUGIN, datasourceUid: DATASOURCE_UID})).toEqual([])
        }
    })

    it('the validator rejects broken dashboards (it is not vacuous)', () => {
        const json = JSON.parse(renderAll()[0].text)
        const ex = {datasourceType: POSTGRES_PLUGIN, datasourceUid: DATASOURCE_UID}
        const broken = (f: (j: any) => void) => {
            const j = structuredClone(json)
            f(j)
            return validateDashboard(j, ex)
        }
        expect(broken((j) => delete j.uid)).not.toEqual([])
        expect(broken((j) => (j.schemaVersion = 16))).not.toEqual([])
        expect(broken((j) => (j.panels[1].gridPos.x = 22))).not.toEqual([])
        expect(broken((j) => (j.panels[2].gridPos = {...j.panels[1].gridPos}))).not.toEqual([])
        expect(broken((j) => (j.panels[1].targets[0].rawSql += ' AND $nope'))).not.toEqual([])
        expect(broken((j) => (j.panels[1].datasource = {type: 'postgres', uid: 'x'}))).not.toEqual([])
        expect(broken((j) => (j.panels[1].targets[0].format = 'logs'))).not.toEqual([])
        expect(broken((j) => (j.panels[1].bogus = 1))).not.toEqual([])
        expect(broken((j) => (j.templating.list = []))).not.toEqual([])
    })

    it('give every data panel the columns and format of its spec, and time-series panels a time column first', () => {
        for (const d of buildAll()) {
            const titles = d.panels.map((p) => p.spec.title)
            expect(new Set(titles).size, `${d.spec.uid}: panel titles must be unique`).toBe(titles.length)
            const byId = new Map(d.json.panels!.map((p) => [p.id, p as any]))
            for (const {id, spec} of d.panels) {
                const p = byId.get(id)
                expect(p.title).toBe(spec.title)
                expect(p.targets[0].format).toBe(formatOf(spec.viz))
                if (formatOf(spec.viz) === 'time_series') {
                    expect(spec.columns[0], spec.title).toBe('time')
                    expect(spec.sql, spec.title).toMatch(/\$__timeGroupAlias\(/)
                }
                expect(new Set(spec.columns).size, spec.title).toBe(spec.columns.length)
            }
        }
    })

    it('are provisioned from dashboards/build by the Grafana file provider', () => {
        const provider = fs.readFileSync(path.join(ROOT, 'grafana/provisioning/dashboards/sahara.yaml'), 'utf8')
        expect(provider).toMatch(/type: file/)
        const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')
        expect(compose).toContain('./dashboards/build:')
        const datasource = fs.readFileSync(path.join(ROOT, 'grafana/provisioning/datasources/postgres.yaml'), 'utf8')
        expect(datasource).toContain(`uid: ${DATASOURCE_UID}`)
        expect(datasource).toContain(`type: ${POSTGRES_PLUGIN}`)
        for (const v of ['GRAFANA_DB_USER', 'GRAFANA_DB_PASSWORD', 'GRAFANA_DB_NAME']) expect(datasource).toContain(`\${${v}}`)
    })
})

describe('preview images', () => {
    it('show existing panels, one committed SVG each (docs/dashboards, `npm run previews`)', () => {
        const titles = new Set(buildAll().flatMap((d) => d.panels.map((p) => `${d.spec.uid}/${p.spec.title}`)))
        for (const p of PREVIEWS) expect(titles.has(`${p.uid}/${p.title}`), `${p.uid}/${p.title}`).toBe(true)
        const files = fs.readdirSync(PREVIEW_DIR).filter((f) => f.endsWith('.svg')).sort()
        expect(files).toEqual(PREVIEWS.map((p) => previewFile(p.uid, p.title)).sort())
        const doc = fs.readFileSync(path.join(ROOT, 'docs/dashboards.md'), 'utf8')
        for (const f of files) expect(doc, `docs/dashboards.md shows ${f}`).toContain(`dashboards/${f}`)
        for (const d of buildAll()) {
            expect(doc).toContain(`(\`${d.spec.uid}\`)`)
            for (const p of d.panels) expect(doc, `docs/dashboards.md describes "${p.spec.title}"`).toContain(`| ${p.spec.title} |`)
        }
    })
})

describe('Grafana macro expansion', () => {
    const range = {from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z')}
    const expand = (sql: string, variables = {}) => expandGrafanaSql(sql, {range, variables})

    it('expands time filters, bounds and groups as the PostgreSQL macro engine does', () => {
        expect(expand('WHERE $__timeFilter(d.date)')).toBe("WHERE d.date BETWEEN '2026-01-01T00:00:00Z' AND '2026-02-01T00:00:00Z'")
        expect(expand('$__timeFrom() .. $__timeTo()')).toBe("'2026-01-01T00:00:00Z' .. '2026-02-01T00:00:00Z'")
        expect(expand("SELECT $__timeGroupAlias(d.date, '1d')")).toBe('SELECT floor(extract(epoch from d.date)/86400)*86400 AS "time"')
        expect(expand("SELECT $__timeGroup(t, '7d'), x")).toBe('SELECT floor(extract(epoch from t)/604800)*604800 AS "time", x')
        expect(expand("GROUP BY $__timeGroup(t, 1h)")).toBe('GROUP BY floor(extract(epoch from t)/3600)*3600')
        expect(expand('$__unixEpochFilter(ts)')).toBe('ts >= 1767225600 AND ts <= 1769904000')
        expect(expand("$__unixEpochGroupAlias(ts, '1d')")).toBe('floor((ts)/86400)*86400 AS "time"')
        expect(expand('$__time(t), $__timeEpoch(t)')).toBe('t AS "time", extract(epoch from t) as "time"')
        expect(expand('$__unixEpochFrom() $__unixEpochTo() $__from $__to')).toBe('1767225600 1769904000 1767225600000 1769904000000')
        expect(rfc3339Nano(new Date('2026-01-01T00:00:00.120Z'))).toBe('2026-01-01T00:00:00.12Z')
    })

    it('interpolates template variables: multi-value lists quoted, single values raw', () => {
        expect(expand("a.kind IN ($kind) AND '$bucket' = '${bucket}'", {kind: ['MODEL', "O'K"], bucket: '7d'})).toBe("a.kind IN ('MODEL','O''K') AND '7d' = '7d'")
        expect(expand("$__timeGroupAlias(d.date, '$bucket')", {bucket: '30d'})).toBe('floor(extract(epoch from d.date)/2592000)*2592000 AS "time"')
    })

    it('fails on what Grafana would fail on', () => {
        expect(() => expand('$__timeFilter()')).toThrow(/missing time column/)
        expect(() => expand('$__nope(x)')).toThrow(/unknown macro/)
        expect(() => expand("$__timeGroup(t, 'soon')")).toThrow(/interval/)
        expect(() => expand('$missing')).toThrow(/unknown template variable/)
    })
})
