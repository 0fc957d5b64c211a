//! The association's own member fields on forms and pages: inputs by kind,
//! values kept when a form is refused, and values as people read them.

use crate::auth::Posted;
use crate::i18n::Tr;
use crate::pages::FormState;
use domain::fields::Kind;
use store::fields::FieldRow;

/// One custom field on a form.
pub struct Input {
    /// `field-{id}`: the form field and the error's key.
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub required: bool,
    /// For choices: each choice and whether it is chosen.
    pub choices: Vec<(String, bool)>,
}

/// The inputs of `fields`, with the values of `f` (stored values are one per line).
pub fn inputs(fields: &[FieldRow], f: &FormState) -> Vec<Input> {
    fields
        .iter()
        .map(|row| {
            let spec = row.spec();
            let name = format!("field-{}", row.id);
            let current: Vec<&str> = f.v(&name).lines().collect();
            Input {
                choices: spec.choices.iter().map(|c| (c.clone(), current.contains(&c.as_str()))).collect(),
                label: spec.label,
                kind: spec.kind.code(),
                required: spec.required,
                name,
            }
        })
        .collect()
}

/// Puts stored values in a form state, for an edit form.
pub fn fill(f: &mut FormState, values: &[(i64, String)]) {
    for (id, v) in values {
        f.set(&format!("field-{id}"), v.clone());
    }
}

/// Checks the posted values of `fields`: the values to store, or the form
/// state errors added (the typed values are kept either way).
pub fn check(tr: &Tr, fields: &[FieldRow], posted: &Posted, f: &mut FormState) -> Option<Vec<(i64, String)>> {
    let specs: Vec<(i64, domain::fields::FieldSpec)> = fields.iter().map(|r| (r.id, r.spec())).collect();
    for (id, _) in &specs {
        let name = format!("field-{id}");
        f.set(&name, posted.all(&name).join("\n"));
    }
    match domain::fields::check_all(&specs, |id| posted.all(&format!("field-{id}"))) {
        Ok(values) => Some(values),
        Err(errors) => {
            for (id, key) in errors {
                f.error(tr, &format!("field-{id}"), key);
            }
            None
        }
    }
}

/// A stored value as people read it.
pub fn display(tr: &Tr, row: &FieldRow, value: &str) -> String {
    match Kind::from_code(&row.kind) {
        Some(Kind::YesNo) => tr.t(if value == "yes" { "yes" } else { "no" }),
        Some(Kind::Date) => tr.date(value),
        Some(Kind::Multiple) => value.lines().collect::<Vec<_>>().join(", "),
        _ => value.to_string(),
    }
}

/// (label, value as read) for each field with a value, in form order.
pub fn shown(tr: &Tr, fields: &[FieldRow], values: &[(i64, String)]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter_map(|row| {
            let v = values.iter().find(|(id, _)| *id == row.id)?;
            Some((row.label.clone(), display(tr, row, &v.1)))
        })
        .collect()
}
