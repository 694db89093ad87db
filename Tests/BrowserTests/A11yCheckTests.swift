import Testing
import TestSupport

/// The accessibility checker alone, on HTML written here: no browser needed.
@Suite struct A11yCheckTests {
    static func page(_ body: String, lang: String = #" lang="en""#) -> String {
        "<!DOCTYPE html><html\(lang)><head><title>t</title></head><body>\(body)</body></html>"
    }

    @Test func aGoodPagePasses() {
        let html = Self.page("""
            <h1>Overview</h1>
            <form><label for="from">From</label><input id="from" name="from" type="date">
            <label>Team <select name="team"><option>A</option></select></label>
            <textarea aria-label="Reason" name="reason"></textarea>
            <input type="hidden" name="csrf" value="x"><input type="submit" value="Go"></form>
            <table><tr><th scope="col">Team</th></tr><tr><td>A</td></tr></table>
            <svg role="img" aria-labelledby="c-t"><title id="c-t">Chart</title><rect/></svg>
            <img src="/logo.png" alt=""><span class="rag rag-red">Red</span>
            <script>if (a < b && c > d) { document.write("<h1>") }</script>
            """)
        #expect(A11yCheck.problems(html: html) == [])
    }

    @Test func eachRuleNamesTheElement() {
        let html = Self.page("""
            <h1>One</h1><h1>Two</h1>
            <input name="q"><select id="s"></select><label for="other">x</label><textarea name="t"></textarea>
            <table class="figures"><tr><td>1</td></tr></table>
            <svg class="chart"><rect/></svg><svg role="img"><title> </title></svg>
            <img src="x.png"><td class="rag-amber" title="Amber"></td><span class="status rag-green"><i></i></span>
            """, lang: "")
        #expect(A11yCheck.problems(html: html) == [
            "<html> has no lang attribute",
            "2 <h1> elements; a page needs exactly one",
            #"<input name="q"> has no label"#,
            #"<select id="s"> has no label"#,
            #"<textarea name="t"> has no label"#,
            #"<table class="figures"> has no <th> header cells"#,
            #"<svg class="chart"> lacks role="img""#,
            #"<svg class="chart"> has no <title> or aria-label: no text alternative"#,
            #"<svg> has no <title> or aria-label: no text alternative"#,
            #"<img> has no alt attribute"#,
            #"<td class="rag-amber"> shows a RAG status by colour only: it has no text"#,
            #"<span class="status rag-green"> shows a RAG status by colour only: it has no text"#,
        ])
    }

    @Test func labelledByMustNameAnElementOfThePage() {
        let html = Self.page(#"<h1>x</h1><input aria-labelledby="nowhere" name="a"><p id="here">B</p><input aria-labelledby="here" name="b">"#)
        #expect(A11yCheck.problems(html: html) == [#"<input name="a"> has no label"#])
    }

    @Test func noHTMLAtAllIsReported() {
        #expect(A11yCheck.problems(html: "just text") == ["no <html> element", "0 <h1> elements; a page needs exactly one"])
    }
}
