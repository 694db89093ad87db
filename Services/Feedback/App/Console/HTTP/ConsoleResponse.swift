import HTTP

/// The console's responses: HTML pages, redirects after a form, and the stylesheet.
enum ConsoleResponse {
    static func html(_ document: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Content-Type"] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: Array(document.utf8))
    }

    /// 303 See Other: after a form the browser fetches `location` with GET.
    static func redirect(_ location: String, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Location"] = location
        return Response(status: HTTPStatus(code: 303), headers: headers)
    }

    static func csv(_ text: String, filename: String) -> Response {
        Response(headers: ["Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=\"\(filename)\""],
                 body: Array(text.utf8))
    }

    static func stylesheet() -> Response {
        Response(headers: ["Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=300"], body: Array(ConsoleStylesheet.text.utf8))
    }
}
