/**
 * What a dashboard is made of, independent of the SDK: sections of panels, each with its SQL and
 * the columns that SQL returns. The builders (./build) turn a spec into Grafana JSON; the tests and
 * the preview renderer run the same SQL (./macros expands Grafana's macros and variables).
 */
import type {SqlFormat} from './query'

/** How a panel draws its rows. */
export type Viz =
    /** Lines over time (format time_series). */
    | 'timeseries'
    /** Bars over time, stacked when several series (format time_series). */
    | 'bars'
    /** Big numbers: one per value column of a single row (format table). */
    | 'stat'
    /** A table of rows (format table). */
    | 'table'
    /** Bars per category: first column the category, the others values (format table). */
    | 'barchart'
    /** Slices: one row per slice, columns label and value (format table). */
    | 'piechart'

export interface PanelSpec {
    title: string
    /** Shown in the panel's info tooltip: what it shows and how it is computed. */
    description: string
    viz: Viz
    sql: string
    /** Result columns in order. time_series panels: `time` first, then `metric` (optional) and values. */
    columns: string[]
    /** Grafana unit of the value fields: `sahara` (wei / 1e18, shown with the suffix), `short`, `percentunit`, `d`... */
    unit?: string
    decimals?: number
    /** Width (of 24 columns) and height (grid rows). */
    w: number
    h: number
    /** Stack the series (bars, timeseries, barchart). */
    stack?: 'normal' | 'percent'
    /** Set when the panel reads a raw event table until a pre-aggregated table exists (docs/dashboards.md). */
    interim?: string
    /** Horizontal bar chart (barchart only). */
    horizontal?: boolean
}

export interface SectionSpec {
    title: string
    panels: PanelSpec[]
}

export type VariableName = 'kind' | 'bucket'

export interface DashboardSpec {
    uid: string
    title: string
    description: string
    tags: string[]
    /** Template variables besides the datasource (always present). */
    variables: VariableName[]
    sections: SectionSpec[]
}

export function formatOf(viz: Viz): SqlFormat {
    return viz === 'timeseries' || viz === 'bars' ? 'time_series' : 'table'
}
