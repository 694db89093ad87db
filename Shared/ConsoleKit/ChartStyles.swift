/// The stylesheet the charts' classes expect, for a page to serve as a file (the console's CSP
/// allows styles from `'self'` only). Charts read without it — fills and sizes are presentation
/// attributes — it lays the table beside the drawing on wide screens and under it when printed.
public enum ChartStyles {
    public static let css = """
        .chart { margin: 1.5rem 0; display: grid; grid-template-columns: minmax(0, 2fr) minmax(14rem, 1fr); gap: 1rem; align-items: start; }
        .chart figcaption { grid-column: 1 / -1; font-weight: bold; }
        .chart-svg { width: 100%; height: auto; font-family: system-ui, sans-serif; }
        .chart-svg .tick-label, .chart-svg .category-label, .chart-svg .value-label { fill: #222222; }
        .chart-svg .value-label.inside { fill: #ffffff; }
        .chart-svg .no-data { fill: #555555; font-size: 14px; }
        table.chart-data { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        table.chart-data caption { text-align: left; font-size: 0.9em; color: #444444; }
        table.chart-data th, table.chart-data td { padding: 0.2rem 0.5rem; border-bottom: 1px solid #dddddd; }
        table.chart-data td { text-align: right; }
        table.chart-data th[scope="row"] { text-align: left; font-weight: normal; }
        @media (max-width: 50rem) { .chart { grid-template-columns: 1fr; } }
        @media print { .chart { grid-template-columns: 1fr; break-inside: avoid; } }
        """
}
