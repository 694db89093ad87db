import ConsoleKit

/// The console's one stylesheet, served from `/console/style.css` (the policy allows no inline
/// style). System fonts only; the RAG colours always sit beside a text label; a print section
/// lays the pages out for A4. The charts' own rules (ConsoleKit's `ChartStyles`) come first, so the
/// console's rules after them win.
enum ConsoleStylesheet {
    static let text = ChartStyles.css + "\n" + """
        :root { --ink: #1d1d1b; --muted: #505a5f; --line: #b1b4b6; --accent: #1d4f91; --focus: #ffbf47;
                --green: #00703c; --amber: #8a5300; --amber-bg: #ffdd8a; --red: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink);
               background: #fff; line-height: 1.4; }
        .banner { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: 0.75rem 1.5rem;
                  background: var(--accent); color: #fff; }
        .brand { font-weight: 700; }
        .banner nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        .banner a { color: #fff; }
        .sign-out { margin-left: auto; display: flex; align-items: center; gap: 0.5rem; }
        main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
        h1 { font-size: 1.75rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; }
        a:focus, button:focus, input:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 1px; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; min-width: 40rem; }
        caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
        td { font-variant-numeric: tabular-nums; }
        thead th { border-bottom: 2px solid var(--ink); }
        figure { margin: 0 0 1.5rem; }
        table.chart-data { min-width: 0; }
        figcaption { color: var(--muted); font-size: 0.9rem; }
        .rag { display: inline-block; padding: 0 0.4rem; border-radius: 0.2rem; font-weight: 700; border: 1px solid currentColor; }
        .rag-green { color: #fff; background: var(--green); }
        .rag-amber { color: #000; background: var(--amber-bg); border-color: var(--amber); }
        .rag-red { color: #fff; background: var(--red); }
        .rag-none { color: var(--muted); }
        details { display: inline-block; margin-left: 0.3rem; font-size: 0.85rem; color: var(--muted); }
        details summary { cursor: pointer; }
        form.period, form.sign-in { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 1rem; }
        form.sign-in { flex-direction: column; align-items: flex-start; max-width: 30rem; }
        input[type=password], input[type=text] { width: 100%; padding: 0.4rem; font: inherit; }
        button { font: inherit; padding: 0.3rem 0.8rem; }
        .error { border-left: 5px solid var(--red); padding: 0.5rem 1rem; background: #fdf0ef; }
        .note { color: var(--muted); }
        @media print {
            @page { size: A4; margin: 15mm; }
            .banner nav, .sign-out, form.period, .downloads { display: none; }
            .banner { background: none; color: #000; padding: 0; }
            main { padding: 0; max-width: none; }
            table { min-width: 0; width: 100%; font-size: 9pt; page-break-inside: avoid; }
            .rag { border: 1px solid #000; }
            details > *:not(summary) { display: block; }
        }
        """
}
