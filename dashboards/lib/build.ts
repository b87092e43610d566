/** Turns a DashboardSpec into Grafana dashboard JSON with the foundation SDK. */
import * as common from '@grafana/grafana-foundation-sdk/common'
import type * as cog from '@grafana/grafana-foundation-sdk/cog'
import {AnnotationQueryBuilder, DashboardBuilder, DashboardCursorSync, RowBuilder, type Dashboard, type GridPos, type Panel} from '@grafana/grafana-foundation-sdk/dashboard'
import * as barchart from '@grafana/grafana-foundation-sdk/barchart'
import * as piechart from '@grafana/grafana-foundation-sdk/piechart'
import * as stat from '@grafana/grafana-foundation-sdk/stat'
import * as table from '@grafana/grafana-foundation-sdk/table'
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries'
import {SqlQueryBuilder} from './query'
import {formatOf, type DashboardSpec, type PanelSpec} from './spec'
import {DATASOURCE, datasourceVariable, variable} from './variables'

export const GRID_COLUMNS = 24
/** Grafana unit for SAHARA amounts (already divided by 1e18 in SQL). */
export const SAHARA_UNIT = 'suffix: SAHARA'

export interface BuiltPanel {
    id: number
    spec: PanelSpec
}

export interface BuiltDashboard {
    spec: DashboardSpec
    json: Dashboard
    /** The data panels (rows excluded) with the spec each came from, by panel id. */
    panels: BuiltPanel[]
}

function legend() {
    return new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true).calcs([])
}

/** Grafana's built-in "Annotations & Alerts" query, which every dashboard saved by Grafana carries. */
function builtInAnnotations() {
    return new AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .datasource({type: 'grafana', uid: '-- Grafana --'})
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
        .type('dashboard')
        .builtIn(1)
}

function unitOf(p: PanelSpec): string {
    return p.unit === 'sahara' ? SAHARA_UNIT : (p.unit ?? 'short')
}

function stacking(p: PanelSpec) {
    const mode = p.stack === 'percent' ? common.StackingMode.Percent : p.stack === 'normal' ? common.StackingMode.Normal : common.StackingMode.None
    return new common.StackingConfigBuilder().mode(mode).group('A')
}

/** The SDK builder of one panel (without id and position). */
function panelBuilder(p: PanelSpec): cog.Builder<Panel> & {id(id: number): unknown; gridPos(g: GridPos): unknown} {
    const query = new SqlQueryBuilder(p.sql.trim(), formatOf(p.viz)).refId('A').datasource(DATASOURCE)
    const description = p.interim ? `${p.description}\n\nInterim: ${p.interim}` : p.description
    const decimals = (b: {decimals(d: number): unknown}) => p.decimals != null && b.decimals(p.decimals)
    switch (p.viz) {
        case 'timeseries':
        case 'bars': {
            const b = new timeseries.PanelBuilder()
                .title(p.title)
                .description(description)
                .datasource(DATASOURCE)
                .withTarget(query)
                .unit(unitOf(p))
                .legend(legend())
                .stacking(stacking(p))
                .drawStyle(p.viz === 'bars' ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
                .fillOpacity(p.viz === 'bars' ? 80 : 10)
                .showPoints(common.VisibilityMode.Auto)
                .spanNulls(true)
            decimals(b)
            return b
        }
        case 'stat': {
            const b = new stat.PanelBuilder()
                .title(p.title)
                .description(description)
                .datasource(DATASOURCE)
                .withTarget(query)
                .unit(unitOf(p))
                .reduceOptions(new common.ReduceDataOptionsBuilder().values(false).calcs(['lastNotNull']).fields(''))
                .colorMode(common.BigValueColorMode.None)
                .graphMode(common.BigValueGraphMode.None)
                .textMode(common.BigValueTextMode.ValueAndName)
                .noValue('–')
            decimals(b)
            return b
        }
        case 'table': {
            const b = new table.PanelBuilder().title(p.title).description(description).datasource(DATASOURCE).withTarget(query).unit(unitOf(p))
            decimals(b)
            return b
        }
        case 'barchart': {
            const b = new barchart.PanelBuilder()
                .title(p.title)
                .description(description)
                .datasource(DATASOURCE)
                .withTarget(query)
                .unit(unitOf(p))
                .xField(p.columns[0])
                .orientation(p.horizontal ? common.VizOrientation.Horizontal : common.VizOrientation.Auto)
                .stacking(p.stack === 'percent' ? common.StackingMode.Percent : p.stack === 'normal' ? common.StackingMode.Normal : common.StackingMode.None)
                .showValue(common.VisibilityMode.Auto)
                .legend(legend())
            decimals(b)
            return b
        }
        case 'piechart': {
            const b = new piechart.PanelBuilder()
                .title(p.title)
                .description(description)
                .datasource(DATASOURCE)
                .withTarget(query)
                .unit(unitOf(p))
                .pieType(piechart.PieChartType.Donut)
                .reduceOptions(new common.ReduceDataOptionsBuilder().values(true).calcs(['lastNotNull']).fields(''))
                .displayLabels([piechart.PieChartLabels.Percent])
                .legend(
                    new piechart.PieChartLegendOptionsBuilder()
                        .displayMode(common.LegendDisplayMode.List)
                        .placement(common.LegendPlacement.Right)
                        .showLegend(true)
                        .values([piechart.PieChartLegendValues.Value]),
                )
            decimals(b)
            return b
        }
    }
}

/**
 * Lays sections out top to bottom: a row header, then the section's panels left to right,
 * wrapping at 24 columns. Ids are 1, 2, ... in layout order (rows included), so they are stable
 * as long as the spec's order is.
 */
export function buildDashboard(spec: DashboardSpec): BuiltDashboard {
    const d = new DashboardBuilder(spec.title)
        .uid(spec.uid)
        .description(spec.description)
        .tags(spec.tags)
        .editable()
        .tooltip(DashboardCursorSync.Crosshair)
        .timezone('utc')
        .time({from: 'now-90d', to: 'now'})
        .refresh('5m')
        .annotation(builtInAnnotations())
        .withVariable(datasourceVariable())
    for (const v of spec.variables) d.withVariable(variable(v))

    const panels: BuiltPanel[] = []
    let id = 0
    let y = 0
    for (const section of spec.sections) {
        d.withRow(new RowBuilder(section.title).id(++id).gridPos({x: 0, y, w: GRID_COLUMNS, h: 1}))
        y += 1
        let x = 0
        let rowHeight = 0
        for (const p of section.panels) {
            if (p.w < 1 || p.w > GRID_COLUMNS) throw new Error(`${spec.uid}: panel "${p.title}" width ${p.w} is not in 1..${GRID_COLUMNS}`)
            if (x + p.w > GRID_COLUMNS) {
                x = 0
                y += rowHeight
                rowHeight = 0
            }
            const b = panelBuilder(p)
            b.id(++id)
            b.gridPos({x, y, w: p.w, h: p.h})
            d.withPanel(b)
            panels.push({id, spec: p})
            x += p.w
            rowHeight = Math.max(rowHeight, p.h)
        }
        y += rowHeight
    }
    return {spec, json: d.build(), panels}
}
