import ConsoleKit
import Testing

@Suite struct HTMLTests {
    @Test func escapesTextAndAttributes() {
        #expect(HTML.escape(#"<a href="x" title='y'>Tom & Jerry</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(HTML.escape("tab\tline\nnul\u{0}bell\u{7}") == "tab\tline\nnul\u{FFFD}bell\u{FFFD}")
        #expect(HTML.escape("Zürich – 東京 🚓") == "Zürich – 東京 🚓")
    }

    @Test func builderEscapesValuesAndContent() {
        let built = HTML.element("p", [("class", #"a" onclick="x"#)], [HTML(text: "<script>"), .void("br")])
        #expect(built.markup == #"<p class="a&quot; onclick=&quot;x">&lt;script&gt;<br></p>"#)
    }
}
