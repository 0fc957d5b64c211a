//! OFX (Open Financial Exchange) bank and credit card statements.
//!
//! One reader for both versions: 1.x is SGML whose leaf elements are not
//! closed (`<TRNAMT>-12.50` and a line end), after a header of `KEY:VALUE`
//! lines; 2.x is the same tree in XML, every element closed. Banks' files of
//! either version are often neither valid SGML nor valid XML (unescaped `&`,
//! an empty `<MEMO>` left open, a 1.x header over closed tags), so the
//! reader is tolerant: an element is a leaf when text or its own end tag
//! follows it, an aggregate when another tag follows and its name is closed
//! somewhere in the file, otherwise an empty leaf; an end tag closes every
//! element opened since the one it names, and one that names nothing open is
//! ignored. Tag names are compared in upper case.
//!
//! Read, for each `STMTRS` (bank) or `CCSTMTRS` (card) statement:
//!
//! - `CURDEF`, the account's currency; `BANKACCTFROM/ACCTID` or
//!   `CCACCTFROM/ACCTID`, the account;
//! - each `STMTTRN`: `DTPOSTED` the booking date, `DTAVAIL` the value date,
//!   `TRNAMT` the signed amount (either decimal separator: French banks
//!   write `-12,50`), `FITID` the bank's id, `NAME` (or `PAYEE/NAME`) and
//!   `MEMO` the label, `CHECKNUM` or else `REFNUM` the reference, and
//!   `CURRENCY/CURSYM`, which means the amount is in that currency (refused
//!   when it is not the account's; `ORIGCURRENCY` only tells where a
//!   converted amount came from, and is accepted);
//! - `LEDGERBAL` (`BALAMT`, `DTASOF`), the closing balance.
//!
//! Dates are `YYYYMMDD`, possibly followed by a time and a time zone, which
//! are left out.

use std::collections::HashSet;

use crate::amount;
use crate::dates::iso_prefix;
use crate::statement::{Builder, collapse_spaces};
use crate::text::{LineIndex, decode};
use crate::{Balance, Format, Line, Problem, Reason, Statement};

/// Elements deeper than this are read as if they were at this depth: OFX
/// nests about ten deep, and a bound keeps a hostile file of endlessly
/// nested tags from making each end tag search a long stack.
const MAX_DEPTH: usize = 32;

pub(crate) fn read(bytes: &[u8]) -> Result<Statement, Vec<Problem>> {
    let text = decode(bytes);
    let root = tree(&text);
    let mut b = Builder::new(Format::Ofx);
    let mut statements = Vec::new();
    root.find_all(&["STMTRS", "CCSTMTRS"], &mut statements);
    if statements.is_empty() {
        b.problem(0, "", Reason::NotAStatement, "OFX without a bank or card statement (STMTRS)");
    }
    for statement in statements {
        read_statement(&mut b, statement);
    }
    b.finish()
}

fn read_statement(b: &mut Builder, statement: &Node) {
    if let Some(curdef) = statement.child("CURDEF") {
        b.account_currency(curdef.line, "CURDEF", curdef.text());
    }
    let account = statement.path(&["BANKACCTFROM", "ACCTID"]).or_else(|| statement.path(&["CCACCTFROM", "ACCTID"]));
    if let Some(account) = account {
        b.account(account.line, "ACCTID", account.text());
    }
    b.open_block(statement.line, None);
    let mut transactions = Vec::new();
    statement.find_all(&["STMTTRN"], &mut transactions);
    for transaction in transactions {
        if let Some(line) = read_transaction(b, transaction)
            && !b.push(line)
        {
            return;
        }
    }
    let closing = statement.child("LEDGERBAL").and_then(|ledger| {
        let date = day(b, ledger, "DTASOF", true);
        let cents = cents(b, ledger, "BALAMT");
        Some(Balance { date: date??, cents: cents? })
    });
    b.close_block(statement.child("LEDGERBAL").map_or(statement.line, |l| l.line), closing);
}

fn read_transaction(b: &mut Builder, t: &Node) -> Option<Line> {
    let date = day(b, t, "DTPOSTED", true);
    let value_date = day(b, t, "DTAVAIL", false);
    let cents = cents(b, t, "TRNAMT");
    if let Some(cursym) = t.path(&["CURRENCY", "CURSYM"]) {
        b.amount_currency(cursym.line, "CURRENCY", cursym.text());
    }
    let name =
        t.child("NAME").or_else(|| t.path(&["PAYEE", "NAME"])).map_or(String::new(), |n| collapse_spaces(n.text()));
    let memo = t.child("MEMO").map_or(String::new(), |n| collapse_spaces(n.text()));
    let label = if memo.is_empty() || name.contains(&memo) {
        name
    } else if name.is_empty() || memo.contains(&name) {
        memo
    } else {
        format!("{name} {memo}")
    };
    let given = |tag: &str| t.child(tag).map(|n| n.text().trim().to_string()).filter(|v| !v.is_empty());
    Some(Line {
        at: t.line,
        date: date??,
        value_date: value_date?,
        cents: cents?,
        label,
        reference: given("CHECKNUM").or_else(|| given("REFNUM")),
        bank_id: given("FITID"),
        occurrence: 0,
    })
}

/// A date leaf: `Some(None)` when absent (a problem if `required`), `None`
/// when it is there but no date.
fn day(b: &mut Builder, parent: &Node, tag: &str, required: bool) -> Option<Option<domain::Date>> {
    let Some(node) = parent.child(tag).filter(|n| !n.text().trim().is_empty()) else {
        if required {
            b.problem(parent.line, tag, Reason::MissingField, "");
        }
        return Some(None);
    };
    match iso_prefix(node.text()) {
        Some(date) => Some(Some(date)),
        None => {
            b.problem(node.line, tag, Reason::BadDate, node.text());
            None
        }
    }
}

/// An amount leaf, required.
fn cents(b: &mut Builder, parent: &Node, tag: &str) -> Option<i64> {
    let Some(node) = parent.child(tag).filter(|n| !n.text().trim().is_empty()) else {
        b.problem(parent.line, tag, Reason::MissingField, "");
        return None;
    };
    let cents = amount::parse(node.text(), None);
    if cents.is_none() {
        b.problem(node.line, tag, Reason::BadAmount, node.text());
    }
    cents
}

/// An element: a leaf has a value, an aggregate children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    /// The line of its start tag.
    line: usize,
    value: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn path(&self, names: &[&str]) -> Option<&Node> {
        names.iter().try_fold(self, |node, name| node.child(name))
    }

    /// Every element named one of `names` under this one, in the order of
    /// the file (not looking inside those found).
    fn find_all<'a>(&'a self, names: &[&str], out: &mut Vec<&'a Node>) {
        for child in &self.children {
            if names.contains(&child.name.as_str()) {
                out.push(child);
            } else {
                child.find_all(names, out);
            }
        }
    }
}

enum Token {
    Open(String, usize),
    Close(String),
    Text(String),
}

/// The elements of an OFX file, under a nameless root.
fn tree(text: &str) -> Node {
    let tokens = tokenize(text);
    let closed: HashSet<&str> =
        tokens.iter().filter_map(|t| if let Token::Close(name) = t { Some(name.as_str()) } else { None }).collect();
    // The open elements, innermost last, each marked leaf or not.
    let mut stack: Vec<(Node, bool)> = vec![(Node::default(), false)];
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open(name, line) => {
                if stack.last().is_some_and(|(_, leaf)| *leaf) || stack.len() > MAX_DEPTH {
                    close_top(&mut stack);
                }
                let next = tokens[i + 1..].iter().find(|t| !matches!(t, Token::Text(s) if s.trim().is_empty()));
                let leaf = match next {
                    Some(Token::Text(_)) => true,
                    Some(Token::Close(n)) if n == name => true,
                    Some(Token::Open(..)) => !closed.contains(name.as_str()),
                    _ => true,
                };
                stack.push((
                    Node { name: name.clone(), line: *line, value: leaf.then(String::new), children: Vec::new() },
                    leaf,
                ));
            }
            Token::Text(text) => {
                if let Some((node, true)) = stack.last_mut()
                    && let Some(value) = &mut node.value
                {
                    value.push_str(text);
                }
            }
            Token::Close(name) => {
                if stack.iter().skip(1).any(|(node, _)| node.name == *name) {
                    while let Some(done) = close_top(&mut stack) {
                        if done == *name {
                            break;
                        }
                    }
                }
            }
        }
    }
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    stack.pop().map(|(root, _)| root).unwrap_or_default()
}

/// Ends the innermost open element, adding it to its parent; its name.
fn close_top(stack: &mut Vec<(Node, bool)>) -> Option<String> {
    if stack.len() < 2 {
        return None;
    }
    let (mut node, _) = stack.pop()?;
    if let Some(value) = &mut node.value {
        *value = value.trim().to_string();
    }
    let name = node.name.clone();
    stack.last_mut()?.0.children.push(node);
    Some(name)
}

/// Start tags (with their line), end tags and text (entities replaced);
/// processing instructions, declarations and comments are left out.
fn tokenize(text: &str) -> Vec<Token> {
    let lines = LineIndex::new(text);
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    let mut text_from = 0;
    while pos < bytes.len() {
        if bytes[pos] != b'<' {
            pos += 1;
            continue;
        }
        let rest = &text[pos..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<?") || rest.starts_with("<!") || rest.starts_with("</") {
            rest.find('>').map(|e| e + 1)
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest.find('>').map(|e| e + 1)
        } else {
            // A `<` that starts no tag is text.
            pos += 1;
            continue;
        };
        let end = end.unwrap_or(rest.len());
        if text_from < pos {
            tokens.push(Token::Text(unescape(&text[text_from..pos])));
        }
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix("</") {
            tokens.push(Token::Close(tag_name(name)));
        } else if !tag.starts_with("<?") && !tag.starts_with("<!") {
            let name = tag_name(&tag[1..]);
            tokens.push(Token::Open(name.clone(), lines.line_of(pos)));
            if tag.ends_with("/>") {
                tokens.push(Token::Close(name));
            }
        }
        pos += end;
        text_from = pos;
    }
    if text_from < bytes.len() {
        tokens.push(Token::Text(unescape(&text[text_from..])));
    }
    tokens
}

/// The name at the start of a tag's inside, upper case.
fn tag_name(inside: &str) -> String {
    inside
        .chars()
        .take_while(|c| !(c.is_whitespace() || *c == '>' || *c == '/'))
        .collect::<String>()
        .to_ascii_uppercase()
}

/// XML's five entities and character references replaced; anything else
/// (a bare `&`, as SGML files have) kept as it is.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let replaced = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity.strip_prefix('#').and_then(|n| {
                    match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    }
                    .and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, semi))
        });
        match replaced {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgml_leaves_close_themselves_and_empty_ones_too() {
        let root = tree(
            "<OFX><STMTTRN><MEMO><NAME>Caf&eacute; M&amp;M & co<TRNAMT>-1.5\n</STMTTRN>\n<STMTTRN><NAME>B</NAME></STMTTRN></OFX>",
        );
        let ofx = root.child("OFX").unwrap();
        let first = &ofx.children[0];
        assert_eq!(first.child("MEMO").unwrap().text(), "");
        assert_eq!(first.child("NAME").unwrap().text(), "Caf&eacute; M&M & co");
        assert_eq!(first.child("TRNAMT").unwrap().text(), "-1.5");
        assert_eq!(ofx.children[1].child("NAME").unwrap().text(), "B");
    }

    #[test]
    fn a_whole_file_on_one_line_and_a_hostile_nesting() {
        let root = tree(
            "<OFX><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><TRNAMT>1<NAME>a</STMTTRN></BANKTRANLIST></STMTRS></OFX>",
        );
        let statement = root.path(&["OFX", "STMTRS"]).unwrap();
        assert_eq!(statement.child("CURDEF").unwrap().text(), "EUR");
        assert_eq!(statement.path(&["BANKTRANLIST", "STMTTRN", "NAME"]).unwrap().text(), "a");

        let hostile = "<A>".repeat(100_000) + &"</B>".repeat(100_000) + "</A>";
        let started = std::time::Instant::now();
        tree(&hostile);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn character_references() {
        assert_eq!(unescape("&#233;t&#xE9; &lt;b&gt; &unknown; &"), "été <b> &unknown; &");
    }
}
