//! Just enough HTML: the URLs a browser would load from a page without
//! running its scripts (scripts, images, frames, stylesheets, media, objects).
//! Comments are skipped; nothing else of the page is interpreted.

/// Attribute values that load something, by tag.
const LOADING: &[(&str, &[&str])] = &[
    ("script", &["src"]),
    ("img", &["src", "srcset"]),
    ("iframe", &["src"]),
    ("frame", &["src"]),
    ("link", &["href"]),
    ("source", &["src", "srcset"]),
    ("video", &["src", "poster"]),
    ("audio", &["src"]),
    ("embed", &["src"]),
    ("object", &["data"]),
    ("track", &["src"]),
    ("input", &["src"]),
];

/// The URLs, as written (relative ones too), in page order.
pub(crate) fn resources(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = page.as_bytes();
    let mut i = 0;
    while let Some(at) = page[i..].find('<') {
        let start = i + at;
        if page[start..].starts_with("<!--") {
            i = page[start..].find("-->").map_or(page.len(), |end| start + end + 3);
            continue;
        }
        let end = tag_end(bytes, start + 1);
        let tag = &page[start + 1..end];
        i = end.max(start + 1);
        let name_len = tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        let Some((_, wanted)) = LOADING.iter().find(|(t, _)| *t == name) else { continue };
        let attributes = attributes(&tag[name_len..]);
        if name == "link" {
            // Links to other pages (`canonical`, `alternate`) load nothing.
            let rel =
                attributes.iter().find(|(k, _)| k == "rel").map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
            let loads = [
                "stylesheet",
                "icon",
                "preload",
                "prefetch",
                "preconnect",
                "dns-prefetch",
                "modulepreload",
                "manifest",
            ];
            if !rel.split_whitespace().any(|r| loads.contains(&r)) {
                continue;
            }
        }
        for (key, value) in attributes {
            if !wanted.contains(&key.as_str()) || value.trim().is_empty() {
                continue;
            }
            if key == "srcset" {
                out.extend(value.split(',').filter_map(|c| c.split_whitespace().next()).map(str::to_string));
            } else {
                out.push(value.trim().to_string());
            }
        }
        // A script's or a style's text is not markup.
        if (name == "script" || name == "style") && !tag.ends_with('/') {
            let close = format!("</{name}");
            i = find_ci(page, i, &close).unwrap_or(page.len());
        }
    }
    out
}

/// The index of the `>` closing a tag that starts at `from`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i,
            _ => {}
        }
    }
    bytes.len()
}

fn find_ci(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let lower = haystack.get(from..)?.to_ascii_lowercase();
    lower.find(needle).map(|at| from + at)
}

/// `name="value" other='x' bare` → pairs, names lower-cased.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_len = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    rest = after.get(close + 1..).unwrap_or("");
                    after[1..close].to_string()
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    rest = &after[end..];
                    after[..end].to_string()
                }
            }
        } else {
            String::new()
        };
        if name.is_empty() {
            // Something odd (`<a ="x">`): skip a character and go on.
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        out.push((name, value.replace("&amp;", "&")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_browser_loads() {
        let page = r#"<!doctype html><html><head>
            <link rel="stylesheet" href="/style.css"><link rel=canonical href="https://exemple.fr/">
            <LINK REL="preconnect" HREF="https://fonts.gstatic.com">
            <script async src='https://www.googletagmanager.com/gtag/js?id=G-1&amp;l=x'></script>
            <script>var s = "<img src='https://not-loaded.example/'>";</script>
            <!-- <script src="https://commented.example/x.js"></script> -->
            </head><body><a href="https://elsewhere.example/">lien</a>
            <img alt="a > b" src="logo.png" srcset="logo-2x.png 2x, https://cdn.example/logo-3x.png 3x">
            <iframe src="https://www.youtube.com/embed/xyz" allowfullscreen></iframe></body></html>"#;
        assert_eq!(
            resources(page),
            [
                "/style.css",
                "https://fonts.gstatic.com",
                "https://www.googletagmanager.com/gtag/js?id=G-1&l=x",
                "logo.png",
                "logo-2x.png",
                "https://cdn.example/logo-3x.png",
                "https://www.youtube.com/embed/xyz",
            ]
        );
    }

    #[test]
    fn odd_markup_does_not_panic() {
        for page in ["<", "<img src=", "<img src='x", "<script>", "<!--", "<a =x>", "<img src=\"é\">", "<<<>>>"] {
            let _ = resources(page);
        }
        assert_eq!(resources("<img src=\"é.png\">"), ["é.png"]);
    }
}
