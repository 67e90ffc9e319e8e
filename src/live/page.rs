//! What the live preview adds to the deck's page: a script that listens to
//! the server's events, and the events themselves.

/// Where pages listen for events.
pub const EVENTS: &str = "/_deck/events";

const SCRIPT: &str = include_str!("reload.js");

/// The deck's HTML with the live-reload script before `</body>`, and its
/// Content-Security-Policy widened to let that script run and listen.
pub fn with_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let code = code(generation);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + code.len() + 200);
    let policy = crate::export::html::POLICY_START.as_bytes();
    let mut from = 0;
    if let Some(start) = find(&html[..at], policy)
        && let Some(end) = find(&html[start..at], b">").map(|e| start + e + 1)
    {
        page.extend_from_slice(&html[..start]);
        page.extend_from_slice(crate::export::html::policy_with(&code).as_bytes());
        from = end;
    }
    page.extend_from_slice(&html[from..at]);
    page.extend_from_slice(b"<script>");
    page.extend_from_slice(code.as_bytes());
    page.extend_from_slice(b"</script>\n");
    page.extend_from_slice(&html[at..]);
    page
}

/// The page served before the first good build: the reload script shows
/// the errors and reloads when the deck builds.
pub fn waiting(generation: u64) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>deck: waiting for a good build</title>\n</head>\n<body>\n<p>The deck has not built yet.</p>\n<script>{}</script>\n</body>\n</html>\n",
        code(generation)
    )
    .into_bytes()
}

/// The reload script's text: its hash goes into the page's policy.
fn code(generation: u64) -> String {
    format!("\nconst deckLiveGeneration = {generation};\n{SCRIPT}")
}

/// The start of an event stream: how soon to reconnect, the current
/// generation and, when the last build failed, its errors.
pub fn hello(generation: u64, error: Option<&str>) -> String {
    let mut text = String::from("retry: 500\n\n");
    text.push_str(&event("hello", &generation.to_string()));
    if let Some(error) = error {
        text.push_str(&failed(error));
    }
    text
}

/// Tells pages that a new good build is served.
pub fn reload(generation: u64) -> String {
    event("reload", &generation.to_string())
}

/// Tells pages why the latest build failed.
pub fn failed(message: &str) -> String {
    event("failed", message)
}

fn event(name: &str, data: &str) -> String {
    let mut text = format!("event: {name}\n");
    // An event stream ends a line at CR, LF or CR LF: a bare CR inside a
    // line of `data` (a message quoting a file saved with old Mac line
    // ends) would end the field and the event with it.
    let data = data.replace("\r\n", "\n");
    for line in data.trim_end().split(['\n', '\r']) {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    if data.trim_end().is_empty() {
        text.push_str("data:\n");
    }
    text.push('\n');
    text
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_carry_multiline_data_one_line_per_field() {
        assert_eq!(failed("error: a\n  | b\n"), "event: failed\ndata: error: a\ndata:   | b\n\n");
        assert_eq!(reload(3), "event: reload\ndata: 3\n\n");
        // A bare CR is a line end to the browser: it starts a data field of its own.
        assert_eq!(failed("error: a\rb\r\nc"), "event: failed\ndata: error: a\ndata: b\ndata: c\n\n");
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = String::from_utf8(with_reload(b"<body><p>&lt;/body&gt;</p></body></html>", 7)).unwrap_or_default();
        assert!(page.starts_with("<body><p>&lt;/body&gt;</p><script>\nconst deckLiveGeneration = 7;"), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
