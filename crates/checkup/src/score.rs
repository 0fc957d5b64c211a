//! internet.nl's scoring model: within a theme, the points earned over the
//! points possible; overall, the plain mean of the themes, each weighing the
//! same whatever its number of checks. A theme with nothing scored is left
//! out rather than counted as zero or as full.
//!
//! The items are open: the automated checks give 0–10 points each, and a
//! questionnaire can add its answers (points × weight over maximum × weight)
//! under its own themes before scoring the whole.

use serde::{Deserialize, Serialize};

/// One scored thing: a check, or an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreItem {
    pub theme: String,
    pub earned: u32,
    pub max: u32,
}

/// One theme's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeScore {
    pub theme: String,
    pub earned: u32,
    pub max: u32,
    /// `earned / max` in percent, one decimal.
    pub percent: f64,
}

/// Every theme's score and the overall one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scores {
    /// In the order the themes first appear.
    pub themes: Vec<ThemeScore>,
    /// The mean of the themes' percentages; `None` when nothing was scored.
    pub overall: Option<f64>,
}

impl Scores {
    pub fn theme(&self, theme: &str) -> Option<&ThemeScore> {
        self.themes.iter().find(|t| t.theme == theme)
    }
}

/// Scores the items. Items with `max` 0 count for nothing.
pub fn score(items: impl IntoIterator<Item = ScoreItem>) -> Scores {
    let mut themes: Vec<ThemeScore> = Vec::new();
    for item in items.into_iter().filter(|i| i.max > 0) {
        let earned = item.earned.min(item.max);
        match themes.iter_mut().find(|t| t.theme == item.theme) {
            Some(t) => {
                t.earned += earned;
                t.max += item.max;
            }
            None => themes.push(ThemeScore { theme: item.theme, earned, max: item.max, percent: 0.0 }),
        }
    }
    for t in &mut themes {
        t.percent = round1(f64::from(t.earned) * 100.0 / f64::from(t.max));
    }
    let overall = (!themes.is_empty()).then(|| {
        round1(themes.iter().map(|t| f64::from(t.earned) * 100.0 / f64::from(t.max)).sum::<f64>() / themes.len() as f64)
    });
    Scores { themes, overall }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(theme: &str, earned: u32, max: u32) -> ScoreItem {
        ScoreItem { theme: theme.into(), earned, max }
    }

    #[test]
    fn themes_weigh_the_same_whatever_their_size() {
        // internet.nl's own example: 30/40 and 100/100 give 87.5 %, not 92 %.
        let scores = score([item("a", 30, 40), item("b", 100, 100)]);
        assert_eq!(scores.theme("a").unwrap().percent, 75.0);
        assert_eq!(scores.overall, Some(87.5));
    }

    #[test]
    fn nothing_scored_gives_no_overall() {
        assert_eq!(score([]), Scores { themes: vec![], overall: None });
        assert_eq!(score([item("a", 0, 0)]).overall, None);
    }

    #[test]
    fn a_theme_without_items_is_left_out_not_zero() {
        let scores = score([item("mail", 10, 10), item("web", 0, 0)]);
        assert_eq!(scores.themes.len(), 1);
        assert_eq!(scores.overall, Some(100.0));
    }

    #[test]
    fn all_failed_is_zero_and_points_never_exceed_the_maximum() {
        assert_eq!(score([item("a", 0, 10), item("a", 0, 10)]).overall, Some(0.0));
        assert_eq!(score([item("a", 50, 10)]).overall, Some(100.0));
    }

    #[test]
    fn items_add_up_within_a_theme_and_round_to_one_decimal() {
        let scores = score([item("a", 10, 10), item("a", 2, 10), item("a", 0, 10), item("b", 1, 3)]);
        let a = scores.theme("a").unwrap();
        assert_eq!((a.earned, a.max, a.percent), (12, 30, 40.0));
        assert_eq!(scores.theme("b").unwrap().percent, 33.3);
        // (40 + 33.333…) / 2, rounded once at the end.
        assert_eq!(scores.overall, Some(36.7));
    }

    #[test]
    fn questionnaire_weights_are_points_times_weight() {
        // An answer worth 1 of 2 with weight 3, beside an automated check.
        let scores = score([item("passwords", 3, 6), item("mail", 10, 10)]);
        assert_eq!(scores.overall, Some(75.0));
        assert_eq!(scores.themes[0].theme, "passwords");
    }
}
